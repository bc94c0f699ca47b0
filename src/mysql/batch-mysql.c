/*
 * batch-mysql.c: many statements in one round trip, for the MySQL and
 * MariaDB driver module: a file's setup statements, and runs of
 * one-statement tests.  Statements travel joined by ';' in one
 * multi-statement string, with the session's multi-statement option
 * switched on for it (COM_SET_OPTION; it stays on until exec() sends
 * text with a ';', see my_exec_all).  The server runs such a string
 * statement after statement and stops at the first error; its results
 * come back in order, one per statement.  Nothing here prints or exits.
 *
 * Only text the core split is joined, and only where the server cannot
 * read it as anything but one statement with one result (my_joinable):
 * no ';' anywhere in it, so the server cannot split it; ending outside
 * any quote or comment whether backslashes escape or not
 * (NO_BACKSLASH_ESCAPES), so the ';' after it separates; and beginning
 * with a word whose statement gives one result and cannot end the
 * transaction (SELECT, INSERT, ...).  Any other statement (DDL, which
 * commits implicitly, CALL, with its several results, SET, ...) is sent
 * alone, as exec() sends it.
 *
 * A string ends with the first statement expected to fail: if it does
 * not fail, nothing after it has run.  A statement that fails where it
 * should not ends the batch, and the server ran nothing after it.  A
 * statement after which the transaction is over (alone, or a deadlock)
 * ends it too, so that the core sees that where it happened.  The
 * results are those of one statement at a time: MySQL's statements are
 * atomic, so a failing one leaves no trace without a savepoint, and a
 * syntax error's message, which quotes the text after the error up to
 * the end of the string, is taken from the statement sent again alone
 * (a statement that does not parse has not run).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver-mysql.h"

/* Bytes of joined text at most, well under max_allowed_packet. */
#define MY_BATCH_TEXT_MAX	(1024 * 1024)

/* Where a scan of statement text is (my_ends_clean). */
enum my_lex_state {
	MY_LEX_CODE,
	MY_LEX_QUOTE,		/* in '...', "..." or `...`, see quote */
	MY_LEX_LINE_COMMENT,	/* # or -- to the end of the line */
	MY_LEX_BLOCK_COMMENT	/* slash-star to star-slash */
};

/* The state of running a batch. */
struct my_batch {
	struct my_conn		*mc;
	struct batch_stmt	*stmts;
	size_t			 n;
	int			 in_txn;	/* it began in a transaction */
};

/*
 * 1 if sql, scanned with backslash escapes in strings or without, ends
 * in code: outside any quote and comment.
 */
static int
my_ends_in_code(const char *sql, int backslash)
{
	enum my_lex_state	 state = MY_LEX_CODE;
	const char		*p;
	char			 quote = '\0';

	for (p = sql; *p != '\0'; p++) {
		switch (state) {
		case MY_LEX_CODE:
			if (*p == '\'' || *p == '"' || *p == '`') {
				quote = *p;
				state = MY_LEX_QUOTE;
			} else if (*p == '#' || (p[0] == '-' && p[1] == '-' &&
			    (p[2] == '\0' || isspace((unsigned char)p[2]) ||
			    iscntrl((unsigned char)p[2]))))
				state = MY_LEX_LINE_COMMENT;
			else if (p[0] == '/' && p[1] == '*') {
				state = MY_LEX_BLOCK_COMMENT;
				p++;
			}
			break;
		case MY_LEX_QUOTE:
			if (*p == '\\' && backslash && quote != '`' &&
			    p[1] != '\0')
				p++;
			else if (*p == quote)
				state = MY_LEX_CODE;
			break;
		case MY_LEX_LINE_COMMENT:
			if (*p == '\n')
				state = MY_LEX_CODE;
			break;
		case MY_LEX_BLOCK_COMMENT:
			if (p[0] == '*' && p[1] == '/') {
				state = MY_LEX_CODE;
				p++;
			}
			break;
		}
	}
	return state == MY_LEX_CODE;
}

/*
 * 1 if sql begins with the word of a statement that gives one result
 * and cannot end a transaction.
 */
static int
my_simple_stmt(const char *sql)
{
	static const char *const words[] = { "SELECT", "INSERT", "UPDATE",
		"DELETE", "REPLACE", "WITH", "VALUES", "TABLE", "DO", NULL };
	size_t	i, len;

	while (isspace((unsigned char)*sql))
		sql++;
	for (i = 0; words[i] != NULL; i++) {
		len = strlen(words[i]);
		if (strncasecmp(sql, words[i], len) == 0 &&
		    !isalnum((unsigned char)sql[len]) && sql[len] != '_' &&
		    sql[len] != '$')
			return 1;
	}
	return 0;
}

/* 1 if sql may go in a multi-statement string (see the top). */
static int
my_joinable(const char *sql)
{
	return strchr(sql, ';') == NULL && my_simple_stmt(sql) &&
	    my_ends_in_code(sql, 1) && my_ends_in_code(sql, 0) &&
	    strlen(sql) < MY_BATCH_TEXT_MAX;
}

/*
 * How many statements from first on go in one string: joinable ones, up
 * to the first one expected to fail, and MY_BATCH_TEXT_MAX bytes of
 * text; at least one (a statement that is not joinable goes alone).
 */
static size_t
my_segment(const struct batch_stmt *stmts, size_t first, size_t n)
{
	size_t	k = 0, bytes = 0, len;

	while (first + k < n && my_joinable(stmts[first + k].sql)) {
		len = strlen(stmts[first + k].sql) + 1;
		if (k > 0 && bytes + len > MY_BATCH_TEXT_MAX)
			break;
		bytes += len;
		if (stmts[first + k++].expect_error)
			break;
	}
	return k > 0 ? k : 1;
}

/* Does the batch end at bs, which has its outcome (see the top)? */
static int
my_batch_stops(const struct my_batch *b, const struct batch_stmt *bs)
{
	if (bs->rc != 0 && (bs->err.lost || !bs->expect_error))
		return 1;
	if (bs->rc == 0 && bs->expect_error)
		return 1;
	/* A deadlock, expected or not, rolls the whole transaction back. */
	return b->in_txn && !my_in_txn(b->mc);
}

/*
 * Read the outcome of statement bs of a string, status the return of
 * mysql_real_query() or mysql_next_result() that announced it; last: no
 * statement follows it in the string.
 */
static void
my_segment_read(struct my_conn *mc, struct batch_stmt *bs, int status,
    int last)
{
	unsigned int	errnum;

	if (status == 0) {
		bs->rc = my_collect(mc, bs->types, &bs->result, &bs->err, last);
		if (bs->rc != 0)
			my_attribute(&bs->err, bs->sql);
		return;
	}
	my_fail(mc, &bs->err);
	bs->rc = -1;
	errnum = (unsigned int)strtoul(bs->err.native, NULL, 10);
	if (!last && (errnum == 1064 || errnum == 1149)) {
		/* A syntax error: its message quotes what follows. */
		dberror_clear(&bs->err);
		dberror_init(&bs->err);
		bs->rc = my_exec_one(mc, bs->sql, bs->types, &bs->result,
		    &bs->err);
	} else
		my_attribute(&bs->err, bs->sql);
}

/* Read and drop what a string still has to say (nothing, normally). */
static void
my_segment_drain(struct my_conn *mc)
{
	MYSQL_RES	*res;

	while (mysql_more_results(mc->m) && mysql_next_result(mc->m) == 0) {
		res = mysql_use_result(mc->m);
		if (res != NULL)
			mysql_free_result(res);
	}
}

/*
 * Run k statements from first on as one string (see my_segment).
 * Returns how many have an outcome: k, or up to and including the one
 * the batch stops at, with *stop set; 0 with *stop set if the string
 * could not be sent.
 */
static size_t
my_segment_run(struct my_batch *b, size_t first, size_t k, int *stop)
{
	struct my_conn		*mc = b->mc;
	struct batch_stmt	*bs = &b->stmts[first];
	struct buf		 text;
	size_t			 i;
	int			 status;

	if (k == 1) {
		bs->rc = my_exec_one(mc, bs->sql, bs->types, &bs->result,
		    &bs->err);
		*stop = my_batch_stops(b, bs);
		return 1;
	}
	if (my_set_multi(mc, 1) != 0) {
		*stop = 1;
		return 0;
	}
	buf_init(&text);
	for (i = 0; i < k; i++) {
		if (i > 0)
			buf_addc(&text, ';');
		buf_adds(&text, b->stmts[first + i].sql);
	}
	pthread_mutex_lock(&mc->lock);
	mc->cancelled = 0;
	pthread_mutex_unlock(&mc->lock);
	status = mysql_real_query(mc->m, text.data, text.len) != 0 ? 1 : 0;
	buf_free(&text);
	for (i = 0; i < k && !*stop; i++) {
		if (i > 0)
			status = mysql_next_result(mc->m);
		if (status < 0) {
			*stop = 1;	/* fewer results than statements */
			break;
		}
		bs = &b->stmts[first + i];
		my_segment_read(mc, bs, status, i + 1 == k);
		*stop = my_batch_stops(b, bs);
	}
	if (!bs->err.lost)
		my_segment_drain(mc);
	return i;
}

/*
 * Run the statements of b in strings; returns how many have an outcome:
 * n, or up to and including the one it stopped at.
 */
static size_t
my_batch_run(struct my_batch *b)
{
	size_t	done = 0, k;
	int	stop = 0;

	my_thread_enter();
	while (done < b->n && !stop) {
		k = my_segment(b->stmts, done, b->n);
		done += my_segment_run(b, done, k, &stop);
	}
	return done;
}

/*
 * Tests of one statement each in as few round trips as may be (see the
 * top).  Returns how many have an outcome (see struct driver).
 */
size_t
my_exec_guarded_batch(struct conn *c, struct batch_stmt *stmts, size_t n)
{
	struct my_batch	b;

	b.mc = c->data;
	b.stmts = stmts;
	b.n = n;
	b.in_txn = my_in_txn(b.mc);
	return my_batch_run(&b);
}

/*
 * Setup statements in as few round trips as may be.  The core ends a
 * batch with a statement that commits implicitly, so that the
 * transaction cannot end before the last one.  What a string could not
 * run goes one statement at a time.  0, or -1 with *failed (those after
 * it did not run) and err.
 */
int
my_exec_batch(struct conn *c, const struct batch_stmt *in, size_t n,
    size_t *failed, struct dberror *err)
{
	struct my_batch		 b;
	struct batch_stmt	*stmts;
	size_t			 i, done;
	int			 rc = 0;

	stmts = batch_stmts_new(in, n);	/* none expected to fail */
	b.mc = c->data;
	b.stmts = stmts;
	b.n = n;
	b.in_txn = 0;
	done = my_batch_run(&b);
	for (i = 0; i < n && rc == 0; i++) {
		if (i >= done)
			stmts[i].rc = my_exec_one(b.mc, stmts[i].sql, NULL,
			    &stmts[i].result, &stmts[i].err);
		rc = stmts[i].rc;
		*failed = i;
	}
	return batch_stmts_end(stmts, n, rc, rc != 0 ? *failed : 0, err);
}
