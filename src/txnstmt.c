/*
 * txnstmt.c: what a test's statement means for transactions, read from
 * its first words: BEGIN, COMMIT, ROLLBACK (which the runner maps onto
 * savepoints), statements that make or end savepoints, and statements
 * that can never run inside a transaction (VACUUM, CREATE DATABASE,
 * CREATE INDEX CONCURRENTLY, SET autocommit, ...), which need
 * "-- isolation: database".  Also what the runner refuses to send at all
 * (txn_refusal): statements that change the server beyond the file's
 * database (roles, other databases, tablespaces, server settings), and
 * on MySQL/MariaDB, inside the file's transaction on the user's
 * database, statements that commit implicitly.  Text only: no engine is
 * asked.  Words are read with lex.c, by the engine's quoting rules where
 * the question is an engine's (LEX_MYSQL, LEX_POSTGRES), else by those
 * all engines share.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

static const char *next_word(const char *, int, char *, size_t);
static int	 has_word(const char *, int, const char *);

/*
 * The first word of a statement, upper-cased, into w (size n); *after
 * is set to the text after it and the white space and comments that
 * follow.  Any engine's statement: the quoting rules all share.
 */
static const char *
first_words(const char *sql, char *w, size_t n, const char **after)
{
	struct lex_token	t;

	sql = next_word(sql, 0, w, n);
	lex_next_code(sql, NULL, 0, &t);
	*after = t.start;
	return w;
}

static int
next_word_is(const char *s, const char *word)
{
	size_t	n = strlen(word);

	return strncasecmp(s, word, n) == 0 &&
	    !isalnum((unsigned char)s[n]) && s[n] != '_';
}

/* Statements that can never run inside a transaction. */
static int
is_refused(const char *w, const char *rest)
{
	if (strcmp(w, "VACUUM") == 0 || (strcmp(w, "REINDEX") == 0 &&
	    (next_word_is(rest, "DATABASE") || next_word_is(rest, "SYSTEM"))))
		return 1;
	if ((strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0) &&
	    (next_word_is(rest, "DATABASE") ||
	    next_word_is(rest, "TABLESPACE")))
		return 1;
	if ((strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0) &&
	    next_word_is(rest, "INDEX") && has_word(rest, 0, "CONCURRENTLY"))
		return 1;
	if (strcmp(w, "SET") == 0 && (next_word_is(rest, "autocommit") ||
	    strncasecmp(rest, "@@autocommit", 12) == 0))
		return 1;
	if (strcmp(w, "ALTER") == 0 && next_word_is(rest, "SYSTEM"))
		return 1;
	if (strcmp(w, "PREPARE") == 0 && next_word_is(rest, "TRANSACTION"))
		return 1;
	if (strcmp(w, "PRAGMA") == 0 && strncasecmp(rest, "foreign_keys",
	    12) == 0 && strchr(rest, '=') != NULL)
		return 1;
	return 0;
}

/* Classify a statement of a test by its transaction meaning. */
enum txn_kind
txn_classify(const char *sql)
{
	char		 w[32];
	const char	*rest;

	first_words(sql, w, sizeof w, &rest);
	if (strcmp(w, "BEGIN") == 0 || (strcmp(w, "START") == 0 &&
	    next_word_is(rest, "TRANSACTION")))
		return TXN_BEGIN;
	if (strcmp(w, "COMMIT") == 0 || strcmp(w, "END") == 0)
		return next_word_is(rest, "PREPARED") ? TXN_REFUSED :
		    TXN_COMMIT;
	if (strcmp(w, "ROLLBACK") == 0 || strcmp(w, "ABORT") == 0) {
		if (next_word_is(rest, "PREPARED"))
			return TXN_REFUSED;
		if (next_word_is(rest, "TO") ||
		    ((next_word_is(rest, "WORK") ||
		    next_word_is(rest, "TRANSACTION")) &&
		    has_word(rest, 0, "TO")))
			return TXN_NONE;
		return TXN_ROLLBACK;
	}
	return is_refused(w, rest) ? TXN_REFUSED : TXN_NONE;
}

/* 1 for statements that make or end savepoints (BEGIN, SAVEPOINT, ...). */
int
txn_is_savepoint_stmt(const char *sql)
{
	char		 w[32];
	const char	*rest;
	enum txn_kind	 kind;

	first_words(sql, w, sizeof w, &rest);
	kind = txn_classify(sql);
	return strcmp(w, "SAVEPOINT") == 0 || strcmp(w, "RELEASE") == 0 ||
	    strcmp(w, "ROLLBACK") == 0 || (kind != TXN_NONE &&
	    kind != TXN_REFUSED);
}

/*
 * The next word of s by the quoting rules of lex.c, past what separates
 * words: white space, comments and parentheses (with LEX_EXEC_COMMENTS,
 * the content of MySQL's executable comments is read as code, as the
 * server runs it), upper-cased into w (of size n; empty if s has no word
 * there); returns what follows it.
 */
static const char *
next_word(const char *s, int rules, char *w, size_t n)
{
	struct lex_token	 t;
	const char		*after;
	size_t			 i;

	for (;;) {
		after = lex_next_code(s, NULL, rules, &t);
		if (!lex_is_punct(&t, '(') && !lex_is_punct(&t, ')'))
			break;
		s = after;
	}
	*w = '\0';
	if (t.kind != LEX_WORD)
		return t.start;
	for (i = 0; i < t.len && i + 1 < n; i++)
		w[i] = (char)toupper((unsigned char)t.start[i]);
	w[i] = '\0';
	return after;
}

/* 1 if w is one of the words of list (NULL-ended). */
static int
word_in(const char *w, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(w, *list) == 0)
			return 1;
	}
	return 0;
}

/*
 * The first word of sql after the words of skip (OR REPLACE, UNIQUE,
 * ...), into w; returns what follows it.
 */
static const char *
word_after(const char *sql, int rules, const char *const *skip, char *w,
    size_t n)
{
	do
		sql = next_word(sql, rules, w, n);
	while (*w != '\0' && word_in(w, skip));
	return sql;
}

/*
 * 1 if the word word occurs in sql outside quotes and comments (by
 * rules): a keyword anywhere in the statement (SONAME, GLOBAL, ON, ...);
 * the GLOBAL of @@global.x counts too.
 */
static int
has_word(const char *sql, int rules, const char *word)
{
	struct lex_token	t;

	for (sql = lex_next_code(sql, NULL, rules, &t); t.kind != LEX_END;
	    sql = lex_next_code(sql, NULL, rules, &t)) {
		if (lex_is(&t, word))
			return 1;
	}
	return 0;
}

static const char *const create_mods[] = { "OR", "REPLACE", "DEFINER",
	"ALGORITHM", "SQL", "SECURITY", "UNIQUE", "FULLTEXT", "SPATIAL",
	"ONLINE", "OFFLINE", "AGGREGATE", "TEMPORARY", "NO_WRITE_TO_BINLOG",
	"LOCAL", NULL };

/* 1 if mod is among the modifiers after the first word (TEMPORARY, ...). */
static int
has_modifier(const char *rest, int rules, const char *mod)
{
	char	w[32];

	for (;;) {
		rest = next_word(rest, rules, w, sizeof w);
		if (*w == '\0' || !word_in(w, create_mods))
			return 0;
		if (strcmp(w, mod) == 0)
			return 1;
	}
}

/*
 * MySQL/MariaDB: 1 if sql commits the open transaction implicitly
 * before it runs, per MariaDB's "SQL statements that cause an implicit
 * commit" (and MySQL's "Statements That Cause an Implicit Commit"):
 * every CREATE, ALTER, DROP, RENAME and TRUNCATE except CREATE and DROP
 * of a TEMPORARY table; ANALYZE, CHECK, OPTIMIZE and REPAIR of tables;
 * CACHE INDEX, LOAD INDEX INTO CACHE, FLUSH, RESET, GRANT, REVOKE,
 * SET PASSWORD, LOCK and UNLOCK TABLES, INSTALL and UNINSTALL PLUGIN,
 * CHANGE MASTER, START and STOP SLAVE, SHUTDOWN.  (BEGIN and SET
 * autocommit are txn_classify()'s.)
 */
int
txn_commits_implicitly(const char *sql)
{
	static const char *const always[] = { "CREATE", "ALTER", "DROP",
		"RENAME", "TRUNCATE", "OPTIMIZE", "REPAIR", "FLUSH", "RESET",
		"GRANT", "REVOKE", "LOCK", "UNLOCK", "INSTALL", "UNINSTALL",
		"SHUTDOWN", "CACHE", NULL };
	static const char *const tables[] = { "TABLE", "TABLES", "VIEW",
		NULL };
	static const char *const replica[] = { "SLAVE", "SLAVES",
		"REPLICA", "REPLICAS", "ALL", NULL };
	char		 w[32], w2[32];
	const char	*rest;

	rest = next_word(sql, LEX_MYSQL, w, sizeof w);
	if (strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0) {
		word_after(rest, LEX_MYSQL, create_mods, w2, sizeof w2);
		if (strcmp(w, "DROP") == 0 && strcmp(w2, "PREPARE") == 0)
			return 0;	/* DEALLOCATE PREPARE */
		return !has_modifier(rest, LEX_MYSQL, "TEMPORARY") ||
		    strcmp(w2, "INDEX") == 0;
	}
	if (word_in(w, always))
		return 1;
	if (strcmp(w, "ANALYZE") == 0 || strcmp(w, "CHECK") == 0) {
		word_after(rest, LEX_MYSQL, create_mods, w2, sizeof w2);
		return word_in(w2, tables);
	}
	next_word(rest, LEX_MYSQL, w2, sizeof w2);
	if (strcmp(w, "LOAD") == 0)
		return strcmp(w2, "INDEX") == 0;
	if (strcmp(w, "CHANGE") == 0)
		return strcmp(w2, "MASTER") == 0 ||
		    strcmp(w2, "REPLICATION") == 0;
	if (strcmp(w, "START") == 0 || strcmp(w, "STOP") == 0)
		return word_in(w2, replica);
	if (strcmp(w, "SET") == 0)
		return strcmp(w2, "PASSWORD") == 0;
	return 0;
}

/* MySQL: what a statement changes beyond the file's database, or NULL. */
static const char *
mysql_server_change(const char *sql, const struct txn_place *p)
{
	static const char *const server[] = { "FLUSH", "RESET", "PURGE",
		"CHANGE", "KILL", "SHUTDOWN", "RESTART", "BINLOG", "XA",
		"CACHE", "BACKUP", NULL };
	static const char *const this_db[] = { "DEFAULT", "CHARACTER",
		"CHARSET", "COLLATE", "COMMENT", "READ", "ENCRYPTION", "", NULL };
	char		 w[32], w2[32], w3[32];
	const char	*rest, *after;

	rest = next_word(sql, LEX_MYSQL, w, sizeof w);
	after = word_after(rest, LEX_MYSQL, create_mods, w2, sizeof w2);
	if (strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0 ||
	    strcmp(w, "ALTER") == 0 || strcmp(w, "RENAME") == 0) {
		if ((strcmp(w2, "DATABASE") == 0 ||
		    strcmp(w2, "SCHEMA") == 0) && strcmp(w, "ALTER") == 0) {
			next_word(after, LEX_MYSQL, w3, sizeof w3);
			return word_in(w3, this_db) ? NULL : "another database";
		}
		if (strcmp(w2, "DATABASE") == 0 || strcmp(w2, "SCHEMA") == 0)
			return "another database";
		if (strcmp(w2, "USER") == 0 || strcmp(w2, "ROLE") == 0)
			return "accounts and privileges";
		if (strcmp(w2, "TABLESPACE") == 0 || strcmp(w2, "LOGFILE") == 0)
			return "a tablespace";
		if (strcmp(w2, "SERVER") == 0)
			return "a server definition";
		if (strcmp(w2, "INSTANCE") == 0)
			return "the server";
		if (strcmp(w2, "FUNCTION") == 0 &&
		    has_word(sql, LEX_MYSQL, "SONAME"))
			return "a loadable function (a plugin)";
		return NULL;
	}
	if (strcmp(w, "GRANT") == 0 || strcmp(w, "REVOKE") == 0)
		return "accounts and privileges";
	if (strcmp(w, "INSTALL") == 0 || strcmp(w, "UNINSTALL") == 0)
		return "plugins";
	if (strcmp(w, "SET") == 0 && (strcmp(w2, "PASSWORD") == 0 ||
	    (strcmp(w2, "DEFAULT") == 0 &&
	    has_word(sql, LEX_MYSQL, "ROLE"))))
		return "accounts and privileges";
	if (strcmp(w, "SET") == 0 && (has_word(sql, LEX_MYSQL, "GLOBAL") ||
	    has_word(sql, LEX_MYSQL, "PERSIST") ||
	    has_word(sql, LEX_MYSQL, "PERSIST_ONLY")))
		return "server settings (SET GLOBAL)";
	if (strcmp(w, "KILL") == 0 && has_word(sql, LEX_MYSQL, "CONNECTION_ID"))
		return NULL;	/* its own session */
	if (word_in(w, server) || ((strcmp(w, "START") == 0 ||
	    strcmp(w, "STOP") == 0) && strcmp(w2, "TRANSACTION") != 0) ||
	    (strcmp(w, "LOAD") == 0 && strcmp(w2, "INDEX") == 0))
		return "the server";
	if (strcmp(w, "USE") == 0 && p->scratch)
		return "another database (USE leaves the scratch database)";
	return NULL;
}

/* 1 if the word after ON in sql is one of list (a shared object). */
static int
pg_on_shared(const char *sql, const char *const *list)
{
	char		 w[32];
	const char	*s = sql;

	do
		s = next_word(s, LEX_POSTGRES, w, sizeof w);
	while (*w != '\0' && strcmp(w, "ON") != 0);
	if (*w == '\0')
		return 0;
	next_word(s, LEX_POSTGRES, w, sizeof w);
	return word_in(w, list);
}

/*
 * PostgreSQL: what a statement changes beyond the file's database, or
 * NULL.  Inside the file's transaction, which undoes them, statements on
 * roles and other shared objects run (a row-level security test needs
 * CREATE ROLE); those that cannot run in a transaction or outlive it
 * never do.
 */
static const char *
pg_server_change(const char *sql, const struct txn_place *p)
{
	static const char *const shared[] = { "DATABASE", "TABLESPACE",
		"ROLE", "PARAMETER", NULL };
	char		 w[32], w2[32], w3[32];
	const char	*rest, *after;
	int		 undone = p->in_txn && p->txn_ddl;

	rest = next_word(sql, LEX_POSTGRES, w, sizeof w);
	after = word_after(rest, LEX_POSTGRES, create_mods, w2, sizeof w2);
	next_word(after, LEX_POSTGRES, w3, sizeof w3);
	if ((strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0) &&
	    strcmp(w2, "DATABASE") == 0)
		return "another database";
	if ((strcmp(w, "CREATE") == 0 || strcmp(w, "DROP") == 0) &&
	    strcmp(w2, "TABLESPACE") == 0)
		return "a tablespace";
	if (strcmp(w, "ALTER") == 0 && strcmp(w2, "SYSTEM") == 0)
		return "server settings (ALTER SYSTEM)";
	if ((strcmp(w, "PREPARE") == 0 && strcmp(w2, "TRANSACTION") == 0) ||
	    ((strcmp(w, "COMMIT") == 0 || strcmp(w, "ROLLBACK") == 0) &&
	    strcmp(w2, "PREPARED") == 0))
		return "a prepared transaction, which outlives the session";
	if (word_in(w, (const char *const[]){ "CREATE", "ALTER", "DROP",
	    NULL }) && strcmp(w2, "SUBSCRIPTION") == 0)
		return "a subscription (replication from another server)";
	if (undone)
		return NULL;
	if (word_in(w, (const char *const[]){ "CREATE", "ALTER", "DROP",
	    NULL }) && (strcmp(w2, "ROLE") == 0 || strcmp(w2, "GROUP") == 0 ||
	    (strcmp(w2, "USER") == 0 && strcmp(w3, "MAPPING") != 0)))
		return "roles";
	if (strcmp(w, "ALTER") == 0 && (strcmp(w2, "DATABASE") == 0 ||
	    strcmp(w2, "TABLESPACE") == 0))
		return "a database or tablespace";
	if ((strcmp(w, "GRANT") == 0 || strcmp(w, "REVOKE") == 0) &&
	    !has_word(sql, LEX_POSTGRES, "ON"))
		return "role membership";
	if ((strcmp(w, "GRANT") == 0 || strcmp(w, "REVOKE") == 0) &&
	    pg_on_shared(sql, shared))
		return "privileges on a database, tablespace or setting";
	if ((strcmp(w, "COMMENT") == 0 || strcmp(w, "SECURITY") == 0) &&
	    pg_on_shared(sql, shared))
		return "a database, role or tablespace";
	if ((strcmp(w, "REASSIGN") == 0 || strcmp(w, "DROP") == 0) &&
	    strcmp(w2, "OWNED") == 0)
		return "objects and privileges of roles";
	return NULL;
}

/*
 * What sql changes beyond the file's database and session on engine
 * p->engine (a database, roles, a tablespace, server settings, ...), in
 * words for a message, or NULL: what no rollback and no scratch database
 * undoes.  SQLite has no server: always NULL.
 */
const char *
txn_server_change(const char *sql, const struct txn_place *p)
{
	if (strcmp(p->engine, "mysql") == 0)
		return mysql_server_change(sql, p);
	if (strcmp(p->engine, "postgres") == 0)
		return pg_server_change(sql, p);
	return NULL;
}

/* What to use instead of a statement that commits implicitly. */
static const char *
implicit_commit_hint(const char *sql)
{
	char		 w[32], w2[32];
	const char	*rest;

	rest = next_word(sql, LEX_MYSQL, w, sizeof w);
	word_after(rest, LEX_MYSQL, create_mods, w2, sizeof w2);
	if (strcmp(w, "CREATE") == 0 && strcmp(w2, "TABLE") == 0)
		return "use CREATE TEMPORARY TABLE (which does not commit), or ";
	if (strcmp(w, "DROP") == 0 && strcmp(w2, "TABLE") == 0)
		return "use DROP TEMPORARY TABLE for a temporary table, or ";
	if (strcmp(w, "TRUNCATE") == 0)
		return "use DELETE FROM (which the rollback undoes), or ";
	if (strcmp(w, "LOCK") == 0)
		return "use SELECT ... FOR UPDATE (which locks rows inside the "
		    "transaction), or ";
	return "";
}

/*
 * Why the runner does not send sql where p says it runs, as a message
 * that names what to do instead (caller frees), or NULL to send it:
 *  - a change beyond the file's database (txn_server_change), unless
 *    the server is sqlcheck's own or the user allowed it;
 *  - inside the file's transaction, a statement that cannot run in one
 *    (txn_classify: TXN_REFUSED);
 *  - inside the file's transaction on the user's database (no scratch
 *    database) of an engine whose DDL commits (MySQL), a statement that
 *    commits implicitly: sent, it would commit what the file did so far.
 */
char *
txn_refusal(const char *sql, const struct txn_place *p)
{
	const char	*what;

	what = p->server_ok ? NULL : txn_server_change(sql, p);
	if (what != NULL)
		return xprintf("this statement changes %s, beyond the file's "
		    "database: no rollback or scratch database undoes that, "
		    "so sqlcheck does not send it to a server it did not "
		    "start; run on a throwaway server (--temp-instance), or "
		    "give --allow-server-changes to let such changes persist",
		    what);
	if (!p->in_txn)
		return NULL;
	if (txn_classify(sql) == TXN_REFUSED)
		return xstrdup("this statement cannot run inside the file's "
		    "transaction; put \"-- isolation: database\" at the top "
		    "of the file to run it in a scratch database");
	if (!p->txn_ddl && !p->scratch && txn_commits_implicitly(sql))
		return xprintf("this statement commits implicitly on MySQL and MariaDB: it "
		    "would commit what the file did into the database, so "
		    "sqlcheck does not send it under isolation transaction; "
		    "%srun the file in a scratch database (--isolation "
		    "auto, the default, or \"-- isolation: database\")",
		    implicit_commit_hint(sql));
	return NULL;
}
