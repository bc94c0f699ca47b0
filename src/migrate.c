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
	char	*version;	/* as written, owned */
	int	 down;		/* a down (undo) step */
	int	 single;	/* plain .sql: may hold both steps */
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
		qsort(*names, *n, sizeof **names, cmp_str);
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

/*
 * Read a migration file name: optional V (or U, an undo step) as Flyway
 * writes it, a version, then anything, ending in .sql, .up.sql or
 * .down.sql.  Only Flyway names take '_' inside the version ("V1_1__x"),
 * since "0001_2fa.sql" is version 0001.  0, or -1 if the name has no
 * leading version.
 */
static int
mig_parse_name(const char *name, struct mig_name *mn)
{
	const char	*s = name, *start;
	int		 flyway = 0;

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
	if (str_ends_with(name, ".down.sql"))
		mn->down = 1;
	else if (!str_ends_with(name, ".up.sql"))
		mn->single = !mn->down;
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

/* Fill a step's record with text[from, to) of the file at path. */
static void
mig_record(struct record *r, const char *path, const char *text,
    size_t from, size_t to)
{
	memset(r, 0, sizeof *r);
	r->kind = RECORD_SETUP;
	r->path = path;
	r->line = line_at(text, from);
	if (to > from)
		record_add_sql(r, text + from, to - from, r->line);
}

/* Offset of the line after the one at off. */
static size_t
next_line(const char *text, size_t len, size_t off)
{
	const char	*nl = memchr(text + off, '\n', len - off);

	return nl == NULL ? len : (size_t)(nl - text) + 1;
}

/*
 * Fill step m from one file: its up or down step, or for a single file
 * with markers, both.  -1 with *cause if the file's down step is a
 * second one of its version.
 */
static int
mig_fill(struct migration *m, const struct mig_name *mn, const char *path,
    const char *text, size_t len, char **cause)
{
	size_t	up, down, end;

	if (mn->down) {
		m->down_path = xstrdup(path);
		mig_record(&m->down, m->down_path, text, 0, len);
		return 0;
	}
	find_markers(text, len, &up, &down);
	if (mn->single && down != (size_t)-1 && m->down_path != NULL) {
		*cause = xprintf("duplicate migration version %s: %s and %s "
		    "(both have a down step)", m->version, m->down_path, path);
		return -1;
	}
	m->up_path = xstrdup(path);
	if (!mn->single || (up == (size_t)-1 && down == (size_t)-1)) {
		mig_record(&m->up, m->up_path, text, 0, len);
		return 0;
	}
	end = down != (size_t)-1 && (up == (size_t)-1 || down > up) ? down :
	    len;
	mig_record(&m->up, m->up_path, text, up == (size_t)-1 ? 0 :
	    next_line(text, len, up), end);
	if (down == (size_t)-1)
		return 0;
	m->down_path = xstrdup(path);
	end = up != (size_t)-1 && up > down ? up : len;
	mig_record(&m->down, m->down_path, text, next_line(text, len, down),
	    end);
	return 0;
}

/* The step of a version, added (empty) if there is none yet. */
static struct migration *
mig_step(struct migrations *ms, const char *version)
{
	struct migration	*m;
	size_t			 i;

	for (i = 0; i < ms->nsteps; i++) {
		if (version_cmp(ms->steps[i].version, version) == 0)
			return &ms->steps[i];
	}
	ms->steps = xreallocarray(ms->steps, ms->nsteps + 1,
	    sizeof *ms->steps);
	m = &ms->steps[ms->nsteps++];
	memset(m, 0, sizeof *m);
	m->version = xstrdup(version);
	return m;
}

/* Read one file of the directory into its step. */
static int
mig_add_file(struct migrations *ms, const char *dir, const char *name,
    char **cause)
{
	struct mig_name		 mn;
	struct migration	*m;
	const char		*other;
	char			*path, *text;
	size_t			 len;
	int			 rc = -1;

	path = xprintf("%s/%s", dir, name);
	if (mig_parse_name(name, &mn) != 0) {
		*cause = xprintf("%s: no version at the start of the name "
		    "(expected a name such as 0001_init.sql, "
		    "V2__add_orders.sql or 20240101120000_x.up.sql)", path);
		free(path);
		return -1;
	}
	m = mig_step(ms, mn.version);
	other = mn.down ? m->down_path : m->up_path;
	if (other != NULL) {
		*cause = xprintf("duplicate migration version %s: %s and %s",
		    mn.version, other, path);
		goto out;
	}
	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		goto out;
	rc = mig_fill(m, &mn, path, text, len, cause);
	if (rc == 0 && !mn.down)
		m->name = xstrdup(name);
	free(text);
out:
	free(mn.version);
	free(path);
	return rc;
}

static int
cmp_step(const void *a, const void *b)
{
	const struct migration	*x = a, *y = b;

	return version_cmp(x->version, y->version);
}

/* Every step needs an up file; sort the steps by version. */
static int
mig_check(struct migrations *ms, char **cause)
{
	size_t	i;

	if (ms->nsteps == 0) {
		*cause = xprintf("%s: no migrations (.sql files) in the "
		    "directory", ms->dir);
		return -1;
	}
	for (i = 0; i < ms->nsteps; i++) {
		if (ms->steps[i].up_path == NULL) {
			*cause = xprintf("%s: a down step without an up step "
			    "(version %s)", ms->steps[i].down_path,
			    ms->steps[i].version);
			return -1;
		}
	}
	qsort(ms->steps, ms->nsteps, sizeof *ms->steps, cmp_step);
	return 0;
}

/*
 * Read the migrations of a directory (the .sql files directly in it).
 * Returns them in version order, or NULL with *cause: a name without a
 * version, a duplicate version (naming both files), a down step without
 * its up step, an unreadable file or no migration at all.
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

/* Free migrations; NULL is a no-op. */
void
migrations_free(struct migrations *ms)
{
	size_t	i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->nsteps; i++) {
		record_free(&ms->steps[i].up);
		record_free(&ms->steps[i].down);
		free(ms->steps[i].version);
		free(ms->steps[i].name);
		free(ms->steps[i].up_path);
		free(ms->steps[i].down_path);
	}
	free(ms->steps);
	free(ms->dir);
	free(ms);
}

/*
 * How many steps are applied at a version: the number up to and
 * including the step of that version; "0" (when no step has version 0)
 * is none and "latest" all of them.  -1 if no step has that version.
 */
int
migrations_find(const struct migrations *ms, const char *version)
{
	size_t	i;

	if (strcasecmp(version, "latest") == 0)
		return (int)ms->nsteps;
	for (i = 0; i < ms->nsteps; i++) {
		if (version_cmp(ms->steps[i].version, version) == 0)
			return (int)i + 1;
	}
	if (version_valid(version) && version_cmp(version, "0") == 0)
		return 0;
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
