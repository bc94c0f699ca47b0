/*
 * config.c: sqlcheck.conf, the suite's configuration file, and how its
 * settings and the command line's make the options in force.
 *
 * The file is INI, read with libinih (the only includer of ini.h):
 *
 *	[sqlcheck]		every engine
 *	paths = tests
 *	schema = schema/chinook.sqlite.sql
 *	[postgres]		-d postgres (or an alias: pg, postgresql)
 *	schema = schema/chinook.postgres.sql
 *
 * Keys are the long option names of main.c's table (struct optdef); a
 * repeatable option takes a comma-separated list; a path is relative to
 * the file's directory; ${VAR} is the environment variable VAR.  For each
 * option the command line wins over the engine's section, which wins
 * over [sqlcheck], which wins over the default: the winner's values
 * replace the others', they do not add to them.  Values go through the
 * same function as the command line's (the apply callback), so a bad
 * value gets the same message, prefixed with FILE:LINE.  Never prints
 * except config_print; never exits.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "sqlcheck.h"

/* One key of the file, or one option of the command line. */
struct cfg_entry {
	const struct optdef	*def;
	const char		*engine;	/* canonical; NULL: [sqlcheck] */
	char			*section;	/* as written; NULL: command line */
	int			 line;
	char			**values;	/* owned; NULL items: no_argument */
	size_t			 nvalues;
};

struct config {
	const struct optdef	*defs;
	size_t			 ndefs;
	char			*path;		/* the file read, or NULL */
	char			*dir;		/* its directory, "" for "." */
	struct cfg_entry	*file;
	size_t			 nfile;
	struct cfg_entry	*cli;
	size_t			 ncli;
	char			**cli_paths;
	size_t			 ncli_paths;
	char			*env_dsn;	/* SQLCHECK_DSN, or NULL */
	/* While reading. */
	const char		*text;
	size_t			 len;
	size_t			 off;
	size_t			 cur;		/* where the current line starts */
	int			 line;
	int			 long_line;	/* a line did not fit inih's */
	char			*cause;
	struct cfg_entry	*last;		/* for continuation lines */
	char			**sections;	/* seen, for -v */
	size_t			 nsections;
};

/* "paths": what to run when the command line names nothing. */
static const struct optdef paths_def = {
	"paths", 0, 1, OPTDEF_PATH | OPTDEF_LIST | OPTDEF_INPUT,
	"sql-tests"
};

/* A new configuration over the option table defs (borrowed). */
struct config *
config_new(const struct optdef *defs, size_t ndefs)
{
	struct config	*cfg;

	cfg = xcalloc(1, sizeof *cfg);
	cfg->defs = defs;
	cfg->ndefs = ndefs;
	return cfg;
}

static void
entry_free(struct cfg_entry *e)
{
	size_t	i;

	for (i = 0; i < e->nvalues; i++)
		free(e->values[i]);
	free(e->values);
	free(e->section);
}

/* Free a configuration and every string it handed out; NULL is a no-op. */
void
config_free(struct config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nfile; i++)
		entry_free(&cfg->file[i]);
	for (i = 0; i < cfg->ncli; i++)
		entry_free(&cfg->cli[i]);
	free(cfg->file);
	free(cfg->cli);
	str_list_free(cfg->cli_paths, cfg->ncli_paths);
	str_list_free(cfg->sections, cfg->nsections);
	free(cfg->env_dsn);
	free(cfg->path);
	free(cfg->dir);
	free(cfg->cause);
	free(cfg);
}

/* The option named name, or NULL. */
static const struct optdef *
def_named(const struct config *cfg, const char *name)
{
	size_t	i;

	if (strcmp(name, paths_def.name) == 0)
		return &paths_def;
	for (i = 0; i < cfg->ndefs; i++) {
		if (strcmp(cfg->defs[i].name, name) == 0)
			return &cfg->defs[i];
	}
	return NULL;
}

/* The entry of def in list (for engine, or [sqlcheck] when NULL). */
static struct cfg_entry *
entry_find(struct cfg_entry *list, size_t n, const struct optdef *def,
    const char *engine, int any_section)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (list[i].def != def)
			continue;
		if (any_section || (engine == NULL && list[i].engine == NULL) ||
		    (engine != NULL && list[i].engine != NULL &&
		    strcmp(engine, list[i].engine) == 0))
			return &list[i];
	}
	return NULL;
}

static struct cfg_entry *
entry_add(struct cfg_entry **list, size_t *n, const struct optdef *def)
{
	struct cfg_entry	*e;

	*list = xreallocarray(*list, *n + 1, sizeof **list);
	e = &(*list)[(*n)++];
	memset(e, 0, sizeof *e);
	e->def = def;
	return e;
}

static void
entry_add_value(struct cfg_entry *e, const char *value)
{
	e->values = xreallocarray(e->values, e->nvalues + 1,
	    sizeof *e->values);
	e->values[e->nvalues++] = value != NULL ? xstrdup(value) : NULL;
}

/* One option of the command line, in the order given (arg may be NULL). */
void
config_add_arg(struct config *cfg, const struct optdef *def,
    const char *arg)
{
	struct cfg_entry	*e;

	e = entry_find(cfg->cli, cfg->ncli, def, NULL, 1);
	if (e == NULL)
		e = entry_add(&cfg->cli, &cfg->ncli, def);
	entry_add_value(e, arg);
}

/* The PATH arguments of the command line (copied). */
void
config_set_paths(struct config *cfg, char *const *paths, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		str_list_add(&cfg->cli_paths, &cfg->ncli_paths, paths[i]);
}

/* SQLCHECK_DSN, the dsn when neither the file nor -d... gives one. */
void
config_set_env_dsn(struct config *cfg, const char *dsn)
{
	free(cfg->env_dsn);
	cfg->env_dsn = dsn != NULL ? xstrdup(dsn) : NULL;
}

/* An error at the current line, formatted once; returns 0 for inih. */
static int
read_error(struct config *cfg, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (cfg->cause != NULL)
		return 0;
	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	cfg->cause = xprintf("%s:%d: %s", cfg->path, cfg->line, msg);
	free(msg);
	return 0;
}

static int	section_engine(struct config *, const char *, const char **);

/*
 * A "[SECTION]" line is checked here, at its own line, since inih says
 * nothing of a section until a key in it.
 */
static void
check_section(struct config *cfg, const char *line, size_t n)
{
	const char	*close, *engine;
	char		*raw, *name;

	while (n > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		n--;
	}
	if (n == 0 || *line != '[')
		return;
	close = memchr(line, ']', n);
	if (close == NULL)
		return;		/* inih reports it */
	raw = xstrndup(line + 1, (size_t)(close - line - 1));
	name = str_trim(raw);
	if (*name == '\0')
		read_error(cfg, "empty section name []");
	else
		section_engine(cfg, name, &engine);
	free(raw);
}

/*
 * inih's reader: the next line of the text, counting lines, so that the
 * handler knows where it is.  A line longer than inih's buffer is marked
 * (inih would cut it in two).
 */
static char *
read_line(char *str, int num, void *stream)
{
	struct config	*cfg = stream;
	const char	*nl;
	size_t		 n, max = (size_t)num - 1;

	if (cfg->off >= cfg->len)
		return NULL;
	nl = memchr(cfg->text + cfg->off, '\n', cfg->len - cfg->off);
	n = (nl == NULL ? cfg->len : (size_t)(nl - cfg->text) + 1) - cfg->off;
	cfg->line++;
	cfg->cur = cfg->off;
	if (n > max) {
		if (!cfg->long_line)
			read_error(cfg, "line longer than %zu characters",
			    max - 1);
		cfg->long_line = 1;
		n = max;
		memcpy(str, cfg->text + cfg->off, n);
		str[n] = '\0';
		cfg->off = nl == NULL ? cfg->len : (size_t)(nl - cfg->text) + 1;
		return str;
	}
	check_section(cfg, cfg->text + cfg->off, n);
	memcpy(str, cfg->text + cfg->off, n);
	str[n] = '\0';
	cfg->off += n;
	return str;
}

/*
 * Expand ${VAR} in value into out.  -1 (error recorded) for an unset
 * variable or an unclosed "${".
 */
static int
expand_env(struct config *cfg, const char *value, struct buf *out)
{
	const char	*s = value, *close, *env;
	char		*name;

	buf_reset(out);
	while (*s != '\0') {
		if (s[0] != '$' || s[1] != '{') {
			buf_addc(out, *s++);
			continue;
		}
		close = strchr(s, '}');
		if (close == NULL) {
			read_error(cfg, "unclosed \"${\" (write ${NAME} for "
			    "the environment variable NAME)");
			return -1;
		}
		name = xstrndup(s + 2, (size_t)(close - s - 2));
		env = str_is_identifier(name) ? getenv(name) : NULL;
		if (env == NULL) {
			read_error(cfg, "%s \"${%s}\" (set it in the "
			    "environment, or write the value)",
			    str_is_identifier(name) ? "unset variable" :
			    "bad variable name", name);
			free(name);
			return -1;
		}
		free(name);
		buf_adds(out, env);
		s = close + 1;
	}
	return 0;
}

/* A path of the file, relative to its directory.  Caller frees. */
static char *
file_path(const struct config *cfg, const char *value)
{
	if (value[0] == '/' || cfg->dir[0] == '\0')
		return xstrdup(value);
	return xprintf("%s/%s", cfg->dir, value);
}

/* Add one value of a key: a path made relative to the file, checked. */
static int
add_value(struct config *cfg, struct cfg_entry *e, const char *value)
{
	struct stat	 st;
	char		*path;

	if (!(e->def->flags & OPTDEF_PATH)) {
		entry_add_value(e, value);
		return 0;
	}
	path = file_path(cfg, value);
	if ((e->def->flags & OPTDEF_INPUT) && stat(path, &st) != 0) {
		read_error(cfg, "%s = %s: %s: %s (paths are relative to the "
		    "file's directory)", e->def->name, value, path,
		    strerror(errno));
		free(path);
		return -1;
	}
	entry_add_value(e, path);
	free(path);
	return 0;
}

/* 1 or 0 for a boolean word, -1 for anything else. */
static int
parse_bool(const char *s)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	size_t			 i;

	for (i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Fill entry e from the value as written (after ${VAR} expansion). */
static int
entry_fill(struct config *cfg, struct cfg_entry *e, const char *value)
{
	char	**items = NULL;
	size_t	  nitems = 0, i;
	int	  b, rc = 0;

	if (!e->def->has_arg) {
		b = parse_bool(value);
		if (b < 0)
			return read_error(cfg, "%s = %s: write yes or no",
			    e->def->name, value) - 1;
		if (b)
			entry_add_value(e, NULL);
		return 0;
	}
	if (!(e->def->flags & OPTDEF_LIST)) {
		if (*value == '\0')
			return read_error(cfg, "%s has no value",
			    e->def->name) - 1;
		return add_value(cfg, e, value);
	}
	if (str_split_list(value, &items, &nitems) == 0 && e->nvalues == 0)
		return read_error(cfg, "%s has no value (give a "
		    "comma-separated list)", e->def->name) - 1;
	for (i = 0; i < nitems && rc == 0; i++)
		rc = add_value(cfg, e, items[i]);
	str_list_free(items, nitems);
	return rc;
}

/*
 * The engine of a section name ("sqlcheck" is NULL), or -1 (error
 * recorded) for an unknown section.
 */
static int
section_engine(struct config *cfg, const char *section, const char **engine)
{
	*engine = NULL;
	if (strcasecmp(section, "sqlcheck") == 0)
		return 0;
	if (*section == '\0') {
		read_error(cfg, "a setting before any section (start with "
		    "[sqlcheck], or [ENGINE] for one engine)");
		return -1;
	}
	*engine = driver_canonical(section);
	if (*engine == NULL) {
		read_error(cfg, "unknown section [%s] (expected [sqlcheck] "
		    "or an engine: %s)", section, driver_names());
		return -1;
	}
	return 0;
}

/* A key that is not an option, or one for the command line only. */
static int
key_error(struct config *cfg, const char *name)
{
	const struct optdef	*def = def_named(cfg, name);

	if (def != NULL)
		return read_error(cfg, "%s is for the command line only, not "
		    "for the file", name);
	return read_error(cfg, "unknown key \"%s\" (keys are the long "
	    "option names of sqlcheck --help, without \"--\", and paths)",
	    name);
}

/* A continuation line of inih: more of a list, or an error. */
static int
continue_value(struct config *cfg, const char *name, const char *value)
{
	struct cfg_entry	*e = cfg->last;
	struct buf		 b;
	int			 rc;

	if (strcmp(e->def->name, name) != 0 ||
	    !(e->def->flags & OPTDEF_LIST) || strchr(value, '=') != NULL)
		return read_error(cfg, "this line starts with a space, so "
		    "it continues the value of \"%s\" (remove the "
		    "indentation)", name);
	buf_init(&b);
	rc = expand_env(cfg, value, &b) == 0 &&
	    entry_fill(cfg, e, b.data) == 0;
	buf_free(&b);
	return rc;
}

/* inih's handler: one KEY = VALUE of a section. */
static int
on_key(void *user, const char *section, const char *name,
    const char *value)
{
	struct config		*cfg = user;
	const struct optdef	*def;
	const char		*engine;
	struct cfg_entry	*e;
	struct buf		 b;
	int			 rc;

	if (cfg->cause != NULL)
		return 0;
	if (section_engine(cfg, section, &engine) != 0)
		return 0;
	if (!str_list_has(cfg->sections, cfg->nsections, section))
		str_list_add(&cfg->sections, &cfg->nsections, section);
	def = def_named(cfg, name);
	if (def == NULL || (def->flags & OPTDEF_CLI))
		return key_error(cfg, name);
	if (engine != NULL && (strcmp(name, "driver") == 0 ||
	    def == &paths_def))
		return read_error(cfg, "%s belongs in [sqlcheck], not in an "
		    "engine's section", name);
	if (isspace((unsigned char)cfg->text[cfg->cur]) && cfg->last != NULL &&
	    cfg->last->line != cfg->line)
		return continue_value(cfg, name, value);
	e = entry_find(cfg->file, cfg->nfile, def, engine, 0);
	if (e != NULL)
		return read_error(cfg, "%s is already set in [%s] at line %d "
		    "(give one line; a repeatable option takes a "
		    "comma-separated list)", name, e->section, e->line);
	if (strcmp(name, "driver") == 0 && driver_canonical(value) == NULL)
		return read_error(cfg, "unknown engine \"%s\" (expected one "
		    "of: %s)", value, driver_names());
	e = entry_add(&cfg->file, &cfg->nfile, def);
	e->engine = engine;
	e->section = xstrdup(section);
	e->line = cfg->line;
	cfg->last = e;
	buf_init(&b);
	rc = expand_env(cfg, value, &b) == 0 && entry_fill(cfg, e, b.data) ==
	    0;
	buf_free(&b);
	return rc;
}

/* The directory part of path ("" when it has none). */
static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup("");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Read the configuration file at path.  A missing file is no error when
 * the path was not asked for (explicit == 0: ./sqlcheck.conf).  0, or -1
 * with *cause ("FILE:LINE: message (hint)", or "FILE: message").
 */
int
config_read(struct config *cfg, const char *path, int explicit,
    char **cause)
{
	char	*text;
	size_t	 len;
	int	 rc;

	if (!explicit && access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		return -1;
	cfg->path = xstrdup(path);
	cfg->dir = dir_of(path);
	cfg->text = text;
	cfg->len = len;
	if (memchr(text, '\0', len) != NULL) {
		cfg->line = 1;
		read_error(cfg, "NUL byte in the file (is it binary?)");
	} else {
		rc = ini_parse_stream(read_line, cfg, on_key, cfg);
		if (rc > 0 && cfg->cause == NULL) {
			cfg->line = rc;
			read_error(cfg, "expected [SECTION] or KEY = VALUE");
		}
	}
	free(text);
	cfg->text = NULL;
	if (cfg->cause != NULL) {
		*cause = cfg->cause;
		cfg->cause = NULL;
		return -1;
	}
	return 0;
}

/* The file read, or NULL. */
const char *
config_path(const struct config *cfg)
{
	return cfg->path;
}

/* Its sections, "[sqlcheck], [postgres]", for -v.  Caller frees. */
char *
config_sections(const struct config *cfg)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < cfg->nsections; i++)
		buf_printf(&b, "%s[%s]", i > 0 ? ", " : "", cfg->sections[i]);
	return buf_detach(&b);
}

/* The option of a given val (short letter or OPT_*), or NULL. */
const struct optdef *
config_def(const struct config *cfg, int val)
{
	size_t	i;

	for (i = 0; i < cfg->ndefs; i++) {
		if (cfg->defs[i].val == val)
			return &cfg->defs[i];
	}
	return NULL;
}

/* The entry in force for def on engine (canonical or NULL), or NULL. */
static const struct cfg_entry *
winner(struct config *cfg, const struct optdef *def, const char *engine)
{
	const struct cfg_entry	*e;

	e = entry_find(cfg->cli, cfg->ncli, def, NULL, 1);
	if (e == NULL && engine != NULL)
		e = entry_find(cfg->file, cfg->nfile, def, engine, 0);
	if (e == NULL)
		e = entry_find(cfg->file, cfg->nfile, def, NULL, 0);
	return e;
}

/*
 * The engine the run is for, canonical: the last -d, else driver in
 * [sqlcheck], else sqlite.  NULL for a name sqlcheck does not know (the
 * caller says so when it looks the driver up).
 */
const char *
config_engine(struct config *cfg)
{
	const struct cfg_entry	*e;
	const struct optdef	*def = def_named(cfg, "driver");

	e = def != NULL ? winner(cfg, def, NULL) : NULL;
	if (e == NULL || e->nvalues == 0)
		return "sqlite";
	return driver_canonical(e->values[e->nvalues - 1]);
}

/* Apply the values of entry e; -1 with *cause at the file's line. */
static int
apply_entry(const struct config *cfg, const struct cfg_entry *e,
    config_apply_fn apply, void *ctx, char **cause)
{
	char	*why = NULL;
	size_t	 i;

	for (i = 0; i < e->nvalues; i++) {
		if (apply(ctx, e->def, e->values[i], &why) == 0)
			continue;
		if (e->section == NULL) {
			*cause = why;
			return -1;
		}
		*cause = xprintf("%s:%d: %s", cfg->path, e->line, why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * Check every value of the file, whatever its section, by applying it to
 * ctx (a scratch struct the caller throws away): a bad value in
 * [mysql] is an error even on a run on SQLite.  0, or -1 with *cause.
 */
int
config_check(const struct config *cfg, config_apply_fn apply, void *ctx,
    char **cause)
{
	size_t	i;

	for (i = 0; i < cfg->nfile; i++) {
		if (cfg->file[i].def == &paths_def)
			continue;
		if (apply_entry(cfg, &cfg->file[i], apply, ctx, cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * Apply the options in force for engine, in the table's order: for each,
 * the command line's values, else the engine section's, else
 * [sqlcheck]'s.  0, or -1 with *cause (FILE:LINE first for the file's).
 */
int
config_apply(struct config *cfg, const char *engine, config_apply_fn apply,
    void *ctx, char **cause)
{
	const struct cfg_entry	*e;
	size_t			 i;

	for (i = 0; i < cfg->ndefs; i++) {
		e = winner(cfg, &cfg->defs[i], engine);
		if (e != NULL && apply_entry(cfg, e, apply, ctx, cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * The paths to run: the command line's, else the file's "paths" (for
 * every engine), else NULL (*n 0).  Borrowed.
 */
char **
config_paths(struct config *cfg, size_t *n)
{
	const struct cfg_entry	*e;

	if (cfg->ncli_paths > 0) {
		*n = cfg->ncli_paths;
		return cfg->cli_paths;
	}
	e = entry_find(cfg->file, cfg->nfile, &paths_def, NULL, 0);
	*n = e != NULL ? e->nvalues : 0;
	return e != NULL ? e->values : NULL;
}

/* Where a value came from, for --print-config.  Caller frees. */
static char *
origin(const struct config *cfg, const struct cfg_entry *e)
{
	if (e->section == NULL)
		return xstrdup("command line");
	return xprintf("[%s] %s:%d", e->section, cfg->path, e->line);
}

/* The values of e joined as the file would write them.  Caller frees. */
static char *
joined(const struct cfg_entry *e, char *(*scrub)(const char *))
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	if (!e->def->has_arg)
		buf_printf(&b, "%s", e->nvalues > 0 ? (e->nvalues > 1 ?
		    "yes (twice or more)" : "yes") : "no");
	for (i = 0; e->def->has_arg && i < e->nvalues; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		if (scrub != NULL && strcmp(e->def->name, "dsn") == 0) {
			char *s = scrub(e->values[i]);

			buf_adds(&b, s);
			free(s);
		} else
			buf_adds(&b, e->values[i]);
	}
	return buf_detach(&b);
}

/* One line of --print-config: "name = value", padded, "; origin". */
static void
print_line(FILE *f, const char *name, const char *value, const char *from)
{
	int	n;

	n = fprintf(f, "%s = %s", name, value);
	fprintf(f, "%*s ; %s\n", n < 40 ? 40 - n : 0, "", from);
}

/*
 * --print-config: every option that can be set, for engine, with its
 * value and where it came from (the command line, a section of the file
 * at its line, the environment, or the default).  scrub, if not NULL,
 * hides the password of a dsn (its result is freed).
 */
void
config_print(struct config *cfg, const char *engine, FILE *f,
    char *(*scrub)(const char *))
{
	const struct cfg_entry	*e;
	const struct optdef	*d;
	char			*value, *from, *s;
	size_t			 i, n;
	char			**paths;

	fprintf(f, "; engine: %s\n; configuration file: %s\n",
	    engine != NULL ? engine : "(unknown)",
	    cfg->path != NULL ? cfg->path : "none");
	for (i = 0; i <= cfg->ndefs; i++) {
		d = i < cfg->ndefs ? &cfg->defs[i] : &paths_def;
		if (d->flags & OPTDEF_CLI)
			continue;
		if (d == &paths_def) {
			paths = config_paths(cfg, &n);
			e = cfg->ncli_paths == 0 ? entry_find(cfg->file,
			    cfg->nfile, &paths_def, NULL, 0) : NULL;
		} else
			e = winner(cfg, d, engine);
		if (d == &paths_def && cfg->ncli_paths > 0) {
			struct cfg_entry cli = { d, NULL, NULL, 0, paths, n };

			value = joined(&cli, NULL);
			from = xstrdup("command line");
		} else if (e != NULL) {
			value = joined(e, scrub);
			from = origin(cfg, e);
		} else if (strcmp(d->name, "dsn") == 0 &&
		    cfg->env_dsn != NULL) {
			value = scrub != NULL ? scrub(cfg->env_dsn) :
			    xstrdup(cfg->env_dsn);
			from = xstrdup("environment (SQLCHECK_DSN)");
		} else {
			s = (char *)(d->dflt != NULL ? d->dflt : d->has_arg ?
			    "" : "no");
			value = xstrdup(s);
			from = xstrdup("default");
		}
		print_line(f, d->name, value, from);
		free(value);
		free(from);
	}
}
