/*
 * test-split.c: unit tests for the statement splitter (split.c): where
 * split_sql() cuts SQL text into statements, what it keeps of each and the
 * line each statement starts on.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/*
 * Split text (first line first_line) and render the statements as
 * "[sql]" one after the other; *lines receives "L1,L2,...".  Caller
 * frees both.
 */
static char *
split_render(const char *text, int first_line, char **lines)
{
	struct split_stmt	*st = NULL;
	struct buf		 b, l;
	size_t			 n, i;

	n = split_sql(text, strlen(text), first_line, &st);
	buf_init(&b);
	buf_init(&l);
	for (i = 0; i < n; i++) {
		buf_printf(&b, "[%.*s]", (int)st[i].len, text + st[i].off);
		buf_printf(&l, "%s%d", i == 0 ? "" : ",", st[i].line);
	}
	free(st);
	if (lines != NULL)
		*lines = buf_detach(&l);
	else
		buf_free(&l);
	return buf_detach(&b);
}

/* One check: text splits into exactly want ("[a][b]"). */
static void
splits(const char *text, const char *want, const char *desc)
{
	char	*got;

	got = split_render(text, 1, NULL);
	is_str(got, want, desc);
	free(got);
}

/* One check: the statements of text start on these lines. */
static void
split_lines(const char *text, int first_line, const char *want,
    const char *desc)
{
	char	*got, *lines;

	got = split_render(text, first_line, &lines);
	is_str(lines, want, desc);
	free(got);
	free(lines);
}

static void
test_basics(void)
{
	struct split_stmt	*st = NULL;
	size_t			 n;

	n = split_sql("", 0, 1, &st);
	is_int((long long)n, 0, "empty text: no statement");
	free(st);
	splits("SELECT 1", "[SELECT 1]",
	    "no trailing ';' on the last statement");
	splits("SELECT 1;", "[SELECT 1]",
	    "the ';' is not part of the statement");
	splits("SELECT 1; SELECT 2;\nSELECT 3",
	    "[SELECT 1][SELECT 2][SELECT 3]",
	    "three statements, the last without ';'");
	splits("  \n\tSELECT 1  \n ;  ", "[SELECT 1]",
	    "white space around a statement is dropped");
	splits(";;SELECT 1;;; ;\n;SELECT 2;;", "[SELECT 1][SELECT 2]",
	    "empty statements are dropped");
	splits(" ; ;\n", "", "only semicolons: no statement");
	splits("-- nothing here\n/* or here */\n", "",
	    "only comments: no statement");
	splits("SELECT\n  a,\n  b\nFROM t;", "[SELECT\n  a,\n  b\nFROM t]",
	    "a statement keeps its inner new lines");
}

/* Text with no ';' and no comment is one statement, read without lexing. */
static void
test_one_statement(void)
{
	splits("\n  \t", "", "no ';', only white space: no statement");
	splits("\n  SELECT 'a' || \"b\"  \n\t", "[SELECT 'a' || \"b\"]",
	    "no ';': one statement, white space around it dropped");
	split_lines("\n\n  SELECT 1\n", 7, "9",
	    "no ';': the statement starts after the leading new lines");
	splits("SELECT 1 - -1", "[SELECT 1 - -1]",
	    "no ';': '- -' is no comment");
	splits("-- c\nSELECT 1 --x\n", "[SELECT 1 --x]",
	    "no ';' but line comments: lexed, the leading one dropped");
	splits("/* c */ SELECT 1", "[SELECT 1]",
	    "no ';' but a block comment: lexed, the comment dropped");
	splits("SELECT '/'", "[SELECT '/']", "a lone '/' is no comment");
}

static void
test_quotes(void)
{
	splits("SELECT 'a;b'; SELECT 2", "[SELECT 'a;b'][SELECT 2]",
	    "';' inside a string literal");
	splits("SELECT 'it''s; ok'; SELECT 2", "[SELECT 'it''s; ok'][SELECT 2]",
	    "'' inside a string literal is an escaped quote");
	splits("SELECT '''';SELECT ''", "[SELECT ''''][SELECT '']",
	    "strings made only of quotes");
	splits("SELECT \"a;b\" FROM t; SELECT 2",
	    "[SELECT \"a;b\" FROM t][SELECT 2]",
	    "';' inside a \"quoted\" identifier");
	splits("SELECT \"x\"\";y\" FROM t; SELECT 2",
	    "[SELECT \"x\"\";y\" FROM t][SELECT 2]",
	    "\"\" inside a quoted identifier");
	splits("SELECT `a;b` FROM t; SELECT 2",
	    "[SELECT `a;b` FROM t][SELECT 2]",
	    "';' inside a `backquoted` identifier");
	splits("SELECT E'it\\'s; ok'; SELECT 2",
	    "[SELECT E'it\\'s; ok'][SELECT 2]",
	    "E'...' strings take backslash escapes");
	splits("SELECT e'a\\\\'; SELECT 2", "[SELECT e'a\\\\'][SELECT 2]",
	    "e'...' with an escaped backslash before the closing quote");
	splits("SELECT 'a\\'; SELECT 2", "[SELECT 'a\\'][SELECT 2]",
	    "a backslash in a standard string is an ordinary character");
	splits("SELECT name'; x'", "[SELECT name'; x']",
	    "a quote after a word ending in e is not an E'' string");
	splits("SELECT 'unterminated; SELECT 2",
	    "[SELECT 'unterminated; SELECT 2]",
	    "an unterminated string runs to the end");
}

static void
test_comments(void)
{
	splits("SELECT 1; -- a comment; with a semicolon\nSELECT 2",
	    "[SELECT 1][SELECT 2]", "a -- comment between statements");
	splits("SELECT 1 -- one; two\n + 1; SELECT 2",
	    "[SELECT 1 -- one; two\n + 1][SELECT 2]",
	    "';' inside a -- comment within a statement");
	splits("SELECT 1; -- trailing", "[SELECT 1]",
	    "a comment after the last statement is no statement");
	splits("SELECT /* a; b */ 1; SELECT 2",
	    "[SELECT /* a; b */ 1][SELECT 2]",
	    "';' inside a /* */ comment");
	splits("SELECT /* a /* b; */ 1; SELECT 2",
	    "[SELECT /* a /* b; */ 1][SELECT 2]",
	    "comments do not nest (SQLite and MySQL end at the first */)");
	splits("DELETE FROM t /* see schemas/*.sql */;\nCOMMIT",
	    "[DELETE FROM t /* see schemas/*.sql */][COMMIT]",
	    "a glob inside a comment does not hide the next statement");
	splits("SELECT '--'; SELECT '/*'; SELECT 3",
	    "[SELECT '--'][SELECT '/*'][SELECT 3]",
	    "comment openers inside strings are text");
	splits("SELECT 'a' -- it's\n; SELECT 2",
	    "[SELECT 'a' -- it's][SELECT 2]",
	    "a quote inside a comment opens no string");
	splits("/* header; */ SELECT 1", "[SELECT 1]",
	    "a leading comment is not part of the statement");
}

static void
test_dollar(void)
{
	splits("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ "
	    "LANGUAGE sql; SELECT 2",
	    "[CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ "
	    "LANGUAGE sql][SELECT 2]", "$$ dollar quotes");
	splits("DO $body$ BEGIN RAISE NOTICE 'x;'; END; $body$; SELECT 2",
	    "[DO $body$ BEGIN RAISE NOTICE 'x;'; END; $body$][SELECT 2]",
	    "$tag$ dollar quotes");
	splits("SELECT $a$ $$; $b$ $a$; SELECT 2",
	    "[SELECT $a$ $$; $b$ $a$][SELECT 2]",
	    "other dollar tags inside a $tag$ quote");
	splits("PREPARE p AS SELECT $1, $2; SELECT 3",
	    "[PREPARE p AS SELECT $1, $2][SELECT 3]",
	    "$1 parameters are not dollar quotes");
	splits("SELECT $1 + $2$; SELECT 3", "[SELECT $1 + $2$][SELECT 3]",
	    "$2$ is a parameter followed by a dollar, not a quote");
	splits("SELECT a$b$ FROM t; SELECT 2", "[SELECT a$b$ FROM t][SELECT 2]",
	    "a dollar inside an identifier opens no quote");
	splits("CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n"
	    "  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n"
	    "SELECT 2;",
	    "[CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n"
	    "  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql]"
	    "[SELECT 2]", "a PL/pgSQL body with BEGIN ... END; in $$");
	splits("SELECT $$unterminated; SELECT 2",
	    "[SELECT $$unterminated; SELECT 2]",
	    "an unterminated dollar quote runs to the end");
}

static void
test_routines(void)
{
	splits("CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
	    "  INSERT INTO log VALUES (new.id);\n"
	    "  UPDATE counts SET n = n + 1;\n"
	    "END;\nSELECT 1;",
	    "[CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
	    "  INSERT INTO log VALUES (new.id);\n"
	    "  UPDATE counts SET n = n + 1;\n"
	    "END][SELECT 1]", "SQLite trigger: BEGIN ...; ...; END body");
	splits("create temp trigger if not exists tr before delete on a "
	    "for each row begin select 1; end; select 2",
	    "[create temp trigger if not exists tr before delete on a "
	    "for each row begin select 1; end][select 2]",
	    "lower-case trigger with more words before TRIGGER");
	splits("CREATE TRIGGER tr AFTER UPDATE ON a BEGIN\n"
	    "  UPDATE b SET v = CASE WHEN new.x > 0 THEN 'pos' "
	    "ELSE 'neg' END;\n"
	    "  INSERT INTO c VALUES (CASE new.x WHEN 1 THEN 'one' END);\n"
	    "END;\nSELECT 2",
	    "[CREATE TRIGGER tr AFTER UPDATE ON a BEGIN\n"
	    "  UPDATE b SET v = CASE WHEN new.x > 0 THEN 'pos' "
	    "ELSE 'neg' END;\n"
	    "  INSERT INTO c VALUES (CASE new.x WHEN 1 THEN 'one' END);\n"
	    "END][SELECT 2]", "CASE ... END inside a trigger body");
}

static void
test_procedures(void)
{
	splits("CREATE PROCEDURE p(IN x INT)\nBEGIN\n"
	    "  IF x > 0 THEN\n    INSERT INTO t VALUES (x);\n"
	    "  ELSE\n    INSERT INTO t VALUES (0);\n  END IF;\n"
	    "  WHILE x > 0 DO\n    SET x = x - 1;\n  END WHILE;\n"
	    "  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n"
	    "  l: LOOP LEAVE l; END LOOP;\n"
	    "END;\nCALL p(1);",
	    "[CREATE PROCEDURE p(IN x INT)\nBEGIN\n"
	    "  IF x > 0 THEN\n    INSERT INTO t VALUES (x);\n"
	    "  ELSE\n    INSERT INTO t VALUES (0);\n  END IF;\n"
	    "  WHILE x > 0 DO\n    SET x = x - 1;\n  END WHILE;\n"
	    "  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n"
	    "  l: LOOP LEAVE l; END LOOP;\n"
	    "END][CALL p(1)]",
	    "MySQL procedure: IF/WHILE/REPEAT/LOOP ... END X; in BEGIN END");
	splits("CREATE PROCEDURE p(x INT)\nBEGIN\n"
	    "  CASE x WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;\n"
	    "  SELECT 3;\nEND;\nSELECT 4",
	    "[CREATE PROCEDURE p(x INT)\nBEGIN\n"
	    "  CASE x WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;\n"
	    "  SELECT 3;\nEND][SELECT 4]",
	    "MySQL CASE statement closed by END CASE");
	splits("CREATE FUNCTION f() RETURNS INT DETERMINISTIC\nBEGIN\n"
	    "  BEGIN\n    RETURN 1;\n  END;\nEND;\nSELECT f()",
	    "[CREATE FUNCTION f() RETURNS INT DETERMINISTIC\nBEGIN\n"
	    "  BEGIN\n    RETURN 1;\n  END;\nEND][SELECT f()]",
	    "nested BEGIN ... END blocks");
	splits("CREATE PROCEDURE p()\nBEGIN\n  FOR i IN 1..3 DO\n"
	    "    INSERT INTO t VALUES (i);\n  END FOR;\n  SELECT 2;\n"
	    "END;\nSELECT 3",
	    "[CREATE PROCEDURE p()\nBEGIN\n  FOR i IN 1..3 DO\n"
	    "    INSERT INTO t VALUES (i);\n  END FOR;\n  SELECT 2;\n"
	    "END][SELECT 3]",
	    "MariaDB FOR ... END FOR; inside BEGIN ... END");
	splits("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW "
	    "SET NEW.x = 1; SELECT 2",
	    "[CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW "
	    "SET NEW.x = 1][SELECT 2]",
	    "a trigger without BEGIN ends at its ';'");
	splits("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW "
	    "EXECUTE FUNCTION f(); SELECT 2",
	    "[CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW "
	    "EXECUTE FUNCTION f()][SELECT 2]",
	    "a PostgreSQL trigger calling a function");
	splits("CREATE FUNCTION f() RETURNS INT RETURN (SELECT CASE WHEN 1 "
	    "THEN 2 END); SELECT 3",
	    "[CREATE FUNCTION f() RETURNS INT RETURN (SELECT CASE WHEN 1 "
	    "THEN 2 END)][SELECT 3]",
	    "a function without BEGIN, with CASE ... END in its body");
}

static void
test_not_routines(void)
{
	splits("BEGIN; INSERT INTO t VALUES (1); COMMIT; SELECT 1",
	    "[BEGIN][INSERT INTO t VALUES (1)][COMMIT][SELECT 1]",
	    "a transaction's BEGIN opens no block");
	splits("BEGIN TRANSACTION; END; SELECT 1",
	    "[BEGIN TRANSACTION][END][SELECT 1]",
	    "BEGIN TRANSACTION ... END outside a routine");
	splits("SELECT CASE WHEN 1 THEN 2 END; SELECT 3",
	    "[SELECT CASE WHEN 1 THEN 2 END][SELECT 3]",
	    "CASE ... END outside a routine");
	splits("CREATE TABLE t (a int); CREATE INDEX i ON t (a); SELECT 1",
	    "[CREATE TABLE t (a int)][CREATE INDEX i ON t (a)][SELECT 1]",
	    "CREATE statements that are not routines");
	splits("CREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT 1; END",
	    "[CREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT 1; END]",
	    "a trigger as the last statement, without ';'");
	splits("CREATE TRIGGER tr AFTER INSERT ON a BEGIN "
	    "SELECT ';'; /* ; */ SELECT 2; -- ;\nEND; SELECT 3",
	    "[CREATE TRIGGER tr AFTER INSERT ON a BEGIN "
	    "SELECT ';'; /* ; */ SELECT 2; -- ;\nEND][SELECT 3]",
	    "strings and comments inside a trigger body");
}

static void
test_lines(void)
{
	split_lines("SELECT 1;\n\nSELECT\n  2;\n  -- c\nSELECT 3", 10,
	    "10,12,15", "statements start on the lines of their first word");
	split_lines("SELECT 'a\nb\nc'; SELECT 2;\n/* x\ny */ SELECT 3", 1,
	    "1,3,5", "new lines inside strings and comments are counted");
	split_lines("\n\n\n  SELECT 1", 7, "10",
	    "leading blank lines are skipped");
	split_lines("SELECT $$\n\n$$; SELECT \"a\nb\"; SELECT `c\nd`;\n"
	    "SELECT 4", 1, "1,3,4,6",
	    "new lines inside dollar quotes and identifiers are counted");
	split_lines("CREATE TRIGGER tr AFTER INSERT ON a BEGIN\nSELECT 1;\n"
	    "END;\nSELECT 2", 1, "1,4", "a trigger body spans its lines");
}

int
main(void)
{
	test_basics();
	test_one_statement();
	test_quotes();
	test_comments();
	test_dollar();
	test_routines();
	test_procedures();
	test_not_routines();
	test_lines();
	return done_testing();
}
