/*
 * fuzz-sqltest.c: libFuzzer target for the .sqltest reader,
 * parse_sqltest().  Any input must give a file model or an error
 * message, never a crash, a leak or a sanitizer report.  A message must
 * start with the path and a line number inside the input.
 *
 * "-- include:" reads a file: an absolute include could name /dev/zero
 * or a FIFO and hang the fuzzer, so inputs naming one are skipped, and
 * relative includes resolve under a directory that does not exist.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define FUZZ_PATH	"/nonexistent-sqlcheck-fuzz/input.sqltest"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 1 if some "include:" is followed (after blanks) by an absolute path. */
static int
fuzz_absolute_include(const char *text, size_t len)
{
	const char	*p = text, *end = text + len;

	while ((p = memmem(p, (size_t)(end - p), "nclude:", 7)) != NULL) {
		p += 7;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p != '\n')
			return 1;
	}
	return 0;
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
	if (fuzz_absolute_include(text, size)) {
		free(text);
		return -1;	/* not added to the corpus */
	}
	tf = parse_sqltest(FUZZ_PATH, text, size, &cause);
	if (tf == NULL) {
		assert(cause != NULL);
		assert(strncmp(cause, FUZZ_PATH ":", sizeof FUZZ_PATH) == 0);
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
