/*
 * fuzz-split.c: libFuzzer target for the statement splitter, split_sql().
 * Besides crashes and sanitizer reports it checks the contract: each
 * statement lies inside the text, after the one before it, is not empty,
 * does not start or end with white space, and its line number is that of
 * its first byte (counting from the first line given).
 *
 * The input is not NUL-terminated on purpose: the splitter must not read
 * past len bytes.
 */
#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct split_stmt	*st = NULL;
	const char		*text;
	char			*copy;
	size_t			 n, i, k = 0, prev_end = 0;
	int			 line = 7;

	copy = xmalloc(size > 0 ? size : 1);
	memcpy(copy, data, size);
	text = copy;
	n = split_sql(text, size, 7, &st);
	for (i = 0; i < n; i++) {
		assert(st[i].off >= prev_end);
		assert(st[i].len > 0);
		assert(st[i].off + st[i].len <= size);
		assert(!isspace((unsigned char)text[st[i].off]));
		assert(!isspace((unsigned char)text[st[i].off + st[i].len - 1]));
		for (; k < st[i].off; k++) {
			if (text[k] == '\n')
				line++;
		}
		assert(st[i].line == line);
		prev_end = st[i].off + st[i].len;
	}
	free(st);
	free(copy);
	return 0;
}
