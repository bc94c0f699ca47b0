/*
 * parse-expect.c: the expectations of a .sqltest file: "-- expect" lines
 * (rows with a sort mode and options, N rows, ok, error with a condition
 * or message pattern, hash, each for every engine or one), and the
 * expected rows that follow, cell by cell (plain, quoted, NULL, ~regex).
 * Errors are "FILE:LINE: message", through perror_at().
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

/* Parse "(tolerance 1e-9)" options; s points after '('. */
static int
parse_options(struct parser *p, struct expect *e, const char **sp)
{
	const char	*s = *sp, *close;
	char		*opts, *item, *next, *end;

	close = strchr(s, ')');
	if (close == NULL)
		return perror_at(p, "unclosed \"(\" in expect options");
	opts = xstrndup(s, (size_t)(close - s));
	for (item = opts; item != NULL; item = next) {
		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		item = str_trim(item);
		if (str_iprefix(item, "tolerance")) {
			e->tolerance = strtod(item + 9, &end);
			if (end == item + 9 || !is_blank(end) ||
			    e->tolerance < 0) {
				perror_at(p, "bad tolerance \"%s\": expected a "
				    "number", str_trim(item + 9));
				free(opts);
				return -1;
			}
			e->has_tolerance = 1;
			free(e->tolerance_text);
			e->tolerance_text = xstrdup(str_trim(item + 9));
		} else {
			perror_at(p, "unknown expect option \"%s\" (known: "
			    "tolerance)", item);
			free(opts);
			return -1;
		}
	}
	free(opts);
	*sp = close + 1;
	return 0;
}

static struct expect *
add_expect(struct record *r, int line)
{
	struct expect	*e;

	r->expects = xreallocarray(r->expects, r->nexpects + 1,
	    sizeof *r->expects);
	e = &r->expects[r->nexpects++];
	memset(e, 0, sizeof *e);
	e->line = line;
	e->end_line = line;
	e->sort_expected = 1;
	return e;
}

static int
parse_expect_engine(struct parser *p, struct expect *e, const char **sp)
{
	const char	*s = *sp, *close;
	size_t		 i;

	close = strchr(s, ']');
	if (close == NULL)
		return perror_at(p, "unclosed \"[\" in \"-- expect[ENGINE]\"");
	e->engine = xstrndup(s + 1, (size_t)(close - s - 1));
	if (driver_canonical(e->engine) == NULL)
		return perror_at(p, "unknown engine \"%s\" (expected one of: "
		    "%s)", e->engine, driver_names());
	for (i = 0; i + 1 < p->rec->nexpects; i++) {
		if (p->rec->expects[i].engine != NULL &&
		    strcmp(driver_canonical(p->rec->expects[i].engine),
		    driver_canonical(e->engine)) == 0)
			return perror_at(p, "second expectation for engine "
			    "\"%s\" in test \"%s\"", e->engine, p->rec->name);
	}
	*sp = close + 1;
	return 0;
}

/* A second expectation for the same engines is a mistake. */
static int
check_shared_expect(struct parser *p, const struct expect *e)
{
	size_t	i;

	if (e->engine != NULL)
		return 0;
	for (i = 0; i + 1 < p->rec->nexpects; i++) {
		if (p->rec->expects[i].engine == NULL)
			return perror_at(p, "test \"%s\" already has an "
			    "expectation for every engine (line %d); write "
			    "\"-- expect[ENGINE]\" for one engine's own",
			    p->rec->name, p->rec->expects[i].line);
	}
	return 0;
}

/* "unknown error condition", with the nearest name when one is near. */
static int
unknown_condition(struct parser *p, const char *condition)
{
	const char	*near = condition_nearest(condition);

	if (near != NULL)
		return perror_at(p, "unknown error condition \"%s\" (did you "
		    "mean \"%s\"?): use a name such as unique_violation, a "
		    "SQLSTATE such as 23505, or ENGINE:CODE such as mysql:1062",
		    condition, near);
	return perror_at(p, "unknown error condition \"%s\": use a name "
	    "such as unique_violation, a SQLSTATE such as 23505, or "
	    "ENGINE:CODE such as mysql:1062", condition);
}

static int
parse_expect_error(struct parser *p, struct expect *e, const char *s)
{
	const char	*slash;
	char		*cause = NULL;
	size_t		 n;

	e->mode = EXPECT_ERROR;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == ':')
		s++;
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' && *s != '/') {
		n = strcspn(s, " \t");
		e->condition = xstrndup(s, n);
		s += n;
		if (!condition_valid(e->condition))
			return unknown_condition(p, e->condition);
		while (isspace((unsigned char)*s))
			s++;
	}
	if (*s == '/') {
		slash = strrchr(s, '/');
		if (slash == s || !is_blank(slash + 1))
			return perror_at(p, "unterminated regex in \"-- expect "
			    "error\": write /REGEX/");
		e->regex = xstrndup(s + 1, (size_t)(slash - s - 1));
		if (regex_check(e->regex, &cause) != 0) {
			perror_at(p, "%s", cause);
			free(cause);
			return -1;
		}
	} else if (*s != '\0')
		return perror_at(p, "unexpected \"%s\" in \"-- expect error\": "
		    "write \"-- expect error: CONDITION /REGEX/\"", s);
	return 0;
}

static int
parse_expect_hash(struct parser *p, struct expect *e, const char *s)
{
	char	hash[64];
	long long n;
	int	used = 0;

	e->mode = EXPECT_HASH;
	if (sscanf(s, " %lld values %40s %n", &n, hash, &used) < 2 ||
	    n < 0 || strlen(hash) != 32 || s[used] != '\0' ||
	    strspn(hash, "0123456789abcdefABCDEF") != 32)
		return perror_at(p, "bad hash expectation: write \"-- expect "
		    "hash: N values MD5HEX\"");
	e->count = n;
	e->hash = xstrdup(hash);
	return 0;
}

static int
parse_expect_count(struct parser *p, struct expect *e, const char *s)
{
	char		*end;
	long long	 n;

	n = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (n < 0 || (strcasecmp(end, "rows") != 0 &&
	    strcasecmp(end, "row") != 0))
		return perror_at(p, "bad row count: write \"-- expect N rows\"");
	e->mode = EXPECT_COUNT;
	e->count = n;
	return 0;
}

/* The mode words of "-- expect MODE", as written in a suggestion. */
static const char *const mode_words[] = {
	"rowsort:", "valuesort:", "nosort:", "ok", "error", "hash:", NULL
};

/*
 * "unknown expect mode" for the whole word at s (letters, digits and
 * "_"), with the nearest valid mode when one is near.
 */
static int
unknown_mode(struct parser *p, const char *s)
{
	const char	*const *w, *best = NULL;
	char		*word, *bare;
	int		 near, best_near = 0, rc;

	word = xstrndup(s, strcspn(s, " \t:([]"));
	if (*word == '\0') {
		free(word);
		word = xstrdup(s);
	}
	for (w = mode_words; *w != NULL; w++) {
		bare = xstrndup(*w, strcspn(*w, ":"));
		near = str_nearness(word, bare);
		free(bare);
		if (near > best_near) {
			best = *w;
			best_near = near;
		}
	}
	if (best != NULL)
		rc = perror_at(p, "unknown expect mode \"%s\" (did you mean "
		    "\"%s\"?): expected \":\", \"rowsort:\", \"valuesort:\", "
		    "\"ok\", \"N rows\", \"error\" or \"hash:\"", word, best);
	else
		rc = perror_at(p, "unknown expect mode \"%s\": expected \":\", "
		    "\"rowsort:\", \"valuesort:\", \"ok\", \"N rows\", "
		    "\"error\" or \"hash:\"", word);
	free(word);
	return rc;
}

/* The length of the mode word at s if it is word (ignoring case), else 0. */
static size_t
mode_is(const char *s, const char *word)
{
	size_t	n = strlen(word);

	if (strncasecmp(s, word, n) != 0 ||
	    isalnum((unsigned char)s[n]) || s[n] == '_')
		return 0;
	return n;
}

/* The rows modes: "[rowsort|valuesort|nosort] [(OPTIONS)]:". */
static int
parse_expect_rows(struct parser *p, struct expect *e, const char *s)
{
	const char	*word = s;
	size_t		 n;

	e->mode = EXPECT_ROWS;
	if ((n = mode_is(s, "rowsort")) != 0)
		e->sort = SORT_ROW;
	else if ((n = mode_is(s, "valuesort")) != 0)
		e->sort = SORT_VALUE;
	else if ((n = mode_is(s, "nosort")) != 0)
		e->sort = SORT_NONE;
	else if (*s != ':' && *s != '(' && *s != '\0')
		return unknown_mode(p, s);
	s += n;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '(') {
		s++;
		if (parse_options(p, e, &s) != 0)
			return -1;
		while (isspace((unsigned char)*s))
			s++;
	}
	if (*s == '\0')
		return perror_at(p, "\"-- expect%s%s\" needs a \":\" at the "
		    "end of the line, before the rows: write \"-- expect%s%s:\"",
		    *word != '\0' ? " " : "", word, *word != '\0' ? " " : "",
		    word);
	if (*s != ':' || !is_blank(s + 1))
		return perror_at(p, "unexpected \"%s\" in \"-- expect\": "
		    "write \"-- expect%s%.*s:\" and the rows on the lines "
		    "below", s, n > 0 ? " " : "", (int)n, word);
	p->block = BLOCK_ROWS;
	return 0;
}

/* The mode words of "-- expect MODE", with sort and whether rows follow. */
static int
parse_expect_mode(struct parser *p, struct expect *e, const char *s)
{
	size_t	n;

	while (isspace((unsigned char)*s))
		s++;
	if ((n = mode_is(s, "error")) != 0)
		return parse_expect_error(p, e, s + n);
	if ((n = mode_is(s, "hash")) != 0 && s[n] == ':')
		return parse_expect_hash(p, e, s + n + 1);
	if (isdigit((unsigned char)*s))
		return parse_expect_count(p, e, s);
	if ((n = mode_is(s, "ok")) != 0) {
		s += n;
		while (isspace((unsigned char)*s))
			s++;
		if (*s != '\0')
			return perror_at(p, "unexpected \"%s\" after \"-- "
			    "expect ok\"", s);
		e->mode = EXPECT_OK;
		return 0;
	}
	return parse_expect_rows(p, e, s);
}

/*
 * Handle "-- expect..." where s points after the word "expect" and off is
 * the offset of the line in the file.
 */
int
parse_expect(struct parser *p, const char *s, size_t off)
{
	struct expect	*e;
	char		*copy;
	int		 rc;

	if (p->block == BLOCK_NONE || p->block == BLOCK_SETUP)
		return perror_at(p, "\"-- expect\" outside a test: start the "
		    "test with \"-- test: NAME\" first");
	if (p->block == BLOCK_TEST_SQL) {
		record_add_sql(p->rec, p->text + p->sql_start,
		    off - p->sql_start, p->sql_line);
	}
	e = add_expect(p->rec, p->line);
	if (*s == '[' && parse_expect_engine(p, e, &s) != 0)
		return -1;
	if (check_shared_expect(p, e) != 0)
		return -1;
	copy = xstrdup(s);
	p->block = BLOCK_AFTER;
	rc = parse_expect_mode(p, e, str_trim(copy));
	free(copy);
	if (rc == 0 && p->rec->nstmts == 0)
		return perror_at(p, "test \"%s\" has no SQL before its "
		    "\"-- expect\"", p->rec->name);
	p->exp = e;
	return rc;
}

static int
parse_quoted_cell(struct parser *p, const char **sp, struct buf *b)
{
	const char	*s = *sp + 1;

	for (;;) {
		if (*s == '\0')
			return perror_at(p, "unterminated quoted cell: close "
			    "it with ' (write '' for a quote inside)");
		if (*s == '\'') {
			if (s[1] != '\'')
				break;
			s++;
		}
		buf_addc(b, *s++);
	}
	s++;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0' && *s != '|')
		return perror_at(p, "text after a quoted cell: put a \"|\" "
		    "between cells");
	*sp = s;
	return 0;
}

static int
parse_regex_cell(struct parser *p, const char **sp, struct buf *b)
{
	const char	*s = *sp + 2, *t;
	char		*cause = NULL;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			buf_addc(b, *s++);
			buf_addc(b, *s);
			continue;
		}
		if (*s == '/') {
			t = s + 1;
			while (*t == ' ' || *t == '\t')
				t++;
			if (*t == '\0' || *t == '|') {
				*sp = t;
				if (regex_check(b->data, &cause) != 0) {
					perror_at(p, "%s", cause);
					free(cause);
					return -1;
				}
				return 0;
			}
		}
		buf_addc(b, *s);
	}
	return perror_at(p, "unterminated regex cell: write ~/REGEX/");
}

static void
add_cell(struct exp_row *row, enum cell_kind kind, char *text)
{
	row->cells = xreallocarray(row->cells, (size_t)row->ncells + 1,
	    sizeof *row->cells);
	row->cells[row->ncells].kind = kind;
	row->cells[row->ncells].text = text;
	row->ncells++;
}

/* Parse one cell at *sp into row, leaving *sp at '|' or the end. */
static int
parse_cell(struct parser *p, const char **sp, struct exp_row *row)
{
	const char	*s = *sp;
	struct buf	 b;
	size_t		 n;
	char		*copy, *plain;
	enum cell_kind	 kind;
	int		 rc;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\'' || (s[0] == '~' && s[1] == '/')) {
		kind = *s == '~' ? CELL_REGEX : CELL_TEXT;
		buf_init(&b);
		rc = kind == CELL_REGEX ? parse_regex_cell(p, &s, &b) :
		    parse_quoted_cell(p, &s, &b);
		if (rc != 0) {
			buf_free(&b);
			return -1;
		}
		add_cell(row, kind, buf_detach(&b));
		*sp = s;
		return 0;
	}
	n = strcspn(s, "|");
	copy = xstrndup(s, n);
	plain = str_trim(copy);
	if (strcmp(plain, "NULL") == 0)
		add_cell(row, CELL_NULL, NULL);
	else
		add_cell(row, CELL_TEXT, xstrdup(plain));
	free(copy);
	*sp = s + n;
	return 0;
}

/* Parse a line of expected cells into the open expectation. */
int
parse_row(struct parser *p, const char *line)
{
	struct expect	*e = p->exp;
	struct exp_row	*row;
	const char	*s = line;

	e->rows = xreallocarray(e->rows, e->nrows + 1, sizeof *e->rows);
	row = &e->rows[e->nrows++];
	memset(row, 0, sizeof *row);
	row->line = p->line;
	e->end_line = p->line;
	for (;;) {
		if (parse_cell(p, &s, row) != 0)
			return -1;
		if (*s != '|')
			break;
		s++;
	}
	return 0;
}
