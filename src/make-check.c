/*
 * make-check.c: the CHECK forms "-- make:" follows when it makes a value:
 * conjunctions (AND) of a column compared with a constant (<, <=, >, >=,
 * =, <> ''), BETWEEN, IN (...) and = ANY (ARRAY[...]), length(col) (or
 * char_length, octet_length) compared with a number, json_valid(col) and
 * IS NOT NULL, as each engine writes them back (PostgreSQL's casts and
 * parentheses, MariaDB's backquotes).  Anything else makes the CHECK
 * unreadable: the engine then judges the row (run-make.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "make.h"

#define CHECK_TOKENS_MAX	256

/* The tokens of an expression, casts ("::type") left out. */
struct check_expr {
	struct lex_token		 tok[CHECK_TOKENS_MAX + 1];
	size_t			 n;
	size_t			 at;
	int			 rules;		/* the engine's (lex.h) */
	struct make_table	*t;
};

static int
check_punct(const struct lex_token *t, char c)
{
	return t->kind == LEX_PUNCT && *t->start == c;
}

static int
check_keyword(const struct lex_token *t)
{
	static const char *const words[] = { "and", "or", "not", "between",
	    "in", "is", "any", NULL };
	size_t	i;

	for (i = 0; words[i] != NULL; i++) {
		if (lex_is(t, words[i]))
			return 1;
	}
	return 0;
}

/*
 * Skip a cast's type at p: words, "(...)" and array marks "[]" or "[n]"
 * (a "]" alone closes an ARRAY[...]); where it ends.
 */
static const char *
check_skip_type(const char *p, int rules)
{
	struct lex_token	 t;
	const char	*next, *after;

	for (;;) {
		next = lex_next_code(p, NULL, rules, &t);
		if (t.kind == LEX_WORD && !check_keyword(&t))
			p = next;
		else if (check_punct(&t, '('))
			p = sqlscan_close(next);
		else if (check_punct(&t, '[')) {
			after = lex_next_code(next, NULL, rules, &t);
			if (t.kind == LEX_WORD)
				after = lex_next_code(after, NULL, rules, &t);
			if (!check_punct(&t, ']'))
				return p;
			p = after;
		} else
			return p;
	}
}

/* Tokenize text into e; -1 if too long. */
static int
check_tokenize(struct check_expr *e, const char *text)
{
	struct lex_token	 t, t2;
	const char	*p = text, *next;

	e->n = 0;
	for (;;) {
		p = lex_next_code(p, NULL, e->rules, &t);
		if (check_punct(&t, ':')) {
			next = lex_next_code(p, NULL, e->rules, &t2);
			if (check_punct(&t2, ':')) {
				p = check_skip_type(next, e->rules);
				continue;
			}
		}
		if (e->n == CHECK_TOKENS_MAX)
			return -1;
		e->tok[e->n++] = t;
		if (t.kind == LEX_END)
			break;
	}
	e->at = 0;
	return 0;
}

static const struct lex_token *
check_peek(struct check_expr *e)
{
	return &e->tok[e->at];
}

static int
check_accept_punct(struct check_expr *e, char c)
{
	if (!check_punct(check_peek(e), c))
		return 0;
	e->at++;
	return 1;
}

static int
check_accept_word(struct check_expr *e, const char *w)
{
	if (!lex_is(check_peek(e), w))
		return 0;
	e->at++;
	return 1;
}

/*
 * A constant: a number (signed, with a fraction) or a string, maybe in
 * parentheses.  *lit gets its SQL text (caller frees), *num its value
 * (NAN for a string).  0, or -1 (the position is then undefined).
 */
static int
check_literal(struct check_expr *e, char **lit, double *num)
{
	struct buf		 b;
	const struct lex_token	*t;
	char			*end;

	if (check_accept_punct(e, '(')) {
		if (check_literal(e, lit, num) != 0)
			return -1;
		if (check_accept_punct(e, ')'))
			return 0;
		free(*lit);
		return -1;
	}
	t = check_peek(e);
	if (t->kind == LEX_STRING) {
		*lit = xstrndup(t->start, t->len);
		*num = NAN;
		e->at++;
		return 0;
	}
	buf_init(&b);
	if (check_punct(t, '-') || check_punct(t, '+')) {
		buf_addc(&b, *t->start);
		t = &e->tok[++e->at];
	}
	if (t->kind != LEX_WORD || !(t->start[0] >= '0' &&
	    t->start[0] <= '9')) {
		buf_free(&b);
		return -1;
	}
	buf_add(&b, t->start, t->len);
	e->at++;
	if (check_punct(check_peek(e), '.') && e->tok[e->at + 1].kind ==
	    LEX_WORD && t->start + t->len == e->tok[e->at].start) {
		buf_addc(&b, '.');
		buf_add(&b, e->tok[e->at + 1].start, e->tok[e->at + 1].len);
		e->at += 2;
	}
	*num = strtod(b.data, &end);
	if (*end != '\0') {
		buf_free(&b);
		return -1;
	}
	*lit = buf_detach(&b);
	return 0;
}

/*
 * An operand: a column, maybe in parentheses, or a length function of
 * one.  *len is set if it is a length.  NULL if not.
 */
static struct make_column *
check_operand(struct check_expr *e, int *len, int *json)
{
	const struct lex_token	*t = check_peek(e);
	struct make_column	*c;
	char			*name;
	size_t			 save = e->at;

	if (check_accept_punct(e, '(')) {
		c = check_operand(e, len, json);
		if (c != NULL && check_accept_punct(e, ')'))
			return c;
		e->at = save;
		return NULL;
	}
	if (!lex_is_name(t))
		return NULL;
	if ((lex_is(t, "length") || lex_is(t, "char_length") ||
	    lex_is(t, "character_length") ||
	    lex_is(t, "octet_length") || lex_is(t, "json_valid")) &&
	    check_punct(&e->tok[e->at + 1], '(')) {
		*(lex_is(t, "json_valid") ? json : len) = 1;
		e->at += 2;
		c = check_operand(e, len, json);
		if (c != NULL && check_accept_punct(e, ')'))
			return c;
		e->at = save;
		return NULL;
	}
	name = lex_name(t);
	c = make_column_find(e->t, name);
	free(name);
	if (c != NULL)
		e->at++;
	return c;
}

/* The comparison operator at the position: "<", "<=", "<>", "!=", ... */
static const char *
check_operator(struct check_expr *e)
{
	static const char *const ops[] = { "<=", ">=", "<>", "!=", "<", ">",
	    "=", NULL };
	const struct lex_token	*a = check_peek(e), *b = &e->tok[e->at + 1];
	size_t			 i;

	for (i = 0; ops[i] != NULL; i++) {
		if (!check_punct(a, ops[i][0]))
			continue;
		if (ops[i][1] == '\0') {
			e->at++;
			return ops[i];
		}
		if (check_punct(b, ops[i][1]) && a->start + 1 == b->start) {
			e->at += 2;
			return ops[i];
		}
	}
	return NULL;
}

/* A bound on a number column: op constant (integers the values are). */
static void
check_bound(struct make_column *c, const char *op, double v, int len)
{
	int64_t	lo = INT64_MIN, hi = INT64_MAX;

	if (strcmp(op, ">") == 0)
		lo = (int64_t)floor(v) + 1;
	else if (strcmp(op, ">=") == 0)
		lo = (int64_t)ceil(v);
	else if (strcmp(op, "<") == 0)
		hi = (int64_t)ceil(v) - 1;
	else if (strcmp(op, "<=") == 0)
		hi = (int64_t)floor(v);
	else if (strcmp(op, "=") == 0)
		lo = hi = (int64_t)v;
	if (len) {
		if (lo != INT64_MIN && lo > c->minlen)
			c->minlen = (int)lo;
		if (hi != INT64_MAX && (c->len == 0 || hi < c->len))
			c->len = (int)hi;
		return;
	}
	if (lo > c->lo)
		c->lo = lo;
	if (hi < c->hi)
		c->hi = hi;
}

/* The list of IN (...) or = ANY (ARRAY[...]) as the column's labels. */
static int
check_list(struct check_expr *e, struct make_column *c, char close)
{
	char	*lit;
	double	 num;

	str_list_free(c->labels, c->nlabels);
	c->labels = NULL;
	c->nlabels = 0;
	do {
		if (check_literal(e, &lit, &num) != 0)
			return -1;
		str_list_add(&c->labels, &c->nlabels, lit);
		free(lit);
	} while (check_accept_punct(e, ','));
	return check_accept_punct(e, close) ? 0 : -1;
}

/* "= ANY (ARRAY[...])", after the "=": parentheses around the array. */
static int
check_any(struct check_expr *e, struct make_column *c)
{
	int	open = 0;

	if (!check_accept_word(e, "any"))
		return -1;
	while (check_accept_punct(e, '('))
		open++;
	if (!check_accept_word(e, "array") || !check_accept_punct(e, '[') ||
	    check_list(e, c, ']') != 0)
		return -1;
	while (open-- > 0) {
		if (!check_accept_punct(e, ')'))
			return -1;
	}
	return 0;
}

/* One comparison; 0 if read (and applied to its column), else -1. */
static int
check_atom(struct check_expr *e)
{
	struct make_column	*c;
	const char		*op;
	char			*lit, *lit2;
	double			 v, v2;
	int			 len = 0, json = 0;

	if ((c = check_operand(e, &len, &json)) == NULL)
		return -1;
	if (json) {
		c->cls = MAKE_JSON;
		return 0;
	}
	if (check_accept_word(e, "is")) {
		return check_accept_word(e, "not") &&
		    check_accept_word(e, "null") ? 0 : -1;
	}
	if (!len && check_accept_word(e, "between")) {
		if (check_literal(e, &lit, &v) != 0)
			return -1;
		free(lit);
		if (!check_accept_word(e, "and") ||
		    check_literal(e, &lit2, &v2) != 0 || isnan(v) || isnan(v2))
			return -1;
		free(lit2);
		check_bound(c, ">=", v, 0);
		check_bound(c, "<=", v2, 0);
		return 0;
	}
	if (!len && check_accept_word(e, "in"))
		return check_accept_punct(e, '(') ? check_list(e, c, ')') : -1;
	if ((op = check_operator(e)) == NULL)
		return -1;
	if (!len && strcmp(op, "=") == 0 && lex_is(check_peek(e), "any"))
		return check_any(e, c);
	if (check_literal(e, &lit, &v) != 0)
		return -1;
	if (isnan(v)) {
		/* Strings: col <> '' and col = 'x'. */
		if ((strcmp(op, "<>") == 0 || strcmp(op, "!=") == 0) &&
		    strcmp(lit, "''") == 0) {
			if (c->minlen < 1)
				c->minlen = 1;
		} else if (strcmp(op, "=") == 0) {
			str_list_free(c->labels, c->nlabels);
			c->labels = NULL;
			c->nlabels = 0;
			str_list_add(&c->labels, &c->nlabels, lit);
		} else {
			free(lit);
			return -1;
		}
		free(lit);
		return 0;
	}
	free(lit);
	if (strcmp(op, "<>") == 0 || strcmp(op, "!=") == 0)
		return v < 1 && (len || c->lo < 1) ? (check_bound(c, ">", v,
		    len), 0) : -1;
	check_bound(c, op, v, len);
	return 0;
}

/* A conjunction of terms, a term an atom or one in parentheses. */
static int
check_conjunction(struct check_expr *e)
{
	size_t	save;
	int	rc = 0;

	do {
		save = e->at;
		if (check_atom(e) == 0)
			continue;
		e->at = save;
		if (check_accept_punct(e, '(') && check_conjunction(e) == 0 &&
		    check_accept_punct(e, ')'))
			continue;
		return -1;
	} while (check_accept_word(e, "and"));
	return rc;
}

/*
 * Follow the CHECK expression text on the columns of t, read with the
 * quoting rules of its engine (lex.h: PostgreSQL's ARRAY[...] and "[]"
 * are brackets, SQLite's [name] a name).  Returns 1 if every part of it
 * was read, 0 if not (the parts before the first that could not be read
 * still apply).
 */
int
make_check_apply(struct make_table *t, const char *text, int rules)
{
	struct check_expr	*e;
	int			 ok;

	e = xcalloc(1, sizeof *e);
	e->t = t;
	e->rules = rules;
	ok = check_tokenize(e, text) == 0 && check_conjunction(e) == 0 &&
	    check_peek(e)->kind == LEX_END;
	free(e);
	return ok;
}
