/*
 * lex.c: the one SQL lexer.  It cuts SQL text into tokens (white space,
 * comments, words, quoted names, string literals and single bytes) by
 * the union of the engines' quoting rules, each rule a flag (lex.h):
 *
 *  - every engine: 'it''s' strings, "x""y" and `x``y` names with doubled
 *    quotes, -- line comments and slash-star block comments;
 *  - SQLite (LEX_BRACKETS): [name], closed by the first ']';
 *  - PostgreSQL: dollar quotes $$..$$ and $tag$..$tag$ (LEX_DOLLAR; a
 *    tag does not start with a digit, so $1 is a word), E'..' strings
 *    with backslash escapes (LEX_E_STRINGS), nested block comments
 *    (LEX_NESTED);
 *  - MySQL/MariaDB: backslash escapes in '..' and ".." (LEX_BACKSLASH),
 *    executable comments, whose opener (slash-star-bang and a version,
 *    or slash-star-M-bang) and closer are comments and whose content is
 *    code (LEX_EXEC_COMMENTS).
 *
 * The text ends at end, or at its NUL when end is NULL.  An unclosed
 * quote or comment runs to the end of the text.  Nothing is allocated
 * but by lex_name().
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* The text being read: where it ends and by which rules. */
struct lexer {
	const char	*end;		/* NULL: at the NUL */
	int		 rules;
};

/* 1 if p is inside the text. */
static int
lex_more(const struct lexer *l, const char *p)
{
	return l->end != NULL ? p < l->end : *p != '\0';
}

/* The byte at p, or 0 past the end. */
static unsigned char
lex_at(const struct lexer *l, const char *p)
{
	return lex_more(l, p) ? (unsigned char)*p : 0;
}

/* 1 for a byte that continues a bare word (UTF-8 bytes included). */
static int
lex_word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* The rules of an engine by its canonical name; 0 for an unknown one. */
int
lex_rules(const char *engine)
{
	if (engine == NULL)
		return 0;
	if (strcmp(engine, "sqlite") == 0)
		return LEX_SQLITE;
	if (strcmp(engine, "postgres") == 0)
		return LEX_POSTGRES;
	if (strcmp(engine, "mysql") == 0)
		return LEX_MYSQL;
	return 0;
}

/*
 * The end of a quoted run opened at p, closed by close; a doubled close
 * is an escape (but for ']'), and so is a backslash if backslash.
 */
static const char *
lex_quoted(const struct lexer *l, const char *p, char close, int backslash)
{
	for (p++; lex_more(l, p); p++) {
		if (backslash && *p == '\\' && lex_more(l, p + 1)) {
			p++;
			continue;
		}
		if (*p != close)
			continue;
		if (close != ']' && lex_at(l, p + 1) == (unsigned char)close) {
			p++;
			continue;
		}
		return p + 1;
	}
	return p;
}

/* The end of a block comment opened at p. */
static const char *
lex_block_comment(const struct lexer *l, const char *p)
{
	int	depth = 1;

	for (p += 2; lex_more(l, p); p++) {
		if (*p == '*' && lex_at(l, p + 1) == '/') {
			p++;
			if (--depth == 0)
				return p + 1;
		} else if (*p == '/' && lex_at(l, p + 1) == '*' &&
		    (l->rules & LEX_NESTED)) {
			p++;
			depth++;
		}
	}
	return p;
}

/*
 * At a MySQL executable comment's opener (slash-star-bang or
 * slash-star-M-bang, then a version): its end; NULL if p is no such
 * opener.
 */
static const char *
lex_exec_opener(const struct lexer *l, const char *p)
{
	if (lex_at(l, p + 2) == '!')
		p += 3;
	else if (lex_at(l, p + 2) == 'M' && lex_at(l, p + 3) == '!')
		p += 4;
	else
		return NULL;
	while (isdigit(lex_at(l, p)))
		p++;
	return p;
}

/*
 * At '$': the end of the dollar-quoted string that opens here ($$ or
 * $tag$, the tag of ASCII letters, digits and _ not starting with a
 * digit), or NULL if none opens here.
 */
static const char *
lex_dollar(const struct lexer *l, const char *p)
{
	const char	*q = p + 1;
	size_t		 taglen;

	if (isdigit(lex_at(l, q)))
		return NULL;
	while (isalnum(lex_at(l, q)) || lex_at(l, q) == '_')
		q++;
	if (lex_at(l, q) != '$')
		return NULL;
	taglen = (size_t)(q + 1 - p);
	for (q++; lex_more(l, q); q++) {
		if (*q == '$' && (l->end == NULL ||
		    (size_t)(l->end - q) >= taglen) &&
		    strncmp(q, p, taglen) == 0)
			return q + taglen;
	}
	return q;
}

/* A bare word at p, or an E'..' string when the rules have them. */
static const char *
lex_word(const struct lexer *l, const char *p, struct lex_token *t)
{
	const char	*q = p;

	while (lex_word_byte(lex_at(l, q)))
		q++;
	t->kind = LEX_WORD;
	if ((l->rules & LEX_E_STRINGS) && q == p + 1 &&
	    (*p == 'E' || *p == 'e') && lex_at(l, q) == '\'') {
		t->kind = LEX_STRING;
		return lex_quoted(l, q, '\'', 1);
	}
	return q;
}

/* The token that starts at p (not at the end); returns its end. */
static const char *
lex_token(const struct lexer *l, const char *p, struct lex_token *t)
{
	unsigned char	 c = (unsigned char)*p, c1 = lex_at(l, p + 1);
	const char	*q;

	if (isspace(c)) {
		t->kind = LEX_SPACE;
		for (q = p; isspace(lex_at(l, q)); q++)
			;
		return q;
	}
	t->kind = LEX_COMMENT;
	if (c == '-' && c1 == '-') {
		for (q = p; lex_more(l, q) && *q != '\n'; q++)
			;
		return q;
	}
	if ((l->rules & LEX_EXEC_COMMENTS) && ((c == '/' && c1 == '*' &&
	    (q = lex_exec_opener(l, p)) != NULL)))
		return q;
	if ((l->rules & LEX_EXEC_COMMENTS) && c == '*' && c1 == '/')
		return p + 2;
	if (c == '/' && c1 == '*')
		return lex_block_comment(l, p);
	if (c == '$' && (l->rules & LEX_DOLLAR) &&
	    (q = lex_dollar(l, p)) != NULL) {
		t->kind = LEX_STRING;
		return q;
	}
	if (lex_word_byte(c))
		return lex_word(l, p, t);
	if (c == '\'' || c == '"') {
		t->kind = c == '\'' ? LEX_STRING : LEX_IDENT;
		return lex_quoted(l, p, (char)c,
		    (l->rules & LEX_BACKSLASH) != 0);
	}
	t->kind = LEX_IDENT;
	if (c == '`')
		return lex_quoted(l, p, '`', 0);
	if (c == '[' && (l->rules & LEX_BRACKETS))
		return lex_quoted(l, p, ']', 0);
	t->kind = LEX_PUNCT;
	return p + 1;
}

/*
 * Read the token at p of the text that ends at end (NULL: at its NUL)
 * by rules into t, which points into the text (LEX_END, of length 0, at
 * the end), and return where the next token starts.
 */
const char *
lex_next(const char *p, const char *end, int rules, struct lex_token *t)
{
	struct lexer	 l = { end, rules };
	const char	*q;

	t->start = p;
	if (!lex_more(&l, p)) {
		t->kind = LEX_END;
		t->len = 0;
		return p;
	}
	q = lex_token(&l, p, t);
	t->len = (size_t)(q - p);
	return q;
}

/* lex_next(), past white space and comments. */
const char *
lex_next_code(const char *p, const char *end, int rules, struct lex_token *t)
{
	do
		p = lex_next(p, end, rules, t);
	while (t->kind == LEX_SPACE || t->kind == LEX_COMMENT);
	return p;
}

/* 1 if t is the bare word w (ignoring case). */
int
lex_is(const struct lex_token *t, const char *w)
{
	return t->kind == LEX_WORD && strlen(w) == t->len &&
	    strncasecmp(t->start, w, t->len) == 0;
}

/* 1 if t is the single byte c outside quotes. */
int
lex_is_punct(const struct lex_token *t, char c)
{
	return t->kind == LEX_PUNCT && *t->start == c;
}

/* 1 if t can be a name: a bare word or a quoted identifier. */
int
lex_is_name(const struct lex_token *t)
{
	return t->kind == LEX_WORD || t->kind == LEX_IDENT;
}

/* The name t stands for, unquoted (doubled quotes undone); caller frees. */
char *
lex_name(const struct lex_token *t)
{
	struct buf	 b;
	size_t		 i;
	char		 q;

	if (t->kind != LEX_IDENT || t->len < 2)
		return xstrndup(t->start, t->len);
	q = t->start[0] == '[' ? ']' : t->start[0];
	buf_init(&b);
	for (i = 1; i + 1 < t->len; i++) {
		buf_addc(&b, t->start[i]);
		if (t->start[i] == q && q != ']' && t->start[i + 1] == q)
			i++;
	}
	return buf_detach(&b);
}
