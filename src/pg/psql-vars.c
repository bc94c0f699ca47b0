/*
 * psql-vars.c: psql's variables.  \set and \unset go through
 * psql_var_set(), which, as psql's hooks do, refuses a bad value for a
 * special variable (ECHO, QUIET, ON_ERROR_STOP, ON_ERROR_ROLLBACK,
 * VERBOSITY, SHOW_CONTEXT, ...) with psql's message, and applies a
 * good one to the session.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/* The value of a variable, or NULL when it is not set.  Borrowed. */
const char *
psql_var_get(struct psql *ps, const char *name)
{
	struct psql_var	*v;

	for (v = ps->vars; v != NULL; v = v->next) {
		if (strcmp(v->name, name) == 0)
			return v->value;
	}
	return NULL;
}

/* 1 if a boolean variable is set and on (HIDE_TABLEAM, ...). */
int
psql_var_on(struct psql *ps, const char *name)
{
	const char	*v = psql_var_get(ps, name);
	int		 b = 0;

	return v != NULL && psql_parse_bool(v, &b) == 0 && b;
}

/*
 * psql's ParseVariableBool: a prefix of true, false, yes, no, on, off,
 * or 1 or 0.  Returns 0 and sets *b, or -1.
 */
int
psql_parse_bool(const char *s, int *b)
{
	size_t	len = strlen(s);

	if (len > 0 && strncasecmp(s, "true", len) == 0)
		*b = 1;
	else if (len > 0 && strncasecmp(s, "false", len) == 0)
		*b = 0;
	else if (len > 0 && strncasecmp(s, "yes", len) == 0)
		*b = 1;
	else if (len > 0 && strncasecmp(s, "no", len) == 0)
		*b = 0;
	else if (strncasecmp(s, "on", len > 2 ? len : 2) == 0)
		*b = 1;
	else if (strncasecmp(s, "off", len > 2 ? len : 2) == 0)
		*b = 0;
	else if (strcmp(s, "1") == 0)
		*b = 1;
	else if (strcmp(s, "0") == 0)
		*b = 0;
	else
		return -1;
	return 0;
}

static int
bool_hook(struct psql *ps, const char *name, const char *val, int *dst)
{
	int	b;

	if (val == NULL) {
		*dst = 0;
		return 0;
	}
	if (psql_parse_bool(val, &b) != 0) {
		psql_error(ps, "unrecognized value \"%s\" for \"%s\": Boolean "
		    "expected", val, name);
		return -1;
	}
	*dst = b;
	return 0;
}

/* An integer (FETCH_COUNT), or -1 with psql's message. */
static int
int_hook(struct psql *ps, const char *name, const char *val, int *dst)
{
	char	*end;
	long	 n;

	if (val == NULL) {
		*dst = 0;
		return 0;
	}
	errno = 0;
	n = strtol(val, &end, 0);
	if (end == val || *end != '\0' || errno != 0 || n < INT_MIN ||
	    n > INT_MAX) {
		psql_error(ps, "invalid value \"%s\" for \"%s\": integer "
		    "expected", val, name);
		return -1;
	}
	*dst = (int)n;
	return 0;
}

/* One of a set of words (case-insensitive), or -1 with psql's message. */
static int
enum_hook(struct psql *ps, const char *name, const char *val,
    const char *const *words, const char *listed)
{
	int	i;

	for (i = 0; words[i] != NULL; i++) {
		if (strcasecmp(val, words[i]) == 0)
			return i;
	}
	psql_error(ps, "unrecognized value \"%s\" for \"%s\"\n"
	    "Available values are: %s.", val, name, listed);
	return -1;
}

static int
echo_hook(struct psql *ps, const char *val)
{
	static const char *const words[] = { "none", "queries", "errors",
	    "all", NULL };
	static const enum psql_echo map[] = { PSQL_ECHO_NONE,
	    PSQL_ECHO_QUERIES, PSQL_ECHO_ERRORS, PSQL_ECHO_ALL };
	int	i;

	if (val == NULL) {
		ps->echo = PSQL_ECHO_NONE;
		return 0;
	}
	i = enum_hook(ps, "ECHO", val, words, "none, errors, queries, all");
	if (i < 0)
		return -1;
	ps->echo = map[i];
	return 0;
}

static int
verbosity_hook(struct psql *ps, const char *val)
{
	static const char *const words[] = { "default", "verbose", "terse",
	    "sqlstate", NULL };
	static const PGVerbosity map[] = { PQERRORS_DEFAULT,
	    PQERRORS_VERBOSE, PQERRORS_TERSE, PQERRORS_SQLSTATE };
	int	i;

	i = val == NULL ? 0 : enum_hook(ps, "VERBOSITY", val, words,
	    "default, verbose, terse, sqlstate");
	if (i < 0)
		return -1;
	if (ps->conn != NULL)
		PQsetErrorVerbosity(ps->conn, map[i]);
	return 0;
}

static int
context_hook(struct psql *ps, const char *val)
{
	static const char *const words[] = { "errors", "never", "always",
	    NULL };
	static const PGContextVisibility map[] = { PQSHOW_CONTEXT_ERRORS,
	    PQSHOW_CONTEXT_NEVER, PQSHOW_CONTEXT_ALWAYS };
	int	i;

	i = val == NULL ? 0 : enum_hook(ps, "SHOW_CONTEXT", val, words,
	    "never, errors, always");
	if (i < 0)
		return -1;
	if (ps->conn != NULL)
		PQsetErrorContextVisibility(ps->conn, map[i]);
	return 0;
}

static int
rollback_hook(struct psql *ps, const char *val)
{
	int	b;

	if (val == NULL) {
		ps->on_error_rollback = 0;
		return 0;
	}
	if (strcasecmp(val, "interactive") == 0) {
		ps->on_error_rollback = 0;	/* a script is not */
		return 0;
	}
	if (psql_parse_bool(val, &b) != 0) {
		psql_error(ps, "unrecognized value \"%s\" for \"%s\"\n"
		    "Available values are: on, off, interactive.", val,
		    "ON_ERROR_ROLLBACK");
		return -1;
	}
	ps->on_error_rollback = b;
	return 0;
}

/* ECHO_HIDDEN: noexec or a boolean (sqlcheck reads it where used). */
static int
echo_hidden_hook(struct psql *ps, const char *val)
{
	int	b;

	if (val == NULL || strcasecmp(val, "noexec") == 0 ||
	    psql_parse_bool(val, &b) == 0)
		return 0;
	psql_error(ps, "unrecognized value \"%s\" for \"%s\"\n"
	    "Available values are: on, off, noexec.", val, "ECHO_HIDDEN");
	return -1;
}

/*
 * The special variables psql checks but whose value sqlcheck reads
 * where it is used (or never needs: no history, no completion): the
 * value is only checked, as psql's hooks check it.
 */
static int
checked_hook(struct psql *ps, const char *name, const char *val)
{
	static const char *const booleans[] = { "SHOW_ALL_RESULTS",
	    "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "SINGLELINE", NULL };
	static const char *const keyword_case[] = { "lower", "upper",
	    "preserve-lower", "preserve-upper", NULL };
	static const char *const histcontrol[] = { "none", "ignorespace",
	    "ignoredups", "ignoreboth", NULL };
	int	i, unused;

	for (i = 0; booleans[i] != NULL; i++)
		if (strcmp(name, booleans[i]) == 0)
			return bool_hook(ps, name, val, &unused);
	if (val == NULL)
		return 0;
	if (strcmp(name, "ECHO_HIDDEN") == 0)
		return echo_hidden_hook(ps, val);
	if (strcmp(name, "HISTSIZE") == 0)
		return int_hook(ps, name, val, &unused);
	if (strcmp(name, "COMP_KEYWORD_CASE") == 0)
		return enum_hook(ps, name, val, keyword_case, "lower, upper, "
		    "preserve-lower, preserve-upper") < 0 ? -1 : 0;
	if (strcmp(name, "HISTCONTROL") == 0)
		return enum_hook(ps, name, val, histcontrol, "none, "
		    "ignorespace, ignoredups, ignoreboth") < 0 ? -1 : 0;
	return 0;
}

/*
 * Whether psql 15 has a hook on the variable (its "specially treated"
 * variables, which \gset does not set).
 */
int
psql_var_hooked(const char *name)
{
	static const char *const hooked[] = { "AUTOCOMMIT", "ON_ERROR_STOP",
	    "QUIET", "SINGLELINE", "SINGLESTEP", "FETCH_COUNT", "HISTFILE",
	    "HISTSIZE", "IGNOREEOF", "ECHO", "ECHO_HIDDEN",
	    "ON_ERROR_ROLLBACK", "COMP_KEYWORD_CASE", "HISTCONTROL",
	    "PROMPT1", "PROMPT2", "PROMPT3", "VERBOSITY", "SHOW_ALL_RESULTS",
	    "SHOW_CONTEXT", "HIDE_TOAST_COMPRESSION", "HIDE_TABLEAM", NULL };
	size_t	i;

	for (i = 0; hooked[i] != NULL; i++)
		if (strcmp(name, hooked[i]) == 0)
			return 1;
	return 0;
}

/* Apply a special variable's new value (NULL: unset); -1 refuses it. */
static int
special_hook(struct psql *ps, const char *name, const char *val)
{
	if (strcmp(name, "ECHO") == 0)
		return echo_hook(ps, val);
	if (strcmp(name, "QUIET") == 0)
		return bool_hook(ps, name, val, &ps->quiet);
	if (strcmp(name, "ON_ERROR_STOP") == 0)
		return bool_hook(ps, name, val, &ps->on_error_stop);
	if (strcmp(name, "SINGLESTEP") == 0)
		return bool_hook(ps, name, val, &ps->singlestep);
	if (strcmp(name, "AUTOCOMMIT") == 0)
		return bool_hook(ps, name, val, &ps->autocommit);
	if (strcmp(name, "FETCH_COUNT") == 0)
		return int_hook(ps, name, val, &ps->fetch_count);
	if (strcmp(name, "ON_ERROR_ROLLBACK") == 0)
		return rollback_hook(ps, val);
	if (strcmp(name, "VERBOSITY") == 0)
		return verbosity_hook(ps, val);
	if (strcmp(name, "SHOW_CONTEXT") == 0)
		return context_hook(ps, val);
	return checked_hook(ps, name, val);
}

/*
 * psql's substitute hooks: unsetting a special variable sets its
 * default, an empty value turns a boolean on, and an IGNOREEOF that is
 * not a number is 10.
 */
static const char *
substitute(const char *name, const char *val)
{
	static const char *const booleans[] = { "QUIET", "ON_ERROR_STOP",
	    "SINGLESTEP", "ON_ERROR_ROLLBACK", "SINGLELINE", "AUTOCOMMIT",
	    "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "SHOW_ALL_RESULTS",
	    "ECHO_HIDDEN", NULL };
	static const char *const defaults[][2] = { { "ECHO", "none" },
	    { "VERBOSITY", "default" }, { "SHOW_CONTEXT", "errors" },
	    { "FETCH_COUNT", "0" }, { "HISTSIZE", "500" },
	    { "HISTCONTROL", "none" }, { "IGNOREEOF", "0" },
	    { "COMP_KEYWORD_CASE", "preserve-upper" } };
	char	*end;
	long	 n;
	size_t	i;

	for (i = 0; booleans[i] != NULL; i++) {
		if (strcmp(name, booleans[i]) != 0)
			continue;
		if (val == NULL)
			return "off";
		return *val == '\0' ? "on" : val;
	}
	/* IGNOREEOF: not a number is bash's 10 */
	if (val != NULL && strcmp(name, "IGNOREEOF") == 0) {
		errno = 0;
		n = strtol(val, &end, 0);
		return end == val || *end != '\0' || errno != 0 || n < INT_MIN ||
		    n > INT_MAX ? "10" : val;
	}
	if (val != NULL)
		return val;
	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (strcmp(name, defaults[i][0]) == 0)
			return defaults[i][1];
	return NULL;
}

/*
 * Set (val non-NULL) or unset a variable.  Returns -1, having printed
 * psql's message, when the name is invalid or a special variable
 * refuses the value.
 */
int
psql_var_set(struct psql *ps, const char *name, const char *val)
{
	struct psql_var	**pv, *v;
	const char	 *c;
	int		  cmp = 1;

	for (c = name; *c != '\0'; c++) {
		if (!isalnum((unsigned char)*c) && *c != '_' &&
		    (unsigned char)*c < 0x80)
			break;
	}
	if (*c != '\0' || *name == '\0') {
		psql_error(ps, "invalid variable name: \"%s\"", name);
		return -1;
	}
	val = substitute(name, val);
	if (special_hook(ps, name, val) != 0)
		return -1;
	/* kept in name order, as psql lists them */
	for (pv = &ps->vars; *pv != NULL; pv = &(*pv)->next) {
		if ((cmp = strcmp((*pv)->name, name)) >= 0)
			break;
	}
	if (val == NULL) {
		if ((v = *pv) != NULL && cmp == 0) {
			*pv = v->next;
			free(v->name);
			free(v->value);
			free(v);
		}
		return 0;
	}
	if (*pv == NULL || cmp != 0) {
		v = xcalloc(1, sizeof *v);
		v->name = xstrdup(name);
		v->next = *pv;
		*pv = v;
	}
	free((*pv)->value);
	(*pv)->value = xstrdup(val);
	return 0;
}

/* Free every variable. */
void
psql_vars_free(struct psql *ps)
{
	struct psql_var	*v, *next;

	for (v = ps->vars; v != NULL; v = next) {
		next = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
	ps->vars = NULL;
}

/*
 * The variables psql -X -a -q starts with (the connection's too), with
 * pg_regress's -v HIDE_TABLEAM=on -v HIDE_TOAST_COMPRESSION=on.
 */
void
psql_vars_init(struct psql *ps)
{
	static const char *const fixed[][2] = {
		{ "AUTOCOMMIT", "on" }, { "COMP_KEYWORD_CASE",
		"preserve-upper" }, { "ECHO", "all" }, { "ECHO_HIDDEN",
		"off" }, { "FETCH_COUNT", "0" }, { "HIDE_TABLEAM", "on" },
		{ "HIDE_TOAST_COMPRESSION", "on" }, { "HISTCONTROL",
		"none" }, { "HISTSIZE", "500" }, { "IGNOREEOF", "0" }, { "LAST_ERROR_MESSAGE", "" },
		{ "LAST_ERROR_SQLSTATE", "00000" }, { "ON_ERROR_ROLLBACK",
		"off" }, { "ON_ERROR_STOP", "off" }, { "QUIET", "on" },
		{ "SHOW_ALL_RESULTS", "on" }, { "SHOW_CONTEXT", "errors" },
		{ "SINGLELINE", "off" }, { "SINGLESTEP", "off" },
		{ "VERBOSITY", "default" }, { "PROMPT1", "%/%R%x%# " },
		{ "PROMPT2", "%/%R%x%# " }, { "PROMPT3", ">> " },
	};
	size_t	i;
	int	v = PQlibVersion();
	char	num[16], name[32], full[96];

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		psql_var_set(ps, fixed[i][0], fixed[i][1]);
	snprintf(num, sizeof num, "%d", v);
	snprintf(name, sizeof name, "%d.%d", v / 10000, v % 10000);
	snprintf(full, sizeof full, "PostgreSQL %s (sqlcheck psql)", name);
	psql_var_set(ps, "VERSION_NUM", num);
	psql_var_set(ps, "VERSION_NAME", name);
	psql_var_set(ps, "VERSION", full);
}

/* :'name': the value as a literal, as PQescapeLiteral makes it. */
char *
psql_quote_literal(struct psql *ps, const char *val)
{
	char	*lit, *copy;

	if (ps->conn != NULL) {
		lit = PQescapeLiteral(ps->conn, val, strlen(val));
		if (lit != NULL) {
			copy = xstrdup(lit);
			PQfreemem(lit);
			return copy;
		}
	}
	return xprintf("'%s'", val);
}

/* :"name": the value as a quoted identifier. */
char *
psql_quote_ident(const char *val)
{
	struct buf	 b;

	buf_init(&b);
	buf_addc(&b, '"');
	for (; *val != '\0'; val++) {
		if (*val == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *val);
	}
	buf_addc(&b, '"');
	return buf_detach(&b);
}
