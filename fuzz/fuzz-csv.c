/*
 * fuzz-csv.c: libFuzzer target for the CSV reader behind "-- load:",
 * csv_parse().  Any input must give a table or an error message, never a
 * crash, a leak or a sanitizer report.  A table must be rectangular
 * (every row has the header's column count, every cell is NULL or a
 * string inside the store) with row lines that never go backwards; a
 * message must start with the path and a line number.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define FUZZ_PATH	"fuzz-input.csv"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_check_table(const struct csv *csv)
{
	size_t	i;
	int	c;

	assert(csv->ncols > 0);
	for (c = 0; c < csv->ncols; c++) {
		assert(csv->header[c] != NULL);
		assert(csv->header[c][0] != '\0');
	}
	for (i = 0; i < csv->nrows; i++) {
		if (i > 0)
			assert(csv->lines[i] > csv->lines[i - 1]);
		for (c = 0; c < csv->ncols; c++) {
			const char *cell = csv->cells[i * csv->ncols + c];

			if (cell != NULL)
				(void)strlen(cell);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	*csv;
	char		*cause = NULL;

	csv = csv_parse(FUZZ_PATH, (const char *)data, size, &cause);
	if (csv == NULL) {
		assert(cause != NULL);
		assert(strncmp(cause, FUZZ_PATH ":", strlen(FUZZ_PATH) + 1)
		    == 0);
		free(cause);
		return 0;
	}
	assert(cause == NULL);
	fuzz_check_table(csv);
	csv_free(csv);
	return 0;
}
