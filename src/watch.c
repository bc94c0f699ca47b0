/*
 * watch.c: the watchdog.  One thread looks, every 20 ms, at each session
 * attached to it (the workers', and main's for --check-migrations and
 * the template): it cancels, through the driver, a statement running past
 * --timeout (send.c then marks its error timed out), and every running
 * statement once the run is asked to stop (Ctrl-C).  send.c arms a
 * session's watch before each statement and disarms it after.
 *
 * Without --timeout only a stop needs it, and the thread is not started
 * while only the workers run statements: the pool's reporter, which
 * wakes at least every 200 ms, looks at the sessions (watch_poll()), and
 * SQLite's statements look at the stop themselves (DRIVER_SELF_STOP;
 * one such worker runs on the reporter's thread).  A run of small files
 * does not pay for a thread it never needs.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "sqlcheck.h"

/* What a session's running statement looks like to the watchdog. */
struct watch {
	pthread_mutex_t	 mu;
	struct conn	*conn;
	double		 deadline;	/* 0 when no statement runs */
	int		 fired;		/* cancelled: --timeout */
	int		 stopped;	/* cancelled: the run is stopping */
	struct watch	*next;
};

static pthread_mutex_t	 watch_list_mu = PTHREAD_MUTEX_INITIALIZER;
static struct watch	*watch_list;
static double		 watch_timeout;
static pthread_t	 watch_thread;
static int		 watch_running;
static int		 watch_finish;	/* under watch_list_mu */
static pthread_cond_t	 watch_wake = PTHREAD_COND_INITIALIZER;

/* Seconds on the monotonic clock. */
double
clock_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Arm the watchdog before a statement (no-op without a watch). */
void
watch_arm(struct watch *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->fired = 0;
	w->stopped = 0;
	w->deadline = watch_timeout > 0 ? clock_now() + watch_timeout : -1;
	pthread_mutex_unlock(&w->mu);
}

/* Disarm after the statement; 1 if the watchdog cancelled it. */
int
watch_disarm(struct watch *w)
{
	int	fired;

	if (w == NULL)
		return 0;
	pthread_mutex_lock(&w->mu);
	w->deadline = 0;
	fired = w->fired;
	w->fired = 0;
	pthread_mutex_unlock(&w->mu);
	return fired;
}

/* The --timeout in seconds (0: none), for messages. */
double
watch_seconds(void)
{
	return watch_timeout;
}

/*
 * Cancel a session's statement if it overran, or if the run is stopping:
 * once per statement, including one that starts after the stop was asked
 * for (the runner checks for it between records only).
 */
static void
watch_check(struct watch *w, double now, int stopping)
{
	pthread_mutex_lock(&w->mu);
	if (w->deadline != 0 && !w->fired && !w->stopped && (stopping ||
	    (w->deadline > 0 && now >= w->deadline))) {
		if (stopping)
			w->stopped = 1;
		else
			w->fired = 1;
		if (w->conn->drv->cancel != NULL)
			w->conn->drv->cancel(w->conn);
	}
	pthread_mutex_unlock(&w->mu);
}

/* The wall-clock time 20 ms from now, for pthread_cond_timedwait(). */
static struct timespec
watch_next_tick(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

/*
 * The watchdog thread: looks at every attached session each 20 ms, and
 * ends as soon as watch_stop() wakes it (not at the next tick).
 */
static void *
watchdog_main(void *arg)
{
	struct timespec	 tick;
	struct watch	*w;

	(void)arg;
	pthread_mutex_lock(&watch_list_mu);
	while (!watch_finish) {
		for (w = watch_list; w != NULL; w = w->next)
			watch_check(w, clock_now(), run_stopped());
		tick = watch_next_tick();
		pthread_cond_timedwait(&watch_wake, &watch_list_mu, &tick);
	}
	pthread_mutex_unlock(&watch_list_mu);
	return NULL;
}

/* --timeout SECONDS (0: none), before any session is armed. */
void
watch_set_timeout(double timeout)
{
	watch_timeout = timeout;
}

/* Start the watchdog thread, once. */
void
watch_start(void)
{
	if (watch_running)
		return;
	watch_finish = 0;
	if (pthread_create(&watch_thread, NULL, watchdog_main, NULL) != 0)
		fatalx("cannot start the watchdog thread");
	watch_running = 1;
}

/*
 * One look at every attached session, from a thread that waits anyway,
 * when the watchdog thread does not run: then there is no --timeout,
 * and only a stop cancels anything.
 */
void
watch_poll(void)
{
	struct watch	*w;

	if (watch_running || !run_stopped())
		return;
	pthread_mutex_lock(&watch_list_mu);
	for (w = watch_list; w != NULL; w = w->next)
		watch_check(w, clock_now(), run_stopped());
	pthread_mutex_unlock(&watch_list_mu);
}

/* Stop the watchdog thread (sessions may stay attached). */
void
watch_stop(void)
{
	if (!watch_running)
		return;
	pthread_mutex_lock(&watch_list_mu);
	watch_finish = 1;
	pthread_cond_signal(&watch_wake);
	pthread_mutex_unlock(&watch_list_mu);
	pthread_join(watch_thread, NULL);
	watch_running = 0;
}

/*
 * Put session c under the watchdog: c->watch is set to a watch owned
 * here, freed by watch_detach(c).  c must stay at the same address
 * while attached (reconnecting in place keeps it: set c->watch again).
 */
void
watch_attach(struct conn *c)
{
	struct watch	*w;

	w = xcalloc(1, sizeof *w);
	pthread_mutex_init(&w->mu, NULL);
	w->conn = c;
	pthread_mutex_lock(&watch_list_mu);
	w->next = watch_list;
	watch_list = w;
	pthread_mutex_unlock(&watch_list_mu);
	c->watch = w;
}

/* Take session c from the watchdog and free its watch. */
void
watch_detach(struct conn *c)
{
	struct watch	**pp, *w = c->watch;

	if (w == NULL)
		return;
	pthread_mutex_lock(&watch_list_mu);
	for (pp = &watch_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	}
	pthread_mutex_unlock(&watch_list_mu);
	pthread_mutex_destroy(&w->mu);
	free(w);
	c->watch = NULL;
}
