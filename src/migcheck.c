/*
 * migcheck.c: sqlcheck --check-migrations DIR.  In a scratch database
 * (the user's database is never touched), for each migration step in
 * version order: apply up, take the schema fingerprint (the driver's
 * fingerprint slot: canonical lines read from the engine's catalog),
 * apply down, check that the fingerprint equals the one before up, apply
 * up again and check that it gives the same schema as the first time.
 * The first failing step is reported with a readable difference of the
 * two schemas; the steps after it are not checked.  With --schema, the
 * schema the migrations build is compared with the declared one, built
 * in a second scratch database.
 *
 * The outcome is a file_report whose tests are the steps, so every
 * reporter (human, tap, junit, json) prints it.  Prints nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sqlcheck.h"

/* At most this many sentences describe a difference. */
#define MIGCHECK_MAX_SENTENCES	40

/* A schema fingerprint: sorted lines pointing into text. */
struct fp {
	char	 *text;
	char	**lines;
	size_t	  n;
};

/* One --check-migrations run. */
struct migcheck {
	struct conn		*conn;
	const struct driver	*drv;
	const struct migrations	*ms;
	struct file_report	*fr;
	char			*scratch;	/* scratch database in use */
	int			 server_ok;	/* server changes may be sent */
};

/*
 * The words of a difference from schema a to schema b.  A fact only in b
 * is "FACT EXTRA", only in a "FACT MISSING", and a changed one
 * 'KEY is "B" B_WHEN, A_PRE "A" A_WHEN'.
 */
struct fp_words {
	char	*extra;		/* "is still there after 0003 down" */
	char	*missing;	/* "is missing after 0003 down" */
	char	*b_when;	/* "after 0003 down" */
	char	*a_pre;		/* "was" */
	char	*a_when;	/* "before 0003 up" */
};

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
fp_free(struct fp *fp)
{
	free(fp->text);
	free(fp->lines);
	memset(fp, 0, sizeof *fp);
}

/*
 * Take the fingerprint of the current database into fp (sorted, empty
 * lines dropped).  0, or -1 with *cause.
 */
static int
fp_take(struct migcheck *mc, struct fp *fp, char **cause)
{
	struct buf	 b;
	char		*s, *nl;

	memset(fp, 0, sizeof *fp);
	buf_init(&b);
	if (mc->drv->fingerprint(mc->conn, &b, cause) != 0) {
		buf_free(&b);
		return -1;
	}
	fp->text = buf_detach(&b);
	for (s = fp->text; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s) - 1;
		else
			*nl = '\0';
		if (*s == '\0')
			continue;
		fp->lines = xreallocarray(fp->lines, fp->n + 1,
		    sizeof *fp->lines);
		fp->lines[fp->n++] = s;
	}
	if (fp->n > 0)
		sort_array(fp->lines, fp->n, sizeof *fp->lines, cmp_line);
	return 0;
}

static int
fp_equal(const struct fp *a, const struct fp *b)
{
	size_t	i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->lines[i], b->lines[i]) != 0)
			return 0;
	}
	return 1;
}

/* The length of a line's key: what comes before ": ", or all of it. */
static size_t
fp_keylen(const char *line)
{
	const char	*colon = strstr(line, ": ");

	return colon != NULL ? (size_t)(colon - line) : strlen(line);
}

/*
 * A line as a phrase: "index i on t: (c)" is "index i on t (c)", and
 * "column t.c: integer" is "column t.c (integer)".
 */
static void
fp_phrase(struct buf *b, const char *line)
{
	size_t		 k = fp_keylen(line);
	const char	*d = line + k + 2;

	buf_add(b, line, k);
	if (line[k] == '\0')
		return;
	if (*d == '(')
		buf_printf(b, " %s", d);
	else
		buf_printf(b, " (%s)", d);
}

/* Lines of a not in b (a multiset difference of sorted lists). */
static size_t
fp_only(const struct fp *a, const struct fp *b, const char **out)
{
	size_t	i = 0, j = 0, n = 0;
	int	c;

	while (i < a->n) {
		c = j < b->n ? strcmp(a->lines[i], b->lines[j]) : -1;
		if (c < 0)
			out[n++] = a->lines[i++];
		else if (c > 0)
			j++;
		else {
			i++;
			j++;
		}
	}
	return n;
}

/* Add one sentence, or count it past the limit. */
static void
fp_sentence(struct buf *msg, int *count)
{
	if (++*count <= MIGCHECK_MAX_SENTENCES)
		buf_addc(msg, '\n');
}

/*
 * Describe how b differs from a, as sentences (one a line, into msg) in
 * the words given, and as "- line" / "+ line" (into diff).  A line of a
 * and a line of b with the same key are one change.
 */
static void
fp_describe(const struct fp *a, const struct fp *b,
    const struct fp_words *w, struct buf *msg, struct buf *diff)
{
	const char	**oa, **ob;
	size_t		  na, nb, i, j, k;
	int		  count = 0;

	oa = xcalloc(a->n + 1, sizeof *oa);
	ob = xcalloc(b->n + 1, sizeof *ob);
	na = fp_only(a, b, oa);
	nb = fp_only(b, a, ob);
	for (i = 0; i < na; i++)
		buf_printf(diff, "- %s\n", oa[i]);
	for (j = 0; j < nb; j++)
		buf_printf(diff, "+ %s\n", ob[j]);
	for (i = 0; i < na; i++) {
		k = fp_keylen(oa[i]);
		for (j = 0; j < nb; j++) {
			if (ob[j] != NULL && oa[i][k] != '\0' &&
			    fp_keylen(ob[j]) == k &&
			    strncmp(oa[i], ob[j], k) == 0)
				break;
		}
		fp_sentence(msg, &count);
		if (count > MIGCHECK_MAX_SENTENCES)
			continue;
		if (j < nb) {
			buf_printf(msg, "%.*s is \"%s\" %s, %s%s\"%s\" %s",
			    (int)k, oa[i], ob[j] + k + 2, w->b_when, w->a_pre,
			    *w->a_pre != '\0' ? " " : "", oa[i] + k + 2,
			    w->a_when);
			ob[j] = NULL;
			continue;
		}
		fp_phrase(msg, oa[i]);
		buf_printf(msg, " %s", w->missing);
	}
	for (j = 0; j < nb; j++) {
		if (ob[j] == NULL)
			continue;
		fp_sentence(msg, &count);
		if (count > MIGCHECK_MAX_SENTENCES)
			continue;
		fp_phrase(msg, ob[j]);
		buf_printf(msg, " %s", w->extra);
	}
	if (count > MIGCHECK_MAX_SENTENCES)
		buf_printf(msg, "\n... and %d more differences",
		    count - MIGCHECK_MAX_SENTENCES);
	free(oa);
	free(ob);
}

/*
 * Fail a step's entry: headline, then the difference from a to b in the
 * words of w, which are freed.
 */
static void
fail_diff(struct test_report *tr, const char *headline, const struct fp *a,
    const struct fp *b, struct fp_words *w)
{
	struct buf	msg, diff;

	buf_init(&msg);
	buf_init(&diff);
	buf_adds(&msg, headline);
	fp_describe(a, b, w, &msg, &diff);
	tr->outcome = OUTCOME_FAIL;
	tr->message = buf_detach(&msg);
	tr->diff = buf_detach(&diff);
	free(w->extra);
	free(w->missing);
	free(w->b_when);
	free(w->a_pre);
	free(w->a_when);
}

/*
 * Send statement i of rec as written, in autocommit (send_stmt), unless
 * it cannot run in a scratch database.  0, or -1 with err filled.
 */
static int
mc_send(struct migcheck *mc, const struct record *rec, size_t i,
    struct dberror *err)
{
	struct txn_place place;
	struct send_at	 at;
	struct result	 res;
	char		*refusal;
	int		 rc;

	place.engine = mc->drv->name;
	place.in_txn = 0;
	place.txn_ddl = (mc->drv->flags & DRIVER_TXN_DDL) != 0;
	place.scratch = 1;
	place.server_ok = mc->server_ok;
	refusal = txn_refusal(rec->stmts[i].sql, &place);
	if (refusal != NULL) {
		dberror_set(err, NULL, "sqlcheck", NULL, refusal);
		free(refusal);
		return -1;
	}
	memset(&at, 0, sizeof at);
	at.path = rec->path;
	at.line = rec->stmts[i].line;
	result_init(&res);
	rc = send_stmt(mc->conn, &at, rec->stmts[i].sql, NULL, &res, err);
	result_clear(&res);
	return rc;
}

/*
 * Run the statements of rec (a migration step or a schema file) as
 * written, in autocommit, but none that changes the server beyond the
 * scratch database (txn_refusal) unless mc->server_ok.  On failure the entry fails at the statement's
 * FILE:LINE with what in the message; returns -1.
 */
static int
mc_apply(struct migcheck *mc, const struct record *rec, const char *what,
    struct test_report *tr)
{
	struct dberror	 err;
	size_t		 i;
	char		*desc;
	int		 rc = 0;

	log_debug("%s: %s (%s)", mc->ms != NULL ? mc->ms->dir : "schema",
	    what, rec->path);
	dberror_init(&err);
	for (i = 0; i < rec->nstmts && rc == 0; i++)
		rc = mc_send(mc, rec, i, &err);
	if (rc != 0) {
		i--;
		desc = err.timed_out ? xprintf("timed out after %g s (the "
		    "statement was cancelled)", watch_seconds()) :
		    dberror_describe(&err);
		tr->outcome = OUTCOME_FAIL;
		tr->path = rec->path;
		tr->line = rec->stmts[i].line;
		tr->sql = xstrdup(rec->stmts[i].sql);
		tr->message = xprintf("%s failed: %s", what, desc);
		free(desc);
	}
	dberror_clear(&err);
	return rc;
}

/* Take a fingerprint for an entry; on failure the entry is an error. */
static int
mc_fp(struct migcheck *mc, struct fp *fp, struct test_report *tr)
{
	char	*cause = NULL;

	if (fp_take(mc, fp, &cause) == 0)
		return 0;
	tr->outcome = OUTCOME_ERROR;
	tr->message = cause;
	return -1;
}

/*
 * Down, then up again, for step m whose up ran and gave *up; before is
 * the schema before that up.  0, or -1 with the entry failed.
 */
static int
mc_down_up(struct migcheck *mc, const struct migration *m,
    const struct fp *before, const struct fp *up, struct test_report *tr)
{
	const char	*v = m->version;
	struct fp_words	 w;
	struct fp	 fp;
	char		*what;
	int		 rc;

	what = xprintf("%s down", v);
	rc = mc_apply(mc, &m->down->rec, what, tr);
	free(what);
	if (rc != 0 || mc_fp(mc, &fp, tr) != 0)
		return -1;
	if (!fp_equal(before, &fp)) {
		w.extra = xprintf("is still there after %s down", v);
		w.missing = xprintf("is missing after %s down (it was there "
		    "before %s up)", v, v);
		w.b_when = xprintf("after %s down", v);
		w.a_pre = xstrdup("was");
		w.a_when = xprintf("before %s up", v);
		tr->path = m->down->path;
		fail_diff(tr, "the down step does not restore the schema "
		    "from before the up step:", before, &fp, &w);
		fp_free(&fp);
		return -1;
	}
	fp_free(&fp);
	what = xprintf("%s up (again, after down)", v);
	rc = mc_apply(mc, &m->up->rec, what, tr);
	free(what);
	if (rc != 0 || mc_fp(mc, &fp, tr) != 0)
		return -1;
	rc = 0;
	if (!fp_equal(up, &fp)) {
		w.extra = xprintf("is there only after %s up runs again", v);
		w.missing = xprintf("is missing when %s up runs again", v);
		w.b_when = xprintf("when %s up runs again", v);
		w.a_pre = xstrdup("");
		w.a_when = xstrdup("the first time");
		fail_diff(tr, "up after down gives another schema than up the "
		    "first time:", up, &fp, &w);
		rc = -1;
	}
	fp_free(&fp);
	return rc;
}

/*
 * Check step i: up, down, up.  *before is the schema before it; on
 * success it becomes the schema after it.  0, or -1 if the step failed.
 */
static int
mc_step(struct migcheck *mc, size_t i, struct fp *before)
{
	const struct migration	*m = &mc->ms->steps[i];
	struct test_report	*tr;
	struct fp		 up;
	char			*what;
	int			 rc;

	what = xprintf("migration %s (%s)", m->version, m->name);
	tr = file_report_add(mc->fr, OUTCOME_PASS, m->up != NULL ?
	    m->up->path : mc->ms->dir, 1, what);
	free(what);
	if (m->up == NULL) {
		tr->outcome = OUTCOME_SKIP;
		tr->message = xprintf("no file for %s: the step does nothing "
		    "on this engine", mc->drv->name);
		return 0;
	}
	what = xprintf("%s up", m->version);
	rc = mc_apply(mc, &m->up->rec, what, tr);
	free(what);
	if (rc != 0 || mc_fp(mc, &up, tr) != 0)
		return -1;
	if (m->down == NULL) {
		tr->outcome = OUTCOME_SKIP;
		tr->message = xstrdup("no down step: up applied, down not "
		    "checked");
	} else if (mc_down_up(mc, m, before, &up, tr) != 0) {
		fp_free(&up);
		return -1;
	}
	fp_free(before);
	*before = up;
	return 0;
}

/* Open a scratch database; on failure the report is an error. */
static int
mc_scratch(struct migcheck *mc)
{
	char	*cause = NULL;

	if (mc->drv->scratch_create(mc->conn, &mc->scratch, &cause) == 0) {
		log_debug("%s: scratch database %s", mc->fr->path,
		    mc->scratch);
		return 0;
	}
	mc->fr->outcome = OUTCOME_ERROR;
	mc->fr->message = xprintf("%s: cannot create a scratch database: %s",
	    mc->fr->path, cause);
	free(cause);
	mc->scratch = NULL;
	return -1;
}

/* Drop the scratch database (a failure is only a warning). */
static void
mc_unscratch(struct migcheck *mc)
{
	char	*cause = NULL;

	if (mc->scratch == NULL)
		return;
	if (mc->drv->scratch_drop(mc->conn, mc->scratch, &cause) != 0) {
		log_warnx("cannot drop scratch database %s: %s", mc->scratch,
		    cause);
		free(cause);
	}
	free(mc->scratch);
	mc->scratch = NULL;
}

/*
 * Drift: build the declared schema in a new scratch database and compare
 * it with migrated, the schema the migrations built.
 */
static void
mc_drift(struct migcheck *mc, const struct sqlfiles *sf,
    const struct fp *migrated)
{
	struct test_report	*tr;
	struct fp_words		 w;
	struct fp		 declared;
	size_t			 i;

	tr = file_report_add(mc->fr, OUTCOME_PASS, sf->paths[0], 1,
	    "declared schema (--schema) against the migrated schema");
	if (mc_scratch(mc) != 0) {
		tr->outcome = OUTCOME_ERROR;
		tr->message = xstrdup(mc->fr->message);
		return;
	}
	for (i = 0; i < sf->nrecords; i++) {
		if (mc_apply(mc, &sf->records[i], "the declared schema",
		    tr) != 0)
			return;
	}
	if (mc_fp(mc, &declared, tr) != 0)
		return;
	if (!fp_equal(&declared, migrated)) {
		w.extra = xstrdup("is made by the migrations, but not "
		    "declared");
		w.missing = xstrdup("is declared, but the migrations do not "
		    "make it");
		w.b_when = xstrdup("in the migrated schema");
		w.a_pre = xstrdup("");
		w.a_when = xstrdup("in the declared one");
		fail_diff(tr, "the migrations build another schema than the "
		    "declared one (- declared, + migrated):", &declared,
		    migrated, &w);
	}
	fp_free(&declared);
}

/* Steps after a failure, and the drift check, are not checked. */
static void
mc_not_checked(struct migcheck *mc, size_t from, const struct sqlfiles *sf)
{
	struct test_report	*tr;
	const struct migration	*m;
	char			*name;
	size_t			 i;

	for (i = from; i < mc->ms->nsteps; i++) {
		m = &mc->ms->steps[i];
		name = xprintf("migration %s (%s)", m->version, m->name);
		tr = file_report_add(mc->fr, OUTCOME_SKIP, m->up != NULL ?
		    m->up->path : mc->ms->dir, 1, name);
		tr->message = xstrdup("not checked: an earlier step failed");
		free(name);
	}
	if (sf != NULL) {
		tr = file_report_add(mc->fr, OUTCOME_SKIP, sf->paths[0], 1,
		    "declared schema (--schema) against the migrated schema");
		tr->message = xstrdup("not checked: a migration step failed");
	}
}

/*
 * Where the check starts: an empty database (the scratch database is a
 * copy of the --dsn database on SQLite: one that is not empty is an
 * error, on every engine), then with --baseline the --schema files sf.
 * 0, or -1 with the report an error.
 */
static int
mc_start(struct migcheck *mc, const struct sqlfiles *sf)
{
	struct test_report	*tr;
	struct fp		 fp;
	char			*cause = NULL;
	size_t			 i;

	if (fp_take(mc, &fp, &cause) != 0) {
		mc->fr->outcome = OUTCOME_ERROR;
		mc->fr->message = xprintf("%s: %s", mc->fr->path, cause);
		free(cause);
		return -1;
	}
	if (fp.n > 0) {
		mc->fr->outcome = OUTCOME_ERROR;
		mc->fr->message = xprintf("%s: the scratch database is not "
		    "empty (%s%s): --check-migrations starts from an empty "
		    "database, and with --baseline from the --schema files "
		    "(give a --dsn with no tables)", mc->fr->path, fp.lines[0],
		    fp.n > 1 ? ", ..." : "");
		fp_free(&fp);
		return -1;
	}
	fp_free(&fp);
	for (i = 0; sf != NULL && i < sf->nrecords; i++) {
		tr = file_report_add(mc->fr, OUTCOME_PASS, sf->records[i].path,
		    1, "baseline (--schema)");
		if (mc_apply(mc, &sf->records[i], "the baseline schema",
		    tr) != 0)
			return -1;
	}
	return 0;
}

/*
 * Check the migrations ms on conn (the driver needs the fingerprint and
 * scratch slots) and fill fr, whose path the caller set.  sf is the
 * --schema files, or NULL: with baseline the schema the check starts
 * from, else the declared schema to compare with.  server_ok lets
 * statements change the server beyond the scratch database.
 */
void
migcheck_run(struct conn *conn, const struct migrations *ms,
    const struct sqlfiles *sf, int baseline, int server_ok,
    struct file_report *fr)
{
	struct migcheck	 mc;
	struct fp	 fp;
	double		 start = clock_now();
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 0;

	memset(&mc, 0, sizeof mc);
	mc.conn = conn;
	mc.drv = conn->drv;
	mc.ms = ms;
	mc.fr = fr;
	mc.server_ok = server_ok;
	if (mc.drv->fingerprint == NULL || mc.drv->scratch_create == NULL) {
		fr->outcome = OUTCOME_ERROR;
		fr->message = xprintf("%s: the %s driver cannot read a schema "
		    "fingerprint", fr->path, mc.drv->name);
		return;
	}
	if (mc_scratch(&mc) != 0)
		return;
	if (mc_start(&mc, baseline ? sf : NULL) != 0) {
		mc_unscratch(&mc);
		return;
	}
	if (baseline)
		sf = NULL;	/* the base, not a schema to compare with */
	if (fp_take(&mc, &fp, &cause) != 0) {
		fr->outcome = OUTCOME_ERROR;
		fr->message = xprintf("%s: %s", fr->path, cause);
		free(cause);
		mc_unscratch(&mc);
		return;
	}
	for (i = 0; rc == 0 && i < ms->nsteps && !run_stopped(); i++)
		rc = mc_step(&mc, i, &fp);
	mc_unscratch(&mc);
	if (rc != 0)
		mc_not_checked(&mc, i, sf);
	else if (sf != NULL)
		mc_drift(&mc, sf, &fp);
	mc_unscratch(&mc);
	fp_free(&fp);
	fr->seconds = clock_now() - start;
}
