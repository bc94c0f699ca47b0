/*
 * psql-cd.c: \cd [DIR] as psql 15 runs it, for one session.  psql
 * changes its process's directory; the tests of a run share sqlcheck's
 * process (and run at the same time), so each session keeps the
 * directory it changed to and names relative to it: the files of \i,
 * \ir, \o, \g, \w, \copy and \lo_import/\lo_export, and the directory
 * \! runs in.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "psql.h"

/*
 * name as the session's file system sees it: relative to its \cd
 * directory, if it has one and name is relative.  Caller frees.
 */
char *
psql_path(const struct psql *ps, const char *name)
{
	if (ps->cwd == NULL || name[0] == '/')
		return xstrdup(name);
	return xprintf("%s/%s", ps->cwd, name);
}

/* fopen() of name (psql_path); NULL with errno set. */
FILE *
psql_fopen(const struct psql *ps, const char *name, const char *mode)
{
	char	*path = psql_path(ps, name);
	FILE	*f = fopen(path, mode);
	int	 saved = errno;

	free(path);
	errno = saved;
	return f;
}

/* The user's home directory (psql's \cd without argument), or NULL. */
static char *
home_directory(void)
{
	struct passwd	 pw, *found = NULL;
	char		 buf[4096];

	if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &found) != 0 ||
	    found == NULL)
		return NULL;
	return xstrdup(pw.pw_dir);
}

/*
 * \cd [DIR]: the session's directory is DIR (relative to the one it has)
 * or the home directory.  0, or -1 with psql's message.
 */
int
psql_cd(struct psql *ps, const char *dir)
{
	struct stat	 st;
	char		*path, *home = NULL;
	int		 err = 0;

	if (dir == NULL && (dir = home = home_directory()) == NULL) {
		psql_error(ps, "could not get home directory for user ID %ld",
		    (long)geteuid());
		return -1;
	}
	path = psql_path(ps, dir);
	if (stat(path, &st) != 0)
		err = errno;
	else if (!S_ISDIR(st.st_mode))
		err = ENOTDIR;
	else if (access(path, X_OK) != 0)
		err = errno;
	if (err != 0) {
		psql_error(ps, "\\cd: could not change directory to \"%s\": %s",
		    dir, strerror(err));
		free(path);
		free(home);
		return -1;
	}
	free(ps->cwd);
	ps->cwd = path;
	free(home);
	return 0;
}
