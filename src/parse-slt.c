/*
 * parse-slt.c: the reader for SQLite's sqllogictest format (.test, .slt).
 * Produces the same test_file model as the .sqltest reader: "statement
 * ok|error" and "query TYPES SORT [LABEL]" become test records, "halt"
 * a halt record, skipif/onlyif the record's engine lists.  Results are
 * one value a line, or "N values hashing to MD5".  The test_file owns
 * everything: what its records point to lives in its arena (thousands of
 * small pieces, freed at once); errors are "FILE:LINE: message".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* The expected values of the record being read, before they are rows. */
struct slt_values {
	char		**text;		/* in the file's arena */
	int		 *line;
	size_t		  n;
	size_t		  cap;
};

struct slt_reader {
	struct test_file	*tf;
	struct arena		*arena;		/* the file's */
	const char		*text;
	size_t			 len;
	size_t			 pos;
	int			 line;		/* of the last line read */
	char			*cause;
	struct slt_values	 values;	/* reused record after record */
};

/* Read the next line (without its newline) into a new string, or NULL. */
static char *
slt_next_line(struct slt_reader *s)
{
	size_t		 start = s->pos, end;
	const char	*nl;

	if (s->pos >= s->len)
		return NULL;
	nl = memchr(s->text + start, '\n', s->len - start);
	end = nl != NULL ? (size_t)(nl - s->text) : s->len;
	s->pos = end < s->len ? end + 1 : end;
	s->line++;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	return xstrndup(s->text + start, end - start);
}

static int
slt_error(struct slt_reader *s, int line, const char *msg)
{
	if (s->cause == NULL)
		s->cause = xprintf("%s:%d: %s", s->tf->path, line, msg);
	return -1;
}

static int
is_blank_line(const char *l)
{
	while (isspace((unsigned char)*l))
		l++;
	return *l == '\0';
}

/* Split a control line into at most n words (in place). */
static int
slt_words(char *line, char **w, int n)
{
	int	k = 0;

	while (k < n) {
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '\0' || *line == '#')
			break;
		w[k++] = line;
		while (*line != '\0' && !isspace((unsigned char)*line))
			line++;
		if (*line != '\0')
			*line++ = '\0';
	}
	return k;
}

/* Split SQL text (first line number line) into the record's statements. */
static void
slt_add_sql(struct slt_reader *s, struct record *r, const char *text,
    size_t len, int line)
{
	struct split_stmt	*st;
	size_t			 n, i;

	n = split_sql(text, len, line, &st);
	if (n > 0)
		r->stmts = arena_alloc(s->arena, n * sizeof *r->stmts);
	for (i = 0; i < n; i++) {
		r->stmts[i].sql = arena_strndup(s->arena, text + st[i].off,
		    st[i].len);
		r->stmts[i].path = r->path;
		r->stmts[i].line = st[i].line;
	}
	r->nstmts = n;
	free(st);
}

/* Read SQL lines up to a blank line (or "----" for queries). */
static int
slt_read_sql(struct slt_reader *s, struct record *r, int *dashes)
{
	struct buf	 b;
	char		*l;
	int		 first = 0;

	buf_init(&b);
	*dashes = 0;
	while ((l = slt_next_line(s)) != NULL) {
		if (is_blank_line(l)) {
			free(l);
			break;
		}
		if (strcmp(l, "----") == 0) {
			*dashes = 1;
			free(l);
			break;
		}
		if (first == 0)
			first = s->line;
		if (b.len > 0)
			buf_addc(&b, '\n');
		buf_adds(&b, l);
		free(l);
	}
	if (b.len == 0) {
		buf_free(&b);
		return slt_error(s, r->line, "record has no SQL");
	}
	slt_add_sql(s, r, b.data, b.len, first);
	buf_free(&b);
	return 0;
}

/* Keep an expected value (and its line) for slt_values_to_rows. */
static void
slt_add_value(struct slt_reader *s, const char *v, int line)
{
	struct slt_values	*vs = &s->values;

	if (vs->n == vs->cap) {
		vs->cap = vs->cap == 0 ? 64 : vs->cap * 2;
		vs->text = xreallocarray(vs->text, vs->cap, sizeof *vs->text);
		vs->line = xreallocarray(vs->line, vs->cap, sizeof *vs->line);
	}
	vs->text[vs->n] = arena_strdup(s->arena, v);
	vs->line[vs->n] = line;
	vs->n++;
}

/*
 * The values read, as rows of ncols cells (the last one may be shorter),
 * each row at the line of its first value.
 */
static void
slt_values_to_rows(struct slt_reader *s, struct expect *e, size_t ncols)
{
	struct slt_values	*vs = &s->values;
	struct exp_row		*row;
	size_t			 i, j, n;

	e->nrows = (vs->n + ncols - 1) / ncols;
	if (e->nrows > 0)
		e->rows = arena_alloc(s->arena, e->nrows * sizeof *e->rows);
	for (i = 0; i < e->nrows; i++) {
		row = &e->rows[i];
		n = vs->n - i * ncols < ncols ? vs->n - i * ncols : ncols;
		row->cells = arena_alloc(s->arena, n * sizeof *row->cells);
		row->ncells = (int)n;
		row->line = vs->line[i * ncols];
		for (j = 0; j < n; j++) {
			row->cells[j].kind = CELL_TEXT;
			row->cells[j].text = vs->text[i * ncols + j];
		}
	}
	vs->n = 0;
}

/* Read expected values up to a blank line. */
static int
slt_read_results(struct slt_reader *s, struct record *r, struct expect *e)
{
	char		*l, hash[64];
	long long	 n;
	int		 used;

	s->values.n = 0;
	while ((l = slt_next_line(s)) != NULL) {
		if (is_blank_line(l)) {
			free(l);
			break;
		}
		used = 0;
		/* strstr() first: sscanf() costs more than the rest. */
		if (s->values.n == 0 && e->mode != EXPECT_HASH &&
		    strstr(l, "hashing") != NULL &&
		    sscanf(l, "%lld values hashing to %40s%n",
		    &n, hash, &used) == 2 && l[used] == '\0' &&
		    strlen(hash) == 32) {
			e->mode = EXPECT_HASH;
			e->count = n;
			e->hash = arena_strdup(s->arena, hash);
		} else if (e->mode == EXPECT_HASH) {
			free(l);
			return slt_error(s, s->line, "values after a hash line");
		} else
			slt_add_value(s, l, s->line);
		free(l);
	}
	slt_values_to_rows(s, e, strlen(r->types));
	return 0;
}

/* "WORD REST" in the arena (a record's name). */
static char *
slt_name(struct slt_reader *s, const char *word, const char *rest)
{
	size_t	 n = strlen(word), m = strlen(rest);
	char	*p = arena_alloc(s->arena, n + m + 2);

	memcpy(p, word, n);
	p[n] = ' ';
	memcpy(p + n + 1, rest, m + 1);
	return p;
}

static int
slt_query(struct slt_reader *s, struct record *r, char **w, int nw)
{
	struct expect	*e;
	int		 dashes;

	if (nw < 2 || strspn(w[1], "ITR") != strlen(w[1]))
		return slt_error(s, r->line, "bad query line: expected "
		    "\"query TYPES [nosort|rowsort|valuesort] [LABEL]\" with "
		    "TYPES made of I, T and R");
	r->types = arena_strdup(s->arena, w[1]);
	r->name = slt_name(s, "query", w[1]);
	r->expects = arena_alloc(s->arena, sizeof *r->expects);
	r->nexpects = 1;
	e = &r->expects[0];
	e->line = r->line;
	e->mode = EXPECT_ROWS;
	e->flat = 1;
	if (nw >= 3 && strcmp(w[2], "rowsort") == 0)
		e->sort = SORT_ROW;
	else if (nw >= 3 && strcmp(w[2], "valuesort") == 0)
		e->sort = SORT_VALUE;
	else if (nw >= 3 && strcmp(w[2], "nosort") != 0)
		return slt_error(s, r->line, "unknown sort mode: expected "
		    "nosort, rowsort or valuesort");
	if (nw >= 4)
		r->label = arena_strdup(s->arena, w[3]);
	if (slt_read_sql(s, r, &dashes) != 0)
		return -1;
	return dashes ? slt_read_results(s, r, e) : 0;
}

static int
slt_statement(struct slt_reader *s, struct record *r, char **w, int nw)
{
	int	dashes;

	if (nw < 2 || (strcmp(w[1], "ok") != 0 && strcmp(w[1], "error") != 0))
		return slt_error(s, r->line, "bad statement line: expected "
		    "\"statement ok\" or \"statement error\"");
	r->name = slt_name(s, "statement", w[1]);
	r->expects = arena_alloc(s->arena, sizeof *r->expects);
	r->nexpects = 1;
	r->expects[0].line = r->line;
	r->expects[0].mode = strcmp(w[1], "ok") == 0 ? EXPECT_OK :
	    EXPECT_ERROR;
	return slt_read_sql(s, r, &dashes);
}

/* A copy of n engine names in the arena (NULL when n is 0). */
static char **
slt_engines(struct slt_reader *s, char **names, size_t n)
{
	char	**list;
	size_t	  i;

	if (n == 0)
		return NULL;
	list = arena_alloc(s->arena, n * sizeof *list);
	for (i = 0; i < n; i++)
		list[i] = arena_strdup(s->arena, names[i]);
	return list;
}

/* Read one record whose first control line is line (words w). */
static int
slt_record(struct slt_reader *s, char **only, size_t nonly, char **skip,
    size_t nskip, char **w, int nw)
{
	struct record	*r;

	if (strcmp(w[0], "hash-threshold") == 0)
		return 0;
	if (strcmp(w[0], "halt") == 0)
		r = test_file_add_record(s->tf, RECORD_HALT, s->tf->path,
		    s->line);
	else if (strcmp(w[0], "statement") == 0 ||
	    strcmp(w[0], "query") == 0)
		r = test_file_add_record(s->tf, RECORD_TEST, s->tf->path,
		    s->line);
	else
		return slt_error(s, s->line, "unknown record: expected "
		    "statement, query, hash-threshold, halt, skipif or onlyif");
	r->slt = 1;
	r->only = slt_engines(s, only, nonly);
	r->nonly = nonly;
	r->skip = slt_engines(s, skip, nskip);
	r->nskip = nskip;
	if (r->kind == RECORD_HALT)
		return 0;
	if (strcmp(w[0], "query") == 0)
		return slt_query(s, r, w, nw);
	return slt_statement(s, r, w, nw);
}

/* Read conditions and the record they guard. */
static int
slt_guarded(struct slt_reader *s, char *l)
{
	char	*w[5], **only = NULL, **skip = NULL;
	size_t	 nonly = 0, nskip = 0;
	int	 nw, rc = 0;

	for (;;) {
		nw = slt_words(l, w, 5);
		if (nw == 0) {
			rc = 0;		/* a comment line */
			break;
		}
		if ((strcmp(w[0], "skipif") == 0 ||
		    strcmp(w[0], "onlyif") == 0) && nw >= 2) {
			str_list_add(w[0][0] == 's' ? &skip : &only,
			    w[0][0] == 's' ? &nskip : &nonly, w[1]);
			free(l);
			l = slt_next_line(s);
			if (l == NULL || is_blank_line(l)) {
				rc = slt_error(s, s->line, "skipif/onlyif "
				    "must be followed by a record");
				break;
			}
			continue;
		}
		rc = slt_record(s, only, nonly, skip, nskip, w, nw);
		break;
	}
	free(l);
	str_list_free(only, nonly);
	str_list_free(skip, nskip);
	return rc;
}

/*
 * Parse sqllogictest text.  Returns the file model, or NULL with *cause
 * set to "PATH:LINE: message".
 */
struct test_file *
parse_slt(const char *path, const char *text, size_t len, char **cause)
{
	struct slt_reader	 s;
	char			*l;

	memset(&s, 0, sizeof s);
	s.tf = xcalloc(1, sizeof *s.tf);
	s.tf->path = xstrdup(path);
	s.tf->slt = 1;
	s.tf->arena = s.arena = arena_new();
	s.text = text;
	s.len = len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		s.pos = 3;	/* a UTF-8 byte-order mark */
	if (memchr(text, '\0', len) != NULL) {
		s.line = 1;
		slt_error(&s, 1, "NUL byte in file (is it binary?)");
	}
	while (s.cause == NULL && (l = slt_next_line(&s)) != NULL) {
		if (is_blank_line(l) || l[0] == '#') {
			free(l);
			continue;
		}
		slt_guarded(&s, l);
	}
	free(s.values.text);
	free(s.values.line);
	if (s.cause != NULL) {
		*cause = s.cause;
		test_file_free(s.tf);
		return NULL;
	}
	return s.tf;
}
