/*
 * split.c: split SQL text into statements on ';' outside string literals,
 * quoted identifiers, comments, PostgreSQL dollar quotes and the
 * BEGIN ... END bodies of triggers and routines.  Offsets point into the
 * caller's text; nothing is copied.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

struct splitter {
	const char		*text;
	size_t			 len;
	size_t			 pos;
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

static void	split_skip_quoted(struct splitter *, char);
static void	split_skip_line_comment(struct splitter *);
static void	split_skip_block_comment(struct splitter *);
static int	split_skip_dollar(struct splitter *);
static void	split_word(struct splitter *);
static void	split_emit(struct splitter *, size_t);

static int
is_word_char(int c)
{
	return isalnum(c) || c == '_' || c == '$';
}

/* Advance one byte, counting lines. */
static void
split_advance(struct splitter *s)
{
	if (s->text[s->pos] == '\n')
		s->line++;
	s->pos++;
}

static void
split_mark_start(struct splitter *s)
{
	if (!s->started) {
		s->started = 1;
		s->start = s->pos;
		s->start_line = s->line;
	}
}

/*
 * Split len bytes of text whose first line is line.  *out receives an
 * array (caller frees) of statements without their ';' and without
 * surrounding white space; returns how many.
 */
size_t
split_sql(const char *text, size_t len, int line, struct split_stmt **out)
{
	struct splitter	s;
	char		c;

	memset(&s, 0, sizeof s);
	s.text = text;
	s.len = len;
	s.line = line;
	while (s.pos < s.len) {
		c = text[s.pos];
		if (c == '-' && s.pos + 1 < len && text[s.pos + 1] == '-')
			split_skip_line_comment(&s);
		else if (c == '/' && s.pos + 1 < len && text[s.pos + 1] == '*')
			split_skip_block_comment(&s);
		else if (isspace((unsigned char)c))
			split_advance(&s);
		else if (c == ';' && s.depth == 0) {
			split_emit(&s, s.pos);
			split_advance(&s);
		} else {
			split_mark_start(&s);
			if (c == '\'' || c == '"' || c == '`')
				split_skip_quoted(&s, c);
			else if (c == '$' && split_skip_dollar(&s))
				continue;
			else if (is_word_char((unsigned char)c))
				split_word(&s);
			else
				split_advance(&s);
		}
	}
	split_emit(&s, s.pos);
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

/* Skip a quoted string or identifier; a doubled quote is an escape. */
static void
split_skip_quoted(struct splitter *s, char quote)
{
	int	backslash = 0;

	/* E'...' strings (PostgreSQL) take backslash escapes. */
	if (quote == '\'' && s->pos > 0 &&
	    (s->text[s->pos - 1] == 'E' || s->text[s->pos - 1] == 'e') &&
	    (s->pos < 2 || !is_word_char((unsigned char)s->text[s->pos - 2])))
		backslash = 1;
	split_advance(s);
	while (s->pos < s->len) {
		if (backslash && s->text[s->pos] == '\\' &&
		    s->pos + 1 < s->len) {
			split_advance(s);
			split_advance(s);
			continue;
		}
		if (s->text[s->pos] == quote) {
			split_advance(s);
			if (s->pos < s->len && s->text[s->pos] == quote) {
				split_advance(s);
				continue;
			}
			return;
		}
		split_advance(s);
	}
}

static void
split_skip_line_comment(struct splitter *s)
{
	while (s->pos < s->len && s->text[s->pos] != '\n')
		s->pos++;
}

/*
 * Skip a block comment to the first closing star-slash.  PostgreSQL would
 * nest them, SQLite and MySQL do not; a comment that mentions a path or a
 * glob ("schemas/" then star) is far more common than a nested one, and a
 * wrong guess here is caught by the drivers, which refuse to run more
 * than one statement at a time.
 */
static void
split_skip_block_comment(struct splitter *s)
{
	split_advance(s);
	split_advance(s);
	while (s->pos < s->len) {
		if (s->text[s->pos] == '*' && s->pos + 1 < s->len &&
		    s->text[s->pos + 1] == '/') {
			split_advance(s);
			split_advance(s);
			return;
		}
		split_advance(s);
	}
}

/*
 * At a '$': if a dollar quote ($$ or $tag$) opens here, skip to its close
 * and return 1; otherwise return 0 without moving.
 */
static int
split_skip_dollar(struct splitter *s)
{
	size_t		 i, taglen;
	const char	*tag, *close;

	if (s->pos > 0 && is_word_char((unsigned char)s->text[s->pos - 1]))
		return 0;
	i = s->pos + 1;
	while (i < s->len && (isalnum((unsigned char)s->text[i]) ||
	    s->text[i] == '_'))
		i++;
	if (i >= s->len || s->text[i] != '$' ||
	    isdigit((unsigned char)s->text[s->pos + 1]))
		return 0;
	tag = s->text + s->pos;
	taglen = i + 1 - s->pos;
	close = NULL;
	for (i = s->pos + taglen; i + taglen <= s->len; i++) {
		if (memcmp(s->text + i, tag, taglen) == 0) {
			close = s->text + i;
			break;
		}
	}
	if (close == NULL)
		i = s->len;
	else
		i += taglen;
	while (s->pos < i)
		split_advance(s);
	return 1;
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
split_word(struct splitter *s)
{
	const char	*w = s->text + s->pos;
	size_t		 n = 0;
	int		 end_pending;

	while (s->pos < s->len && is_word_char((unsigned char)s->text[s->pos])) {
		s->pos++;
		n++;
	}
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
