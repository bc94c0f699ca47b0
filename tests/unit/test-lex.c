/*
 * test-lex.c: unit tests for the SQL lexer (lex.c): the tokens it cuts
 * from the same kinds of text under each engine's quoting rules (SQLite,
 * PostgreSQL, MySQL/MariaDB, and the rules every engine shares), text
 * that ends at a length rather than a NUL, and names unquoted.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* One letter for a token kind. */
static char
kind_letter(enum lex_kind k)
{
	switch (k) {
	case LEX_SPACE:
		return 's';
	case LEX_COMMENT:
		return 'c';
	case LEX_WORD:
		return 'w';
	case LEX_IDENT:
		return 'i';
	case LEX_STRING:
		return 'q';
	case LEX_PUNCT:
		return 'p';
	default:
		return '?';
	}
}

/*
 * The tokens of text (of len bytes, or up to its NUL if len is -1) by
 * rules, as "k[text]" one after the other, white space left out.
 * Caller frees.
 */
static char *
render(const char *text, long len, int rules)
{
	struct lex_token	 t;
	struct buf		 b;
	const char		*p = text, *end;

	end = len < 0 ? NULL : text + len;
	buf_init(&b);
	for (p = lex_next(p, end, rules, &t); t.kind != LEX_END;
	    p = lex_next(p, end, rules, &t)) {
		if (t.kind != LEX_SPACE)
			buf_printf(&b, "%c[%.*s]", kind_letter(t.kind),
			    (int)t.len, t.start);
	}
	return buf_detach(&b);
}

static void
lexes(const char *text, int rules, const char *want, const char *desc)
{
	char	*got;

	got = render(text, -1, rules);
	is_str(got, want, desc);
	free(got);
}

/* The rules every engine shares (no flag). */
static void
test_common(void)
{
	lexes("SELECT a1, _b$ FROM t;", 0,
	    "w[SELECT]w[a1]p[,]w[_b$]w[FROM]w[t]p[;]", "words and bytes");
	lexes("'it''s' 'x'", 0, "q['it''s']q['x']",
	    "a doubled quote stays in the string");
	lexes("\"a\"\"b\" `c``d`", 0, "i[\"a\"\"b\"]i[`c``d`]",
	    "double-quoted and backquoted names, doubled quotes inside");
	lexes("a -- note; 'x'\nb", 0, "w[a]c[-- note; 'x']w[b]",
	    "a line comment ends before the new line");
	lexes("a /* x; /* y */ b */", 0,
	    "w[a]c[/* x; /* y */]w[b]p[*]p[/]",
	    "block comments do not nest");
	lexes("'open", 0, "q['open]", "an unclosed string runs to the end");
	lexes("/* open", 0, "c[/* open]",
	    "an unclosed comment runs to the end");
	lexes("[a b] $1 E'\\' $$x$$", 0,
	    "p[[]w[a]w[b]p[]]w[$1]w[E]q['\\']w[$$x$$]",
	    "no brackets, dollar quotes or E strings without their flags");
	lexes("'a\\'", 0, "q['a\\']",
	    "a backslash is a plain byte in a string");
	lexes("caf\xc3\xa9 = 1", 0, "w[caf\xc3\xa9]p[=]w[1]",
	    "UTF-8 bytes continue a word");
}

/* SQLite: [names]. */
static void
test_sqlite(void)
{
	lexes("SELECT [a;b], [x]]", LEX_SQLITE,
	    "w[SELECT]i[[a;b]]p[,]i[[x]]p[]]",
	    "a bracketed name, closed by the first ']'");
	lexes("[open", LEX_SQLITE, "i[[open]", "an unclosed bracket runs on");
	is_int(lex_rules("sqlite"), LEX_SQLITE, "sqlite's rules by name");
}

/* PostgreSQL: dollar quotes, E strings, nested comments. */
static void
test_postgres(void)
{
	lexes("$$a; 'b'$$ x", LEX_POSTGRES, "q[$$a; 'b'$$]w[x]",
	    "a $$ string holds ';' and quotes");
	lexes("$fn$ $$ $fn$;", LEX_POSTGRES, "q[$fn$ $$ $fn$]p[;]",
	    "a tagged dollar quote ends at its own tag");
	lexes("$1 $2", LEX_POSTGRES, "w[$1]w[$2]",
	    "$1 is a parameter, not a dollar quote");
	lexes("a$b$ $x", LEX_POSTGRES, "w[a$b$]w[$x]",
	    "a dollar inside a word or without a closing one opens nothing");
	lexes("$t$ open", LEX_POSTGRES, "q[$t$ open]",
	    "an unclosed dollar quote runs to the end");
	lexes("E'it\\'s' e'\\\\' x'", LEX_POSTGRES,
	    "q[E'it\\'s']q[e'\\\\']w[x]q[']",
	    "E'' strings take backslash escapes; x'' does not");
	lexes("'a\\' b", LEX_POSTGRES, "q['a\\']w[b]",
	    "a standard string has no backslash escape");
	lexes("/* a /* b */ c */ d", LEX_POSTGRES, "c[/* a /* b */ c */]w[d]",
	    "block comments nest");
	lexes("[1]", LEX_POSTGRES, "p[[]w[1]p[]]",
	    "brackets are subscripts, not quotes");
	is_int(lex_rules("postgres"), LEX_POSTGRES, "postgres's rules by name");
}

/* MySQL/MariaDB: backslash escapes, executable comments. */
static void
test_mysql(void)
{
	lexes("'it\\'s' \"a\\\"b\" `c\\`", LEX_MYSQL,
	    "q['it\\'s']i[\"a\\\"b\"]i[`c\\`]",
	    "backslash escapes in strings, not in backquoted names");
	lexes("'x''y'", LEX_MYSQL, "q['x''y']",
	    "a doubled quote too");
	lexes("/*!40101 SET x = 1 */ /*M!100100 KILL */", LEX_MYSQL,
	    "c[/*!40101]w[SET]w[x]p[=]w[1]c[*/]c[/*M!100100]w[KILL]c[*/]",
	    "an executable comment's content is code");
	lexes("/* SET x */", LEX_MYSQL, "c[/* SET x */]",
	    "a plain comment stays one");
	lexes("$$x$$", LEX_MYSQL, "w[$$x$$]", "no dollar quotes");
	is_int(lex_rules("mysql"), LEX_MYSQL, "mysql's rules by name");
	is_int(lex_rules("oracle"), 0, "an unknown engine: the shared rules");
}

/* Text that ends at a length: nothing past it is read. */
static void
test_length(void)
{
	char	*got;

	got = render("'ab'cd", 3, 0);
	is_str(got, "q['ab]", "a string cut by the length");
	free(got);
	got = render("$$a$$", 4, LEX_POSTGRES);
	is_str(got, "q[$$a$]", "a dollar quote cut by the length");
	free(got);
	got = render("a\0b", 3, 0);
	is_str(got, "w[a]p[]w[b]", "a NUL inside the length is a byte");
	free(got);
}

/* Names unquoted, words compared. */
static void
test_names(void)
{
	struct lex_token	 t;
	const char		*p;
	char			*s;

	p = lex_next_code(" /* c */ \"x\"\"y\" rest", NULL, 0, &t);
	s = lex_name(&t);
	is_str(s, "x\"y", "lex_next_code skips space and comments; doubled "
	    "quote undone");
	free(s);
	lex_next_code(p, NULL, 0, &t);
	ok(lex_is(&t, "REST") && lex_is_name(&t), "a word, any case");
	lex_next_code("[a b]", NULL, LEX_SQLITE, &t);
	s = lex_name(&t);
	is_str(s, "a b", "a bracketed name unquoted");
	free(s);
	lex_next_code("'s'", NULL, 0, &t);
	ok(!lex_is_name(&t) && !lex_is(&t, "s"), "a string is no name");
	lex_next_code("(", NULL, 0, &t);
	ok(lex_is_punct(&t, '(') && !lex_is_punct(&t, ')'), "punctuation");
	lex_next_code("  ", NULL, 0, &t);
	ok(t.kind == LEX_END && t.len == 0, "only space: the end");
}

int
main(void)
{
	test_common();
	test_sqlite();
	test_postgres();
	test_mysql();
	test_length();
	test_names();
	return done_testing();
}
