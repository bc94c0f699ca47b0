/*
 * driver.c: the table of engine drivers compiled into this sqlcheck, and
 * the engine names users and sqllogictest files may use for them.
 */
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

extern const struct driver driver_sqlite;
#ifdef HAVE_LIBPQ
extern const struct driver driver_pg;
#endif
#ifdef HAVE_MYSQL
extern const struct driver driver_mysql;
#endif

static const struct driver *const drivers[] = {
	&driver_sqlite,
#ifdef HAVE_LIBPQ
	&driver_pg,
#endif
#ifdef HAVE_MYSQL
	&driver_mysql,
#endif
	NULL
};

/* Every engine a test file may name, whether compiled in or not. */
static const struct engine_name {
	const char	*alias;
	const char	*name;
} engine_names[] = {
	{ "sqlite", "sqlite" },
	{ "sqlite3", "sqlite" },
	{ "postgres", "postgres" },
	{ "postgresql", "postgres" },
	{ "pg", "postgres" },
	{ "mysql", "mysql" },
	{ "mariadb", "mysql" },
	{ NULL, NULL }
};

/*
 * The canonical engine name ("sqlite", "postgres", "mysql") for a name or
 * alias, or NULL if sqlcheck knows no such engine.
 */
const char *
driver_canonical(const char *name)
{
	const struct engine_name	*e;

	for (e = engine_names; e->alias != NULL; e++) {
		if (strcasecmp(e->alias, name) == 0)
			return e->name;
	}
	return NULL;
}

/* The names users may give, for messages. */
const char *
driver_names(void)
{
	return "sqlite, postgres (postgresql, pg), mysql (mariadb)";
}

/* The compiled-in driver for a name or alias, or NULL. */
const struct driver *
driver_find(const char *name)
{
	const char		*canon;
	size_t			 i;

	canon = driver_canonical(name);
	if (canon == NULL)
		return NULL;
	for (i = 0; drivers[i] != NULL; i++) {
		if (strcmp(drivers[i]->name, canon) == 0)
			return drivers[i];
	}
	return NULL;
}
