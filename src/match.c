/*
 * match.c: regular expressions through PCRE2 (8-bit, UTF mode).  This is
 * the only file that includes pcre2.h.  A struct regex is owned by its
 * creator and freed with regex_free().
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

struct regex {
	pcre2_code		*code;
	pcre2_match_data	*md;
};

/*
 * Compile a pattern.  Returns NULL and sets *cause (caller frees) to
 * PCRE2's message and offset when the pattern is bad.
 */
struct regex *
regex_compile(const char *pattern, char **cause)
{
	struct regex	*re;
	pcre2_code	*code;
	int		 errcode;
	PCRE2_SIZE	 erroff;
	PCRE2_UCHAR	 msg[256];

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &erroff, NULL);
	if (code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof msg);
		*cause = xprintf("bad regex /%s/ at offset %zu: %s", pattern,
		    (size_t)erroff, (char *)msg);
		return NULL;
	}
	re = xcalloc(1, sizeof *re);
	re->code = code;
	re->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (re->md == NULL)
		fatalx("pcre2: cannot allocate match data");
	return re;
}

/* 1 if the subject of len bytes matches (anywhere), 0 if not. */
int
regex_match(struct regex *re, const char *subject, size_t len)
{
	int	rc;

	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md,
	    NULL);
	return rc >= 0;
}

/* Free a compiled pattern; NULL is a no-op. */
void
regex_free(struct regex *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re);
}

/* 0 if the pattern compiles, else -1 with *cause set. */
int
regex_check(const char *pattern, char **cause)
{
	struct regex	*re;

	re = regex_compile(pattern, cause);
	if (re == NULL)
		return -1;
	regex_free(re);
	return 0;
}

/*
 * Compile and match once: 1 match, 0 no match, -1 bad pattern (*cause
 * set).
 */
int
regex_matches(const char *pattern, const char *subject, char **cause)
{
	struct regex	*re;
	int		 rc;

	re = regex_compile(pattern, cause);
	if (re == NULL)
		return -1;
	rc = regex_match(re, subject, strlen(subject));
	regex_free(re);
	return rc;
}
