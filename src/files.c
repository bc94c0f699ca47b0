/*
 * files.c: turn the paths given on the command line into the list of test
 * files to run.  Directories are searched recursively, in sorted order,
 * for *.sqltest, *.slt, *.test and *.pg (pgTAP) files; files named
 * directly run whatever their name.  And the reader each file is read
 * with (parse_file), by the same extensions.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sqlcheck.h"

/* 1 if a file name has one of the test file extensions. */
int
files_is_test(const char *name)
{
	return str_has_extension(name, ".sqltest") ||
	    str_has_extension(name, ".slt") ||
	    str_has_extension(name, ".test") || str_has_extension(name, ".pg");
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the test files under dir, sorted, recursing into directories. */
static int
files_walk(const char *dir, char ***out, size_t *n)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		**names = NULL, *path;
	size_t		 nnames = 0, i;
	int		 rc = 0;

	d = opendir(dir);
	if (d == NULL) {
		log_warnx("%s: cannot open directory: %s", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			str_list_add(&names, &nnames, de->d_name);
	}
	closedir(d);
	sort_array(names, nnames, sizeof *names, cmp_name);
	for (i = 0; i < nnames; i++) {
		path = xprintf("%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (files_walk(path, out, n) != 0)
				rc = -1;
		} else if (files_is_test(names[i]))
			str_list_add(out, n, path);
		free(path);
	}
	str_list_free(names, nnames);
	return rc;
}

/*
 * Expand paths into *out (a list the caller frees with str_list_free).
 * Returns 0, or -1 if some path could not be read (after warning about
 * it; the others are still listed).
 */
int
files_collect(char **paths, int npaths, char ***out, size_t *n)
{
	struct stat	 st;
	char		*p;
	size_t		 len;
	int		 i, rc = 0;

	for (i = 0; i < npaths; i++) {
		p = xstrdup(paths[i]);
		len = strlen(p);
		while (len > 1 && p[len - 1] == '/')
			p[--len] = '\0';
		if (stat(p, &st) != 0) {
			log_warnx("%s: cannot open: %s", p, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (files_walk(p, out, n) != 0)
				rc = -1;
		} else
			str_list_add(out, n, p);
		free(p);
	}
	return rc;
}

/*
 * 0 if path can be written as an output file (-o, --log,
 * --coverage-json), checked before anything starts: an existing file is
 * opened for writing without truncating it; a new one is created and
 * removed again.  -1 with *cause (caller frees) naming the path.
 */
int
files_output_writable(const char *path, char **cause)
{
	struct stat	st;
	int		fd, existed;

	existed = stat(path, &st) == 0;
	if (existed && S_ISDIR(st.st_mode)) {
		*cause = xprintf("cannot write \"%s\": it is a directory", path);
		return -1;
	}
	fd = open(path, existed ? O_WRONLY : O_WRONLY | O_CREAT | O_EXCL,
	    0644);
	if (fd == -1) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	close(fd);
	if (!existed)
		unlink(path);
	return 0;
}

/*
 * Read and parse a file by its name and first lines: pgTAP (as_pgtap:
 * --pgtap, see pgtap_is_pgtap), sqllogictest or sqltest.
 */
struct test_file *
parse_file(const char *path, int as_pgtap, char **cause)
{
	struct test_file	*tf;
	char			*text;
	size_t			 len;

	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		return NULL;
	if (pgtap_is_pgtap(path, text, len, as_pgtap))
		tf = parse_pgtap(path, text, len, cause);
	else if (str_has_extension(path, ".test") || str_has_extension(path, ".slt"))
		tf = parse_slt(path, text, len, cause);
	else
		tf = parse_sqltest(path, text, len, cause);
	free(text);
	return tf;
}
