/*
 * tempinst.c: what every throwaway server shares: stopping it by pid and
 * removing its directory.  Starting one is engine-specific and lives in
 * tempinst-pg.c and tempinst-mysql.c.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlcheck.h"

/* Remove a directory tree (no symlinks followed); 0 or -1. */
static int
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
 * its directory and free the struct.  NULL is a no-op.
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
	free(ti->dir);
	free(ti->dsn);
	free(ti);
}
