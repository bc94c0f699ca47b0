/*
 * parse-pgtap.c: the reader of pgTAP files, the SQL files pg_prove feeds
 * to psql.  Statements split as psql splits them (split.c: quotes,
 * comments, dollar quotes); psql meta-commands (a backslash outside
 * quotes, to the end of the line) are read here: those that only shape
 * psql's output (\set ECHO, \set QUIET, \pset, \t, ...) are accepted and
 * do nothing, \i and \ir read another file in place, and any other one
 * is an error at FILE:LINE, since sqlcheck runs the file without psql.
 * The result is a test_file (pgtap set) of RECORD_SETUP records, one for
 * each stretch of statements of one file, run by run-pgtap.c.  The
 * leading comment lines may say "-- format: pgtap", "-- tags: ..." and
 * "-- isolation: ...".  No engine calls, no output.
 */
#include <ctype.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define PGTAP_INCLUDE_DEPTH	16

/* A meta-command found in the text: where, and its line. */
struct meta {
	size_t	 off;
	int	 line;
	char	*text;		/* from the backslash to the end of line */
};

struct pgtap_reader {
	struct test_file	*tf;
	char			*cause;
};

static int	read_pgtap_text(struct pgtap_reader *, const char *,
		    const char *, size_t, int);

/*
 * Call fn on each leading line of a file (blank lines, "--" comments
 * and psql meta-commands) until it returns non-zero or another line
 * comes; returns what fn returned last, or 0.
 */
static int
header_lines(const char *text, size_t len,
    int (*fn)(void *, const char *, size_t, int), void *arg)
{
	const char	*p = text, *end = text + len, *nl, *s;
	int		 line = 1, rc;

	for (; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		for (s = p; s < nl && isspace((unsigned char)*s); s++)
			;
		if (s < nl && *s != '\\' && !(nl - s >= 2 && s[0] == '-' &&
		    s[1] == '-'))
			return 0;
		if ((rc = fn(arg, s, (size_t)(nl - s), line)) != 0)
			return rc;
		if (nl == end)
			break;
	}
	return 0;
}

/*
 * If a header line is "-- WORD: ARG", copy ARG (trimmed) into *arg
 * (caller frees) and return 1.
 */
static int
header_directive(const char *s, size_t n, const char *word, char **arg)
{
	size_t	wl = strlen(word);
	char	*a;

	if (n < 2 || s[0] != '-' || s[1] != '-')
		return 0;
	s += 2;
	n -= 2;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n <= wl || strncasecmp(s, word, wl) != 0 || s[wl] != ':')
		return 0;
	a = xstrndup(s + wl + 1, n - wl - 1);
	*arg = xstrdup(str_trim(a));
	free(a);
	return 1;
}

static int
is_format_line(void *arg, const char *s, size_t n, int line)
{
	char	*v = NULL;
	int	 yes;

	(void)arg;
	(void)line;
	if (!header_directive(s, n, "format", &v))
		return 0;
	yes = strcasecmp(v, "pgtap") == 0;
	free(v);
	return yes;
}

/*
 * 1 if a file is a pgTAP file: named *.pg, or with a "-- format: pgtap"
 * line among its leading comments, or, with --pgtap (as_pgtap), any
 * file but a .sqltest or sqllogictest one.
 */
int
pgtap_is_pgtap(const char *path, const char *text, size_t len, int as_pgtap)
{
	if (str_has_extension(path, ".pg"))
		return 1;
	if (header_lines(text, len, is_format_line, NULL))
		return 1;
	return as_pgtap && !str_has_extension(path, ".sqltest") &&
	    !str_has_extension(path, ".slt") && !str_has_extension(path, ".test");
}

/* Read "-- tags:" and "-- isolation:" among the leading comments. */
static int
file_setting(void *arg, const char *s, size_t n, int line)
{
	struct pgtap_reader	*rd = arg;
	char			*v = NULL;

	if (header_directive(s, n, "tags", &v))
		str_split_list(v, &rd->tf->tags, &rd->tf->ntags);
	else if (header_directive(s, n, "isolation", &v)) {
		if (strcasecmp(v, "database") == 0)
			rd->tf->isolation = ISOLATION_DATABASE;
		else if (strcasecmp(v, "transaction") == 0)
			rd->tf->isolation = ISOLATION_TRANSACTION;
		else {
			rd->cause = xprintf("%s:%d: unknown isolation \"%s\" "
			    "(expected \"transaction\" or \"database\")",
			    rd->tf->path, line, v);
			free(v);
			return -1;
		}
	}
	free(v);
	return 0;
}

/* Skip a quoted string from its opening quote; backslashes escape in E''. */
static size_t
skip_quoted(const char *t, size_t len, size_t i, int *line, int escapes)
{
	char	q = t[i++];

	while (i < len) {
		if (t[i] == '\n')
			(*line)++;
		if (escapes && t[i] == '\\' && i + 1 < len) {
			if (t[i + 1] == '\n')
				(*line)++;
			i += 2;
			continue;
		}
		if (t[i] == q) {
			if (i + 1 < len && t[i + 1] == q) {
				i += 2;
				continue;
			}
			return i + 1;
		}
		i++;
	}
	return len;
}

/* Skip a dollar-quoted string at i, if one starts there (else i). */
static size_t
skip_dollar(const char *t, size_t len, size_t i, int *line)
{
	size_t	j = i + 1, taglen, k;

	if (i > 0 && (isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_'))
		return i;
	while (j < len && (isalnum((unsigned char)t[j]) || t[j] == '_'))
		j++;
	if (j >= len || t[j] != '$' || (j > i + 1 &&
	    isdigit((unsigned char)t[i + 1])))
		return i;
	taglen = j + 1 - i;
	for (k = j + 1; k + taglen <= len; k++) {
		if (t[k] == '\n')
			(*line)++;
		if (t[k] == '$' && memcmp(t + k, t + i, taglen) == 0)
			return k + taglen;
	}
	for (; k < len; k++)
		if (t[k] == '\n')
			(*line)++;
	return len;
}

/* Skip a block comment (they nest in PostgreSQL) from its slash. */
static size_t
skip_block_comment(const char *t, size_t len, size_t i, int *line)
{
	int	depth = 0;

	while (i < len) {
		if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (t[i] == '*' && i + 1 < len && t[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else {
			if (t[i] == '\n')
				(*line)++;
			i++;
		}
	}
	return len;
}

/*
 * Find the meta-commands of text (a copy the caller owns): each is
 * recorded in *metas and blanked out of the text, so that the splitter
 * sees only SQL.  Returns how many.
 */
static size_t
find_metas(char *t, size_t len, struct meta **metas)
{
	size_t	i = 0, n = 0, e;
	int	line = 1;

	*metas = NULL;
	while (i < len) {
		if (t[i] == '\n') {
			line++;
			i++;
		} else if (t[i] == '\'')
			i = skip_quoted(t, len, i, &line, i > 0 &&
			    (t[i - 1] == 'E' || t[i - 1] == 'e'));
		else if (t[i] == '"')
			i = skip_quoted(t, len, i, &line, 0);
		else if (t[i] == '-' && i + 1 < len && t[i + 1] == '-') {
			while (i < len && t[i] != '\n')
				i++;
		} else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*')
			i = skip_block_comment(t, len, i, &line);
		else if (t[i] == '$' && (e = skip_dollar(t, len, i, &line)) != i)
			i = e;
		else if (t[i] == '\\') {
			for (e = i; e < len && t[e] != '\n'; e++)
				;
			*metas = xreallocarray(*metas, n + 1, sizeof **metas);
			(*metas)[n].off = i;
			(*metas)[n].line = line;
			(*metas)[n].text = xstrndup(t + i, e - i);
			n++;
			memset(t + i, ' ', e - i);
			i = e;
		} else
			i++;
	}
	return n;
}

/* psql variables whose only effect is on psql's own output or prompts. */
static const char *const output_variables[] = {
	"ECHO", "ECHO_HIDDEN", "QUIET", "ON_ERROR_ROLLBACK", "VERBOSITY",
	"SHOW_CONTEXT", "FETCH_COUNT", "HIDE_TABLEAM",
	"HIDE_TOAST_COMPRESSION", "PROMPT1", "PROMPT2", "PROMPT3",
	"AUTOCOMMIT", "COMP_KEYWORD_CASE", "HISTSIZE", NULL
};

/* Meta-commands that only shape psql's output. */
static const char *const output_commands[] = {
	"pset", "t", "a", "x", "timing", "H", "C", "f", NULL
};

static int
in_list(const char *const *list, const char *w, int ci)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++) {
		if ((ci ? strcasecmp(list[i], w) : strcmp(list[i], w)) == 0)
			return 1;
	}
	return 0;
}

/* 1 if a psql boolean value is true ("1", "on", "true", "yes", ""). */
static int
psql_true(const char *v)
{
	return *v == '\0' || strcmp(v, "1") == 0 ||
	    strcasecmp(v, "on") == 0 || strncasecmp(v, "t", 1) == 0 ||
	    strncasecmp(v, "y", 1) == 0;
}

/* \set / \unset: 0 if the variable only shapes output, else -1. */
static int
check_variable(struct pgtap_reader *rd, const char *path, int line,
    const char *cmd, char *args)
{
	char	*var, *val;

	var = strtok(args, " \t");
	if (var == NULL)
		return 0;	/* \set alone lists the variables */
	val = strtok(NULL, "");
	val = val != NULL ? str_trim(val) : (char *)"";
	if (strcmp(var, "ON_ERROR_STOP") == 0) {
		if (strcmp(cmd, "set") == 0 && psql_true(val))
			return 0;
		rd->cause = xprintf("%s:%d: \\%s ON_ERROR_STOP: sqlcheck stops "
		    "a pgTAP file at its first failing statement, as pg_prove "
		    "does (it runs psql with ON_ERROR_STOP=1)", path, line,
		    cmd);
		return -1;
	}
	if (in_list(output_variables, var, 0))
		return 0;
	rd->cause = xprintf("%s:%d: \\%s %s: psql variables are not "
	    "supported (sqlcheck runs pgTAP files without psql); only "
	    "variables that shape psql's output, such as ECHO and QUIET, are "
	    "accepted", path, line, cmd, var);
	return -1;
}

/* The file an \i or \ir names, resolved as psql does (caller frees). */
static char *
include_path(const char *path, const char *cmd, char *arg)
{
	char	*dir, *copy, *p;
	size_t	 n;

	arg = str_trim(arg);
	n = strlen(arg);
	if (n >= 2 && (arg[0] == '\'' || arg[0] == '"') && arg[n - 1] == arg[0]) {
		arg[n - 1] = '\0';
		arg++;
	}
	if (arg[0] == '/' || (strcmp(cmd, "ir") != 0 &&
	    strcmp(cmd, "include_relative") != 0))
		return xstrdup(arg);
	copy = xstrdup(path);
	dir = dirname(copy);
	p = xprintf("%s/%s", dir, arg);
	free(copy);
	return p;
}

/* \i FILE: read another file in place. */
static int
read_include(struct pgtap_reader *rd, const char *path, int line,
    const char *cmd, char *arg, int depth)
{
	char	*inc, *text, *cause = NULL;
	size_t	 len;
	int	 rc;

	if (*str_trim(arg) == '\0') {
		rd->cause = xprintf("%s:%d: \\%s needs a file name", path,
		    line, cmd);
		return -1;
	}
	if (depth >= PGTAP_INCLUDE_DEPTH) {
		rd->cause = xprintf("%s:%d: \\%s nested more than %d deep "
		    "(does a file include itself?)", path, line, cmd,
		    PGTAP_INCLUDE_DEPTH);
		return -1;
	}
	inc = include_path(path, cmd, arg);
	text = read_whole_file(inc, &len, &cause);
	if (text == NULL) {
		rd->cause = xprintf("%s:%d: \\%s: %s", path, line, cmd, cause);
		free(cause);
		free(inc);
		return -1;
	}
	str_list_add(&rd->tf->includes, &rd->tf->nincludes, inc);
	free(inc);
	rc = read_pgtap_text(rd, rd->tf->includes[rd->tf->nincludes - 1],
	    text, len, depth + 1);
	free(text);
	return rc;
}

/*
 * Handle one meta-command: 0 if it only shapes output, 1 after an
 * include (the caller starts a new record), -1 with rd->cause.
 */
static int
run_meta(struct pgtap_reader *rd, const char *path, const struct meta *m,
    int depth)
{
	char	*cmd, *args;
	size_t	 n;
	int	 rc = 0;

	n = strcspn(m->text + 1, " \t\\");
	cmd = xstrndup(m->text + 1, n);
	args = xstrdup(m->text + 1 + n);
	if (strcmp(cmd, "set") == 0 || strcmp(cmd, "unset") == 0)
		rc = check_variable(rd, path, m->line, cmd, args);
	else if (strcmp(cmd, "i") == 0 || strcmp(cmd, "ir") == 0 ||
	    strcmp(cmd, "include") == 0 || strcmp(cmd, "include_relative") == 0)
		rc = read_include(rd, path, m->line, cmd, args, depth) == 0 ?
		    1 : -1;
	else if (!in_list(output_commands, cmd, 0)) {
		rd->cause = xprintf("%s:%d: psql meta-command \\%s is not "
		    "supported (sqlcheck runs pgTAP files without psql); "
		    "accepted: \\set and \\unset of output variables, \\pset, "
		    "\\t, \\a, \\x, \\timing, \\i and \\ir", path, m->line, cmd);
		rc = -1;
	}
	free(cmd);
	free(args);
	return rc;
}

/*
 * Read the text of one file (path borrowed for the records) at include
 * depth depth: statements and meta-commands in the order they come.
 */
static int
read_pgtap_text(struct pgtap_reader *rd, const char *path, const char *text,
    size_t len, int depth)
{
	struct split_stmt	*st;
	struct meta		*metas;
	struct record		*rec = NULL;
	char			*copy;
	size_t			 nst, nm, i = 0, j = 0;
	int			 rc = 0;

	copy = xstrndup(text, len);
	nm = find_metas(copy, len, &metas);
	nst = split_sql(copy, len, 1, &st);
	while (rc == 0 && (i < nst || j < nm)) {
		if (j < nm && (i == nst || metas[j].off < st[i].off)) {
			rc = run_meta(rd, path, &metas[j++], depth);
			if (rc == 1) {
				rec = NULL;
				rc = 0;
			}
			continue;
		}
		if (rec == NULL)
			rec = test_file_add_record(rd->tf, RECORD_SETUP, path,
			    st[i].line);
		record_add_stmt(rec, copy + st[i].off, st[i].len, st[i].line);
		i++;
	}
	for (j = 0; j < nm; j++)
		free(metas[j].text);
	free(metas);
	free(st);
	free(copy);
	return rc;
}

/*
 * Parse a pgTAP file's text into a test_file (caller frees with
 * test_file_free), or NULL with *cause ("FILE:LINE: ...").
 */
struct test_file *
parse_pgtap(const char *path, const char *text, size_t len, char **cause)
{
	struct pgtap_reader	rd;

	memset(&rd, 0, sizeof rd);
	rd.tf = xcalloc(1, sizeof *rd.tf);
	rd.tf->path = xstrdup(path);
	rd.tf->pgtap = 1;
	str_list_add(&rd.tf->engines, &rd.tf->nengines, "postgres");
	if (header_lines(text, len, file_setting, &rd) == 0)
		read_pgtap_text(&rd, rd.tf->path, text, len, 0);
	if (rd.cause != NULL) {
		test_file_free(rd.tf);
		*cause = rd.cause;
		return NULL;
	}
	return rd.tf;
}
