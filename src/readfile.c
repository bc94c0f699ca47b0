/*
 * readfile.c: a whole file read into memory, for the readers of test
 * files, schema and migration files, CSV files and the configuration;
 * and a file replaced whole (--rewrite, --durations).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlcheck.h"

/*
 * Read all of fd into a NUL-terminated buffer (caller frees), of size
 * hint + 2 to start with (a regular file's size, its NUL and a byte for
 * the read that finds the end: no copy); *len is what was read.  NULL
 * with errno set on failure.
 */
static char *
read_fd(int fd, size_t hint, size_t *len)
{
	size_t	 cap = hint + 2, n = 0;
	ssize_t	 got;
	char	*b;

	b = xmalloc(cap);
	for (;;) {
		if (n + 1 == cap) {
			b = xreallocarray(b, 2, cap);
			cap *= 2;
		}
		got = read(fd, b + n, cap - 1 - n);
		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(b);
			return NULL;
		}
		n += (size_t)got;
	}
	b[n] = '\0';
	*len = n;
	return b;
}

/*
 * Read a whole file into a NUL-terminated buffer (caller frees); *len is
 * its size.  NULL with *cause on failure.
 */
char *
read_whole_file(const char *path, size_t *len, char **cause)
{
	struct stat	 st;
	char		*text;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		*cause = xprintf("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		st.st_size = 65536 - 1;
	if ((text = read_fd(fd, (size_t)st.st_size, len)) == NULL)
		*cause = xprintf("%s: cannot read: %s", path, strerror(errno));
	close(fd);
	return text;
}

/*
 * Write len bytes of text to path through a temporary file beside it,
 * synced, then renamed over it (keeping its mode): path is never half
 * written.  Returns 0, or -1 with *cause.
 */
int
replace_file(const char *path, const char *text, size_t len, char **cause)
{
	struct stat	 st;
	char		*tmp;
	int		 fd;
	FILE		*f;

	tmp = xprintf("%s.sqlcheck-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		*cause = xprintf("cannot write a temporary file beside \"%s\": "
		    "%s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmp);
		return -1;
	}
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	if (fwrite(text, 1, len, f) != len || fflush(f) != 0 ||
	    fsync(fd) != 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
