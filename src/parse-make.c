/*
 * parse-make.c: the argument of "-- make: TABLE [N] [(col = expr, ...)]"
 * read into a struct make_spec.  Only the shape is checked here (a table
 * name, a count from 1 to MAKE_COUNT_MAX, a list of "column = SQL
 * expression" with each column once); whether the table and columns
 * exist is for the run (run-make.c), which sees the catalog.  No engine
 * calls, no output.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define MAKE_USAGE	"write \"-- make: TABLE [N] [(column = value, ...)]\""

/* Free a spec and what it owns; NULL is a no-op. */
void
make_spec_free(struct make_spec *ms)
{
	if (ms == NULL)
		return;
	free(ms->table);
	str_list_free(ms->cols, ms->ncols);
	str_list_free(ms->exprs, ms->ncols);
	free(ms);
}

/* s trimmed of white space at both ends, as a new string. */
static char *
make_trimmed(const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/*
 * The table name at *p: a name, or schema.name, quoted or not; *p moves
 * past it.  NULL if there is none.
 */
static char *
make_table_name(const char **p)
{
	struct lex_token	 t;
	const char	*start, *next;

	start = *p;
	for (;;) {
		next = sqlscan_next(*p, &t);
		if (!lex_is_name(&t) ||
		    (t.kind == LEX_WORD && isdigit((unsigned char)*t.start)))
			return NULL;
		*p = next;
		next = sqlscan_next(*p, &t);
		if (t.kind != LEX_PUNCT || *t.start != '.')
			break;
		*p = next;
	}
	return make_trimmed(start, (size_t)(*p - start));
}

/* The count at *p if there is one (else 1); -1 with *cause if bad. */
static int
make_count(const char **p, long *count, char **cause)
{
	struct lex_token	 t;
	const char	*next;
	char		*end, *word;
	long		 n;

	next = sqlscan_next(*p, &t);
	if (t.kind == LEX_END || (t.kind == LEX_PUNCT &&
	    *t.start == '(')) {
		*count = 1;
		return 0;
	}
	word = xstrndup(t.start, t.len);
	errno = 0;
	n = strtol(word, &end, 10);
	if (t.kind != LEX_WORD || *end != '\0' || errno != 0 ||
	    !isdigit((unsigned char)*word) || n < 1 || n > MAKE_COUNT_MAX) {
		*cause = xprintf("bad row count \"%s\" in \"-- make:\": write "
		    "a number from 1 to %ld after the table name", word,
		    MAKE_COUNT_MAX);
		free(word);
		return -1;
	}
	free(word);
	*count = n;
	*p = next;
	return 0;
}

/*
 * One "column = expression" item of len bytes at s into ms; -1 with
 * *cause if malformed or the column comes twice.
 */
static int
make_override(struct make_spec *ms, const char *s, size_t len,
    char **cause)
{
	struct lex_token	 name, t;
	const char	*p;
	char		*item, *col, *expr;
	size_t		 i;
	int		 rc = -1;

	item = make_trimmed(s, len);
	p = sqlscan_next(item, &name);
	p = sqlscan_next(p, &t);
	if (!lex_is_name(&name) || t.kind != LEX_PUNCT ||
	    *t.start != '=' || *p == '=') {
		*cause = xprintf("\"%s\" in \"-- make:\" is not \"column = "
		    "value\": %s", item, MAKE_USAGE);
		free(item);
		return -1;
	}
	col = lex_name(&name);
	expr = make_trimmed(p, strlen(p));
	for (i = 0; i < ms->ncols; i++) {
		if (strcasecmp(ms->cols[i], col) == 0)
			break;
	}
	if (*expr == '\0')
		*cause = xprintf("column %s in \"-- make:\" has no value after "
		    "\"=\"", col);
	else if (i < ms->ncols)
		*cause = xprintf("column %s is set twice in \"-- make:\"",
		    col);
	else {
		str_list_add(&ms->cols, &ms->ncols, col);
		ms->ncols--;
		str_list_add(&ms->exprs, &ms->ncols, expr);
		rc = 0;
	}
	free(col);
	free(expr);
	free(item);
	return rc;
}

/*
 * The override list at p, just past its "(": items split on commas
 * outside parentheses and literals, up to the ")" that ends the line.
 * 0, or -1 with *cause.
 */
static int
make_overrides(struct make_spec *ms, const char *p, char **cause)
{
	struct lex_token	 t;
	const char	*item = p, *next;

	for (;;) {
		next = sqlscan_next(p, &t);
		if (t.kind == LEX_END) {
			*cause = xprintf("unclosed \"(\" in \"-- make:\": %s",
			    MAKE_USAGE);
			return -1;
		}
		if (t.kind == LEX_PUNCT && *t.start == '(') {
			p = sqlscan_close(next);
			continue;
		}
		if (t.kind == LEX_PUNCT && (*t.start == ',' ||
		    *t.start == ')')) {
			if (make_override(ms, item, (size_t)(t.start - item),
			    cause) != 0)
				return -1;
			item = next;
		}
		p = next;
		if (t.kind == LEX_PUNCT && *t.start == ')')
			break;
	}
	sqlscan_next(p, &t);
	if (t.kind != LEX_END) {
		*cause = xprintf("nothing goes after the \")\" of \"-- make:\" "
		    "(found \"%s\")", t.start);
		return -1;
	}
	return 0;
}

/*
 * Read the argument of "-- make:" (what follows the colon).  Returns the
 * spec (caller frees with make_spec_free), or NULL with *cause (caller
 * frees; no FILE:LINE in it).
 */
struct make_spec *
make_spec_parse(const char *arg, char **cause)
{
	struct make_spec	*ms;
	struct lex_token		 t;
	const char		*p = arg;

	ms = xcalloc(1, sizeof *ms);
	ms->table = make_table_name(&p);
	if (ms->table == NULL) {
		*cause = xprintf("\"-- make:\" needs a table name: %s",
		    MAKE_USAGE);
		goto fail;
	}
	if (make_count(&p, &ms->count, cause) != 0)
		goto fail;
	p = sqlscan_next(p, &t);
	if (t.kind == LEX_END)
		return ms;
	if (t.kind != LEX_PUNCT || *t.start != '(') {
		*cause = xprintf("unexpected \"%s\" in \"-- make:\": %s",
		    t.start, MAKE_USAGE);
		goto fail;
	}
	if (make_overrides(ms, p, cause) != 0)
		goto fail;
	if (ms->ncols == 0) {
		*cause = xprintf("empty \"()\" in \"-- make:\": %s",
		    MAKE_USAGE);
		goto fail;
	}
	return ms;

fail:
	make_spec_free(ms);
	return NULL;
}
