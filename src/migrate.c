/*
 * migrate.c: the SQL files sqlcheck applies before a test file's own
 * setup.  --schema names files or directories of .sql files (in name
 * order); a migrations directory holds files with a leading version:
 *
 *	0001_init.sql			up step only
 *	V2__add_orders.sql		Flyway: version 2 (U2__... is its undo)
 *	20240101120000_idx.up.sql	up step, with .down.sql beside it
 *	3_x.sql holding "-- migrate:up" / "-- migrate:down" (dbmate) or
 *	"-- +goose Up" / "-- +goose Down" (goose): both steps in one file
 *
 * Versions are dot-separated numbers compared numerically (9 < 10,
 * 1.9 < 1.10; Flyway's "1_1" is 1.1), so gaps are fine and a duplicate
 * version is an error naming both files.  Everything is read once and
 * split into statements; each file's statements form a RECORD_SETUP whose
 * path is the file's, so errors carry FILE:LINE of that file.  Reads
 * files, never prints.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* What a migration file name says. */
struct mig_name {
	char		*version;	/* as written, owned */
	int		 down;		/* a down (undo) step */
	int		 single;	/* plain .sql: may hold both steps */
	int		 autocommit;	/* .autocommit: not in a transaction */
	const char	*dialect;	/* .postgres ...: its engine, or NULL */
};

static int	mig_parse_name(const char *, struct mig_name *);
static int	mig_add_file(struct migrations *, const char *, const char *,
		    char **);
static int	mig_check(struct migrations *, char **);

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names of the .sql files in dir, sorted (a list the caller frees
 * with str_list_free).  -1 with *cause if dir cannot be read.
 */
static int
list_sql(const char *dir, char ***names, size_t *n, char **cause)
{
	DIR		*d;
	struct dirent	*de;

	*names = NULL;
	*n = 0;
	d = opendir(dir);
	if (d == NULL) {
		*cause = xprintf("%s: cannot open directory: %s", dir,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.' && str_ends_with(de->d_name, ".sql"))
			str_list_add(names, n, de->d_name);
	}
	closedir(d);
	if (*n > 0)
		sort_array(*names, *n, sizeof **names, cmp_str);
	return 0;
}

/* Add one SQL file as a setup record. */
static int
sqlfiles_add_file(struct sqlfiles *sf, const char *path, char **cause)
{
	struct record	*r;
	char		*text;
	size_t		 len;

	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		return -1;
	str_list_add(&sf->paths, &sf->npaths, path);
	sf->records = xreallocarray(sf->records, sf->nrecords + 1,
	    sizeof *sf->records);
	r = &sf->records[sf->nrecords++];
	memset(r, 0, sizeof *r);
	r->kind = RECORD_SETUP;
	r->path = sf->paths[sf->npaths - 1];
	r->line = 1;
	record_add_sql(r, text, len, 1);
	free(text);
	return 0;
}

/*
 * Add a --schema PATH: a .sql file, or every .sql file of a directory
 * in name order (not recursive).  0, or -1 with *cause.
 */
int
sqlfiles_add(struct sqlfiles *sf, const char *path, char **cause)
{
	struct stat	 st;
	char		**names, *full;
	size_t		 n, i;
	int		 rc = 0;

	if (stat(path, &st) != 0) {
		*cause = xprintf("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return sqlfiles_add_file(sf, path, cause);
	if (list_sql(path, &names, &n, cause) != 0)
		return -1;
	if (n == 0) {
		*cause = xprintf("%s: no .sql files in the directory", path);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		full = xprintf("%s/%s", path, names[i]);
		rc = sqlfiles_add_file(sf, full, cause);
		free(full);
	}
	str_list_free(names, n);
	return rc;
}

/* Free what a sqlfiles holds (not the struct); NULL is a no-op. */
void
sqlfiles_free(struct sqlfiles *sf)
{
	size_t	i;

	if (sf == NULL)
		return;
	for (i = 0; i < sf->nrecords; i++)
		record_free(&sf->records[i]);
	free(sf->records);
	str_list_free(sf->paths, sf->npaths);
	memset(sf, 0, sizeof *sf);
}

/* Skip a version's separator: '.' or '_' between digit groups. */
static const char *
version_next(const char *s)
{
	if ((*s == '.' || *s == '_') && isdigit((unsigned char)s[1]))
		return s + 1;
	return NULL;
}

/*
 * 1 if s is a version: digit groups separated by single dots (or
 * underscores, as Flyway writes them).
 */
int
version_valid(const char *s)
{
	if (!isdigit((unsigned char)*s))
		return 0;
	for (;;) {
		while (isdigit((unsigned char)*s))
			s++;
		if (version_next(s) == NULL)
			break;
		s++;
	}
	return *s == '\0';
}

/*
 * Compare two versions numerically, group by group, a missing group
 * being 0: "9" < "10", "0002" == "2", "1.2" < "1.10", "1" == "1.0".
 */
int
version_cmp(const char *a, const char *b)
{
	size_t	na, nb;
	int	c;

	for (;;) {
		while (*a == '0' && isdigit((unsigned char)a[1]))
			a++;
		while (*b == '0' && isdigit((unsigned char)b[1]))
			b++;
		na = strspn(a, "0123456789");
		nb = strspn(b, "0123456789");
		if (na == 0 && nb == 0)
			return 0;
		if (na == 0)
			c = (nb == 1 && *b == '0') ? 0 : -1;
		else if (nb == 0)
			c = (na == 1 && *a == '0') ? 0 : 1;
		else if (na != nb)
			c = na < nb ? -1 : 1;
		else
			c = memcmp(a, b, na);
		if (c != 0)
			return c < 0 ? -1 : 1;
		a += na;
		b += nb;
		a = version_next(a) != NULL ? a + 1 : a + strlen(a);
		b = version_next(b) != NULL ? b + 1 : b + strlen(b);
	}
}

/* The dialects of gobuffalo/pop's file names, and the engine of each. */
static const struct {
	const char	*suffix;
	const char	*engine;	/* canonical; "cockroach": none of ours */
} mig_dialects[] = {
	{ ".postgres", "postgres" },
	{ ".mysql", "mysql" },
	{ ".sqlite3", "sqlite" },
	{ ".sqlite", "sqlite" },
	{ ".cockroach", "cockroach" },
};

/* The engines a directory gets a view for (migrations_for). */
static const char *const mig_engines[] = { "sqlite", "postgres", "mysql" };
#define MIG_NENGINES	(sizeof mig_engines / sizeof mig_engines[0])

/*
 * Strip suffix from the end of s (its length *n) if it is there: 1 if it
 * was, 0 if not.
 */
static int
strip_suffix(const char *s, size_t *n, const char *suffix)
{
	size_t	m = strlen(suffix);

	if (*n < m || strncmp(s + *n - m, suffix, m) != 0)
		return 0;
	*n -= m;
	return 1;
}

/*
 * Read a migration file name: optional V (or U, an undo step) as Flyway
 * writes it, a version, then anything, ending in
 * [.DIALECT][.autocommit][.up|.down].sql (gobuffalo/pop, with DIALECT
 * postgres, mysql, sqlite3, sqlite or cockroach).  Only Flyway names take
 * '_' inside the version ("V1_1__x"), since "0001_2fa.sql" is version
 * 0001.  0, or -1 if the name has no leading version.
 */
static int
mig_parse_name(const char *name, struct mig_name *mn)
{
	const char	*s = name, *start;
	size_t		 n, i;
	int		 flyway = 0, updown;

	memset(mn, 0, sizeof *mn);
	if (strchr("VvUu", *s) != NULL && *s != '\0' &&
	    isdigit((unsigned char)s[1])) {
		flyway = 1;
		mn->down = *s == 'U' || *s == 'u';
		s++;
	}
	if (!isdigit((unsigned char)*s))
		return -1;
	start = s;
	for (;;) {
		while (isdigit((unsigned char)*s))
			s++;
		if (!((*s == '.' || (flyway && *s == '_' && s[1] != '_')) &&
		    isdigit((unsigned char)s[1])))
			break;
		s++;
	}
	mn->version = xstrndup(start, (size_t)(s - start));
	n = strlen(name);
	strip_suffix(name, &n, ".sql");
	updown = strip_suffix(name, &n, ".up");
	if (!updown && strip_suffix(name, &n, ".down"))
		updown = mn->down = 1;
	mn->single = !updown && !mn->down;
	mn->autocommit = strip_suffix(name, &n, ".autocommit");
	for (i = 0; i < sizeof mig_dialects / sizeof mig_dialects[0]; i++) {
		if (n > (size_t)(s - name) &&
		    strip_suffix(name, &n, mig_dialects[i].suffix)) {
			mn->dialect = mig_dialects[i].engine;
			break;
		}
	}
	return 0;
}

/* The line number (from 1) of offset off in text. */
static int
line_at(const char *text, size_t off)
{
	size_t	i;
	int	line = 1;

	for (i = 0; i < off; i++) {
		if (text[i] == '\n')
			line++;
	}
	return line;
}

/* 1 if the line at s is a dbmate, goose or sql-migrate marker for dir. */
static int
is_marker(const char *s, const char *dir)
{
	static const char *const tools[] = {
		"-- migrate:", "-- +goose ", "-- +migrate ", NULL
	};
	size_t	i, n;

	for (i = 0; tools[i] != NULL; i++) {
		n = strlen(tools[i]);
		if (strncasecmp(s, tools[i], n) == 0 &&
		    strncasecmp(s + n, dir, strlen(dir)) == 0 &&
		    !isalnum((unsigned char)s[n + strlen(dir)]))
			return 1;
	}
	return 0;
}

/*
 * Find the up and down markers of a single migration file; *up and *down
 * are the offsets of their lines, or (size_t)-1.
 */
static void
find_markers(const char *text, size_t len, size_t *up, size_t *down)
{
	size_t	off = 0;
	char	*nl;

	*up = *down = (size_t)-1;
	while (off < len) {
		if (*up == (size_t)-1 && is_marker(text + off, "up"))
			*up = off;
		else if (*down == (size_t)-1 && is_marker(text + off, "down"))
			*down = off;
		nl = memchr(text + off, '\n', len - off);
		if (nl == NULL)
			break;
		off = (size_t)(nl - text) + 1;
	}
}

/* Offset of the line after the one at off. */
static size_t
next_line(const char *text, size_t len, size_t off)
{
	const char	*nl = memchr(text + off, '\n', len - off);

	return nl == NULL ? len : (size_t)(nl - text) + 1;
}

/*
 * The file of ms with the same version, dialect and direction as mn, or
 * NULL: two such files are a duplicate.
 */
static const struct mig_file *
mig_same(const struct migrations *ms, const struct mig_name *mn, int down)
{
	const struct mig_file	*f;
	size_t			 i;

	for (i = 0; i < ms->nfiles; i++) {
		f = &ms->files[i];
		if (f->down == down && version_cmp(f->version,
		    mn->version) == 0 && (f->dialect == mn->dialect ||
		    (f->dialect != NULL && mn->dialect != NULL &&
		    strcmp(f->dialect, mn->dialect) == 0)))
			return f;
	}
	return NULL;
}

/*
 * Add a file (one direction) of text[from, to) of the file at path.  -1
 * with *cause if the directory has one already for that version, dialect
 * and direction.
 */
static int
mig_file_add(struct migrations *ms, const struct mig_name *mn, int down,
    const char *path, const char *text, size_t from, size_t to,
    char **cause)
{
	const struct mig_file	*other = mig_same(ms, mn, down);
	struct mig_file		*f;
	const char		*slash;

	if (other != NULL) {
		*cause = xprintf("duplicate migration version %s: %s and %s",
		    mn->version, other->path, path);
		return -1;
	}
	ms->files = xreallocarray(ms->files, ms->nfiles + 1,
	    sizeof *ms->files);
	f = &ms->files[ms->nfiles++];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	slash = strrchr(path, '/');
	f->name = xstrdup(slash != NULL ? slash + 1 : path);
	f->version = xstrdup(mn->version);
	f->dialect = mn->dialect;
	f->down = down;
	f->autocommit = mn->autocommit;
	f->rec.kind = RECORD_SETUP;
	f->rec.path = f->path;
	f->rec.line = line_at(text, from);
	if (to > from)
		record_add_sql(&f->rec, text + from, to - from, f->rec.line);
	return 0;
}

/*
 * Add the steps of one file: its up or down step, or for a single file
 * with markers, both.
 */
static int
mig_fill(struct migrations *ms, const struct mig_name *mn, const char *path,
    const char *text, size_t len, char **cause)
{
	size_t	up, down, end;

	if (!mn->single)
		return mig_file_add(ms, mn, mn->down, path, text, 0, len,
		    cause);
	find_markers(text, len, &up, &down);
	if (up == (size_t)-1 && down == (size_t)-1)
		return mig_file_add(ms, mn, 0, path, text, 0, len, cause);
	end = down != (size_t)-1 && (up == (size_t)-1 || down > up) ? down :
	    len;
	if (mig_file_add(ms, mn, 0, path, text, up == (size_t)-1 ? 0 :
	    next_line(text, len, up), end, cause) != 0)
		return -1;
	if (down == (size_t)-1)
		return 0;
	end = up != (size_t)-1 && up > down ? up : len;
	return mig_file_add(ms, mn, 1, path, text, next_line(text, len, down),
	    end, cause);
}

/* Read one file of the directory into its steps. */
static int
mig_add_file(struct migrations *ms, const char *dir, const char *name,
    char **cause)
{
	struct mig_name	 mn;
	char		*path, *text;
	size_t		 len;
	int		 rc = -1;

	path = xprintf("%s/%s", dir, name);
	if (mig_parse_name(name, &mn) != 0) {
		*cause = xprintf("%s: no version at the start of the name "
		    "(expected a name such as 0001_init.sql, "
		    "V2__add_orders.sql or 20240101120000_x.up.sql)", path);
		free(path);
		return -1;
	}
	text = read_whole_file(path, &len, cause);
	if (text != NULL)
		rc = mig_fill(ms, &mn, path, text, len, cause);
	free(text);
	free(mn.version);
	free(path);
	return rc;
}

static int
cmp_file(const void *a, const void *b)
{
	const struct mig_file	*x = a, *y = b;
	int			 c;

	c = version_cmp(x->version, y->version);
	if (c != 0)
		return c;
	return strcmp(x->path, y->path);
}

/* 1 if the file f serves engine: its own dialect, or no dialect. */
static int
mig_serves(const struct mig_file *f, const char *engine, int own)
{
	if (own)
		return f->dialect != NULL && strcmp(f->dialect, engine) == 0;
	return f->dialect == NULL;
}

/*
 * The file of the version's files [from, to) for engine and direction:
 * the engine's own, else the one without a dialect, else NULL.
 */
static const struct mig_file *
mig_pick(const struct migrations *ms, size_t from, size_t to,
    const char *engine, int down)
{
	size_t	i;
	int	own;

	for (own = 1; own >= 0; own--) {
		for (i = from; i < to; i++) {
			if (ms->files[i].down == down &&
			    mig_serves(&ms->files[i], engine, own))
				return &ms->files[i];
		}
	}
	return NULL;
}

/*
 * Every version needs an up file, and a down file of a dialect an up
 * file of that dialect or one without.  -1 with *cause.
 */
static int
mig_check_version(const struct migrations *ms, size_t from, size_t to,
    char **cause)
{
	const struct mig_file	*f;
	size_t			 i, j;
	int			 up;

	for (i = from; i < to; i++) {
		f = &ms->files[i];
		if (!f->down)
			continue;
		for (j = from, up = 0; j < to && !up; j++)
			up = !ms->files[j].down && (ms->files[j].dialect ==
			    NULL || f->dialect == NULL ||
			    strcmp(ms->files[j].dialect, f->dialect) == 0);
		if (!up) {
			*cause = xprintf("%s: a down step without an up step "
			    "(version %s%s%s)", f->path, f->version,
			    f->dialect != NULL ? ", " : "", f->dialect != NULL ?
			    f->dialect : "");
			return -1;
		}
	}
	return 0;
}

/* The view of ms for engine: one step a version, in version order. */
static void
mig_view(const struct migrations *ms, struct migrations *v,
    const char *engine)
{
	struct migration	*m;
	size_t			 from, to;

	memset(v, 0, sizeof *v);
	v->dir = ms->dir;
	v->engine = engine;
	for (from = 0; from < ms->nfiles; from = to) {
		for (to = from + 1; to < ms->nfiles && version_cmp(
		    ms->files[to].version, ms->files[from].version) == 0; to++)
			;
		v->steps = xreallocarray(v->steps, v->nsteps + 1,
		    sizeof *v->steps);
		m = &v->steps[v->nsteps++];
		memset(m, 0, sizeof *m);
		m->version = ms->files[from].version;
		m->up = mig_pick(ms, from, to, engine, 0);
		m->down = m->up != NULL ? mig_pick(ms, from, to, engine, 1) :
		    NULL;
		m->name = m->up != NULL ? m->up->name : ms->files[from].name;
	}
}

/* Sort the files by version, check each version, make the views. */
static int
mig_check(struct migrations *ms, char **cause)
{
	size_t	from, to, i;

	if (ms->nfiles == 0) {
		*cause = xprintf("%s: no migrations (.sql files) in the "
		    "directory", ms->dir);
		return -1;
	}
	sort_array(ms->files, ms->nfiles, sizeof *ms->files, cmp_file);
	for (from = 0; from < ms->nfiles; from = to) {
		for (to = from + 1; to < ms->nfiles && version_cmp(
		    ms->files[to].version, ms->files[from].version) == 0; to++)
			;
		if (mig_check_version(ms, from, to, cause) != 0)
			return -1;
	}
	ms->views = xcalloc(MIG_NENGINES, sizeof *ms->views);
	for (i = 0; i < MIG_NENGINES; i++)
		mig_view(ms, &ms->views[i], mig_engines[i]);
	return 0;
}

/*
 * Read the migrations of a directory (the .sql files directly in it),
 * every dialect's.  Returns them, or NULL with *cause: a name without a
 * version, two files for the same version, dialect and direction (naming
 * both), a down step without its up step, an unreadable file or no
 * migration at all.  migrations_for() gives one engine's steps.
 */
struct migrations *
migrations_read(const char *dir, char **cause)
{
	struct migrations	*ms;
	char			**names;
	size_t			  n, i;
	int			  rc = 0;

	if (list_sql(dir, &names, &n, cause) != 0)
		return NULL;
	ms = xcalloc(1, sizeof *ms);
	ms->dir = xstrdup(dir);
	for (i = 0; i < n && rc == 0; i++)
		rc = mig_add_file(ms, dir, names[i], cause);
	str_list_free(names, n);
	if (rc == 0)
		rc = mig_check(ms, cause);
	if (rc != 0) {
		migrations_free(ms);
		return NULL;
	}
	return ms;
}

/*
 * The steps of ms as engine (canonical) runs them: for each version, the
 * up and down files of its dialect, else those without a dialect, else
 * none (the step does nothing there).  Borrowed from ms; NULL stays NULL.
 */
const struct migrations *
migrations_for(const struct migrations *ms, const char *engine)
{
	size_t	i;

	if (ms == NULL || ms->views == NULL)
		return ms;
	for (i = 0; i < MIG_NENGINES; i++) {
		if (strcmp(mig_engines[i], engine) == 0)
			return &ms->views[i];
	}
	return &ms->views[0];
}

/* Free migrations (read by migrations_read); NULL is a no-op. */
void
migrations_free(struct migrations *ms)
{
	size_t	i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->nfiles; i++) {
		record_free(&ms->files[i].rec);
		free(ms->files[i].path);
		free(ms->files[i].name);
		free(ms->files[i].version);
	}
	for (i = 0; ms->views != NULL && i < MIG_NENGINES; i++)
		free(ms->views[i].steps);
	free(ms->views);
	free(ms->files);
	free(ms->dir);
	free(ms);
}

/*
 * How many steps are applied at a version: the number up to and
 * including the step of that version, "latest" all of them.  "0" is
 * none applied, always: if a step is numbered "0" too, that is
 * ambiguous and an error.  Another spelling of zero ("0000") is the step
 * of that version if there is one, else none.  -1 with *cause if no step
 * has that version, or for the ambiguous "0".
 */
int
migrations_find(const struct migrations *ms, const char *version,
    char **cause)
{
	size_t	i;

	if (strcasecmp(version, "latest") == 0)
		return (int)ms->nsteps;
	for (i = 0; i < ms->nsteps; i++) {
		if (strcmp(version, "0") == 0 &&
		    strcmp(ms->steps[i].version, "0") == 0) {
			*cause = xprintf("\"-- migrate: 0\" is ambiguous: it "
			    "means no migration applied, and %s has a "
			    "migration numbered 0 (%s); number migrations "
			    "from 1, or write its version with leading zeros "
			    "in its file name (0000_...)", ms->dir,
			    ms->steps[i].name);
			return -1;
		}
		if (strcmp(version, "0") != 0 &&
		    version_cmp(ms->steps[i].version, version) == 0)
			return (int)i + 1;
	}
	if (version_valid(version) && version_cmp(version, "0") == 0)
		return 0;
	*cause = NULL;
	return -1;
}

/* The versions, "0001, 0002, 0003", for messages.  Caller frees. */
char *
migrations_versions(const struct migrations *ms)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < ms->nsteps; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", ms->steps[i].version);
	return buf_detach(&b);
}
