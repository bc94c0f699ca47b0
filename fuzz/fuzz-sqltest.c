/*
 * fuzz-sqltest.c: libFuzzer target for the .sqltest reader,
 * parse_sqltest().  Any input must give a file model or an error
 * message, never a crash, a leak or a sanitizer report.  A message must
 * start with the path and a line number inside the input.
 *
 * "-- include:" and "-- load:" read files: an absolute path could name
 * /dev/zero or a FIFO and hang the fuzzer, so inputs that give one are
 * skipped, and relative paths resolve under a directory that does not
 * exist.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define FUZZ_PATH	"/nonexistent-sqlcheck-fuzz/input.sqltest"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * 1 if a line of text (len bytes) holds "include:" or "load:" (any case)
 * and a '/' after a blank or a quote: it may give an absolute path.
 */
static int
fuzz_absolute_path(const char *text, size_t len)
{
	size_t	 i, start = 0;
	char	*line;
	int	 found = 0;

	for (i = 0; i <= len && !found; i++) {
		if (i < len && text[i] != '\n')
			continue;
		line = strndup(text + start, i - start);
		if (line != NULL && (strcasestr(line, "include:") != NULL ||
		    strcasestr(line, "load:") != NULL) &&
		    (strstr(line, " /") != NULL || strstr(line, "\t/") ||
		    strstr(line, ":/") != NULL || strstr(line, "'/") != NULL))
			found = 1;
		free(line);
		start = i + 1;
	}
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct test_file	*tf;
	char			*text, *cause = NULL;
	size_t			 i, j;

	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (fuzz_absolute_path(text, size)) {
		free(text);
		return -1;	/* not added to the corpus */
	}
	tf = parse_sqltest(FUZZ_PATH, text, size, &cause);
	if (tf == NULL) {
		/*
		 * "PATH:LINE: message", or for a bad "-- load:" CSV file
		 * "CSV:LINE: message (in \"-- load:\" at PATH:LINE)".
		 */
		assert(cause != NULL);
		assert(strstr(cause, FUZZ_PATH ":") != NULL);
		free(cause);
	} else {
		assert(cause == NULL);
		assert(tf->nrecords > 0);
		for (i = 0; i < tf->nrecords; i++) {
			for (j = 0; j < tf->records[i].nstmts; j++)
				assert(tf->records[i].stmts[j].sql[0] != '\0');
		}
		test_file_free(tf);
	}
	free(text);
	return 0;
}
