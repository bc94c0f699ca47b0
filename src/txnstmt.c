/*
 * txnstmt.c: what a test's statement means for transactions, read from
 * its first words: BEGIN, COMMIT, ROLLBACK (which the runner maps onto
 * savepoints), statements that make or end savepoints, and statements
 * that can never run inside a transaction (VACUUM, CREATE DATABASE,
 * CREATE INDEX CONCURRENTLY, SET autocommit, ...), which need
 * "-- isolation: database".  Text only: no engine is asked.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* The first word of a statement, upper-cased, into w (size n). */
static const char *
first_words(const char *sql, char *w, size_t n, const char **after)
{
	size_t	i = 0;

	while (isspace((unsigned char)*sql) || *sql == '(')
		sql++;
	while ((isalpha((unsigned char)*sql) || *sql == '_') && i + 1 < n)
		w[i++] = (char)toupper((unsigned char)*sql++);
	w[i] = '\0';
	while (isspace((unsigned char)*sql))
		sql++;
	*after = sql;
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
	    next_word_is(rest, "INDEX") && str_icontains(rest, "CONCURRENTLY"))
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
		    str_icontains(rest, " TO ") != NULL))
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
