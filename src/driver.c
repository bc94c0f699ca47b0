/*
 * driver.c: the engine drivers, and the engine names users and
 * sqllogictest files may use for them.
 *
 * SQLite is built in.  The server drivers are modules, loaded with
 * dlopen() only when -d names them: sqlcheck-postgres.so (libpq) and
 * sqlcheck-mysql.so (the MySQL/MariaDB client library).  A run on SQLite
 * then never maps those client libraries and what they pull in (TLS,
 * Kerberos, LDAP, SASL), which is about 6 MiB of resident memory.  A
 * module exports sqlcheck_module (driver.h), which says which build of
 * the driver interface it was made for, and uses the core's functions
 * that driver.h declares (the executable exports them,
 * -Wl,--export-dynamic).
 *
 * A module is looked for in $SQLCHECK_MODULE_DIR, then beside the
 * executable (the build tree: src/), then in PKGLIBDIR, where make
 * install puts it.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sqlcheck.h"

extern const struct driver driver_sqlite;

/* A server driver module, loaded on first use. */
static struct module_slot {
	const char		*name;		/* canonical engine name */
	const struct driver	*drv;		/* once loaded */
	void			*handle;	/* its dlopen() handle */
	char			*error;		/* why it could not be */
} modules[] = {
	{ "postgres", NULL, NULL, NULL },
	{ "mysql", NULL, NULL, NULL }
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

/*
 * The directory of the running executable into dir (size bytes), or ""
 * when /proc does not say.
 */
static void
module_exe_dir(char *dir, size_t size)
{
	ssize_t	 n;
	char	*slash;

	dir[0] = '\0';
	n = readlink("/proc/self/exe", dir, size - 1);
	if (n <= 0)
		return;
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (slash == NULL)
		dir[0] = '\0';
	else
		*slash = '\0';
}

/*
 * dlopen sqlcheck-NAME.so from the first directory that has it.  Returns
 * the handle, or NULL with *cause set (caller frees).
 */
static void *
module_open(const char *name, char **cause)
{
	char		 exedir[PATH_MAX], *path;
	const char	*dirs[3];
	void		*handle;
	size_t		 i;

	module_exe_dir(exedir, sizeof exedir);
	dirs[0] = getenv("SQLCHECK_MODULE_DIR");
	dirs[1] = exedir;
	dirs[2] = PKGLIBDIR;
	for (i = 0; i < 3; i++) {
		if (dirs[i] == NULL || dirs[i][0] == '\0')
			continue;
		path = xprintf("%s/sqlcheck-%s.so", dirs[i], name);
		if (access(path, F_OK) != 0) {
			free(path);
			continue;
		}
		handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (handle == NULL)
			*cause = xprintf("cannot load the %s driver %s: %s",
			    name, path, dlerror());
		free(path);
		return handle;
	}
	*cause = xprintf("the %s driver was not built or installed: no "
	    "sqlcheck-%s.so in %s%s%s (set SQLCHECK_MODULE_DIR, or "
	    "configure --with-%s and make install)", name, name,
	    exedir[0] != '\0' ? exedir : "", exedir[0] != '\0' ? " or " : "",
	    PKGLIBDIR, name);
	return NULL;
}

/*
 * The driver a loaded module offers, or NULL with *cause set when the
 * module was built for another driver interface or another version of
 * sqlcheck (its structures may differ: running it could crash).
 */
static const struct driver *
module_check(void *handle, const char *name, char **cause)
{
	const struct driver_module	*mod;

	mod = dlsym(handle, SQLCHECK_MODULE_SYMBOL);
	if (mod == NULL) {
		*cause = xprintf("the %s driver module was built for another "
		    "version of sqlcheck (it has no %s): rebuild it, or set "
		    "SQLCHECK_MODULE_DIR to the modules of this sqlcheck %s",
		    name, SQLCHECK_MODULE_SYMBOL, PACKAGE_VERSION);
		return NULL;
	}
	if (mod->abi != SQLCHECK_DRIVER_ABI || mod->version == NULL ||
	    strcmp(mod->version, PACKAGE_VERSION) != 0) {
		*cause = xprintf("the %s driver module was built for sqlcheck "
		    "%.32s (driver interface %d), not for this sqlcheck %s "
		    "(driver interface %d): rebuild it, or set "
		    "SQLCHECK_MODULE_DIR to the modules of this sqlcheck",
		    name, mod->version != NULL ? mod->version : "?", mod->abi,
		    PACKAGE_VERSION, SQLCHECK_DRIVER_ABI);
		return NULL;
	}
	return mod->driver;
}

/* Load a server driver module once; NULL with m->error set. */
static const struct driver *
module_load(struct module_slot *m)
{
	void	*handle;

	if (m->drv != NULL || m->error != NULL)
		return m->drv;
	handle = module_open(m->name, &m->error);
	if (handle == NULL)
		return NULL;
	m->drv = module_check(handle, m->name, &m->error);
	if (m->drv == NULL)
		dlclose(handle);
	else
		m->handle = handle;
	return m->drv;	/* the handle stays open until exit */
}

/*
 * Why driver_find() gave NULL for a known engine (a module that could not
 * be loaded), or NULL.
 */
const char *
driver_load_error(const char *name)
{
	const char	*canon = driver_canonical(name);
	size_t		 i;

	for (i = 0; canon != NULL && i < sizeof modules / sizeof modules[0];
	    i++) {
		if (strcmp(modules[i].name, canon) == 0)
			return modules[i].error;
	}
	return NULL;
}

/*
 * The driver for a name or alias, loading its module when it is a
 * server engine; NULL when the engine is unknown or its module cannot
 * be loaded (driver_load_error() says why).
 */
const struct driver *
driver_find(const char *name)
{
	const char	*canon;
	size_t		 i;

	canon = driver_canonical(name);
	if (canon == NULL)
		return NULL;
	if (strcmp(canon, driver_sqlite.name) == 0)
		return &driver_sqlite;
	for (i = 0; i < sizeof modules / sizeof modules[0]; i++) {
		if (strcmp(modules[i].name, canon) == 0)
			return module_load(&modules[i]);
	}
	return NULL;
}

/*
 * Another function a server module exports (a subcommand such as
 * pg-regress), loading the module; NULL when the engine is unknown, its
 * module cannot be loaded (driver_load_error() says why) or it has no
 * such symbol.
 */
void *
driver_module_symbol(const char *name, const char *symbol)
{
	const char	*canon = driver_canonical(name);
	size_t		 i;

	for (i = 0; canon != NULL && i < sizeof modules / sizeof modules[0];
	    i++) {
		if (strcmp(modules[i].name, canon) != 0)
			continue;
		if (module_load(&modules[i]) == NULL)
			return NULL;
		return dlsym(modules[i].handle, symbol);
	}
	return NULL;
}
