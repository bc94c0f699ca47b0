/*
 * psql-scan.c: psql's statement boundaries and its backslash-command
 * arguments.  psql_scan() copies one input line into the query buffer
 * and stops at a semicolon that ends a statement (outside quotes, E''
 * strings, quoted identifiers, dollar quotes, nested comments,
 * parentheses and CREATE FUNCTION ... BEGIN ATOMIC bodies) or at a
 * backslash command; :var, :'var' and :"var" are replaced by their
 * values on the way.  Like psql, it drops whitespace and "--" comments
 * until a statement has begun.  It never prints and never fails.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* Reset the state between statements. */
void
psql_lex_reset(struct psql_lexstate *st)
{
	free(st->dolq);
	memset(st, 0, sizeof *st);
}

static int
ident_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

static int
ident_char(unsigned char c)
{
	return ident_start(c) || isdigit(c) || c == '$';
}

static int
var_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/*
 * psql's heuristic for CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN
 * ATOMIC ... END: inside, a semicolon does not end the statement.
 */
static void
track_begin_atomic(struct psql_lexstate *st, const char *w, size_t n)
{
	if (st->ident_count < 4 && ((n == 6 && strncasecmp(w, "create",
	    6) == 0) || (n == 8 && strncasecmp(w, "function", 8) == 0) ||
	    (n == 9 && strncasecmp(w, "procedure", 9) == 0) || (n == 2 &&
	    strncasecmp(w, "or", 2) == 0) || (n == 7 && strncasecmp(w,
	    "replace", 7) == 0)))
		st->idents[st->ident_count] = (char)tolower((unsigned char)*w);
	st->ident_count++;
	if (st->idents[0] != 'c' || st->paren_depth != 0)
		return;
	if (!(st->idents[1] == 'f' || st->idents[1] == 'p' ||
	    (st->idents[1] == 'o' && st->idents[2] == 'r' &&
	    (st->idents[3] == 'f' || st->idents[3] == 'p'))))
		return;
	if (n == 5 && strncasecmp(w, "begin", 5) == 0)
		st->begin_depth++;
	else if (n == 4 && strncasecmp(w, "case", 4) == 0) {
		if (st->begin_depth >= 1)
			st->begin_depth++;
	} else if (n == 3 && strncasecmp(w, "end", 3) == 0) {
		if (st->begin_depth > 0)
			st->begin_depth--;
	}
}

/*
 * :{?name} at *pp (which points at ':'): appends TRUE or FALSE, as the
 * variable is set or not, and advances; 0 when the text is no such test.
 */
static int
test_variable(struct psql *ps, const char **pp, struct buf *out)
{
	const char	*p = *pp + 3;
	char		*name;
	size_t		 n;

	for (n = 0; var_char((unsigned char)p[n]); n++)
		;
	if (n == 0 || p[n] != '}')
		return 0;
	name = xstrndup(p, n);
	buf_adds(out, psql_var_get(ps, name) != NULL ? "TRUE" : "FALSE");
	free(name);
	*pp = p + n + 1;
	return 1;
}

/*
 * A variable reference at *pp (which points at ':'): appends its value
 * (quoted for :'x' and :"x") to out and advances, or returns 0 when the
 * text is no reference to a defined variable.
 */
static int
interpolate(struct psql *ps, const char **pp, struct buf *out)
{
	const char	*p = *pp + 1, *val;
	char		 quote = 0, *name, *q;
	size_t		 n;

	if (p[0] == '{' && p[1] == '?')
		return test_variable(ps, pp, out);
	if (*p == '\'' || *p == '"')
		quote = *p++;
	for (n = 0; var_char((unsigned char)p[n]); n++)
		;
	if (n == 0 || (quote != 0 && p[n] != quote))
		return 0;
	name = xstrndup(p, n);
	val = psql_var_get(ps, name);
	free(name);
	if (val == NULL)
		return 0;
	if (quote == '\'') {
		q = psql_quote_literal(ps, val);
		buf_adds(out, q);
		free(q);
	} else if (quote == '"') {
		q = psql_quote_ident(val);
		buf_adds(out, q);
		free(q);
	} else
		buf_adds(out, val);
	*pp = p + n + (quote != 0);
	return 1;
}

/* A dollar-quote opening at p ("$$" or "$tag$"): its length, or 0. */
static size_t
dollar_tag(const char *p)
{
	size_t	n = 1;

	if (p[1] == '$')
		return 2;
	if (!ident_start((unsigned char)p[1]))
		return 0;
	while (p[n] != '\0' && p[n] != '$' &&
	    (ident_start((unsigned char)p[n]) || isdigit((unsigned char)p[n])))
		n++;
	return p[n] == '$' ? n + 1 : 0;
}

/* Inside a quote or comment: copy one step; 0 when done with the line. */
static void
scan_quoted(struct psql_lexstate *st, const char **pp, struct buf *q)
{
	const char	*p = *pp;
	size_t		 n;

	switch (st->in) {
	case 'e':
		if (p[0] == '\\' && p[1] != '\0') {
			buf_add(q, p, 2);
			*pp = p + 2;
			return;
		}
		/* FALLTHROUGH */
	case '\'':
	case '"':
		if (*p == (st->in == '"' ? '"' : '\''))
			st->in = 0;
		break;
	case 'c':
		if (p[0] == '/' && p[1] == '*') {
			st->comment_depth++;
			buf_add(q, p, 2);
			*pp = p + 2;
			return;
		}
		if (p[0] == '*' && p[1] == '/') {
			if (--st->comment_depth == 0)
				st->in = 0;
			buf_add(q, p, 2);
			*pp = p + 2;
			return;
		}
		break;
	case '$':
		n = strlen(st->dolq);
		if (strncmp(p, st->dolq, n) == 0) {
			buf_add(q, p, n);
			*pp = p + n;
			free(st->dolq);
			st->dolq = NULL;
			st->in = 0;
			return;
		}
		break;
	}
	buf_addc(q, *p);
	*pp = p + 1;
}

/* A word (identifier or keyword) at p: copy it, note quotes it opens. */
static const char *
scan_word(struct psql *ps, struct psql_lexstate *st, const char *p,
    struct buf *q)
{
	const char	*w = p;
	size_t		 n;
	const char	*scs;

	while (ident_char((unsigned char)*p))
		p++;
	n = (size_t)(p - w);
	if (*p == '\'' && n == 1 && (*w == 'e' || *w == 'E')) {
		buf_add(q, w, 2);
		st->in = 'e';
		return p + 1;
	}
	if (*p == '\'' && n == 1) {
		/* B'', X'', N'': ordinary quoting */
		scs = PQparameterStatus(ps->conn, "standard_conforming_strings");
		buf_add(q, w, 2);
		st->in = scs != NULL && strcmp(scs, "off") == 0 ? 'e' : '\'';
		return p + 1;
	}
	track_begin_atomic(st, w, n);
	buf_add(q, w, n);
	return p;
}

/*
 * Copy the line at *pp into the query buffer q until a statement ends
 * (PSCAN_SEMICOLON, the ';' copied), a backslash command starts
 * (PSCAN_BACKSLASH, *pp after the backslash) or the line ends
 * (PSCAN_EOL).  Variables are interpolated only when active (not in a
 * false \if branch).
 */
enum psql_scan_result
psql_scan(struct psql *ps, struct psql_lexstate *st, const char **pp,
    struct buf *q, int active)
{
	const char	*p = *pp, *scs;
	size_t		 n;

	while (*p != '\0') {
		if (st->in != 0) {
			scan_quoted(st, &p, q);
			continue;
		}
		if (isspace((unsigned char)*p)) {
			if (q->len > 0)
				buf_addc(q, *p);
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			if (q->len > 0)
				buf_adds(q, p);
			p += strlen(p);
		} else if (p[0] == '/' && p[1] == '*') {
			st->in = 'c';
			st->comment_depth = 1;
			buf_add(q, p, 2);
			p += 2;
		} else if (*p == '\'') {
			scs = ps->conn == NULL ? NULL :
			    PQparameterStatus(ps->conn,
			    "standard_conforming_strings");
			st->in = scs != NULL && strcmp(scs, "off") == 0 ?
			    'e' : '\'';
			buf_addc(q, *p++);
		} else if (*p == '"') {
			st->in = '"';
			buf_addc(q, *p++);
		} else if (*p == '$' && (n = dollar_tag(p)) > 0) {
			st->in = '$';
			st->dolq = xstrndup(p, n);
			buf_add(q, p, n);
			p += n;
		} else if (ident_start((unsigned char)*p)) {
			p = scan_word(ps, st, p, q);
		} else if (isdigit((unsigned char)*p)) {
			while (isalnum((unsigned char)*p) || *p == '.' ||
			    *p == '_')
				buf_addc(q, *p++);
		} else if (*p == ';') {
			buf_addc(q, *p++);
			if (st->paren_depth == 0 && st->begin_depth == 0) {
				*pp = p;
				st->ident_count = 0;
				memset(st->idents, 0, sizeof st->idents);
				return PSCAN_SEMICOLON;
			}
		} else if (*p == '\\') {
			if (p[1] == ';' || p[1] == ':') {
				buf_addc(q, p[1]);
				p += 2;
				continue;
			}
			*pp = p + 1;
			return PSCAN_BACKSLASH;
		} else if (*p == ':') {
			if (p[1] == ':' || p[1] == '=') {
				buf_add(q, p, 2);
				p += 2;
			} else if (!active || !interpolate(ps, &p, q))
				buf_addc(q, *p++);
		} else {
			if (*p == '(')
				st->paren_depth++;
			else if (*p == ')' && st->paren_depth > 0)
				st->paren_depth--;
			buf_addc(q, *p++);
		}
	}
	*pp = p;
	return PSCAN_EOL;
}

/*
 * The name of the backslash command at *pp (just after the backslash):
 * everything up to white space or the next backslash.  Caller frees.
 */
char *
psql_scan_command(const char **pp)
{
	const char	*p = *pp;
	size_t		 n = 0;

	while (p[n] != '\0' && !isspace((unsigned char)p[n]) &&
	    p[n] != '\\')
		n++;
	*pp = p + n;
	return xstrndup(p, n);
}

/* A backslash escape inside a '...' argument, as psql reads it. */
static const char *
scan_escape(const char *p, struct buf *out)
{
	int	 v, i;

	switch (*p) {
	case 'n':
		buf_addc(out, '\n');
		return p + 1;
	case 't':
		buf_addc(out, '\t');
		return p + 1;
	case 'b':
		buf_addc(out, '\b');
		return p + 1;
	case 'r':
		buf_addc(out, '\r');
		return p + 1;
	case 'f':
		buf_addc(out, '\f');
		return p + 1;
	case 'x':
		for (v = 0, i = 1; i <= 2 && isxdigit((unsigned char)p[i]);
		    i++)
			v = v * 16 + (isdigit((unsigned char)p[i]) ? p[i] - '0' :
			    tolower((unsigned char)p[i]) - 'a' + 10);
		if (i > 1) {
			buf_addc(out, (char)v);
			return p + i;
		}
		break;
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7':
		for (v = 0, i = 0; i < 3 && p[i] >= '0' && p[i] <= '7'; i++)
			v = v * 8 + p[i] - '0';
		buf_addc(out, (char)v);
		return p + i;
	case '\0':
		return p;
	}
	buf_addc(out, *p);
	return p + 1;
}

/* The output of a `command`, its last newline dropped. */
static void
scan_backtick(const char **pp, struct buf *out)
{
	const char	*p = *pp, *end = strchr(p + 1, '`');
	char		*cmd, chunk[4096];
	FILE		*f;
	size_t		 n, start = out->len;

	if (end == NULL)
		end = p + strlen(p);
	cmd = xstrndup(p + 1, (size_t)(end - p - 1));
	fflush(NULL);
	f = popen(cmd, "r");
	free(cmd);
	while (f != NULL && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	if (f != NULL)
		pclose(f);
	if (out->len > start && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	*pp = *end == '`' ? end + 1 : end;
}

/*
 * The length of :'name' or :"name" at p (which points at ':'), or 0
 * when the text is no such reference.
 */
static size_t
quoted_reference(const char *p)
{
	size_t	n;

	if (p[1] != '\'' && p[1] != '"')
		return 0;
	for (n = 2; var_char((unsigned char)p[n]); n++)
		;
	return p[n] == p[1] ? n + 1 : 0;
}

/*
 * A backslash command's `...` in a skipped \if branch or among the
 * arguments psql ignores: its text, not run (as psql).
 */
static void
skip_backtick(const char **pp, struct buf *out)
{
	const char	*p = *pp, *end = strchr(p + 1, '`');

	if (end == NULL)
		end = p + strlen(p);
	buf_add(out, p + 1, (size_t)(end - p - 1));
	*pp = *end == '`' ? end + 1 : end;
}

/*
 * The next argument of a backslash command, as psql reads it: words
 * separated by white space; '...' with backslash escapes; "..." kept
 * with its quotes; `...` replaced by the command's output; :var,
 * :'var' and :"var" interpolated when active (kept as written when not,
 * or when the variable is not set).  With semicolon, the semicolons
 * that end it outside quotes and interpolations are dropped (psql's
 * "semicolon" option: "\c - :user;", "\d t;"), and what is then empty
 * and unquoted is NULL.  *quotedp (unless NULL) tells whether it had a
 * quote or a variable reference (psql's quote flag).  NULL at the end
 * of the arguments (end of line, or a backslash).  Caller frees.
 */
static char *
scan_arg(struct psql *ps, const char **pp, int active, int semicolon,
    int *quotedp)
{
	const char	*p = *pp;
	struct buf	 out;
	size_t		 plain = 0;	/* trailing bytes copied unquoted */
	size_t		 n;
	int		 quoted = 0;

	if (quotedp != NULL)
		*quotedp = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0' || *p == '\\') {
		*pp = p;
		return NULL;
	}
	buf_init(&out);
	while (*p != '\0' && !isspace((unsigned char)*p) && *p != '\\') {
		/* psql counts a variable reference as a quote too */
		if (quotedp != NULL && (*p == '\'' || *p == '"' || *p == '`' ||
		    (*p == ':' && (var_char((unsigned char)p[1]) ||
		    quoted_reference(p) > 0))))
			*quotedp = 1;
		if (*p == ':' && (n = quoted_reference(p)) > 0) {
			if (!active || !interpolate(ps, &p, &out)) {
				buf_add(&out, p, n);
				p += n;
			}
		} else if (*p == '\'') {
			for (p++; *p != '\0'; ) {
				if (p[0] == '\'' && p[1] == '\'') {
					buf_addc(&out, '\'');
					p += 2;
				} else if (*p == '\'') {
					p++;
					break;
				} else if (*p == '\\')
					p = scan_escape(p + 1, &out);
				else
					buf_addc(&out, *p++);
			}
		} else if (*p == '"') {
			buf_addc(&out, *p++);
			while (*p != '\0') {
				if (p[0] == '"' && p[1] == '"') {
					buf_add(&out, p, 2);
					p += 2;
				} else if (*p == '"') {
					buf_addc(&out, *p++);
					break;
				} else
					buf_addc(&out, *p++);
			}
		} else if (*p == '`' && active)
			scan_backtick(&p, &out);
		else if (*p == '`')
			skip_backtick(&p, &out);
		else if (*p == ':' && active && interpolate(ps, &p, &out))
			;
		else {
			buf_addc(&out, *p++);
			plain++;
			continue;
		}
		plain = 0;
		quoted = 1;
	}
	while (semicolon && plain-- > 0 && out.data[out.len - 1] == ';')
		out.data[--out.len] = '\0';
	*pp = p;
	if (out.len == 0 && !quoted) {	/* ";" alone: as if absent */
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* The next argument (scan_arg's reading), its trailing semicolons
 * kept.  Caller frees. */
char *
psql_scan_arg(struct psql *ps, const char **pp, int active)
{
	return scan_arg(ps, pp, active, 0, NULL);
}

/* psql_scan_arg(), and in *quoted whether it had a quote (psql's flag,
 * for \echo's -n).  Caller frees. */
char *
psql_scan_arg_quoted(struct psql *ps, const char **pp, int active,
    int *quoted)
{
	return scan_arg(ps, pp, active, 0, quoted);
}

/* The next argument of a command psql reads "semicolon" for (\c, \cd,
 * \d..., \i, \ir, \l, \lo_*, \o, \t, \w, \x, \z, \C): trailing
 * unquoted semicolons dropped.  Caller frees. */
char *
psql_scan_option(struct psql *ps, const char **pp)
{
	return scan_arg(ps, pp, 1, 1, NULL);
}

/*
 * The FILE argument of \g, \o or \w (with semicolon, trailing ones
 * dropped as psql_scan_option() drops them), or "|COMMAND" with the
 * rest of the line, as psql reads it; NULL for none.  Caller frees.
 */
char *
psql_scan_filepipe(struct psql *ps, const char **pp, int semicolon)
{
	const char	*p = *pp;

	while (isspace((unsigned char)*p))
		p++;
	if (*p != '|')
		return semicolon ? psql_scan_option(ps, pp) :
		    psql_scan_arg(ps, pp, 1);
	*pp = p;
	return psql_scan_rest(pp);
}

/* The rest of the line, trimmed (for \copy and \!).  Caller frees. */
char *
psql_scan_rest(const char **pp)
{
	const char	*p = *pp;
	size_t		 n;

	while (isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	*pp = p + strlen(p);
	return xstrndup(p, n);
}

/*
 * After a command's arguments: consumes a "\\" separator.  Returns 1
 * when the rest of the line is SQL or another command, 0 at its end.
 */
int
psql_at_command_end(const char **pp)
{
	const char	*p = *pp;

	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '\\' && p[1] == '\\')
		p += 2;
	*pp = p;
	return *p != '\0';
}
