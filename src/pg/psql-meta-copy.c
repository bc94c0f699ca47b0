/*
 * psql-meta-copy.c: the arguments of \copy read as psql 15 reads them.
 * psql splits the line into tokens (words, quoted strings, and the
 * single characters . , ( ) where they delimit) and rebuilds what comes
 * before FROM or TO with a space before each token (" t" for a table,
 * " ( SELECT 1 )" for a query, "binary t" after the old BINARY word);
 * the COPY it sends is "COPY" + that + " FROM STDIN " or " TO STDOUT " +
 * the rest of the line.  The spacing shows in the server's "LINE 1:"
 * of an error, so it is reproduced.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

static const char copy_space[] = " \t\n\r";

/* psql's strtokx() over one line: the next token starts at pos. */
struct copy_lexer {
	const char	*pos;
	char		 escape;	/* '\\' when strings are not standard */
};

/*
 * The next token into *tok (owned by the caller), NULL at the end.
 * A token is one character of delim, a string opened by a character of
 * quote (up to its closer, doubled closers and, with estrings, E'...'
 * included), or a run up to whitespace, delim or quote.  A whitespace
 * character that ends a token is consumed with it, as psql does.
 */
static char *
copy_token(struct copy_lexer *lx, const char *delim, const char *quote,
    int estrings)
{
	const char	*start = lx->pos + strspn(lx->pos, copy_space);
	const char	*p = start;
	char		 closer, escape = lx->escape;

	if (*start == '\0') {
		lx->pos = start;
		return NULL;
	}
	if (delim != NULL && strchr(delim, *start) != NULL)
		p = start + 1;
	else {
		if (estrings && (*p == 'E' || *p == 'e') && p[1] == '\'') {
			quote = "'";
			escape = '\\';
			p++;
		}
		if (quote != NULL && strchr(quote, *p) != NULL) {
			closer = *p++;
			for (; *p != '\0'; p++) {
				if (*p == escape && p[1] != '\0')
					p++;
				else if (*p == closer && p[1] == closer)
					p++;
				else if (*p == closer) {
					p++;
					break;
				}
			}
		} else {
			p = start;
			while (*p != '\0' && strchr(copy_space, *p) == NULL &&
			    (delim == NULL || strchr(delim, *p) == NULL) &&
			    (quote == NULL || strchr(quote, *p) == NULL))
				p++;
		}
	}
	lx->pos = *p != '\0' && strchr(copy_space, *p) != NULL ? p + 1 : p;
	return xstrndup(start, (size_t)(p - start));
}

/* psql's strip_quotes() for '...': quotes dropped, '' kept as one. */
static void
copy_strip_quotes(char *s)
{
	char	*src = s, *dst = s;

	if (*src == '\'')
		src++;
	while (*src != '\0') {
		if (*src == '\'' && src[1] == '\0')
			break;
		if (*src == '\'' && src[1] == '\'')
			src++;
		*dst++ = *src++;
	}
	*dst = '\0';
}

/* Append " " and tok to b; tok freed. */
static void
copy_append(struct buf *b, char *tok)
{
	buf_addc(b, ' ');
	buf_adds(b, tok);
	free(tok);
}

/*
 * A parenthesized query: tokens appended up to the ")" that closes the
 * "(" in *tok; *tok is left at that ")".  -1 at the end of the line.
 */
static int
copy_query(struct copy_lexer *lx, struct buf *b, char **tok)
{
	int	parens = 1;

	while (parens > 0) {
		copy_append(b, *tok);
		if ((*tok = copy_token(lx, "()", "\"'", 1)) == NULL)
			return -1;
		if (**tok == '(')
			parens++;
		else if (**tok == ')')
			parens--;
	}
	return 0;
}

/* A column list: tokens appended up to and with ")"; then the next. */
static int
copy_columns(struct copy_lexer *lx, struct buf *b, char **tok)
{
	for (;;) {
		copy_append(b, *tok);
		if ((*tok = copy_token(lx, "()", "\"", 0)) == NULL)
			return -1;
		if (**tok == ')')
			break;
	}
	copy_append(b, *tok);
	*tok = copy_token(lx, ".,()", "\"", 0);
	return *tok == NULL ? -1 : 0;
}

/*
 * What comes before FROM or TO, into b; *tok is left at the word after
 * it.  -1 at the end of the line.
 */
static int
copy_target(struct copy_lexer *lx, struct buf *b, char **tok)
{
	if ((*tok = copy_token(lx, ".,()", "\"", 0)) == NULL)
		return -1;
	if (strcasecmp(*tok, "binary") == 0) {
		buf_adds(b, *tok);
		free(*tok);
		if ((*tok = copy_token(lx, ".,()", "\"", 0)) == NULL)
			return -1;
	}
	if (**tok == '(' && copy_query(lx, b, tok) != 0)
		return -1;
	copy_append(b, *tok);
	if ((*tok = copy_token(lx, ".,()", "\"", 0)) == NULL)
		return -1;
	if (**tok == '.') {
		buf_adds(b, *tok);
		free(*tok);
		if ((*tok = copy_token(lx, ".,()", "\"", 0)) == NULL)
			return -1;
		buf_adds(b, *tok);
		free(*tok);
		if ((*tok = copy_token(lx, ".,()", "\"", 0)) == NULL)
			return -1;
	}
	if (**tok == '(')
		return copy_columns(lx, b, tok);
	return 0;
}

/* The file word: stdin/stdout/pstdin/pstdout, PROGRAM, or a name. */
static int
copy_file(struct copy_lexer *lx, struct psql_copy_args *a, char **tok)
{
	if ((*tok = copy_token(lx, ";", "'", 0)) == NULL)
		return -1;
	if (strcasecmp(*tok, "program") == 0) {
		a->program = 1;
		free(*tok);
		if ((*tok = copy_token(lx, ";", "'", 0)) == NULL ||
		    **tok != '\'')
			return -1;
	} else if (strcasecmp(*tok, a->from ? "stdin" : "stdout") == 0 ||
	    strcasecmp(*tok, a->from ? "pstdin" : "pstdout") == 0) {
		a->std = xstrdup(*tok);
		free(*tok);
		*tok = NULL;
		return 0;
	}
	copy_strip_quotes(*tok);
	a->file = *tok;
	*tok = NULL;
	return 0;
}

/*
 * Read the arguments of \copy into *a (its strings owned by the caller,
 * psql_copy_args_free()): 0, or -1 after psql's "\copy: parse error at
 * ..." message.
 */
int
psql_copy_parse(struct psql *ps, const char *args, struct psql_copy_args *a)
{
	struct copy_lexer	 lx = { args, 0 };
	struct buf		 b;
	char			*tok = NULL;
	const char		*scs = ps->conn != NULL ?
	    PQparameterStatus(ps->conn, "standard_conforming_strings") : NULL;

	memset(a, 0, sizeof *a);
	lx.escape = scs != NULL && strcmp(scs, "off") == 0 ? '\\' : 0;
	buf_init(&b);
	if (copy_target(&lx, &b, &tok) != 0)
		goto error;
	if (strcasecmp(tok, "from") == 0)
		a->from = 1;
	else if (strcasecmp(tok, "to") != 0)
		goto error;
	free(tok);
	if (copy_file(&lx, a, &tok) != 0)
		goto error;
	a->before = buf_detach(&b);
	if (*lx.pos != '\0')
		a->after = xstrdup(lx.pos);
	return 0;
error:
	if (tok != NULL)
		psql_error(ps, "\\copy: parse error at \"%s\"", tok);
	else
		psql_error(ps, "\\copy: parse error at end of line");
	free(tok);
	buf_free(&b);
	psql_copy_args_free(a);
	return -1;
}

/* The strings of a. */
void
psql_copy_args_free(struct psql_copy_args *a)
{
	free(a->before);
	free(a->file);
	free(a->std);
	free(a->after);
	memset(a, 0, sizeof *a);
}
