/*
 * psql-timeout.c: pg-regress's --timeout.  While a query runs, the
 * session waits for its results on the connection's socket, at most
 * until the deadline; then it sends a cancel request (as psql's
 * Ctrl-C does) and goes on waiting: the server's "canceling statement
 * due to user request" is printed in the test's output as any error,
 * and the test is marked as timed out (ps->timed_out, with FILE:LINE
 * of the statement).  No thread: each session watches its own query.
 */
#include <poll.h>
#include <stdlib.h>

#include "psql.h"

/* FILE:LINE of the statement being run (its mark), or the script's.
 * Caller frees. */
static char *
statement_place(const struct psql *ps)
{
	const struct psql_mark	*m;

	if (ps->nmarks == 0)
		return xstrdup(ps->testname);
	m = &ps->marks[ps->nmarks - 1];
	return xprintf("%s:%ld", m->file, m->line);
}

/* Send the cancel request and note the first timeout of the session. */
static void
cancel_statement(struct psql *ps)
{
	PGcancel	*cancel = PQgetCancel(ps->conn);
	char		 errbuf[256];

	if (cancel != NULL) {
		PQcancel(cancel, errbuf, sizeof errbuf);
		PQfreeCancel(cancel);
	}
	ps->cancelled = 1;
	if (ps->timed_out == NULL)
		ps->timed_out = statement_place(ps);
}

/* Arm the deadline of a query just sent (no-op without --timeout). */
void
psql_timeout_arm(struct psql *ps)
{
	ps->cancelled = 0;
	if (ps->timeout > 0)
		ps->deadline = clock_now() + ps->timeout;
}

/*
 * Wait for the socket to be readable until the deadline: 1 when it
 * is (or on an error: libpq then says what happened), 0 at the deadline.
 */
static int
wait_readable(struct psql *ps)
{
	struct pollfd	 pfd;
	double		 left = ps->deadline - clock_now();

	if (left <= 0)
		return 0;
	pfd.fd = PQsocket(ps->conn);
	pfd.events = POLLIN;
	pfd.revents = 0;
	/* an error or EINTR: PQconsumeInput() tells, or the next wait */
	if (pfd.fd >= 0)
		(void)poll(&pfd, 1, (int)(left * 1000.0) + 1);
	return 1;
}

/*
 * PQgetCopyData() for COPY TO STDOUT, cancelled at the deadline as a
 * query is: the rows of a slow COPY (query) come as the query makes
 * them.  Returns what PQgetCopyData() returns (never 0).
 */
int
psql_timeout_copy_data(struct psql *ps, char **data)
{
	int	n;

	if (ps->timeout <= 0)
		return PQgetCopyData(ps->conn, data, 0);
	while ((n = PQgetCopyData(ps->conn, data, !ps->cancelled)) == 0) {
		if (!wait_readable(ps))
			cancel_statement(ps);
		else if (!PQconsumeInput(ps->conn))
			return -2;
	}
	return n;
}

/*
 * Wait until PQgetResult() would not block, or cancel the query at its
 * deadline (once; then PQgetResult() waits for the server's answer).
 */
void
psql_timeout_wait(struct psql *ps)
{
	if (ps->timeout <= 0 || ps->cancelled)
		return;
	while (PQisBusy(ps->conn)) {
		if (!wait_readable(ps)) {
			cancel_statement(ps);
			return;
		}
		if (!PQconsumeInput(ps->conn))
			return;
	}
}
