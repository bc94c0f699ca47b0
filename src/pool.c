/*
 * pool.c: runs the selected files on -j workers, each a thread with a
 * session of its own (reset between files, reconnected if lost), and
 * hands them to the reporters in file order whatever finishes first,
 * with the progress line on a terminal (report.c prints it).  Each
 * worker's session is under the watchdog (watch.c).  One worker on an
 * engine that stops by itself (SQLite) runs on the caller's thread.  The
 * pool owns the sessions it opens; the caller owns the first one.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlcheck.h"

struct slot {
	struct file_report	 fr;
	struct test_file	*tf;
	int			 done;
};

struct worker {
	struct pool		*pool;
	pthread_t		 thread;
	struct conn		 conn;
	int			 started;
	char			*down;		/* why reconnecting failed */
};

struct pool {
	const struct pool_config	*cfg;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	struct slot			*slots;
	size_t				 next;		/* next file to take */
	int				 failed;	/* for --fail-fast */
	struct worker			*workers;
	int				 nworkers;
};

/*
 * Connect; a failure is reported with the target (no password), and its
 * first line kept in *why (caller frees) unless why is NULL.
 */
static int
pool_connect_why(const struct driver *drv, const char *dsn, struct conn *c,
    char **why)
{
	char	*cause = NULL;

	memset(c, 0, sizeof *c);
	c->drv = drv;
	if (drv->open(c, dsn, &cause) == 0)
		return 0;
	log_warnx("%s", cause);
	if (why != NULL) {
		free(*why);
		*why = xstrndup(cause, strcspn(cause, "\n"));
	}
	free(cause);
	c->data = NULL;
	return -1;
}

/* Connect; a failure is reported with the target (no password). */
int
pool_connect(const struct driver *drv, const char *dsn, struct conn *c)
{
	return pool_connect_why(drv, dsn, c, NULL);
}

/* s and then more, as one new string; s is freed. */
static char *
pool_append(char *s, const char *more)
{
	char	*t;

	t = xprintf("%s%s", s, more);
	free(s);
	return t;
}

/*
 * Parse and run one file, then, if reset, make the session fit for the
 * next one.
 */
static void
pool_run_file(struct worker *w, struct slot *s, const char *path, int reset)
{
	const struct pool_config	*cfg = w->pool->cfg;
	struct watch			*watch;
	char				*cause = NULL;

	s->fr.path = path;
	s->tf = parse_file(path, cfg->opts->pgtap, &cause);
	if (s->tf == NULL) {
		s->fr.outcome = OUTCOME_ERROR;
		s->fr.parse_error = 1;
		s->fr.message = cause;
		return;
	}
	if (w->conn.data == NULL) {
		s->fr.outcome = OUTCOME_ERROR;
		s->fr.message = xprintf("%s: not run: no connection to the "
		    "database%s%s", path, w->down != NULL ? " (reconnecting "
		    "failed: " : "", w->down != NULL ? w->down : "");
		if (w->down != NULL)
			s->fr.message = pool_append(s->fr.message, ")");
		return;
	}
	run_file(&w->conn, s->tf, cfg->opts, &s->fr);
	test_file_drop_records(s->tf);	/* the report needs only paths */
	if (!reset)
		return;
	memory_release();
	if (s->fr.broken || (cfg->drv->reset != NULL && !s->fr.session_reset &&
	    cfg->drv->reset(&w->conn, &cause) != 0)) {
		free(cause);
		cause = NULL;
		watch = w->conn.watch;
		cfg->drv->close(&w->conn);
		pool_connect_why(cfg->drv, cfg->dsn, &w->conn, &w->down);
		w->conn.watch = watch;	/* the same session, again */
		if (s->fr.orphan_scratch != NULL)
			scratch_drop_orphan(&w->conn, s->fr.orphan_scratch);
	}
}

/*
 * A worker with no file left sends what its driver left waiting for the
 * next file (the reset, with the last file's ROLLBACK), so that its idle
 * session holds no lock another worker's file could wait for.  If that
 * fails, the session is closed soon anyway, and the server rolls back.
 */
static void
worker_flush(struct worker *w)
{
	const struct driver	*drv = w->pool->cfg->drv;
	char			*cause = NULL;

	if (w->conn.data != NULL && drv->flush != NULL &&
	    drv->flush(&w->conn, &cause) != 0)
		free(cause);
}

/* 1 if the file in s failed in any way (for --fail-fast). */
static int
slot_failed(const struct slot *s)
{
	return s->fr.failed > 0 || s->fr.outcome == OUTCOME_ERROR ||
	    s->fr.setup_failed || s->fr.file_failed;
}

/* A worker: take the next file until none is left. */
static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct pool	*p = w->pool;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		if (p->next >= p->cfg->nfiles || run_stopped() ||
		    (p->cfg->opts->fail_fast && p->failed)) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		pool_run_file(w, &p->slots[i], p->cfg->files[i], 1);
		file_report_count(&p->slots[i].fr);
		pthread_mutex_lock(&p->mu);
		p->slots[i].done = 1;
		if (slot_failed(&p->slots[i]))
			p->failed = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	worker_flush(w);
	return NULL;
}

/* The live progress line (report.c), if the run shows it. */
static void
progress(const struct pool *p, size_t done, const struct totals *t,
    double start, int clear)
{
	if (!p->cfg->progress)
		return;
	if (clear)
		report_progress_clear();
	else
		report_progress(done, p->cfg->nfiles, t->failed,
		    clock_now() - start);
}

/*
 * Report the finished file of s, add it to *t, and free what it held
 * (given back to the system if trim is set: more files follow).
 */
static void
pool_report_slot(struct pool *p, struct slot *s, struct totals *t, int trim)
{
	totals_add(t, &s->fr);
	report_file(&s->fr);
	rewrite_reported(&s->fr, p->cfg->opts);
	file_report_free(&s->fr);
	test_file_free(s->tf);
	s->tf = NULL;
	if (trim)
		memory_release();
}

/* Report finished files in order; returns when all are reported. */
static void
pool_report(struct pool *p, struct totals *t, double start)
{
	struct timespec	 ts;
	size_t		 i;
	int		 running;

	for (i = 0; i < p->cfg->nfiles; i++) {
		pthread_mutex_lock(&p->mu);
		while (!p->slots[i].done) {
			running = p->next > i;
			if (!running && (run_stopped() ||
			    (p->cfg->opts->fail_fast && p->failed)))
				break;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200 * 1000 * 1000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&p->cv, &p->mu, &ts);
			pthread_mutex_unlock(&p->mu);
			watch_poll();
			progress(p, i, t, start, 0);
			pthread_mutex_lock(&p->mu);
		}
		pthread_mutex_unlock(&p->mu);
		if (!p->slots[i].done)
			break;
		progress(p, i, t, start, 1);
		pool_report_slot(p, &p->slots[i], t, 1);
	}
	progress(p, i, t, start, 1);
}

/*
 * One worker on a driver that stops by itself (DRIVER_SELF_STOP): the
 * files run on this thread, each reported as soon as it ends, so a run
 * of small files pays for no thread.  The session is made fit for a
 * next file only when one follows (closing it is enough after the last).
 */
static void
pool_run_here(struct pool *p, struct totals *t, double start)
{
	struct worker	*w = &p->workers[0];
	size_t		 i, n = p->cfg->nfiles;

	for (i = 0; i < n && !run_stopped(); i++) {
		if (p->cfg->opts->fail_fast && p->failed)
			break;
		progress(p, i, t, start, 0);
		pool_run_file(w, &p->slots[i], p->cfg->files[i], i + 1 < n);
		file_report_count(&p->slots[i].fr);
		p->slots[i].done = 1;
		if (slot_failed(&p->slots[i]))
			p->failed = 1;
		progress(p, i, t, start, 1);
		pool_report_slot(p, &p->slots[i], t, i + 1 < n);
	}
	progress(p, i, t, start, 1);
}

/*
 * Start worker i (the first on session *first); with here set, the first
 * one runs on the caller's thread (pool_run_here()), not a thread of its
 * own.
 */
static void
worker_start(struct pool *p, int i, struct conn *first, int here)
{
	struct worker	*w = &p->workers[i];

	w->pool = p;
	if (i == 0)
		w->conn = *first;
	else
		pool_connect(p->cfg->drv, p->cfg->dsn, &w->conn);
	watch_attach(&w->conn);
	if ((w->conn.data == NULL && i > 0) || here)
		return;		/* the others go on without this one */
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
		fatalx("cannot start a worker thread");
	w->started = 1;
}

/*
 * Run every file of cfg on cfg->jobs workers, the first using *first (an
 * open session, closed here).  Reports each file in order and adds to *t.
 */
void
pool_run(const struct pool_config *cfg, struct conn *first, struct totals *t)
{
	struct pool	 p;
	double		 start = clock_now();
	int		 i, here;

	memory_policy_set();
	memset(&p, 0, sizeof p);
	p.cfg = cfg;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	p.slots = xcalloc(cfg->nfiles + 1, sizeof *p.slots);
	p.nworkers = cfg->jobs < 1 ? 1 : cfg->jobs;
	if ((size_t)p.nworkers > cfg->nfiles && cfg->nfiles > 0)
		p.nworkers = (int)cfg->nfiles;
	p.workers = xcalloc((size_t)p.nworkers, sizeof *p.workers);
	here = p.nworkers == 1 && (cfg->drv->flags & DRIVER_SELF_STOP);
	for (i = 0; i < p.nworkers; i++)
		worker_start(&p, i, first, here);
	if (here) {
		pool_run_here(&p, t, start);
		worker_flush(&p.workers[0]);
	} else
		pool_report(&p, t, start);
	for (i = 0; i < p.nworkers; i++) {
		if (p.workers[i].started)
			pthread_join(p.workers[i].thread, NULL);
	}
	for (i = 0; i < p.nworkers; i++) {
		if (p.workers[i].conn.data != NULL)
			cfg->drv->close(&p.workers[i].conn);
		free(p.workers[i].down);
		watch_detach(&p.workers[i].conn);
	}
	for (i = 0; (size_t)i < cfg->nfiles; i++) {
		file_report_free(&p.slots[i].fr);
		test_file_free(p.slots[i].tf);
	}
	free(p.slots);
	free(p.workers);
	t->seconds = clock_now() - start;
}
