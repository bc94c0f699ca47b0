/*
 * tap.h: a tiny header-only TAP producer for the unit tests, read by
 * automake's TAP driver.  Each check prints "ok N - description" or
 * "not ok N - description" followed by "# " diagnostics; done_testing()
 * prints the plan when plan() was not called first and returns the exit
 * status: 0 if every check passed and the plan was kept, 1 otherwise.
 *
 *	plan(N);			optional, before the first check
 *	ok(cond, "fmt", ...);		returns cond != 0
 *	is_str(got, want, "desc");	NULL is allowed on both sides
 *	is_int(got, want, "desc");
 *	diag("fmt", ...);
 *	return done_testing();
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifdef __GNUC__
#define TAP_PRINTFLIKE(a, b)	__attribute__((format(printf, a, b)))
#define TAP_UNUSED		__attribute__((unused))
#else
#define TAP_PRINTFLIKE(a, b)
#define TAP_UNUSED
#endif

static int	tap_planned = -1;	/* -1: no plan yet */
static int	tap_run;
static int	tap_failed;

/* Print the plan: n checks will follow. */
static TAP_UNUSED void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

/* Print text as diagnostics, "# " before every line. */
static TAP_UNUSED void
tap_diag_text(const char *prefix, const char *text)
{
	const char	*nl;

	do {
		nl = strchr(text, '\n');
		if (nl == NULL)
			nl = text + strlen(text);
		printf("# %s%.*s\n", prefix, (int)(nl - text), text);
		prefix = "  ";
		text = *nl == '\0' ? nl : nl + 1;
	} while (*text != '\0');
}

/* Print a formatted diagnostic. */
static TAP_UNUSED TAP_PRINTFLIKE(1, 2) void
diag(const char *fmt, ...)
{
	char	msg[4096];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tap_diag_text("", msg);
	fflush(stdout);
}

static TAP_UNUSED int
tap_vok(int cond, const char *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* One check: passes when cond is non-zero; returns cond != 0. */
static TAP_UNUSED TAP_PRINTFLIKE(2, 3) int
ok(int cond, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = tap_vok(cond != 0, fmt, ap);
	va_end(ap);
	return rc;
}

/* Compare two strings (either may be NULL); shows both on failure. */
static TAP_UNUSED int
is_str(const char *got, const char *want, const char *desc)
{
	int	same;

	if (got == NULL || want == NULL)
		same = got == want;
	else
		same = strcmp(got, want) == 0;
	ok(same, "%s", desc);
	if (!same) {
		tap_diag_text("     got: ", got != NULL ? got : "(null)");
		tap_diag_text("expected: ", want != NULL ? want : "(null)");
		fflush(stdout);
	}
	return same;
}

/* Compare two integers; shows both on failure. */
static TAP_UNUSED int
is_int(long long got, long long want, const char *desc)
{
	int	same = got == want;

	ok(same, "%s", desc);
	if (!same) {
		printf("#      got: %lld\n# expected: %lld\n", got, want);
		fflush(stdout);
	}
	return same;
}

/*
 * End the run: print the plan if none was given and return the exit
 * status for main(): 0 if all checks passed and as many ran as planned.
 */
static TAP_UNUSED int
done_testing(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run)
		printf("# planned %d checks but ran %d\n", tap_planned,
		    tap_run);
	if (tap_failed > 0)
		printf("# failed %d of %d checks\n", tap_failed, tap_run);
	fflush(stdout);
	if (tap_failed > 0 || (tap_planned >= 0 && tap_planned != tap_run))
		return 1;
	return 0;
}

#endif
