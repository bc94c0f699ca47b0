/*
 * psql-env.c: the environment of one psql session.  Under pg_regress
 * each test is a psql process of its own: its \setenv changes that
 * process only, and PGAPPNAME is pg_regress/NAME in it.  Here the tests
 * share one process (and run in threads), so \setenv goes to a list of
 * the session's own (a name set or unset), which \getenv and \! (the
 * command's environment) read before the process environment; the
 * process environment itself is never changed.  \c does not read them:
 * psql's \c reuses the settings of the connection it replaces.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

extern char **environ;

/* The index of name in the session's list, or -1. */
static long
env_find(const struct psql *ps, const char *name)
{
	size_t	i;

	for (i = 0; i < ps->nenv; i++)
		if (strcmp(ps->env_names[i], name) == 0)
			return (long)i;
	return -1;
}

/*
 * The value of environment variable name for this session (NULL:
 * unset); valid until the next psql_setenv() of that name.
 */
const char *
psql_getenv(const struct psql *ps, const char *name)
{
	long	i = env_find(ps, name);

	if (i >= 0)
		return ps->env_values[i];
	if (strcmp(name, "PGAPPNAME") == 0 && ps->appname != NULL)
		return ps->appname;
	return getenv(name);
}

/* \setenv name value (value NULL: \setenv name, which unsets it). */
void
psql_setenv(struct psql *ps, const char *name, const char *value)
{
	long	i = env_find(ps, name);

	if (i < 0) {
		ps->env_names = xreallocarray(ps->env_names, ps->nenv + 1,
		    sizeof *ps->env_names);
		ps->env_values = xreallocarray(ps->env_values, ps->nenv + 1,
		    sizeof *ps->env_values);
		i = (long)ps->nenv++;
		ps->env_names[i] = xstrdup(name);
		ps->env_values[i] = NULL;
	}
	free(ps->env_values[i]);
	ps->env_values[i] = value != NULL ? xstrdup(value) : NULL;
}

/* Whether environ entry e ("NAME=value") is for a name the session sets. */
static int
env_overridden(const struct psql *ps, const char *e)
{
	size_t	i, n;

	if (strncmp(e, "PGAPPNAME=", 10) == 0 && ps->appname != NULL)
		return 1;
	for (i = 0; i < ps->nenv; i++) {
		n = strlen(ps->env_names[i]);
		if (strncmp(e, ps->env_names[i], n) == 0 && e[n] == '=')
			return 1;
	}
	return 0;
}

/*
 * The environment of a command \! runs: the process's, with the
 * session's own settings and PGAPPNAME.  Owned by the caller
 * (psql_environ_free()).
 */
char **
psql_environ(const struct psql *ps)
{
	size_t	 n = 0, i, j = 0;
	char	**env;

	while (environ[n] != NULL)
		n++;
	env = xcalloc(n + ps->nenv + 2, sizeof *env);
	for (i = 0; i < n; i++)
		if (!env_overridden(ps, environ[i]))
			env[j++] = xstrdup(environ[i]);
	for (i = 0; i < ps->nenv; i++)
		if (ps->env_values[i] != NULL)
			env[j++] = xprintf("%s=%s", ps->env_names[i],
			    ps->env_values[i]);
	if (ps->appname != NULL && env_find(ps, "PGAPPNAME") < 0)
		env[j++] = xprintf("PGAPPNAME=%s", ps->appname);
	return env;
}

/* Free what psql_environ() returned. */
void
psql_environ_free(char **env)
{
	size_t	i;

	for (i = 0; env != NULL && env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

/* The session's list (the process environment is not touched). */
void
psql_env_free(struct psql *ps)
{
	size_t	i;

	for (i = 0; i < ps->nenv; i++) {
		free(ps->env_names[i]);
		free(ps->env_values[i]);
	}
	free(ps->env_names);
	free(ps->env_values);
	ps->env_names = ps->env_values = NULL;
	ps->nenv = 0;
}
