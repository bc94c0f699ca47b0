/*
 * fuzz-slt.c: libFuzzer target for the sqllogictest reader, parse_slt().
 * Any input must give a file model or an error message starting with
 * the path, never a crash, a leak or a sanitizer report.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define FUZZ_PATH	"input.test"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct test_file	*tf;
	char			*text, *cause = NULL;

	/* The reader gets what read_whole_file() gives: NUL-terminated. */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	tf = parse_slt(FUZZ_PATH, text, size, &cause);
	if (tf == NULL) {
		assert(cause != NULL);
		assert(strncmp(cause, FUZZ_PATH ":", sizeof FUZZ_PATH) == 0);
		free(cause);
	} else {
		assert(cause == NULL);
		test_file_free(tf);
	}
	free(text);
	return 0;
}
