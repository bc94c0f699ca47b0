/*
 * run-pgtap.c: runs a pgTAP file (parse-pgtap.c) the way pg_prove runs
 * it through psql -- its statements in order, the text of every row they
 * return read as TAP (tap.c), the file stopped at its first failing
 * statement (ON_ERROR_STOP) -- but inside the isolation run.c opened:
 * the file's BEGIN, COMMIT and ROLLBACK become savepoints (run_stmt) and
 * its transaction is rolled back whatever it ends with.  Each top-level
 * TAP test point becomes a test of the report, named by its description;
 * a failure carries the diagnostics that follow it (and the subtest
 * lines before it, for runtests()).  The plan, "Bail out!" and a failing
 * statement fail the file as a whole (file_failed).  Prints nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* pgTAP functions a file calls first: an undefined one means no pgTAP. */
#define PGTAP_PROBE_SQL \
	"SELECT (SELECT count(*) FROM pg_available_extensions " \
	"WHERE name = 'pgtap'), (SELECT count(*) FROM pg_extension " \
	"WHERE extname = 'pgtap'), " \
	"current_setting('server_version_num')::int / 10000"

/* State of one pgTAP file's run. */
struct pgtap_run {
	struct run		*r;
	struct tap_state	 st;
	const struct record	*rec;		/* the statement running */
	const struct stmt	*stmt;
	struct buf		 sub;		/* subtest lines since the
						   last top-level test */
	size_t			 last;		/* report index of the last
						   test, if attach */
	int			 attach;	/* diagnostics go to it */
	int			 plan_line;
	const char		*plan_path;
};

/* Fail the file as a whole at path:line with a message (taken). */
static void
pgtap_file_fail(struct pgtap_run *p, const char *path, int line, char *msg)
{
	struct file_report	*fr = p->r->fr;

	if (fr->file_failed) {
		free(msg);
		return;
	}
	fr->file_failed = 1;
	fr->outcome = OUTCOME_FAIL;
	fr->error_line = line;
	fr->message = xprintf("%s:%d: %s", path, line, msg);
	free(msg);
}

/* Append a line to a test's message. */
static void
add_message_line(struct test_report *tr, const char *s, size_t n)
{
	char	*m;

	if (tr->message == NULL)
		m = xstrndup(s, n);
	else
		m = xprintf("%s\n%.*s", tr->message, (int)n, s);
	free(tr->message);
	tr->message = m;
}

/* The outcome of a test point: a TODO failure is expected, so a skip. */
static enum outcome
point_outcome(const struct tap_line *t)
{
	if (t->directive == TAP_DIR_SKIP)
		return OUTCOME_SKIP;
	if (t->ok)
		return OUTCOME_PASS;
	return t->directive == TAP_DIR_TODO ? OUTCOME_SKIP : OUTCOME_FAIL;
}

/* A top-level test point: one test of the report, unless -k drops it. */
static void
pgtap_point(struct pgtap_run *p, const struct tap_line *t)
{
	struct file_report	*fr = p->r->fr;
	struct test_report	*tr;
	char			*name;

	p->attach = 0;
	name = t->text_len > 0 ? tap_unescape(t->text, t->text_len) :
	    xprintf("test %ld", t->number > 0 ? t->number : p->st.tests);
	if (!run_filter_match(p->r->opts, name)) {
		free(name);
		buf_reset(&p->sub);
		return;
	}
	tr = file_report_add(fr, point_outcome(t), p->rec->path,
	    p->stmt->line, name);
	free(name);
	if (t->directive == TAP_DIR_SKIP)
		tr->message = t->reason_len > 0 ? xstrndup(t->reason,
		    t->reason_len) : xstrdup("skipped");
	else if (t->directive == TAP_DIR_TODO && !t->ok)
		tr->message = xprintf("expected failure (TODO %.*s)",
		    (int)t->reason_len, t->reason);
	if (tr->outcome == OUTCOME_FAIL) {
		tr->sql = xstrdup(p->stmt->sql);
		if (p->sub.len > 0)
			tr->message = xstrdup(p->sub.data);
	}
	buf_reset(&p->sub);
	if (tr->outcome == OUTCOME_PASS) {
		if (!p->r->opts->keep_passes)
			file_report_forget_pass(fr);
		return;
	}
	p->last = fr->ntests - 1;
	p->attach = tr->outcome == OUTCOME_FAIL;
}

/* One line of TAP text from the statement running. */
static void
pgtap_line(struct pgtap_run *p, const char *s, size_t n)
{
	struct tap_line	t;

	tap_read_line(s, n, &t);
	if (t.indent > 0) {
		if (t.kind != TAP_OTHER || n > (size_t)t.indent) {
			if (p->sub.len > 0)
				buf_addc(&p->sub, '\n');
			buf_add(&p->sub, s + t.indent, n - (size_t)t.indent);
		}
		return;
	}
	tap_state_line(&p->st, &t);
	switch (t.kind) {
	case TAP_TEST:
		pgtap_point(p, &t);
		break;
	case TAP_DIAG:
		if (p->attach)
			add_message_line(&p->r->fr->tests[p->last], s, n);
		break;
	case TAP_PLAN:
		p->attach = 0;
		p->plan_line = p->stmt->line;
		p->plan_path = p->rec->path;
		break;
	case TAP_BAIL:
		pgtap_file_fail(p, p->rec->path, p->stmt->line,
		    xprintf("Bail out! %.*s", (int)t.text_len, t.text));
		break;
	default:
		break;
	}
}

/* Read the rows of a result as psql prints them unaligned: TAP text. */
static void
pgtap_rows(struct pgtap_run *p, const struct result *res)
{
	struct buf	 row;
	const char	*s, *nl;
	size_t		 i;
	int		 c;

	buf_init(&row);
	for (i = 0; i < res->nrows && !p->r->fr->file_failed; i++) {
		buf_reset(&row);
		buf_add(&row, "", 0);
		for (c = 0; c < res->ncols; c++) {
			if (c > 0)
				buf_addc(&row, '|');
			s = res->cells[i * (size_t)res->ncols + (size_t)c];
			if (s != NULL)
				buf_adds(&row, s);
		}
		for (s = row.data; ; s = nl + 1) {
			nl = strchr(s, '\n');
			pgtap_line(p, s, nl != NULL ? (size_t)(nl - s) :
			    strlen(s));
			if (nl == NULL)
				break;
		}
		p->attach = p->attach && !p->r->fr->file_failed;
	}
	buf_free(&row);
}

/*
 * After a statement failed with err: if pgTAP is missing, say how to
 * install it (caller frees), else NULL.
 */
static char *
pgtap_missing_hint(struct pgtap_run *p, const struct dberror *err)
{
	struct run	*r = p->r;
	struct result	 res;
	struct dberror	 e;
	char		*hint = NULL;

	if (strcmp(err->sqlstate, "42883") != 0 &&
	    strcmp(err->sqlstate, "58P01") != 0)
		return NULL;
	result_init(&res);
	dberror_init(&e);
	if (r->drv->exec(r->conn, PGTAP_PROBE_SQL, NULL, &res, &e) == 0 &&
	    res.nrows == 1 && res.ncols == 3 && res.cells[0] != NULL &&
	    res.cells[1] != NULL) {
		if (strcmp(res.cells[0], "0") == 0)
			hint = xprintf("pgTAP is not installed on the server: "
			    "install the package postgresql-%s-pgtap (Debian, "
			    "Ubuntu; or build it from https://pgtap.org), then "
			    "run CREATE EXTENSION pgtap in the database",
			    res.cells[2] != NULL ? res.cells[2] : "NN");
		else if (strcmp(res.cells[1], "0") == 0)
			hint = xstrdup("pgTAP is not created in this database: "
			    "run CREATE EXTENSION pgtap in it (--temp-instance "
			    "does that itself)");
	}
	result_clear(&res);
	dberror_clear(&e);
	return hint;
}

/* A statement failed: the file fails there, as psql stops there. */
static void
pgtap_stmt_failed(struct pgtap_run *p, const struct dberror *err)
{
	char	*what, *hint;

	if (err->timed_out)
		what = xprintf("timed out after %g s (the statement was "
		    "cancelled)", watch_seconds());
	else
		what = dberror_describe(err);
	hint = p->r->broken ? NULL : pgtap_missing_hint(p, err);
	if (hint != NULL) {
		pgtap_file_fail(p, p->rec->path, p->stmt->line,
		    xprintf("statement failed: %s\n%s", what, hint));
		free(what);
	} else
		pgtap_file_fail(p, p->rec->path, p->stmt->line,
		    xprintf("statement failed: %s", what));
	free(hint);
}

/* Run one statement and read its rows; -1 if the file stops there. */
static int
pgtap_stmt(struct pgtap_run *p)
{
	struct run	*r = p->r;
	struct result	 res;
	struct dberror	 err;
	int		 rc;

	p->attach = 0;	/* a diagnostic belongs to its statement's test */
	pgtap_cov_probe(r, p->rec->path, p->stmt);
	result_init(&res);
	res.max_rows = r->opts->max_rows;
	dberror_init(&err);
	rc = run_stmt(r, p->stmt, NULL, &res, &err);
	if (run_txn_escaped(r))
		pgtap_file_fail(p, p->rec->path, p->stmt->line, xstrdup("the "
		    "statement ended the file's transaction (what it did was "
		    "committed); write \"-- isolation: database\" at the top "
		    "of the file for such statements"));
	else if (rc != 0 && !r->broken)
		pgtap_stmt_failed(p, &err);
	else if (res.truncated)
		pgtap_file_fail(p, p->rec->path, p->stmt->line, xprintf("the "
		    "result has more than %zu rows (--max-rows %zu)",
		    res.max_rows, res.max_rows));
	else if (rc == 0)
		pgtap_rows(p, &res);
	result_clear(&res);
	dberror_clear(&err);
	return rc != 0 || r->fr->file_failed ? -1 : 0;
}

/* The plan, checked once every statement has run. */
static void
pgtap_check_plan(struct pgtap_run *p, const char *path, int line)
{
	char	*problem;

	problem = tap_state_finish(&p->st);
	if (problem != NULL) {
		if (p->plan_path != NULL) {
			path = p->plan_path;
			line = p->plan_line;
		}
		pgtap_file_fail(p, path, line, problem);
	} else if (p->st.skip_all && p->r->fr->ntests == 0 &&
	    p->r->fr->passes_forgotten == 0) {
		p->r->fr->outcome = OUTCOME_SKIP;
		p->r->fr->message = xstrdup("the plan skips every test "
		    "(1..0)");
	}
}

/*
 * Run the records of a pgTAP file (run.c opened its isolation); fills
 * r->fr.  Stops at a failing statement, a lost connection or a stop
 * request; the plan is checked only when every statement ran.
 */
void
run_pgtap(struct run *r)
{
	struct pgtap_run	 p;
	const char		*last_path = r->tf->path;
	size_t			 i, j;
	int			 last_line = 1, done = 1;

	memset(&p, 0, sizeof p);
	p.r = r;
	tap_state_init(&p.st);
	buf_init(&p.sub);
	r->stopped_at = 0;
	for (i = 0; i < r->tf->nrecords && done; i++) {
		p.rec = &r->tf->records[i];
		for (j = 0; j < p.rec->nstmts && done; j++) {
			p.stmt = &p.rec->stmts[j];
			last_path = p.rec->path;
			last_line = p.stmt->line;
			if (run_stopped() || r->broken ||
			    (r->opts->fail_fast && r->fr->ntests > 0 &&
			    r->fr->tests[r->fr->ntests - 1].outcome ==
			    OUTCOME_FAIL) || pgtap_stmt(&p) != 0)
				done = 0;
		}
	}
	run_end_test(r);
	if (done) {
		r->stopped_at = r->tf->nrecords;
		pgtap_check_plan(&p, last_path, last_line);
	}
	tap_state_free(&p.st);
	buf_free(&p.sub);
}
