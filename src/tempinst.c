/*
 * tempinst.c: what every throwaway server shares: its private directory,
 * its random password and private files, stopping it by pid and removing
 * its directory.  Starting one is engine-specific and lives in
 * tempinst-pg.c and tempinst-mysql.c.
 *
 * The security model (issue 23): only the user who runs sqlcheck, the
 * account the server runs as and root can reach a temporary server.  Its
 * socket and every file live in a directory of mode 0700 owned by the
 * server's account, files are created 0600, no TCP port is opened, and
 * logging in needs more than reaching the socket (PostgreSQL: peer as
 * root, a random scram password otherwise; MariaDB: unix_socket for root,
 * a random password for the account sqlcheck uses).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlcheck.h"

/*
 * Create a private directory from tmpl ("/tmp/NAME.XXXXXX"): mode 0700,
 * given to uid:gid when owner is set (a server that drops root's
 * privileges).  Sets ti->dir.  0, or -1 with *cause.
 */
int
tempinst_make_dir(struct tempinst *ti, const char *tmpl, int owner,
    uid_t uid, gid_t gid, char **cause)
{
	char	*dir;

	dir = xstrdup(tmpl);
	if (mkdtemp(dir) == NULL) {
		*cause = xprintf("cannot create a directory in /tmp: %s",
		    strerror(errno));
		free(dir);
		return -1;
	}
	ti->dir = dir;
	tempinst_guard_dir(dir);
	if (chmod(dir, 0700) != 0 ||
	    (owner && chown(dir, uid, gid) != 0)) {
		*cause = xprintf("cannot prepare \"%s\": %s", dir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * A random password: 32 hex digits from random_bytes() (clean.c, as the
 * scratch names).  NULL with *cause if the system has no randomness to
 * give.  Caller frees (after
 * tempinst_forget()).
 */
char *
tempinst_password(char **cause)
{
	unsigned char	 rnd[16];
	char		*pw;
	size_t		 i;

	if (random_bytes(rnd, sizeof rnd) != 0) {
		*cause = xprintf("cannot make a random password: %s",
		    strerror(errno));
		return NULL;
	}
	pw = xmalloc(2 * sizeof rnd + 1);
	for (i = 0; i < sizeof rnd; i++)
		snprintf(pw + 2 * i, 3, "%02x", rnd[i]);
	memset(rnd, 0, sizeof rnd);
	return pw;
}

/* Overwrite a secret string before it is freed; NULL is a no-op. */
void
tempinst_forget(char *secret)
{
	volatile char	*p = secret;

	if (p == NULL)
		return;
	while (*p != '\0')
		*p++ = '\0';
}

/*
 * Create path (which must not exist) with mode 0600, holding text, given
 * to uid:gid when owner is set.  0, or -1 with *cause.
 */
int
tempinst_write_private(const char *path, const char *text, int owner,
    uid_t uid, gid_t gid, char **cause)
{
	size_t	 len = strlen(text), done = 0;
	ssize_t	 n;
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1) {
		*cause = xprintf("cannot create \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	while (done < len) {
		n = write(fd, text + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (done < len || (owner && fchown(fd, uid, gid) != 0)) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Remove a directory tree (no symlinks followed); 0 or -1. */
int
tempinst_rmtree(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*child;
	int		 rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	d = opendir(path);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		child = xprintf("%s/%s", path, de->d_name);
		if (tempinst_rmtree(child) != 0)
			rc = -1;
		free(child);
	}
	closedir(d);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

/* Wait up to seconds for pid to exit; 1 if it did. */
static int
tempinst_wait(pid_t pid, double seconds)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	double		 waited = 0;
	pid_t		 r;

	while (waited < seconds) {
		r = waitpid(pid, NULL, WNOHANG);
		if (r == pid || (r < 0 && errno == ECHILD))
			return 1;
		nanosleep(&ts, NULL);
		waited += 0.02;
	}
	return 0;
}

/*
 * Stop the server (its own stop signal, then SIGKILL after 30 s), remove
 * its directory, dismiss the guard (tempinst-guard.c) and free the
 * struct.  NULL is a no-op.
 */
void
tempinst_stop(struct tempinst *ti)
{
	if (ti == NULL)
		return;
	if (ti->pid > 0) {
		kill(ti->pid, ti->stop_signal);
		if (!tempinst_wait(ti->pid, 30)) {
			kill(ti->pid, SIGKILL);
			tempinst_wait(ti->pid, 5);
		}
	}
	if (ti->dir != NULL && tempinst_rmtree(ti->dir) != 0)
		log_warnx("cannot remove \"%s\"", ti->dir);
	tempinst_guard_done();
	free(ti->dir);
	tempinst_forget(ti->dsn);
	free(ti->dsn);
	free(ti);
}
