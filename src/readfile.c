/*
 * readfile.c: a whole file read into memory, for the readers of test
 * files, schema and migration files, CSV files and the configuration;
 * and a file replaced whole (--rewrite, --durations).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlcheck.h"

/*
 * Read a whole file into a NUL-terminated buffer (caller frees); *len is
 * its size.  NULL with *cause on failure.
 */
char *
read_whole_file(const char *path, size_t *len, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;

	f = fopen(path, "rb");
	if (f == NULL) {
		*cause = xprintf("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		*cause = xprintf("%s: cannot read: %s", path, strerror(errno));
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
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
