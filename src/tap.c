/*
 * tap.c: the TAP reader of pgTAP files (Test Anything Protocol, the text
 * pgTAP's functions return).  tap_read_line() classifies one line (a
 * test point, a plan, a diagnostic, "Bail out!", anything else);
 * tap_state follows a stream of lines the way TAP::Parser (pg_prove's
 * parser) does and says, at its end, what is wrong with the plan.  Pure:
 * no engine, no output; the strings of a tap_line point into the line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* Skip spaces and tabs from p (not past end). */
static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Read a decimal number at *p; -1 if there is none. */
static long
read_number(const char **p, const char *end)
{
	long	n = 0;

	if (*p >= end || !isdigit((unsigned char)**p))
		return -1;
	while (*p < end && isdigit((unsigned char)**p)) {
		if (n < 100000000)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/* Trim trailing blanks (and a carriage return) of [p, *end). */
static void
trim_end(const char *p, const char **end)
{
	while (*end > p && ((*end)[-1] == ' ' || (*end)[-1] == '\t' ||
	    (*end)[-1] == '\r'))
		(*end)--;
}

/*
 * The directive of a test line: from the first '#' not escaped by a
 * backslash, "SKIP..." or "TODO..." (any case).  Sets the directive and
 * its reason and returns where the description ends.
 */
static const char *
read_directive(const char *p, const char *end, struct tap_line *t)
{
	const char	*h, *w;

	for (h = p; h < end; h++) {
		if (*h == '\\' && h + 1 < end) {
			h++;
			continue;
		}
		if (*h != '#')
			continue;
		w = skip_blanks(h + 1, end);
		if (end - w >= 4 && strncasecmp(w, "skip", 4) == 0)
			t->directive = TAP_DIR_SKIP;
		else if (end - w >= 4 && strncasecmp(w, "todo", 4) == 0)
			t->directive = TAP_DIR_TODO;
		else
			continue;
		w += 4;
		while (w < end && isalpha((unsigned char)*w))
			w++;	/* "skipped", "TODO:" */
		if (w < end && *w == ':')
			w++;
		w = skip_blanks(w, end);
		t->reason = w;
		t->reason_len = (size_t)(end - w);
		return h;
	}
	return end;
}

/* "ok N - description # DIRECTIVE reason", after "ok" / "not ok". */
static void
read_test(const char *p, const char *end, struct tap_line *t)
{
	const char	*d;

	t->kind = TAP_TEST;
	p = skip_blanks(p, end);
	t->number = read_number(&p, end);
	if (t->number < 0)
		t->number = 0;
	p = skip_blanks(p, end);
	if (p < end && *p == '-')
		p = skip_blanks(p + 1, end);
	d = read_directive(p, end, t);
	trim_end(p, &d);
	t->text = p;
	t->text_len = (size_t)(d - p);
}

/* "1..N", optionally "# SKIP reason". */
static int
read_plan(const char *p, const char *end, struct tap_line *t)
{
	const char	*q = p;
	long		 first, last;

	first = read_number(&q, end);
	if (first != 1 || end - q < 2 || q[0] != '.' || q[1] != '.')
		return 0;
	q += 2;
	last = read_number(&q, end);
	if (last < 0)
		return 0;
	q = skip_blanks(q, end);
	if (q < end && *q != '#')
		return 0;
	t->kind = TAP_PLAN;
	t->plan = last;
	if (q < end)
		read_directive(q, end, t);
	return 1;
}

/* 1 if [p, end) starts with the word w followed by a blank or the end. */
static int
starts_word(const char *p, const char *end, const char *w)
{
	size_t	n = strlen(w);

	return (size_t)(end - p) >= n && strncmp(p, w, n) == 0 &&
	    (p + n == end || p[n] == ' ' || p[n] == '\t');
}

/*
 * Classify one line of TAP (len bytes, no new line).  Every field of *t
 * is set; text and reason point into line.
 */
void
tap_read_line(const char *line, size_t len, struct tap_line *t)
{
	const char	*end = line + len, *p;

	memset(t, 0, sizeof *t);
	t->kind = TAP_OTHER;
	trim_end(line, &end);
	p = skip_blanks(line, end);
	t->indent = (int)(p - line);
	if (starts_word(p, end, "ok")) {
		t->ok = 1;
		read_test(p + 2, end, t);
	} else if (starts_word(p, end, "not") &&
	    starts_word(skip_blanks(p + 3, end), end, "ok"))
		read_test(skip_blanks(p + 3, end) + 2, end, t);
	else if (p < end && *p == '#') {
		t->kind = TAP_DIAG;
		p = skip_blanks(p + 1, end);
		t->text = p;
		t->text_len = (size_t)(end - p);
	} else if ((size_t)(end - p) >= 9 && strncmp(p, "Bail out!", 9) == 0) {
		t->kind = TAP_BAIL;
		p = skip_blanks(p + 9, end);
		t->text = p;
		t->text_len = (size_t)(end - p);
	} else if (!read_plan(p, end, t))
		t->kind = TAP_OTHER;
}

/* A TAP description with "\#" and "\\" unescaped (caller frees). */
char *
tap_unescape(const char *s, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '#' ||
		    s[i + 1] == '\\'))
			i++;
		buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* An empty state: no plan, no test. */
void
tap_state_init(struct tap_state *st)
{
	memset(st, 0, sizeof *st);
	st->planned = -1;
}

/* Set the first problem of the stream (TAP::Parser's parse errors). */
static void
tap_problem(struct tap_state *st, char *msg)
{
	if (st->problem == NULL)
		st->problem = msg;
	else
		free(msg);
}

/*
 * Follow one top-level line (subtest lines, indented, are not counted,
 * as TAP::Parser does not count them).  A plan must come first or last;
 * a second plan is a problem.
 */
void
tap_state_line(struct tap_state *st, const struct tap_line *t)
{
	if (t->indent > 0)
		return;
	switch (t->kind) {
	case TAP_TEST:
		st->tests++;
		if (st->planned >= 0 && st->plan_after_tests)
			tap_problem(st, xprintf("a plan (1..%ld) must be at "
			    "the beginning or the end of the TAP output, not "
			    "in the middle", st->planned));
		break;
	case TAP_PLAN:
		if (st->planned >= 0) {
			tap_problem(st, xstrdup("more than one plan in the "
			    "TAP output"));
			break;
		}
		st->planned = t->plan;
		st->plan_after_tests = st->tests > 0;
		st->skip_all = t->plan == 0;
		break;
	case TAP_BAIL:
		st->bailed = 1;
		break;
	default:
		break;
	}
}

/*
 * At the end of the stream: NULL if the plan holds, else what is wrong
 * (caller frees).  The state's own problem is handed over.
 */
char *
tap_state_finish(struct tap_state *st)
{
	char	*p = st->problem;

	st->problem = NULL;
	if (p != NULL)
		return p;
	if (st->planned < 0)
		return xprintf("no plan in the TAP output (%d test%s ran): "
		    "call plan(N) first, or no_plan() and SELECT * FROM "
		    "finish() last", st->tests, st->tests == 1 ? "" : "s");
	if (st->planned != st->tests)
		return xprintf("bad plan: planned %ld test%s but ran %d",
		    st->planned, st->planned == 1 ? "" : "s", st->tests);
	return NULL;
}

/* Free what a state owns. */
void
tap_state_free(struct tap_state *st)
{
	free(st->problem);
	st->problem = NULL;
}
