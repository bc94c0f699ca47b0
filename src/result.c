/*
 * result.c: result sets and engine errors as drivers hand them to the
 * core, the portable condition names of the contract, and the
 * sqllogictest rendering of values.  The core owns every result and error
 * and frees them with result_clear() and dberror_clear().
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* Portable condition names and the SQLSTATE each stands for. */
static const struct condition {
	const char	*name;
	const char	*sqlstate;
} conditions[] = {
	{ "integrity_constraint_violation", "23000" },
	{ "not_null_violation", "23502" },
	{ "foreign_key_violation", "23503" },
	{ "unique_violation", "23505" },
	{ "check_violation", "23514" },
	{ "string_data_right_truncation", "22001" },
	{ "numeric_value_out_of_range", "22003" },
	{ "division_by_zero", "22012" },
	{ "invalid_text_representation", "22P02" },
	{ "serialization_failure", "40001" },
	{ "deadlock_detected", "40P01" },
	{ "syntax_error", "42601" },
	{ "undefined_column", "42703" },
	{ "undefined_table", "42P01" },
	{ "query_canceled", "57014" },
	{ NULL, NULL }
};

static int	is_sqlstate(const char *);

/* Start an empty result. */
void
result_init(struct result *r)
{
	memset(r, 0, sizeof *r);
	r->affected = -1;
	r->keep_rows = r->keep_cells = SIZE_MAX;
}

/* Declare the number of columns of a row set. */
void
result_set_columns(struct result *r, int ncols)
{
	r->ncols = ncols;
	r->has_rows = 1;
}

/*
 * The text of a result's values lives in chunks that grow by doubling
 * (from 1000 bytes to 1 MiB; a larger value gets a chunk of its own), so
 * that adding a value costs a copy, not an allocation.  The first chunk
 * stays under 1 KiB with its header, the size glibc serves from its
 * per-thread cache: most results are a few values, and a 4 KiB chunk
 * cost each of them a search of the heap.  Chunks never move: cells
 * point into them.  result_clear() frees them all.
 */
struct result_chunk {
	struct result_chunk	*next;
	size_t			 size;
	size_t			 used;
	char			 data[];
};

#define RESULT_CHUNK_MIN	1000
#define RESULT_CHUNK_MAX	(1024 * 1024)

/* Copy len bytes of s and a NUL into the result's chunks. */
static char *
result_store(struct result *r, const char *s, size_t len)
{
	struct result_chunk	*c = r->chunks;
	size_t			 size;
	char			*p;

	if (c == NULL || c->size - c->used < len + 1) {
		size = c == NULL ? RESULT_CHUNK_MIN : c->size * 2;
		if (size > RESULT_CHUNK_MAX)
			size = RESULT_CHUNK_MAX;
		if (size < len + 1)
			size = len + 1;
		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = r->chunks;
		r->chunks = c;
	}
	p = c->data + c->used;
	memcpy(p, s, len);
	p[len] = '\0';
	c->used += len + 1;
	return p;
}

/* Where a driver's next cell goes (see result_place). */
enum cell_place {
	PLACE_KEEP,
	PLACE_COUNT,		/* counted in more_cells, not kept */
	PLACE_HASH,		/* hashed, not kept */
	PLACE_DROP		/* past --max-rows */
};

/*
 * Where the next cell goes; the rest of a row goes where its first cell
 * went.  At the start of a row: once max_rows rows have come the result
 * is truncated, so that a runaway result set cannot eat the memory, and
 * a driver may stop reading rows (or cancel the statement) once
 * result->truncated is set; once the rows kept reach keep_rows, or their
 * cells keep_cells, rows are counted but not kept, so the memory a result
 * takes stays within what its expectation could match.
 */
static enum cell_place
result_place(struct result *r)
{
	if (r->ncols <= 0)
		return r->hash_stream ? PLACE_HASH : PLACE_KEEP;
	if (r->row_cells != 0)
		return r->hash_stream ? PLACE_HASH : r->more_cells > 0 ?
		    PLACE_COUNT : PLACE_KEEP;
	if (r->max_rows > 0 && result_rows(r) >= r->max_rows) {
		r->truncated = 1;
		return PLACE_DROP;
	}
	if (r->hash_stream)
		return PLACE_HASH;
	if (r->more_cells > 0 || r->nrows >= r->keep_rows ||
	    r->ncells >= r->keep_cells)
		return PLACE_COUNT;
	return PLACE_KEEP;
}

/* Add a cell (a pointer into the chunks, or NULL). */
static void
result_push(struct result *r, char *cell)
{
	if (r->ncells == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->cells = xreallocarray(r->cells, r->cap, sizeof *r->cells);
	}
	r->cells[r->ncells++] = cell;
}

/*
 * Append a value of len bytes (copied), or SQL NULL when s is NULL.  The
 * position in the row is counted as values come (row_cells), not divided
 * out of the counts: this runs for every value of every result.
 */
static void
result_add(struct result *r, const char *s, size_t len)
{
	enum cell_place	place = result_place(r);
	int		row_done = 0;

	if (place != PLACE_DROP && r->ncols > 0 &&
	    ++r->row_cells == r->ncols) {
		r->row_cells = 0;
		row_done = 1;
	}
	switch (place) {
	case PLACE_KEEP:
		result_push(r, s != NULL ? result_store(r, s, len) : NULL);
		r->nrows += row_done;
		break;
	case PLACE_COUNT:
		r->more_cells++;
		break;
	case PLACE_HASH:
		if (s == NULL)
			s = "NULL", len = 4;
		md5_update(&r->md5, s, len);
		md5_update(&r->md5, "\n", 1);
		r->hashed++;
		break;
	case PLACE_DROP:
		break;
	}
}

/* Append a value of len bytes (copied). */
void
result_add_value(struct result *r, const char *s, size_t len)
{
	result_add(r, s, len);
}

/* Append SQL NULL. */
void
result_add_null(struct result *r)
{
	result_add(r, NULL, 0);
}

/* The rows the statement returned: those kept and those only counted. */
size_t
result_rows(const struct result *r)
{
	if (r->ncols <= 0)
		return r->nrows;
	return r->nrows + (r->more_cells + r->hashed) / (size_t)r->ncols;
}

/* Replace SQL NULLs by the text "NULL", as sqllogictest renders them. */
void
result_nulls_as_text(struct result *r)
{
	size_t	i;

	for (i = 0; i < r->ncells; i++) {
		if (r->cells[i] == NULL)
			r->cells[i] = result_store(r, "NULL", 4);
	}
}

/*
 * Free the values of a result and make it empty again, with the same
 * bounds (max_rows, keep_rows, keep_cells, hash_stream).
 */
void
result_clear(struct result *r)
{
	struct result_chunk	*c, *next;
	struct result		 bounds = *r;

	for (c = r->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(r->cells);
	result_init(r);
	r->max_rows = bounds.max_rows;
	r->keep_rows = bounds.keep_rows;
	r->keep_cells = bounds.keep_cells;
	if (bounds.hash_stream)
		result_hash_stream(r);
}

/* Hash r's values as they come instead of keeping them (see struct result). */
void
result_hash_stream(struct result *r)
{
	r->hash_stream = 1;
	r->hashed = 0;
	md5_init(&r->md5);
}

/* Start an empty error. */
void
dberror_init(struct dberror *e)
{
	memset(e, 0, sizeof *e);
}

/* Free the strings of an error and make it empty again. */
void
dberror_clear(struct dberror *e)
{
	free(e->message);
	free(e->detail);
	free(e->hint);
	free(e->constraint);
	free(e->table);
	str_list_free(e->columns, e->ncolumns);
	dberror_init(e);
}

/*
 * Say what an error violated, as the engine named it: the table and the
 * constraint replace any set before (NULL leaves them), a column is
 * appended (NULL adds none).  Strings are copied.
 */
void
dberror_set_target(struct dberror *e, const char *table,
    const char *constraint, const char *column)
{
	if (table != NULL) {
		free(e->table);
		e->table = xstrdup(table);
	}
	if (constraint != NULL) {
		free(e->constraint);
		e->constraint = xstrdup(constraint);
	}
	if (column != NULL)
		str_list_add(&e->columns, &e->ncolumns, column);
}

/*
 * Fill an error: SQLSTATE (or NULL), native code text (or NULL), portable
 * condition (a static string, or NULL) and message (copied).
 */
void
dberror_set(struct dberror *e, const char *sqlstate, const char *native,
    const char *condition, const char *message)
{
	size_t	len;

	if (sqlstate != NULL)
		snprintf(e->sqlstate, sizeof e->sqlstate, "%s", sqlstate);
	if (native != NULL)
		snprintf(e->native, sizeof e->native, "%s", native);
	if (condition != NULL)
		e->condition = condition;
	else
		e->condition = condition_from_sqlstate(e->sqlstate);
	if (message != NULL) {
		free(e->message);
		len = strlen(message);
		while (len > 0 && isspace((unsigned char)message[len - 1]))
			len--;
		e->message = xstrndup(message, len);
	}
	if (e->sqlstate[0] == '\0' && e->condition != NULL)
		snprintf(e->sqlstate, sizeof e->sqlstate, "%s",
		    condition_sqlstate(e->condition));
}

/* The SQLSTATE a condition name stands for, or NULL. */
const char *
condition_sqlstate(const char *name)
{
	const struct condition	*c;

	for (c = conditions; c->name != NULL; c++) {
		if (strcasecmp(c->name, name) == 0)
			return c->sqlstate;
	}
	return NULL;
}

/* The portable name of an exact SQLSTATE, or NULL. */
const char *
condition_from_sqlstate(const char *sqlstate)
{
	const struct condition	*c;

	if (sqlstate == NULL || sqlstate[0] == '\0')
		return NULL;
	for (c = conditions; c->name != NULL; c++) {
		if (strcmp(c->sqlstate, sqlstate) == 0)
			return c->name;
	}
	return NULL;
}

/* The condition name nearest to a mistyped one, or NULL if none is near. */
const char *
condition_nearest(const char *name)
{
	const struct condition	*c;
	const char		*best = NULL;
	int			 near, best_near = 0;

	for (c = conditions; c->name != NULL; c++) {
		near = str_nearness(name, c->name);
		if (near > best_near) {
			best = c->name;
			best_near = near;
		}
	}
	return best;
}

/* 1 if s is a condition name of the contract. */
int
condition_known(const char *s)
{
	return condition_sqlstate(s) != NULL;
}

/*
 * 1 if an expected condition can ever match: a portable name, a SQLSTATE
 * or ENGINE:CODE with a known engine.
 */
int
condition_valid(const char *s)
{
	const char	*colon;
	char		*engine;
	int		 ok;

	if (condition_known(s) || is_sqlstate(s))
		return 1;
	colon = strchr(s, ':');
	if (colon == NULL || colon[1] == '\0')
		return 0;
	engine = xstrndup(s, (size_t)(colon - s));
	ok = driver_canonical(engine) != NULL;
	free(engine);
	return ok;
}

/* 1 if s has the shape of a SQLSTATE: five digits or capitals. */
static int
is_sqlstate(const char *s)
{
	if (strlen(s) != 5)
		return 0;
	int	i;

	for (i = 0; i < 5; i++) {
		if (!isdigit((unsigned char)s[i]) &&
		    !isupper((unsigned char)s[i]))
			return 0;
	}
	return s[5] == '\0';
}

static int
sqlstate_matches(const char *want, const struct dberror *e)
{
	const char	*mapped;

	mapped = e->condition != NULL ? condition_sqlstate(e->condition) : NULL;
	if (strcmp(want + 2, "000") == 0) {
		/* A class ("23000") matches every SQLSTATE of the class. */
		if (strncmp(want, e->sqlstate, 2) == 0)
			return 1;
		return mapped != NULL && strncmp(want, mapped, 2) == 0;
	}
	if (strcmp(want, e->sqlstate) == 0)
		return 1;
	return mapped != NULL && strcmp(want, mapped) == 0;
}

/*
 * Does the error satisfy an expected condition?  want is a portable name,
 * a SQLSTATE, or ENGINE:NATIVE (checked against the driver's name).
 */
int
condition_matches(const char *want, const struct dberror *e,
    const char *engine)
{
	const char	*colon, *canon;
	char		*named;
	size_t		 n;

	colon = strchr(want, ':');
	if (colon != NULL) {
		n = (size_t)(colon - want);
		named = xstrndup(want, n);
		canon = driver_canonical(named);
		free(named);
		if (canon == NULL || strcmp(canon, engine) != 0)
			return 0;
		return strcasecmp(colon + 1, e->native) == 0;
	}
	if (strcasecmp(want, "integrity_constraint_violation") == 0)
		return sqlstate_matches("23000", e);
	if (condition_known(want)) {
		if (e->condition != NULL && strcasecmp(want, e->condition) == 0)
			return 1;
		return strcmp(condition_sqlstate(want), e->sqlstate) == 0;
	}
	if (is_sqlstate(want))
		return sqlstate_matches(want, e);
	return 0;
}

/*
 * Render a value as SQLite's sqllogictest runner does for a column of
 * type I, R or T, from the engine's text (NULL is SQL NULL).
 */
void
slt_render(char type, const char *text, struct buf *out)
{
	char		*end;
	long long	 ll;
	double		 d;
	const char	*p;

	if (text == NULL) {
		buf_adds(out, "NULL");
		return;
	}
	switch (type) {
	case 'I':
		errno = 0;
		ll = strtoll(text, &end, 10);
		if (*end != '\0' || errno != 0) {
			d = strtod(text, NULL);
			if (isnan(d))
				ll = 0;
			else if (d >= 9223372036854775807.0)
				ll = INT64_MAX;
			else if (d <= -9223372036854775808.0)
				ll = INT64_MIN;
			else
				ll = (long long)d;
		}
		buf_printf(out, "%lld", ll);
		break;
	case 'R':
		buf_printf(out, "%.3f", strtod(text, NULL));
		break;
	default:
		if (*text == '\0') {
			buf_adds(out, "(empty)");
			break;
		}
		for (p = text; *p != '\0'; p++) {
			if (*p < ' ' || *p > '~')
				buf_addc(out, '@');
			else
				buf_addc(out, *p);
		}
		break;
	}
}

/*
 * An engine error for people: the message, then condition, SQLSTATE and
 * native code in parentheses, and DETAIL and HINT lines.  Caller frees.
 */
char *
dberror_describe(const struct dberror *err)
{
	struct buf	b;

	buf_init(&b);
	buf_adds(&b, err->message != NULL ? err->message : "unknown error");
	if (err->sqlstate[0] != '\0' || err->native[0] != '\0') {
		buf_adds(&b, " (");
		if (err->condition != NULL)
			buf_printf(&b, "%s, ", err->condition);
		if (err->sqlstate[0] != '\0')
			buf_printf(&b, "SQLSTATE %s", err->sqlstate);
		if (err->native[0] != '\0' && strcmp(err->native,
		    err->sqlstate) != 0)
			buf_printf(&b, "%s%s", err->sqlstate[0] != '\0' ?
			    ", " : "", err->native);
		buf_adds(&b, ")");
	}
	if (err->detail != NULL)
		buf_printf(&b, "\nDETAIL: %s", err->detail);
	if (err->hint != NULL)
		buf_printf(&b, "\nHINT: %s", err->hint);
	return buf_detach(&b);
}

/*
 * exec_batch's working copy of n setup statements (only their SQL is
 * read), with empty results and errors.  Freed by batch_stmts_end().
 */
struct batch_stmt *
batch_stmts_new(const struct batch_stmt *in, size_t n)
{
	struct batch_stmt	*s = xcalloc(n + 1, sizeof *s);
	size_t			 i;

	for (i = 0; i < n; i++) {
		s[i].sql = in[i].sql;
		result_init(&s[i].result);
		dberror_init(&s[i].err);
	}
	return s;
}

/*
 * End exec_batch's copy: with rc != 0 the error of statement failed
 * moves into *err; everything else is freed.  Returns rc.
 */
int
batch_stmts_end(struct batch_stmt *s, size_t n, int rc, size_t failed,
    struct dberror *err)
{
	size_t	i;

	if (rc != 0) {
		dberror_clear(err);
		*err = s[failed].err;
		dberror_init(&s[failed].err);
	}
	for (i = 0; i < n; i++) {
		result_clear(&s[i].result);
		dberror_clear(&s[i].err);
	}
	free(s);
	return rc;
}
