/*
 * psql-meta.c: the backslash commands.  Those sqlcheck reproduces run
 * here with psql's messages; a real psql command it does not reproduce
 * is reported by psql_unsupported() (once per test, FILE:LINE); a name
 * psql does not know either gets psql's "invalid command".  In a false
 * \if branch only \if, \elif, \else and \endif act; the others skip
 * their arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* Real psql commands sqlcheck does not reproduce. */
static const char *const not_reproduced[] = {
	"!", "?", "conninfo", "copyright",
	"e", "edit", "ef",
	"ev", "h",
	"help", "lo_export",
	"lo_import", "lo_unlink",
	"password", "prompt", "s",
	"watch", NULL
};

/* Skip the arguments of a command in a false \if branch. */
static void
skip_args(struct psql *ps, const char **pp)
{
	char	*a;

	while ((a = psql_scan_arg(ps, pp, 0)) != NULL)
		free(a);
}

/* All arguments joined by sep.  Caller frees. */
static char *
join_args(struct psql *ps, const char **pp, const char *sep)
{
	struct buf	 b;
	char		*a;
	int		 first = 1;

	buf_init(&b);
	while ((a = psql_scan_arg(ps, pp, 1)) != NULL) {
		if (!first)
			buf_adds(&b, sep);
		buf_adds(&b, a);
		free(a);
		first = 0;
	}
	return buf_detach(&b);
}

/* \echo to standard output, \qecho to the query output (\o). */
static enum psql_cmd
cmd_echo(struct psql *ps, const char **pp, const char *cmd)
{
	FILE	*f = strcmp(cmd, "qecho") == 0 ? psql_qfout(ps) : ps->out;
	char	*a;
	int	 first = 1, newline = 1, quoted;

	/* psql: an unquoted "-n" first (only once) is the option */
	while ((a = psql_scan_arg_quoted(ps, pp, 1, &quoted)) != NULL) {
		if (first && newline && !quoted && strcmp(a, "-n") == 0)
			newline = 0;
		else {
			fprintf(f, "%s%s", first ? "" : " ", a);
			first = 0;
		}
		free(a);
	}
	if (newline)
		fputc('\n', f);
	return PSQL_CMD_OK;
}

/*
 * \o [FILE|"|"COMMAND]: query results, command tags and \qecho go to
 * FILE (made or truncated, relative to the working directory), or as
 * the input of COMMAND (run by /bin/sh, its output in the test's; waited
 * for when the output changes again or the test ends), or back to
 * standard output; the echo and messages stay there.
 */
static enum psql_cmd
cmd_out(struct psql *ps, const char **pp)
{
	char	*path = psql_scan_filepipe(ps, pp, 1);
	FILE	*f = NULL;
	pid_t	 pid = 0;

	if (path != NULL && (f = path[0] == '|' ? psql_pipe_open(ps, path + 1,
	    "w", &pid) : psql_fopen(ps, path, "w")) == NULL) {
		psql_error(ps, "%s: %s", path, strerror(errno));
		free(path);
		return PSQL_CMD_ERROR;
	}
	free(path);
	psql_out_close(ps);
	ps->qout = f;
	ps->qpid = pid;
	return PSQL_CMD_OK;
}

/* The \o file closed, or its command's input closed and waited for. */
void
psql_out_close(struct psql *ps)
{
	if (ps->qout != NULL && ps->qpid != 0)
		free(psql_pipe_close(ps->qout, ps->qpid));
	else if (ps->qout != NULL)
		fclose(ps->qout);
	ps->qout = NULL;
	ps->qpid = 0;
}

static enum psql_cmd
cmd_set(struct psql *ps, const char **pp)
{
	char			*name, *val;
	struct psql_var		*v;
	int			 rc;

	name = psql_scan_arg(ps, pp, 1);
	if (name == NULL) {
		for (v = ps->vars; v != NULL; v = v->next)
			fprintf(ps->out, "%s = '%s'\n", v->name, v->value);
		return PSQL_CMD_OK;
	}
	val = join_args(ps, pp, "");
	rc = psql_var_set(ps, name, val);
	free(name);
	free(val);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

static enum psql_cmd
cmd_unset(struct psql *ps, const char **pp, const char *cmd)
{
	char	*name = psql_scan_arg(ps, pp, 1);
	int	 rc;

	if (name == NULL) {
		psql_error(ps, "\\%s: missing required argument", cmd);
		return PSQL_CMD_ERROR;
	}
	rc = psql_var_set(ps, name, NULL);
	free(name);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

static enum psql_cmd
cmd_include(struct psql *ps, const char **pp, const char *cmd)
{
	char		*path = psql_scan_option(ps, pp), *rel;
	const char	*slash;
	int		 rc;

	if (path == NULL) {
		psql_error(ps, "\\%s: missing required argument", cmd);
		return PSQL_CMD_ERROR;
	}
	/* \ir: relative to the directory of the file being read */
	if (strcmp(cmd, "ir") == 0 || strcmp(cmd, "include_relative") == 0) {
		slash = ps->src->is_stdin ? NULL : strrchr(ps->src->name, '/');
		if (slash != NULL && path[0] != '/') {
			rel = xprintf("%.*s/%s", (int)(slash - ps->src->name),
			    ps->src->name, path);
			free(path);
			path = rel;
		}
	}
	rc = psql_include(ps, path);
	free(path);
	if (rc == -1)
		return PSQL_CMD_ERROR;
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \cd [DIR] (psql-cd.c). */
static enum psql_cmd
cmd_cd(struct psql *ps, const char **pp)
{
	char	*dir = psql_scan_option(ps, pp);
	int	 rc = psql_cd(ps, dir);

	free(dir);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* The boolean of \if and \elif; -1 with psql's message when bad. */
static int
if_expression(struct psql *ps, const char **pp, const char *cmd)
{
	char	*e = join_args(ps, pp, " ");
	int	 b;

	if (psql_parse_bool(e, &b) != 0) {
		psql_error(ps, "unrecognized value \"%s\" for \"\\%s "
		    "expression\": Boolean expected", e, cmd);
		free(e);
		return -1;
	}
	free(e);
	return b;
}

/* Remember the query buffer and the scanner's depth at the top \if level. */
static void
if_save(struct psql_source *src, const struct buf *q)
{
	struct psql_ifsave	*sv = &src->ifsave[src->nifs - 1];

	sv->qlen = q->len;
	sv->paren_depth = src->lex != NULL ? src->lex->paren_depth : 0;
}

/* Throw away what a skipped branch added to the query buffer (psql). */
static void
if_discard(struct psql_source *src, struct buf *q)
{
	const struct psql_ifsave *sv = &src->ifsave[src->nifs - 1];

	if (sv->qlen <= q->len) {
		q->len = sv->qlen;
		q->data[q->len] = '\0';
	}
	if (src->lex != NULL)
		src->lex->paren_depth = sv->paren_depth;
}

static void
if_push(struct psql_source *src, enum psql_ifstate s, const struct buf *q)
{
	src->ifs = xreallocarray(src->ifs, src->nifs + 1, sizeof *src->ifs);
	src->ifsave = xreallocarray(src->ifsave, src->nifs + 1,
	    sizeof *src->ifsave);
	src->ifs[src->nifs++] = s;
	if_save(src, q);
}

static enum psql_cmd
cmd_if(struct psql *ps, const char **pp, const struct buf *q)
{
	struct psql_source	*src = ps->src;
	int			 b;

	if (!psql_active(src)) {
		skip_args(ps, pp);
		if_push(src, IF_IGNORED, q);
		return PSQL_CMD_OK;
	}
	if_push(src, IF_TRUE, q);
	b = if_expression(ps, pp, "if");
	if (b != 1)
		src->ifs[src->nifs - 1] = IF_FALSE;
	return b < 0 ? PSQL_CMD_ERROR : PSQL_CMD_OK;
}

static enum psql_cmd
cmd_elif(struct psql *ps, const char **pp, struct buf *q)
{
	struct psql_source	*src = ps->src;
	enum psql_ifstate	*top;
	int			 b;

	if (src->nifs == 0) {
		skip_args(ps, pp);
		psql_error(ps, "\\elif: no matching \\if");
		return PSQL_CMD_ERROR;
	}
	top = &src->ifs[src->nifs - 1];
	switch (*top) {
	case IF_TRUE:
		if_save(src, q);
		*top = IF_IGNORED;
		skip_args(ps, pp);
		return PSQL_CMD_OK;
	case IF_IGNORED:
		if_discard(src, q);
		skip_args(ps, pp);
		return PSQL_CMD_OK;
	case IF_FALSE:
		if_discard(src, q);
		*top = IF_TRUE;
		b = if_expression(ps, pp, "elif");
		if (b != 1)
			*top = IF_FALSE;
		return b < 0 ? PSQL_CMD_ERROR : PSQL_CMD_OK;
	default:
		skip_args(ps, pp);
		psql_error(ps, "\\elif: cannot occur after \\else");
		return PSQL_CMD_ERROR;
	}
}

static enum psql_cmd
cmd_else(struct psql *ps, struct buf *q)
{
	struct psql_source	*src = ps->src;
	enum psql_ifstate	*top;

	if (src->nifs == 0) {
		psql_error(ps, "\\else: no matching \\if");
		return PSQL_CMD_ERROR;
	}
	top = &src->ifs[src->nifs - 1];
	switch (*top) {
	case IF_TRUE:
		if_save(src, q);
		*top = IF_ELSE_FALSE;
		return PSQL_CMD_OK;
	case IF_FALSE:
		if_discard(src, q);
		*top = IF_ELSE_TRUE;
		return PSQL_CMD_OK;
	case IF_IGNORED:
		if_discard(src, q);
		*top = IF_ELSE_IGNORED;
		return PSQL_CMD_OK;
	default:
		psql_error(ps, "\\else: cannot occur after \\else");
		return PSQL_CMD_ERROR;
	}
}

/* \endif keeps the text of an active branch, drops a skipped one's. */
static enum psql_cmd
cmd_endif(struct psql *ps, struct buf *q)
{
	struct psql_source	*src = ps->src;
	enum psql_ifstate	 top;

	if (src->nifs == 0) {
		psql_error(ps, "\\endif: no matching \\if");
		return PSQL_CMD_ERROR;
	}
	top = src->ifs[src->nifs - 1];
	if (top != IF_TRUE && top != IF_ELSE_TRUE)
		if_discard(src, q);
	src->nifs--;
	return PSQL_CMD_OK;
}

/* psql's \pset on/off/toggle for a boolean option. */
static int
pset_bool(struct psql *ps, const char *val, int *dst, const char *opt)
{
	int	b;

	if (val == NULL) {
		*dst = !*dst;
		return 0;
	}
	if (psql_parse_bool(val, &b) != 0) {
		psql_error(ps, "unrecognized value \"%s\" for \"%s\": Boolean "
		    "expected", val, opt);
		return -1;
	}
	*dst = b;
	return 0;
}

static void
pset_replace(char **dst, const char *val)
{
	free(*dst);
	*dst = xstrdup(val != NULL ? val : "");
}

/* \pset linestyle [ascii|old-ascii|unicode] (any unique prefix). */
static int
pset_linestyle(struct psql *ps, const char *val)
{
	static const char *const names[] = { "ascii", "old-ascii",
	    "unicode" };
	size_t	n = val != NULL ? strlen(val) : 0;

	if (val == NULL)
		;
	else if (n > 0 && strncasecmp(val, "ascii", n) == 0)
		ps->popt.linestyle = PSQL_LINE_ASCII;
	else if (n > 0 && strncasecmp(val, "old-ascii", n) == 0)
		ps->popt.linestyle = PSQL_LINE_OLD_ASCII;
	else if (n > 0 && strncasecmp(val, "unicode", n) == 0)
		ps->popt.linestyle = PSQL_LINE_UNICODE;
	else {
		psql_error(ps, "\\pset: allowed line styles are ascii, "
		    "old-ascii, unicode");
		return -1;
	}
	if (!ps->quiet)
		fprintf(ps->out, "Line style is %s.\n",
		    names[ps->popt.linestyle]);
	return 0;
}

/* Whether psql 15's \pset knows the option (sqlcheck may not). */
static int
pset_known(const char *opt)
{
	static const char *const names[] = { "format", "border", "expanded",
	    "x", "csv_fieldsep", "unicode_border_linestyle",
	    "unicode_column_linestyle", "unicode_header_linestyle",
	    "linestyle", "null", "fieldsep", "fieldsep_zero", "recordsep",
	    "recordsep_zero", "tableattr", "T", "title", "C", "tuples_only",
	    "t", "pager", "pager_min_lines", "footer", "columns",
	    "numericlocale", NULL };
	size_t	i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(opt, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * \pset fieldsep or recordsep [VALUE] (a string), fieldsep_zero or
 * recordsep_zero (a zero byte; a value is ignored, as psql ignores it),
 * and what the separator is now, as psql says it.
 */
static void
pset_separator(struct psql *ps, const char *opt, const char *val)
{
	int	 field = opt[0] == 'f';
	char	**sep = field ? &ps->popt.fieldsep : &ps->popt.recordsep;
	int	*zero = field ? &ps->popt.fieldsep_zero :
		    &ps->popt.recordsep_zero;

	if (strstr(opt, "_zero") != NULL) {
		pset_replace(sep, "");
		*zero = 1;
	} else if (val != NULL) {
		pset_replace(sep, val);
		*zero = 0;
	}
	if (ps->quiet)
		return;
	if (*zero)
		fprintf(ps->out, "%s separator is zero byte.\n", field ?
		    "Field" : "Record");
	else if (!field && strcmp(*sep, "\n") == 0)
		fprintf(ps->out, "Record separator is <newline>.\n");
	else
		fprintf(ps->out, "%s separator is \"%s\".\n", field ?
		    "Field" : "Record", *sep);
}

/*
 * \pset unicode_border_linestyle, unicode_column_linestyle or
 * unicode_header_linestyle [single|double] (any prefix): 0, or -1 with
 * psql's message.
 */
static int
pset_unicode(struct psql *ps, const char *opt, const char *val)
{
	const char	*which = opt + 8;	/* "border_linestyle"... */
	int		*style = which[0] == 'b' ? &ps->popt.unicode_border :
			    which[0] == 'c' ? &ps->popt.unicode_column :
			    &ps->popt.unicode_header;
	int		 len = (int)strcspn(which, "_");
	size_t		 n = val != NULL ? strlen(val) : 0;

	if (val != NULL && n > 0 && strncasecmp("single", val, n) == 0)
		*style = 0;
	else if (val != NULL && n > 0 && strncasecmp("double", val, n) == 0)
		*style = 1;
	else if (val != NULL) {
		psql_error(ps, "\\pset: allowed Unicode %.*s line styles are "
		    "single, double", len, which);
		return -1;
	}
	if (!ps->quiet)
		fprintf(ps->out, "Unicode %.*s line style is \"%s\".\n", len,
		    which, *style ? "double" : "single");
	return 0;
}

/* \pset OPTION [VALUE]: 0, or -1 with psql's message. */
int
psql_pset(struct psql *ps, const char *opt, const char *val)
{
	if (strcmp(opt, "format") == 0) {
		if (psql_pset_format(ps, val) != 0)
			return -1;
	} else if (strcmp(opt, "csv_fieldsep") == 0) {
		if (psql_pset_csv_fieldsep(ps, val) != 0)
			return -1;
	} else if (strcmp(opt, "tuples_only") == 0 || strcmp(opt, "t") ==
	    0) {
		if (pset_bool(ps, val, &ps->popt.tuples_only, opt) != 0)
			return -1;
		/* psql says nothing when a value was given */
		if (!ps->quiet && val == NULL)
			fprintf(ps->out, "%s\n", ps->popt.tuples_only ?
			    "Tuples only is on." : "Tuples only is off.");
	} else if (strcmp(opt, "expanded") == 0 || strcmp(opt, "x") == 0) {
		if (val != NULL && strcasecmp(val, "auto") == 0)
			ps->popt.expanded = 2;
		else if (val == NULL)
			ps->popt.expanded = !ps->popt.expanded;
		else if (psql_parse_bool(val, &ps->popt.expanded) != 0) {
			psql_error(ps, "unrecognized value \"%s\" for \"%s\"\n"
			    "Available values are: on, off, auto.", val, opt);
			return -1;
		}
		if (!ps->quiet)
			fprintf(ps->out, "%s\n", ps->popt.expanded == 2 ?
			    "Expanded display is used automatically." :
			    ps->popt.expanded ? "Expanded display is on." :
			    "Expanded display is off.");
	} else if (strcmp(opt, "footer") == 0) {
		if (pset_bool(ps, val, &ps->popt.footer, opt) != 0)
			return -1;
		if (!ps->quiet && val == NULL)
			fprintf(ps->out, "Default footer is %s.\n",
			    ps->popt.footer ? "on" : "off");
	} else if (strcmp(opt, "numericlocale") == 0) {
		if (pset_bool(ps, val, &ps->popt.numericlocale, opt) != 0)
			return -1;
		if (!ps->quiet && val == NULL)
			fprintf(ps->out, "Locale-adjusted numeric output is "
			    "%s.\n", ps->popt.numericlocale ? "on" : "off");
	} else if (strcmp(opt, "null") == 0) {
		if (val != NULL)
			pset_replace(&ps->popt.null, val);
		if (!ps->quiet)
			fprintf(ps->out, "Null display is \"%s\".\n",
			    ps->popt.null);
	} else if (strcmp(opt, "fieldsep") == 0 ||
	    strcmp(opt, "fieldsep_zero") == 0 ||
	    strcmp(opt, "recordsep") == 0 ||
	    strcmp(opt, "recordsep_zero") == 0) {
		pset_separator(ps, opt, val);
	} else if (strncmp(opt, "unicode_", 8) == 0 &&
	    strstr(opt, "_linestyle") != NULL && pset_known(opt)) {
		if (pset_unicode(ps, opt, val) != 0)
			return -1;
	} else if (strcmp(opt, "columns") == 0) {
		if (val != NULL)
			ps->popt.columns = atoi(val);
		if (!ps->quiet && ps->popt.columns != 0)
			fprintf(ps->out, "Target width is %d.\n",
			    ps->popt.columns);
		else if (!ps->quiet)
			fprintf(ps->out, "Target width is unset.\n");
	} else if (strcmp(opt, "pager_min_lines") == 0) {
		if (val != NULL)
			ps->popt.pager_min_lines = atoi(val);
		if (!ps->quiet)
			fprintf(ps->out, "Pager won't be used for less than %d "
			    "line%s.\n", ps->popt.pager_min_lines,
			    ps->popt.pager_min_lines == 1 ? "" : "s");
	} else if (strcmp(opt, "tableattr") == 0 || strcmp(opt, "T") == 0) {
		free(ps->popt.tableattr);
		ps->popt.tableattr = val != NULL ? xstrdup(val) : NULL;
		if (!ps->quiet && val != NULL)
			fprintf(ps->out, "Table attributes are \"%s\".\n", val);
		else if (!ps->quiet)
			fprintf(ps->out, "Table attributes unset.\n");
	} else if (strcmp(opt, "title") == 0 || strcmp(opt, "C") == 0) {
		free(ps->popt.title);
		ps->popt.title = val != NULL ? xstrdup(val) : NULL;
		if (!ps->quiet && val != NULL)
			fprintf(ps->out, "Title is \"%s\".\n", val);
		else if (!ps->quiet)
			fprintf(ps->out, "Title is unset.\n");
	} else if (strcmp(opt, "pager") == 0) {
		if (val == NULL)
			ps->popt.pager = ps->popt.pager ? 0 : 1;
		else if (strcasecmp(val, "always") == 0)
			ps->popt.pager = 2;
		else if (pset_bool(ps, val, &ps->popt.pager, opt) != 0)
			return -1;
		if (!ps->quiet)
			fprintf(ps->out, "%s\n", ps->popt.pager == 0 ? "Pager "
			    "usage is off." : ps->popt.pager == 1 ? "Pager is "
			    "used for long output." : "Pager is always used.");
	} else if (strcmp(opt, "border") == 0) {
		if (val != NULL)
			ps->popt.border = (unsigned short)atoi(val);
		if (!ps->quiet)
			fprintf(ps->out, "Border style is %d.\n",
			    ps->popt.border);
	} else if (strcmp(opt, "linestyle") == 0) {
		if (pset_linestyle(ps, val) != 0)
			return -1;
	} else if (pset_known(opt)) {
		psql_unsupported(ps, "pset");
		return -1;
	} else {
		psql_error(ps, "\\pset: unknown option: %s", opt);
		return -1;
	}
	return 0;
}

/* \timing [on|off]: a toggle without a value; says so unless QUIET. */
static enum psql_cmd
cmd_timing(struct psql *ps, const char **pp)
{
	char	*val = psql_scan_arg(ps, pp, 1);
	int	 rc = pset_bool(ps, val, &ps->timing, "\\timing");

	free(val);
	if (rc != 0)
		return PSQL_CMD_ERROR;
	if (!ps->quiet)
		fprintf(ps->out, "Timing is %s.\n", ps->timing ? "on" : "off");
	return PSQL_CMD_OK;
}

/* A \pset string value as psql shows it: quoted, \n and ' escaped. */
static char *
pset_quoted(const char *v)
{
	struct buf	b;

	buf_init(&b);
	buf_addc(&b, '\'');
	for (; *v != '\0'; v++) {
		if (*v == '\n')
			buf_adds(&b, "\\n");
		else if (*v == '\'')
			buf_adds(&b, "\\'");
		else
			buf_addc(&b, *v);
	}
	buf_addc(&b, '\'');
	return buf_detach(&b);
}

/* \pset without an option: every setting, as psql 15 lists them. */
static void
pset_show_all(struct psql *ps)
{
	static const char *const linestyles[] = { "ascii", "old-ascii",
	    "unicode" };
	const struct psql_popt	*o = &ps->popt;
	char			 csv[2] = { o->csv_fieldsep, '\0' };
	char			*q[6];
	size_t			 i;

	q[0] = pset_quoted(csv);
	q[1] = pset_quoted(o->fieldsep);
	q[2] = pset_quoted(o->null);
	q[3] = pset_quoted(o->recordsep);
	q[4] = o->title != NULL ? pset_quoted(o->title) : xstrdup("");
	q[5] = o->tableattr != NULL ? pset_quoted(o->tableattr) : xstrdup("");
	fprintf(ps->out, "%-24s %d\n%-24s %d\n%-24s %s\n%-24s %s\n"
	    "%-24s %s\n%-24s %s\n%-24s %s\n%-24s %s\n%-24s %s\n%-24s %s\n"
	    "%-24s %s\n%-24s %d\n%-24s %d\n%-24s %s\n%-24s %s\n%-24s %s\n"
	    "%-24s %s\n%-24s %s\n", "border", o->border, "columns",
	    o->columns,
	    "csv_fieldsep", q[0], "expanded", o->expanded == 2 ? "auto" :
	    o->expanded ? "on" : "off", "fieldsep", q[1], "fieldsep_zero",
	    o->fieldsep_zero ? "on" : "off", "footer", o->footer ? "on" :
	    "off", "format",
	    psql_format_name(o->format), "linestyle",
	    linestyles[o->linestyle], "null", q[2], "numericlocale",
	    o->numericlocale ? "on" : "off", "pager", o->pager,
	    "pager_min_lines", o->pager_min_lines, "recordsep", q[3],
	    "recordsep_zero", o->recordsep_zero ? "on" : "off",
	    "tableattr", q[5], "title", q[4], "tuples_only", o->tuples_only ?
	    "on" : "off");
	fprintf(ps->out, "%-24s %s\n%-24s %s\n%-24s %s\n",
	    "unicode_border_linestyle", o->unicode_border ? "double" : "single",
	    "unicode_column_linestyle", o->unicode_column ? "double" : "single",
	    "unicode_header_linestyle", o->unicode_header ? "double" :
	    "single");
	for (i = 0; i < 6; i++)
		free(q[i]);
}

static enum psql_cmd
cmd_pset(struct psql *ps, const char **pp)
{
	char	*opt = psql_scan_arg(ps, pp, 1), *val;
	int	 rc;

	if (opt == NULL) {
		pset_show_all(ps);
		return PSQL_CMD_OK;
	}
	val = psql_scan_arg(ps, pp, 1);
	rc = psql_pset(ps, opt, val);
	free(opt);
	free(val);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \getenv VAR ENVVAR and \setenv ENVVAR [VALUE] (psql-env.c). */
static enum psql_cmd
cmd_env(struct psql *ps, const char **pp, int get)
{
	char	*a = psql_scan_arg(ps, pp, 1), *b = psql_scan_arg(ps, pp, 1);
	int	 rc = 0;

	if (a == NULL || (get && b == NULL)) {
		psql_error(ps, "\\%s: missing required argument", get ?
		    "getenv" : "setenv");
		rc = -1;
	} else if (get) {
		if (psql_getenv(ps, b) != NULL)	/* unset: the variable is kept */
			rc = psql_var_set(ps, a, psql_getenv(ps, b));
	} else if (strchr(a, '=') != NULL) {
		psql_error(ps, "\\setenv: environment variable name must not "
		    "contain \"=\"");
		rc = -1;
	} else
		psql_setenv(ps, a, b);
	free(a);
	free(b);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \errverbose: the last error again, with every field. */
static enum psql_cmd
cmd_errverbose(struct psql *ps)
{
	char	*msg;
	size_t	 n;

	if (ps->last_error == NULL) {
		fprintf(ps->out, "There is no previous error.\n");
		return PSQL_CMD_OK;
	}
	msg = PQresultVerboseErrorMessage(ps->last_error, PQERRORS_VERBOSE,
	    PQSHOW_CONTEXT_ALWAYS);
	if (msg != NULL) {
		n = strlen(msg);
		if (n > 0 && msg[n - 1] == '\n')
			msg[n - 1] = '\0';
		psql_error(ps, "%s", msg);
		PQfreemem(msg);
	}
	return PSQL_CMD_OK;
}

/* \t and \x [on|off|auto]: \pset tuples_only and expanded. */
static enum psql_cmd
cmd_toggle(struct psql *ps, const char **pp, const char *opt)
{
	char	*val = psql_scan_option(ps, pp);
	int	 rc = psql_pset(ps, opt, val);

	free(val);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/*
 * One \c argument as psql's read_connect_arg() gives it: "..." with its
 * quotes stripped ("" is one quote) and taken as it is; unquoted, "-"
 * or nothing is NULL (keep or leave out).  arg is freed.
 */
static char *
connect_arg(char *arg)
{
	char	*s, *d;
	int	 quoted = 0, inq = 0;

	if (arg == NULL)
		return NULL;
	for (s = d = arg; *s != '\0'; s++) {
		if (*s == '"' && inq && s[1] == '"')
			*d++ = *s++;
		else if (*s == '"') {
			inq = !inq;
			quoted = 1;
		} else
			*d++ = *s;
	}
	*d = '\0';
	if (!quoted && (*arg == '\0' || strcmp(arg, "-") == 0)) {
		free(arg);
		return NULL;
	}
	return arg;
}

/* psql's recognized_connection_string(): a URI or keyword=value. */
static int
is_connection_string(const char *s)
{
	return s != NULL && (strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0 || strchr(s, '=') != NULL);
}

/*
 * The connection settings of \c (at most 40): with reuse, those of the
 * current connection first; then the arguments, a connection string's
 * settings one by one.  -1 after psql's message.
 */
static int
connect_settings(struct psql *ps, char *const arg[4], int reuse,
    const char **kw, const char **val, int *n, PQconninfoOption **parsed)
{
	static const char *const names[4] = { "dbname", "user", "host",
	    "port" };
	const char	*cur[4] = { ps->dbname, ps->user, ps->host, ps->port };
	PQconninfoOption *o;
	char		*err = NULL;
	int		 i;

	kw[*n] = "fallback_application_name", val[(*n)++] = "psql";
	kw[*n] = "application_name", val[(*n)++] = reuse ? ps->conn_appname :
	    psql_getenv(ps, "PGAPPNAME");
	for (i = 0; i < 4 && reuse; i++)
		kw[*n] = names[i], val[(*n)++] = cur[i];
	if (!is_connection_string(arg[0])) {
		for (i = 0; i < 4; i++)
			if (arg[i] != NULL)
				kw[*n] = names[i], val[(*n)++] = arg[i];
		return 0;
	}
	if ((*parsed = PQconninfoParse(arg[0], &err)) == NULL) {
		psql_error(ps, "%s", err != NULL ? err : "out of memory");
		PQfreemem(err);
		return -1;
	}
	for (o = *parsed; o->keyword != NULL && *n < 40; o++)
		if (o->val != NULL)
			kw[*n] = o->keyword, val[(*n)++] = o->val;
	return 0;
}

/*
 * \c [-reuse-previous=BOOL] [DBNAME|CONNSTRING [USER [HOST [PORT]]]]:
 * by default (and with -reuse-previous=on) what is not given ("-", or
 * nothing) is the current connection's; a connection string alone is
 * not mixed with them unless -reuse-previous=on says so.
 */
static enum psql_cmd
cmd_connect(struct psql *ps, const char **pp)
{
	char			*arg[4], *first = psql_scan_option(ps, pp);
	const char		*kw[48], *val[48];
	PQconninfoOption	*parsed = NULL;
	int			 i, rc, n = 0, reuse = -1, b;

	if (first != NULL && strncmp(first, "-reuse-previous=", 16) == 0) {
		rc = psql_parse_bool(first + 16, &b);
		if (rc != 0)
			psql_error(ps, "unrecognized value \"%s\" for \"%s\": "
			    "Boolean expected", first + 16, "-reuse-previous");
		free(first);
		if (rc != 0)
			return PSQL_CMD_ERROR;
		reuse = b;
		first = psql_scan_option(ps, pp);
	}
	arg[0] = connect_arg(first);
	for (i = 1; i < 4; i++)
		arg[i] = connect_arg(psql_scan_option(ps, pp));
	if (is_connection_string(arg[0]) && (arg[1] != NULL || arg[2] !=
	    NULL || arg[3] != NULL)) {
		psql_error(ps, "Do not give user, host, or port separately "
		    "when using a connection string");
		rc = -1;
	} else {
		if (reuse < 0)
			reuse = !is_connection_string(arg[0]);
		rc = connect_settings(ps, arg, reuse, kw, val, &n, &parsed);
	}
	kw[n] = NULL, val[n] = NULL;
	if (rc == 0)
		rc = psql_connect_params(ps, kw, val, "\\connect");
	PQconninfoFree(parsed);
	for (i = 0; i < 4; i++)
		free(arg[i]);
	if (rc == -2) {
		/* psql 15 drops the old connection of a script, which ends */
		if (ps->conn != NULL)
			PQfinish(ps->conn);
		ps->conn = NULL;
		ps->conn_lost = 1;
		return PSQL_CMD_TERMINATE;
	}
	if (rc == 0 && !ps->quiet)
		fprintf(ps->out, "You are now connected to database \"%s\" "
		    "as user \"%s\".\n", PQdb(ps->conn), PQuser(ps->conn));
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/*
 * \copy's stdin, stdout, pstdin and pstdout (*std set for them): stdin
 * is the script being read (its lines up to "\."), stdout where query
 * results go (\o), pstdout psql's own output; pstdin, psql's standard
 * input, is the script unless it is an \i file (refused).  0, or -1.
 */
static int
copy_std_stream(struct psql *ps, const char *path, int from, int *std)
{
	*std = 1;
	if (strcasecmp(path, from ? "stdin" : "stdout") == 0)
		ps->copy_stream = NULL;
	else if (!from && strcasecmp(path, "pstdout") == 0)
		ps->copy_stream = ps->out;
	else if (from && strcasecmp(path, "pstdin") == 0) {
		if (ps->src == NULL || !ps->src->is_stdin) {
			psql_unsupported(ps, "copy from pstdin in an \\i file");
			return -1;
		}
		ps->copy_stream = NULL;
	} else
		*std = 0;
	return 0;
}

/* \! COMMAND (the rest of the line). */
static enum psql_cmd
cmd_shell(struct psql *ps, const char **pp)
{
	char	*command = psql_scan_rest(pp);
	int	 rc = psql_shell(ps, command);

	free(command);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/*
 * \copy TABLE|(QUERY) [(COLS)] FROM|TO FILE|PROGRAM 'CMD' [OPTIONS]:
 * psql's COPY (psql-meta-copy.c) with the data from or to the script,
 * psql's output, a client file or a command run by /bin/sh.
 */
static enum psql_cmd
cmd_copy(struct psql *ps, const char **pp)
{
	char			*line = psql_scan_rest(pp), *sql, *why;
	struct psql_copy_args	 a;
	int			 rc, std = 1;
	pid_t			 pid = 0;

	if (*line == '\0') {
		psql_error(ps, "\\copy: arguments required");
		free(line);
		return PSQL_CMD_ERROR;
	}
	rc = psql_copy_parse(ps, line, &a);
	free(line);
	if (rc != 0)
		return PSQL_CMD_ERROR;
	if (a.program) {
		if ((ps->copy_stream = psql_pipe_open(ps, a.file, a.from ?
		    "r" : "w", &pid)) == NULL) {
			psql_error(ps, "could not execute command \"%s\": %s",
			    a.file, strerror(errno));
			rc = -1;
		} else
			std = 0;
	} else if (a.std != NULL)
		rc = copy_std_stream(ps, a.std, a.from, &std);
	else if ((ps->copy_stream = psql_fopen(ps, a.file, a.from ? "r" :
	    "w")) == NULL) {
		psql_error(ps, "%s: %s", a.file, strerror(errno));
		rc = -1;
	} else
		std = 0;
	if (rc == 0) {
		sql = xprintf("COPY %s %s %s", a.before, a.from ? "FROM STDIN" :
		    "TO STDOUT", a.after != NULL ? a.after : "");
		rc = psql_send(ps, sql);
		free(sql);
	}
	if (!std && pid != 0 && (why = psql_pipe_close(ps->copy_stream,
	    pid)) != NULL) {
		psql_error(ps, "%s: %s", a.file, why);
		free(why);
		rc = -1;
	} else if (!std && pid == 0)
		fclose(ps->copy_stream);
	ps->copy_stream = NULL;
	psql_copy_args_free(&a);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

static enum psql_cmd
cmd_crosstab(struct psql *ps, const char **pp)
{
	int	i;

	for (i = 0; i < 4; i++) {
		free(ps->crosstab_args[i]);
		ps->crosstab_args[i] = psql_scan_arg(ps, pp, 1);
	}
	ps->crosstab = 1;
	return PSQL_CMD_SEND;
}

static enum psql_cmd
cmd_gset(struct psql *ps, const char **pp)
{
	char	*prefix = psql_scan_arg(ps, pp, 1);

	free(ps->gset_prefix);
	ps->gset_prefix = prefix != NULL ? prefix : xstrdup("");
	return PSQL_CMD_SEND;
}

static enum psql_cmd
cmd_describe(struct psql *ps, const char **pp, const char *cmd)
{
	char	*pattern = psql_scan_option(ps, pp), *args[101];
	size_t	 n = 0, max = psql_describe_paired(cmd) ? 1 : cmd[1] == 'f' ||
		    cmd[1] == 'o' ? 100 : 0;
	int	 rc;

	while (pattern != NULL && n < max &&
	    (args[n] = psql_scan_option(ps, pp)) != NULL)
		n++;
	args[n] = NULL;
	rc = psql_describe(ps, cmd, pattern, (const char *const *)args);
	free(pattern);
	while (n > 0)
		free(args[--n]);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \l[+] and \list[+] [PATTERN]: the databases. */
static enum psql_cmd
cmd_list(struct psql *ps, const char **pp, const char *cmd)
{
	char	*pattern = psql_scan_option(ps, pp);
	int	 rc = psql_describe(ps, strchr(cmd, '+') != NULL ? "l+" : "l",
		    pattern, NULL);

	free(pattern);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \lo_list[+]: \dl[+]; psql reads two arguments and ignores them. */
static enum psql_cmd
cmd_lo_list(struct psql *ps, const char **pp, const char *cmd)
{
	int	i;

	for (i = 0; i < 2; i++)
		free(psql_scan_arg(ps, pp, 1));
	return psql_describe(ps, cmd[7] == '+' ? "dl+" : "dl", NULL,
	    NULL) == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \lo_import, \lo_export, \lo_unlink: two arguments (psql-meta-lo.c). */
static enum psql_cmd
cmd_lo(struct psql *ps, const char **pp, const char *cmd)
{
	char	*a = psql_scan_option(ps, pp);
	char	*b = a != NULL ? psql_scan_option(ps, pp) : NULL;
	int	 rc = psql_large_object(ps, cmd, a, b);

	free(a);
	free(b);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \sf[+] and \sv[+]: the rest of the line names the object. */
static enum psql_cmd
cmd_source(struct psql *ps, const char **pp, const char *cmd)
{
	char	*name = psql_scan_rest(pp);
	int	 rc = psql_show_source(ps, cmd, name);

	free(name);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* Run an active command; ps->src has the \if stack. */
static enum psql_cmd
dispatch_one(struct psql *ps, const char *cmd, const char **pp,
    struct buf *q)
{
	enum psql_cmd	r;

	ps->unhandled = 0;
	if (psql_meta_buffer(ps, cmd, pp, q, &r) == 0)
		return r;
	if (strcmp(cmd, "echo") == 0 || strcmp(cmd, "qecho") == 0 ||
	    strcmp(cmd, "warn") == 0)
		return cmd_echo(ps, pp, cmd);
	if (strcmp(cmd, "set") == 0)
		return cmd_set(ps, pp);
	if (strcmp(cmd, "o") == 0 || strcmp(cmd, "out") == 0)
		return cmd_out(ps, pp);
	if (strcmp(cmd, "timing") == 0)
		return cmd_timing(ps, pp);
	if (strcmp(cmd, "unset") == 0)
		return cmd_unset(ps, pp, cmd);
	if (strcmp(cmd, "i") == 0 || strcmp(cmd, "include") == 0 ||
	    strcmp(cmd, "ir") == 0 || strcmp(cmd, "include_relative") == 0)
		return cmd_include(ps, pp, cmd);
	if (strcmp(cmd, "getenv") == 0 || strcmp(cmd, "setenv") == 0)
		return cmd_env(ps, pp, cmd[0] == 'g');
	if (strcmp(cmd, "cd") == 0)
		return cmd_cd(ps, pp);
	if (strcmp(cmd, "errverbose") == 0)
		return cmd_errverbose(ps);
	if (strcmp(cmd, "gexec") == 0) {
		ps->gexec = 1;
		return PSQL_CMD_SEND;
	}
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0)
		return PSQL_CMD_TERMINATE;
	if (strcmp(cmd, "pset") == 0)
		return cmd_pset(ps, pp);
	if (strcmp(cmd, "t") == 0 || strcmp(cmd, "x") == 0)
		return cmd_toggle(ps, pp, cmd[0] == 't' ? "tuples_only" :
		    "expanded");
	if (strcmp(cmd, "c") == 0 || strcmp(cmd, "connect") == 0)
		return cmd_connect(ps, pp);
	if (strcmp(cmd, "copy") == 0)
		return cmd_copy(ps, pp);
	if (strcmp(cmd, "!") == 0)
		return cmd_shell(ps, pp);
	if (strcmp(cmd, "restrict") == 0)
		return psql_cmd_restrict(ps, pp);
	if (strcmp(cmd, "unrestrict") == 0)
		return psql_cmd_unrestrict(ps, pp);
	if (strcmp(cmd, "gset") == 0)
		return cmd_gset(ps, pp);
	if (strcmp(cmd, "crosstabview") == 0)
		return cmd_crosstab(ps, pp);
	if (strcmp(cmd, "l") == 0 || strcmp(cmd, "l+") == 0 ||
	    strcmp(cmd, "list") == 0 || strcmp(cmd, "list+") == 0)
		return cmd_list(ps, pp, cmd);
	if (strcmp(cmd, "lo_list") == 0 || strcmp(cmd, "lo_list+") == 0)
		return cmd_lo_list(ps, pp, cmd);
	if (strcmp(cmd, "lo_import") == 0 || strcmp(cmd, "lo_export") == 0 ||
	    strcmp(cmd, "lo_unlink") == 0)
		return cmd_lo(ps, pp, cmd);
	if (strcmp(cmd, "sf") == 0 || strcmp(cmd, "sf+") == 0 ||
	    strcmp(cmd, "sv") == 0 || strcmp(cmd, "sv+") == 0)
		return cmd_source(ps, pp, cmd);
	if (cmd[0] == 'd' || strcmp(cmd, "z") == 0)
		return cmd_describe(ps, pp, cmd);
	ps->unhandled = 1;
	return PSQL_CMD_ERROR;
}

/*
 * Run an active command into *r; 0 when handled, -1 when this is no
 * command handled here.
 */
static int
dispatch(struct psql *ps, const char *cmd, const char **pp,
    struct buf *q, enum psql_cmd *r)
{
	*r = dispatch_one(ps, cmd, pp, q);
	return *r == PSQL_CMD_ERROR && ps->unhandled ? -1 : 0;
}

static int
is_psql_command(const char *cmd)
{
	size_t	i;

	for (i = 0; not_reproduced[i] != NULL; i++)
		if (strcmp(cmd, not_reproduced[i]) == 0)
			return 1;
	return cmd[0] == 'd' || strcmp(cmd, "g") == 0;
}

/* Whether psql 15 has a command of that name (psql's exec_command;
 * \restrict and \unrestrict since 15.14). */
static int
psql15_command(const char *cmd)
{
	static const char *const names[] = { "a", "C", "c", "connect", "cd",
	    "conninfo", "copy", "copyright", "crosstabview", "e", "edit",
	    "ef", "ev", "echo", "qecho", "warn", "encoding", "errverbose",
	    "f", "g", "gx", "gdesc", "getenv", "gexec", "gset", "h", "help",
	    "H", "html", "i", "include", "ir", "include_relative", "if",
	    "elif", "else", "endif", "l", "list", "l+", "list+", "o", "out",
	    "p", "print", "password", "prompt", "pset", "q", "quit", "r",
	    "reset", "s", "set", "setenv", "sf", "sf+", "sv", "sv+", "t", "T",
	    "timing", "unset", "w", "write", "watch", "x", "z", "!", "?",
	    "restrict", "unrestrict",
	    NULL };
	size_t	i;

	if (cmd[0] == 'd' || strncmp(cmd, "lo_", 3) == 0 ||
	    strcasecmp(cmd, "copy") == 0)
		return 1;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(cmd, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * A command in a skipped \if branch: its arguments read as psql reads
 * them there (the whole line for \!, \copy, \ef, \ev, \h, \sf, \sv;
 * a "|command" for \g, \gx, \o, \w), not run; an unknown name is
 * psql's "invalid command" all the same.
 */
static enum psql_cmd
skip_command(struct psql *ps, const char *cmd, const char **pp)
{
	static const char *const whole_line[] = { "!", "copy", "ef", "ev",
	    "h", "help", "sf", "sf+", "sv", "sv+", NULL };
	static const char *const filepipe[] = { "g", "gx", "o", "out", "w",
	    "write", NULL };
	const char	*p = *pp;
	size_t		 i;

	if (!psql15_command(cmd)) {
		psql_error(ps, "invalid command \\%s", cmd);
		free(psql_scan_rest(pp));
		return PSQL_CMD_ERROR;
	}
	for (i = 0; whole_line[i] != NULL; i++)
		if (strcasecmp(cmd, whole_line[i]) == 0)
			free(psql_scan_rest(pp));
	while (isspace((unsigned char)*p))
		p++;
	for (i = 0; filepipe[i] != NULL; i++)
		if (strcmp(cmd, filepipe[i]) == 0 && *p == '|')
			free(psql_scan_rest(pp));
	skip_args(ps, pp);
	return PSQL_CMD_OK;
}

/*
 * What psql does with the rest of the line after a command: a failed
 * command's is thrown away; after one that worked, each argument left
 * is ignored with a warning.
 */
static void
after_command(struct psql *ps, const char **pp, const char *cmd,
    enum psql_cmd r)
{
	char	*a;

	if (r == PSQL_CMD_ERROR) {
		free(psql_scan_rest(pp));
		return;
	}
	while ((a = psql_scan_arg(ps, pp, 0)) != NULL) {
		psql_warning(ps, "\\%s: extra argument \"%s\" ignored", cmd,
		    a);
		free(a);
	}
}

/*
 * Whether cmd is one psql runs catalog queries for, which ECHO_HIDDEN
 * (on or noexec) would print: sqlcheck's queries are its own, so that
 * output is not reproduced.
 */
static int
shows_hidden_queries(struct psql *ps, const char *cmd)
{
	static const char *const names[] = { "z", "l", "l+", "list",
	    "list+", "lo_list", "lo_list+", "lo_import", "lo_export",
	    "lo_unlink", "sf", "sf+", "sv", "sv+", "gdesc", NULL };
	const char	*v = psql_var_get(ps, "ECHO_HIDDEN");
	size_t		 i;

	if (v == NULL || (!psql_var_on(ps, "ECHO_HIDDEN") &&
	    strcasecmp(v, "noexec") != 0))
		return 0;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(cmd, names[i]) == 0)
			return 1;
	return cmd[0] == 'd';
}

/*
 * Run the backslash command at *pp (just after the backslash): its
 * name and arguments are consumed.  q is the query buffer (\g,
 * \gset, \crosstabview send it, or the previous query when it is
 * empty).  active is 0 in a false \if branch.
 */
enum psql_cmd
psql_meta(struct psql *ps, const char **pp, struct buf *q, int active)
{
	char		*cmd = psql_scan_command(pp), *hidden;
	enum psql_cmd	 r;

	if (psql_restricted(ps, cmd)) {
		free(psql_scan_rest(pp));
		r = PSQL_CMD_ERROR;
	} else if (strcmp(cmd, "if") == 0)
		r = cmd_if(ps, pp, q);
	else if (strcmp(cmd, "elif") == 0)
		r = cmd_elif(ps, pp, q);
	else if (strcmp(cmd, "else") == 0)
		r = cmd_else(ps, q);
	else if (strcmp(cmd, "endif") == 0)
		r = cmd_endif(ps, q);
	else if (!active)
		r = skip_command(ps, cmd, pp);
	else if (shows_hidden_queries(ps, cmd)) {
		hidden = xprintf("%s with ECHO_HIDDEN", cmd);
		psql_unsupported(ps, hidden);
		free(hidden);
		free(psql_scan_rest(pp));
		r = PSQL_CMD_ERROR;
	} else if (dispatch(ps, cmd, pp, q, &r) != 0) {
		if (is_psql_command(cmd))
			psql_unsupported(ps, cmd);
		else
			psql_error(ps, "invalid command \\%s", cmd);
		/* psql throws away the rest of the line of a failed command */
		free(psql_scan_rest(pp));
		r = PSQL_CMD_ERROR;
	} else
		after_command(ps, pp, cmd, r);
	if (r == PSQL_CMD_SEND && q->len == 0 && ps->prev_query != NULL)
		buf_adds(q, ps->prev_query);
	free(cmd);
	return r;
}
