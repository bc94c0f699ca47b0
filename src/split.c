/*
 * split.c: split SQL text into statements on ';' outside string literals,
 * quoted identifiers, comments, PostgreSQL dollar quotes (lex.c reads
 * them) and the BEGIN ... END bodies of triggers and routines.  Offsets
 * point into the caller's text; nothing is copied.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/*
 * The rules the splitter reads by: a file may run on any engine, so
 * PostgreSQL's dollar quotes and E'' strings are read wherever they
 * appear.  Block comments do not nest (see split_sql).
 */
#define SPLIT_RULES	(LEX_DOLLAR | LEX_E_STRINGS)

struct splitter {
	const char		*text;
	int			 line;
	size_t			 start;		/* first significant byte */
	int			 start_line;
	int			 started;
	int			 words;		/* words seen in statement */
	int			 routine;	/* CREATE ... TRIGGER etc. */
	int			 depth;		/* open BEGIN/CASE blocks */
	int			 end_pending;	/* END seen, next word decides */
	struct split_stmt	*out;
	size_t			 nout;
};

static void	split_word(struct splitter *, const struct lex_token *);
static void	split_emit(struct splitter *, size_t);

/* The number of new lines in a token. */
static int
split_lines(const struct lex_token *t)
{
	const char	*p = t->start, *end = t->start + t->len;
	int		 n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* A significant token at t: the statement starts here if not yet. */
static void
split_mark_start(struct splitter *s, const struct lex_token *t)
{
	if (!s->started) {
		s->started = 1;
		s->start = (size_t)(t->start - s->text);
		s->start_line = s->line;
	}
}

/* 1 if the len bytes at p hold the two bytes of s. */
static int
holds(const char *p, size_t len, const char s[2])
{
	const char	*end = p + len;

	while ((p = memchr(p, s[0], (size_t)(end - p))) != NULL) {
		if (++p < end && *p == s[1])
			return 1;
	}
	return 0;
}

/*
 * 1 if text has no ';' and no comment: then it is one statement (or
 * none), whatever its quotes, and needs no lexing.  Most sqllogictest
 * records are such.
 */
static int
split_is_one_statement(const char *text, size_t len)
{
	return memchr(text, ';', len) == NULL && !holds(text, len, "--") &&
	    !holds(text, len, "/*");
}

/* split_sql() of text that split_is_one_statement(). */
static size_t
split_one(const char *text, size_t len, int line, struct split_stmt **out)
{
	size_t	start = 0;

	*out = NULL;
	while (start < len && isspace((unsigned char)text[start])) {
		if (text[start++] == '\n')
			line++;
	}
	while (len > start && isspace((unsigned char)text[len - 1]))
		len--;
	if (start == len)
		return 0;
	*out = xcalloc(1, sizeof **out);
	(*out)->off = start;
	(*out)->len = len - start;
	(*out)->line = line;
	return 1;
}

/*
 * Split len bytes of text whose first line is line.  *out receives an
 * array (caller frees) of statements without their ';' and without
 * surrounding white space; returns how many.
 *
 * Block comments are closed by the first star-slash.  PostgreSQL would
 * nest them, SQLite and MySQL do not; a comment that mentions a path or
 * a glob ("schemas/" then star) is far more common than a nested one,
 * and a wrong guess here is caught by the drivers, which refuse to run
 * more than one statement at a time.
 */
size_t
split_sql(const char *text, size_t len, int line, struct split_stmt **out)
{
	struct splitter		 s;
	struct lex_token	 t;
	const char		*p = text, *end = text + len;

	if (split_is_one_statement(text, len))
		return split_one(text, len, line, out);
	memset(&s, 0, sizeof s);
	s.text = text;
	s.line = line;
	for (p = lex_next(p, end, SPLIT_RULES, &t); t.kind != LEX_END;
	    p = lex_next(p, end, SPLIT_RULES, &t)) {
		if (lex_is_punct(&t, ';') && s.depth == 0)
			split_emit(&s, (size_t)(t.start - text));
		else if (t.kind != LEX_SPACE && t.kind != LEX_COMMENT) {
			split_mark_start(&s, &t);
			if (t.kind == LEX_WORD)
				split_word(&s, &t);
		}
		s.line += split_lines(&t);
	}
	split_emit(&s, len);
	*out = s.out;
	return s.nout;
}

/* Record the statement from start to end (exclusive), if any. */
static void
split_emit(struct splitter *s, size_t end)
{
	struct split_stmt	*st;

	if (s->started) {
		while (end > s->start &&
		    isspace((unsigned char)s->text[end - 1]))
			end--;
		s->out = xreallocarray(s->out, s->nout + 1, sizeof *s->out);
		st = &s->out[s->nout++];
		st->off = s->start;
		st->len = end - s->start;
		st->line = s->start_line;
	}
	s->started = 0;
	s->words = 0;
	s->routine = 0;
	s->depth = 0;
	s->end_pending = 0;
}

static int
word_is(const char *w, size_t n, const char *kw)
{
	return strlen(kw) == n && strncasecmp(w, kw, n) == 0;
}

/*
 * Read a word and track routine bodies: in a CREATE statement that names
 * a TRIGGER, FUNCTION or PROCEDURE, BEGIN and CASE open a block and END
 * closes one (END IF, END LOOP, END WHILE, END REPEAT and END FOR do not).
 */
static void
split_word(struct splitter *s, const struct lex_token *t)
{
	const char	*w = t->start;
	size_t		 n = t->len;
	int		 end_pending;

	s->words++;
	end_pending = s->end_pending;
	s->end_pending = 0;
	if (s->words == 1) {
		s->routine = word_is(w, n, "CREATE") ? 1 : 0;
		return;
	}
	if (s->routine == 1 && (word_is(w, n, "TRIGGER") ||
	    word_is(w, n, "FUNCTION") || word_is(w, n, "PROCEDURE")))
		s->routine = 2;
	if (s->routine != 2)
		return;
	if (end_pending && word_is(w, n, "CASE"))
		return;		/* END CASE closed the CASE */
	if (end_pending && (word_is(w, n, "IF") || word_is(w, n, "LOOP") ||
	    word_is(w, n, "WHILE") || word_is(w, n, "REPEAT") ||
	    word_is(w, n, "FOR"))) {
		s->depth++;	/* undo the END: it closed no BEGIN */
		return;
	}
	if (word_is(w, n, "BEGIN") || (s->depth > 0 && word_is(w, n, "CASE")))
		s->depth++;
	else if (word_is(w, n, "END") && s->depth > 0) {
		s->depth--;
		s->end_pending = 1;
	}
}
