/*
 * clean.c: sqlcheck --clean.  Lists the scratch databases a killed run
 * left on the server ("sqlcheck_" and 16 hex digits) and drops each one
 * no session uses, through the driver's optional scratch_list and
 * scratch_clean slots.  A scratch database of a run still going is kept:
 * the driver sees its session, or the lock its run holds while it
 * creates it.  Prints one line per database and a summary on standard
 * output.  Also the scratch naming rule, and the drop of the scratch
 * database of a session that was lost (scratch_drop_orphan).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlcheck.h"

#define SCRATCH_PREFIX		"sqlcheck_"
#define SCRATCH_HEX_DIGITS	16

/* 1 if name is a scratch database name: "sqlcheck_" and 16 hex digits. */
int
scratch_name_valid(const char *name)
{
	size_t	n = sizeof SCRATCH_PREFIX - 1;

	if (strncmp(name, SCRATCH_PREFIX, n) != 0 ||
	    strlen(name + n) != SCRATCH_HEX_DIGITS)
		return 0;
	return strspn(name + n, "0123456789abcdef") == SCRATCH_HEX_DIGITS;
}

/*
 * A run lost its session while its scratch database name existed: drop
 * it on c, the new session (its data NULL when reconnecting failed), or
 * say that --clean will.
 */
void
scratch_drop_orphan(struct conn *c, const char *name)
{
	char	*cause = NULL;

	if (c->data == NULL)
		log_warnx("scratch database %s is left on the server: "
		    "sqlcheck --clean drops it", name);
	else if (c->drv->scratch_drop(c, name, &cause) != 0) {
		log_warnx("cannot drop scratch database %s: %s; "
		    "sqlcheck --clean drops it later", name, cause);
		free(cause);
	}
}

/*
 * Fill n bytes with randomness: getentropy() where the C library has it,
 * else /dev/urandom.  -1 when neither gives them.
 */
int
random_bytes(unsigned char *out, size_t n)
{
	ssize_t	got = -1;
	int	fd;

#ifdef HAVE_GETENTROPY
	if (getentropy(out, n) == 0)
		return 0;
#endif
	fd = open("/dev/urandom", O_RDONLY);
	if (fd != -1) {
		got = read(fd, out, n);
		close(fd);
	}
	return got == (ssize_t)n ? 0 : -1;
}

/*
 * A fresh scratch database name: "sqlcheck_" and 16 random hex digits
 * (or, failing randomness, digits from the clock and the pid), so that
 * scratch_name_valid accepts it.  Caller frees.
 */
char *
scratch_name_new(void)
{
	unsigned char	 r[SCRATCH_HEX_DIGITS / 2];
	struct timespec	 ts;
	uint64_t	 x = 0;
	size_t		 i;

	if (random_bytes(r, sizeof r) == 0) {
		for (i = 0; i < sizeof r; i++)
			x = (x << 8) | r[i];
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		x = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
		    (uint64_t)ts.tv_sec ^ (uint64_t)getpid() << 40;
	}
	return xprintf(SCRATCH_PREFIX "%016llx", (unsigned long long)x);
}

/*
 * The 16 hex digits of a scratch name as a number (names are checked by
 * scratch_name_valid first), for drivers that key a lock on it.
 */
uint64_t
scratch_name_key(const char *name)
{
	return strtoull(name + sizeof SCRATCH_PREFIX - 1, NULL, 16);
}

/*
 * Connect with drv to dsn, drop every unused scratch database and say
 * what became of each.  Returns the exit status: 0 when nothing failed
 * (databases in use are kept, which is not a failure), 2 when the
 * connection or a drop failed.
 */
int
clean_run(const struct driver *drv, const char *dsn)
{
	struct conn	  c;
	char		**names = NULL, *cause = NULL;
	size_t		  n = 0, i;
	int		  dropped = 0, kept = 0, failed = 0, rc;

	if (drv->scratch_list == NULL || drv->scratch_clean == NULL) {
		printf("nothing to clean: %s scratch databases are in memory "
		    "and end with the run\n", drv->name);
		return SQLCHECK_EXIT_OK;
	}
	if (pool_connect(drv, dsn, &c) != 0)
		return SQLCHECK_EXIT_ERROR;
	if (drv->scratch_list(&c, &names, &n, &cause) != 0) {
		log_warnx("cannot list scratch databases: %s", cause);
		free(cause);
		drv->close(&c);
		return SQLCHECK_EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		rc = drv->scratch_clean(&c, names[i], &cause);
		if (rc == 0) {
			printf("dropped %s\n", names[i]);
			dropped++;
		} else if (rc > 0) {
			printf("kept %s: %s\n", names[i], cause);
			kept++;
		} else {
			printf("failed %s: %s\n", names[i], cause);
			failed++;
		}
		free(cause);
		cause = NULL;
	}
	str_list_free(names, n);
	drv->close(&c);
	printf("%d dropped, %d kept (in use), %d failed\n", dropped, kept,
	    failed);
	return failed > 0 ? SQLCHECK_EXIT_ERROR : SQLCHECK_EXIT_OK;
}
