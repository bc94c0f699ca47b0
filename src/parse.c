/*
 * parse.c: the .sqltest reader.  Turns the text of a file into a struct
 * test_file (records of statements and expectations) or one error of the
 * form "FILE:LINE: message".  No engine calls, no output.  The test_file
 * owns everything it points to and is freed with test_file_free().
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

#define PARSE_MESSAGE_MAX	400

enum block {
	BLOCK_NONE,
	BLOCK_SETUP,
	BLOCK_TEST_SQL,		/* SQL of a test, before its first expect */
	BLOCK_ROWS,		/* expected rows */
	BLOCK_AFTER		/* after an expectation */
};

struct name_slot {
	const char	*name;		/* borrowed from its record */
	int		 line;
};

struct parser {
	struct test_file	*tf;
	const char		*path;
	const char		*text;
	size_t			 len;
	int			 line;		/* of the current line */
	enum block		 block;
	struct record		*rec;		/* open record */
	size_t			 sql_start;	/* offset of its SQL */
	int			 sql_line;
	struct expect		*exp;		/* expectation taking rows */
	char			*cause;
	struct name_slot	*names;		/* test names seen, a set */
	size_t			 nnames;
	size_t			 namecap;	/* a power of two */
};

static int	parse_line(struct parser *, char *, size_t);
static int	parse_directive(struct parser *, const char *, size_t);
static int	parse_expect(struct parser *, const char *, size_t);
static int	parse_row(struct parser *, const char *);
static int	close_block(struct parser *, size_t);
static int	perror_at(struct parser *, const char *, ...)
		    printflike(2, 3);

/* Record an error at the current line; returns -1. */
static int
perror_at(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvprintf(fmt, ap);
	va_end(ap);
	/* Quoted user text may be huge (a 10 MB line): keep it readable. */
	if (strlen(msg) > PARSE_MESSAGE_MAX)
		strcpy(msg + PARSE_MESSAGE_MAX - 4, "...");
	if (p->cause == NULL)
		p->cause = xprintf("%s:%d: %s", p->path, p->line, msg);
	free(msg);
	return -1;
}

/*
 * Read a whole file into a NUL-terminated buffer (caller frees); *len is
 * its size.  NULL with *cause on failure.
 */
char *
read_whole_file(const char *path, size_t *len, char **cause)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;

	f = fopen(path, "rb");
	if (f == NULL) {
		*cause = xprintf("%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		*cause = xprintf("%s: cannot read: %s", path, strerror(errno));
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Read and parse a file by its name: sqllogictest or sqltest. */
struct test_file *
parse_file(const char *path, char **cause)
{
	struct test_file	*tf;
	char			*text;
	size_t			 len, n;

	text = read_whole_file(path, &len, cause);
	if (text == NULL)
		return NULL;
	n = strlen(path);
	if ((n > 5 && strcmp(path + n - 5, ".test") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".slt") == 0))
		tf = parse_slt(path, text, len, cause);
	else
		tf = parse_sqltest(path, text, len, cause);
	free(text);
	return tf;
}

/* Add an empty record of a kind at path:line. */
struct record *
test_file_add_record(struct test_file *tf, enum record_kind kind,
    const char *path, int line)
{
	struct record	*r;

	tf->records = xreallocarray(tf->records, tf->nrecords + 1,
	    sizeof *tf->records);
	r = &tf->records[tf->nrecords++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->path = path;
	r->line = line;
	return r;
}

/* Append a copy of a statement of len bytes to a record. */
void
record_add_stmt(struct record *r, const char *sql, size_t len, int line)
{
	r->stmts = xreallocarray(r->stmts, r->nstmts + 1, sizeof *r->stmts);
	r->stmts[r->nstmts].sql = xstrndup(sql, len);
	r->stmts[r->nstmts].line = line;
	r->nstmts++;
}

/* Split SQL text (first line number line) into a record's statements. */
void
record_add_sql(struct record *r, const char *text, size_t len, int line)
{
	struct split_stmt	*st;
	size_t			 n, i;

	n = split_sql(text, len, line, &st);
	for (i = 0; i < n; i++)
		record_add_stmt(r, text + st[i].off, st[i].len, st[i].line);
	free(st);
}

/*
 * Parse the text of a .sqltest file.  Returns the file model, or NULL
 * with *cause set to "PATH:LINE: message".
 */
struct test_file *
parse_sqltest(const char *path, const char *text, size_t len, char **cause)
{
	struct parser	 p;
	size_t		 pos, eol;
	char		*line;
	int		 rc = 0;

	memset(&p, 0, sizeof p);
	p.tf = xcalloc(1, sizeof *p.tf);
	p.tf->path = xstrdup(path);
	p.path = p.tf->path;
	p.text = text;
	p.len = len;
	for (pos = 0; pos < len && rc == 0; pos = eol + 1) {
		p.line++;
		eol = pos;
		while (eol < len && text[eol] != '\n')
			eol++;
		if (memchr(text + pos, '\0', eol - pos) != NULL) {
			rc = perror_at(&p, "NUL byte in file (is it binary?)");
			break;
		}
		line = xstrndup(text + pos, eol - pos);
		if (eol > pos && line[eol - pos - 1] == '\r')
			line[eol - pos - 1] = '\0';
		rc = parse_line(&p, line, pos);
		free(line);
	}
	if (rc == 0) {
		p.line++;
		rc = close_block(&p, len);
	}
	if (rc == 0 && p.tf->nrecords == 0) {
		p.line = 1;
		rc = perror_at(&p, "no tests found: expected \"-- test: NAME\"");
	}
	free(p.names);
	if (rc != 0) {
		*cause = p.cause;
		test_file_free(p.tf);
		return NULL;
	}
	return p.tf;
}

/* 1 if the line is a directive (starts with "-- " and a directive word). */
static int
directive_word(const char *line, const char **rest)
{
	static const char *const words[] = {
		"setup", "test:", "expect", "engines:", "tags:", "only:",
		"skip:", "include:", "isolation:", "migrate:", "migrations:",
		"load:", NULL
	};
	const char *const	*w;
	const char		*s;
	size_t			 n;
	char			 c;

	if (strncmp(line, "-- ", 3) != 0)
		return 0;
	s = line + 3;
	while (*s == ' ')
		s++;
	for (w = words; *w != NULL; w++) {
		n = strlen(*w);
		if (strncasecmp(s, *w, n) != 0)
			continue;
		c = s[n];
		if ((*w)[n - 1] == ':' || c == '\0' || c == ' ' ||
		    c == ':' || c == '[' || c == '\t') {
			*rest = s;
			return 1;
		}
	}
	return 0;
}

static int
is_blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* 1 if a line holds SQL: not blank and not only a comment. */
static int
is_sql(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return *s != '\0' && strncmp(s, "--", 2) != 0;
}

static int
parse_line(struct parser *p, char *line, size_t off)
{
	const char	*rest;

	if (directive_word(line, &rest))
		return parse_directive(p, rest, off);
	switch (p->block) {
	case BLOCK_ROWS:
		if (is_blank(line)) {
			p->block = BLOCK_AFTER;
			return 0;
		}
		return parse_row(p, line);
	case BLOCK_NONE:
		if (is_sql(line))
			return perror_at(p, "SQL outside a block: start it "
			    "with \"-- setup\" or \"-- test: NAME\"");
		return 0;
	case BLOCK_AFTER:
		if (is_sql(line))
			return perror_at(p, "SQL after the expectation of "
			    "test \"%s\": start a new test with "
			    "\"-- test: NAME\"", p->rec->name);
		return 0;
	default:
		return 0;
	}
}

/* Finish the open block whose SQL ends at offset end. */
static int
close_block(struct parser *p, size_t end)
{
	struct record	*r = p->rec;

	if (p->block == BLOCK_SETUP)
		record_add_sql(r, p->text + p->sql_start, end - p->sql_start,
		    p->sql_line);
	if (p->block == BLOCK_TEST_SQL) {
		p->line = r->line;
		return perror_at(p, "test \"%s\" has no \"-- expect\" line",
		    r->name);
	}
	p->block = BLOCK_NONE;
	p->exp = NULL;
	return 0;
}

/* Start collecting SQL after the directive line at off. */
static void
open_sql(struct parser *p, size_t off)
{
	const char	*nl;

	nl = memchr(p->text + off, '\n', p->len - off);
	p->sql_start = nl == NULL ? p->len : (size_t)(nl - p->text) + 1;
	p->sql_line = p->line + 1;
}

/*
 * A path as written in the file: relative to the file's directory ("."
 * is that directory).
 */
static char *
relative_path(struct parser *p, const char *arg)
{
	char	*dir, *slash, *full;

	dir = xstrdup(p->path);
	slash = strrchr(dir, '/');
	if (arg[0] == '/' || slash == NULL)
		full = xstrdup(arg);
	else if (strcmp(arg, ".") == 0) {
		*slash = '\0';
		full = xstrdup(dir);
	} else {
		slash[1] = '\0';
		full = xprintf("%s%s", dir, arg);
	}
	free(dir);
	return full;
}

/* The message of a "PATH: message" cause, without its path. */
static const char *
cause_text(const char *cause)
{
	const char	*colon = strstr(cause, ": ");

	return colon != NULL ? colon + 2 : cause;
}

static int
parse_include(struct parser *p, const char *arg)
{
	struct record	*r;
	char		*full, *text, *cause = NULL;
	size_t		 len;

	if (*arg == '\0')
		return perror_at(p, "\"-- include:\" needs a path");
	full = relative_path(p, arg);
	text = read_whole_file(full, &len, &cause);
	if (text == NULL) {
		free(full);
		perror_at(p, "cannot include \"%s\": %s", arg,
		    cause_text(cause));
		free(cause);
		return -1;
	}
	str_list_add(&p->tf->includes, &p->tf->nincludes, full);
	free(full);
	r = test_file_add_record(p->tf, RECORD_SETUP,
	    p->tf->includes[p->tf->nincludes - 1], 1);
	record_add_sql(r, text, len, 1);
	free(text);
	return 0;
}

/* "-- migrations: DIR": the file's own migrations, read now. */
static int
parse_migrations(struct parser *p, const char *arg)
{
	char	*dir, *cause = NULL;

	if (*arg == '\0')
		return perror_at(p, "\"-- migrations:\" needs a directory");
	if (p->tf->migrations != NULL)
		return perror_at(p, "a second \"-- migrations:\" line");
	dir = relative_path(p, arg);
	p->tf->migrations = migrations_read(dir, &cause);
	free(dir);
	if (p->tf->migrations == NULL) {
		perror_at(p, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * The path of "-- load: TABLE FROM 'PATH'": a SQL string literal at s
 * ('' for a quote inside), nothing after it.  NULL if malformed.
 */
static char *
load_path(const char *s)
{
	struct buf	b;

	if (*s++ != '\'')
		return NULL;
	buf_init(&b);
	for (;; s++) {
		if (*s == '\0') {
			buf_free(&b);
			return NULL;
		}
		if (*s == '\'' && *++s != '\'')
			break;
		buf_addc(&b, *s);
	}
	if (!is_blank(s) || b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * "-- load: TABLE FROM 'FILE.csv'": the CSV file (relative to this file)
 * is read and checked now, so that a malformed one is an error at its
 * own FILE:LINE.
 */
static int
parse_load(struct parser *p, const char *arg)
{
	struct record	*r;
	const char	*quote, *from;
	char		*table, *rel, *full, *cause = NULL;
	struct csv	*csv;

	quote = strchr(arg, '\'');
	from = quote;
	while (from != NULL && from > arg && isspace((unsigned char)from[-1]))
		from--;
	if (quote == NULL || from - arg < 6 ||
	    strncasecmp(from - 4, "from", 4) != 0 ||
	    !isspace((unsigned char)from[-5]) ||
	    (rel = load_path(quote)) == NULL)
		return perror_at(p, "write \"-- load: TABLE FROM "
		    "'FILE.csv'\"");
	table = xstrndup(arg, (size_t)(from - 5 - arg));
	full = relative_path(p, rel);
	free(rel);
	csv = csv_read(full, &cause);
	free(full);
	if (csv == NULL) {
		if (p->cause == NULL)
			p->cause = xprintf("%s (in \"-- load:\" at %s:%d)",
			    cause, p->path, p->line);
		free(cause);
		free(table);
		return -1;
	}
	r = test_file_add_record(p->tf, RECORD_LOAD, p->path, p->line);
	r->arg = xstrdup(str_trim(table));
	r->csv = csv;
	free(table);
	return 0;
}

/* "-- migrate: VERSION": migrate the database to VERSION here. */
static int
parse_migrate(struct parser *p, const char *arg)
{
	struct record	*r;

	if (!version_valid(arg) && strcasecmp(arg, "latest") != 0)
		return perror_at(p, "bad version \"%s\" in \"-- migrate:\": "
		    "write a version such as 2, 0002 or 20240101120000, or "
		    "latest", arg);
	r = test_file_add_record(p->tf, RECORD_MIGRATE, p->path, p->line);
	r->arg = xstrdup(arg);
	p->tf->migrates = 1;
	return 0;
}

static int
check_engines(struct parser *p, char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (driver_canonical(list[i]) == NULL)
			return perror_at(p, "unknown engine \"%s\" (expected "
			    "one of: %s)", list[i], driver_names());
	}
	return 0;
}

static int
parse_file_setting(struct parser *p, const char *word, const char *arg)
{
	if (p->tf->nrecords > 0 || p->block != BLOCK_NONE)
		return perror_at(p, "\"-- %.*s\" must come before the first "
		    "block", (int)strcspn(word, ":"), word);
	if (str_iprefix(word, "engines:")) {
		if (str_split_list(arg, &p->tf->engines, &p->tf->nengines) == 0)
			return perror_at(p, "\"-- engines:\" needs a list");
		return check_engines(p, p->tf->engines, p->tf->nengines);
	}
	if (str_iprefix(word, "tags:")) {
		str_split_list(arg, &p->tf->tags, &p->tf->ntags);
		return 0;
	}
	if (str_iprefix(word, "migrations:"))
		return parse_migrations(p, arg);
	if (strcasecmp(arg, "database") == 0)
		p->tf->isolation = ISOLATION_DATABASE;
	else if (strcasecmp(arg, "transaction") == 0)
		p->tf->isolation = ISOLATION_TRANSACTION;
	else
		return perror_at(p, "unknown isolation \"%s\" (expected "
		    "\"transaction\" or \"database\")", arg);
	return 0;
}

static int
parse_only_skip(struct parser *p, const char *word, const char *arg)
{
	struct record	*r = p->rec;
	int		 only = str_iprefix(word, "only:") != 0;

	if (p->block != BLOCK_TEST_SQL)
		return perror_at(p, "\"-- %s\" belongs after \"-- test: "
		    "NAME\", before the test's expectation",
		    only ? "only:" : "skip:");
	if (only) {
		if (str_split_list(arg, &r->only, &r->nonly) == 0)
			return perror_at(p, "\"-- only:\" needs an engine");
		return check_engines(p, r->only, r->nonly);
	}
	if (str_split_list(arg, &r->skip, &r->nskip) == 0)
		return perror_at(p, "\"-- skip:\" needs an engine");
	return check_engines(p, r->skip, r->nskip);
}

/* FNV-1a hash of a test name. */
static size_t
name_hash(const char *s)
{
	size_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * Remember a test name (borrowed from its record) in an open-addressing
 * set; returns the line of an earlier test of that name, or 0.
 */
static int
name_seen(struct parser *p, const char *name, int line)
{
	struct name_slot	*old;
	size_t			 i, oldcap;

	if (p->nnames * 2 >= p->namecap) {
		old = p->names;
		oldcap = p->namecap;
		p->namecap = oldcap == 0 ? 64 : oldcap * 2;
		p->names = xcalloc(p->namecap, sizeof *p->names);
		p->nnames = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].name != NULL)
				name_seen(p, old[i].name, old[i].line);
		}
		free(old);
	}
	i = name_hash(name) & (p->namecap - 1);
	while (p->names[i].name != NULL) {
		if (strcmp(p->names[i].name, name) == 0)
			return p->names[i].line;
		i = (i + 1) & (p->namecap - 1);
	}
	p->names[i].name = name;
	p->names[i].line = line;
	p->nnames++;
	return 0;
}

static int
parse_test_start(struct parser *p, const char *arg)
{
	int	first;

	if (*arg == '\0')
		return perror_at(p, "\"-- test:\" needs a name");
	p->rec = test_file_add_record(p->tf, RECORD_TEST, p->path, p->line);
	p->rec->name = xstrdup(arg);
	first = name_seen(p, p->rec->name, p->line);
	if (first != 0)
		return perror_at(p, "duplicate test name \"%s\" (first "
		    "at line %d)", arg, first);
	p->block = BLOCK_TEST_SQL;
	return 0;
}

/* Handle a directive line; rest starts at the directive word. */
static int
parse_directive(struct parser *p, const char *rest, size_t off)
{
	char	*word, *arg;
	int	 rc = 0;

	word = xstrdup(rest);
	arg = strchr(word, ':');
	arg = str_trim(arg != NULL ? arg + 1 : word + strlen(word));
	if (str_iprefix(word, "expect")) {
		rc = parse_expect(p, rest + 6, off);
		free(word);
		return rc;
	}
	if (str_iprefix(word, "only:") || str_iprefix(word, "skip:")) {
		rc = parse_only_skip(p, word, arg);
		free(word);
		return rc;
	}
	if (str_iprefix(word, "engines:") || str_iprefix(word, "tags:") ||
	    str_iprefix(word, "isolation:") ||
	    str_iprefix(word, "migrations:")) {
		rc = parse_file_setting(p, word, arg);
		free(word);
		return rc;
	}
	if (close_block(p, off) != 0) {
		free(word);
		return -1;
	}
	if (str_iprefix(word, "setup")) {
		p->rec = test_file_add_record(p->tf, RECORD_SETUP, p->path,
		    p->line);
		p->block = BLOCK_SETUP;
		open_sql(p, off);
	} else if (str_iprefix(word, "include:"))
		rc = parse_include(p, arg);
	else if (str_iprefix(word, "migrate:"))
		rc = parse_migrate(p, arg);
	else if (str_iprefix(word, "load:"))
		rc = parse_load(p, arg);
	else {
		rc = parse_test_start(p, arg);
		open_sql(p, off);
	}
	free(word);
	return rc;
}

/* Parse "(tolerance 1e-9)" options; s points after '('. */
static int
parse_options(struct parser *p, struct expect *e, const char **sp)
{
	const char	*s = *sp, *close;
	char		*opts, *item, *next, *end;

	close = strchr(s, ')');
	if (close == NULL)
		return perror_at(p, "unclosed \"(\" in expect options");
	opts = xstrndup(s, (size_t)(close - s));
	for (item = opts; item != NULL; item = next) {
		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		item = str_trim(item);
		if (str_iprefix(item, "tolerance")) {
			e->tolerance = strtod(item + 9, &end);
			if (end == item + 9 || !is_blank(end) ||
			    e->tolerance < 0) {
				perror_at(p, "bad tolerance \"%s\": expected a "
				    "number", str_trim(item + 9));
				free(opts);
				return -1;
			}
			e->has_tolerance = 1;
		} else {
			perror_at(p, "unknown expect option \"%s\" (known: "
			    "tolerance)", item);
			free(opts);
			return -1;
		}
	}
	free(opts);
	*sp = close + 1;
	return 0;
}

static struct expect *
add_expect(struct record *r, int line)
{
	struct expect	*e;

	r->expects = xreallocarray(r->expects, r->nexpects + 1,
	    sizeof *r->expects);
	e = &r->expects[r->nexpects++];
	memset(e, 0, sizeof *e);
	e->line = line;
	e->end_line = line;
	e->sort_expected = 1;
	return e;
}

static int
parse_expect_engine(struct parser *p, struct expect *e, const char **sp)
{
	const char	*s = *sp, *close;
	size_t		 i;

	close = strchr(s, ']');
	if (close == NULL)
		return perror_at(p, "unclosed \"[\" in \"-- expect[ENGINE]\"");
	e->engine = xstrndup(s + 1, (size_t)(close - s - 1));
	if (driver_canonical(e->engine) == NULL)
		return perror_at(p, "unknown engine \"%s\" (expected one of: "
		    "%s)", e->engine, driver_names());
	for (i = 0; i + 1 < p->rec->nexpects; i++) {
		if (p->rec->expects[i].engine != NULL &&
		    strcmp(driver_canonical(p->rec->expects[i].engine),
		    driver_canonical(e->engine)) == 0)
			return perror_at(p, "second expectation for engine "
			    "\"%s\" in test \"%s\"", e->engine, p->rec->name);
	}
	*sp = close + 1;
	return 0;
}

/* A second expectation for the same engines is a mistake. */
static int
check_shared_expect(struct parser *p, const struct expect *e)
{
	size_t	i;

	if (e->engine != NULL)
		return 0;
	for (i = 0; i + 1 < p->rec->nexpects; i++) {
		if (p->rec->expects[i].engine == NULL)
			return perror_at(p, "test \"%s\" already has an "
			    "expectation for every engine (line %d); write "
			    "\"-- expect[ENGINE]\" for one engine's own",
			    p->rec->name, p->rec->expects[i].line);
	}
	return 0;
}

static int
parse_expect_error(struct parser *p, struct expect *e, const char *s)
{
	const char	*slash;
	char		*cause = NULL;
	size_t		 n;

	e->mode = EXPECT_ERROR;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == ':')
		s++;
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' && *s != '/') {
		n = strcspn(s, " \t");
		e->condition = xstrndup(s, n);
		s += n;
		if (!condition_valid(e->condition))
			return perror_at(p, "unknown error condition \"%s\": "
			    "use a name such as unique_violation, a SQLSTATE "
			    "such as 23505, or ENGINE:CODE such as mysql:1062",
			    e->condition);
		while (isspace((unsigned char)*s))
			s++;
	}
	if (*s == '/') {
		slash = strrchr(s, '/');
		if (slash == s || !is_blank(slash + 1))
			return perror_at(p, "unterminated regex in \"-- expect "
			    "error\": write /REGEX/");
		e->regex = xstrndup(s + 1, (size_t)(slash - s - 1));
		if (regex_check(e->regex, &cause) != 0) {
			perror_at(p, "%s", cause);
			free(cause);
			return -1;
		}
	} else if (*s != '\0')
		return perror_at(p, "unexpected \"%s\" in \"-- expect error\": "
		    "write \"-- expect error: CONDITION /REGEX/\"", s);
	return 0;
}

static int
parse_expect_hash(struct parser *p, struct expect *e, const char *s)
{
	char	hash[64];
	long long n;
	int	used = 0;

	e->mode = EXPECT_HASH;
	if (sscanf(s, " %lld values %40s %n", &n, hash, &used) < 2 ||
	    n < 0 || strlen(hash) != 32 || s[used] != '\0' ||
	    strspn(hash, "0123456789abcdefABCDEF") != 32)
		return perror_at(p, "bad hash expectation: write \"-- expect "
		    "hash: N values MD5HEX\"");
	e->count = n;
	e->hash = xstrdup(hash);
	return 0;
}

static int
parse_expect_count(struct parser *p, struct expect *e, const char *s)
{
	char		*end;
	long long	 n;

	n = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (n < 0 || (strcasecmp(end, "rows") != 0 &&
	    strcasecmp(end, "row") != 0))
		return perror_at(p, "bad row count: write \"-- expect N rows\"");
	e->mode = EXPECT_COUNT;
	e->count = n;
	return 0;
}

/* The mode words of "-- expect MODE", with sort and whether rows follow. */
static int
parse_expect_mode(struct parser *p, struct expect *e, const char *s)
{
	size_t	n;

	while (isspace((unsigned char)*s))
		s++;
	if (str_iprefix(s, "error"))
		return parse_expect_error(p, e, s + 5);
	if (str_iprefix(s, "hash:"))
		return parse_expect_hash(p, e, s + 5);
	if (isdigit((unsigned char)*s))
		return parse_expect_count(p, e, s);
	if (strcasecmp(s, "ok") == 0) {
		e->mode = EXPECT_OK;
		return 0;
	}
	e->mode = EXPECT_ROWS;
	if ((n = (size_t)str_iprefix(s, "rowsort")) != 0)
		e->sort = SORT_ROW;
	else if ((n = (size_t)str_iprefix(s, "valuesort")) != 0)
		e->sort = SORT_VALUE;
	else if ((n = (size_t)str_iprefix(s, "nosort")) != 0)
		e->sort = SORT_NONE;
	s += n;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '(') {
		s++;
		if (parse_options(p, e, &s) != 0)
			return -1;
		while (isspace((unsigned char)*s))
			s++;
	}
	if (*s != ':' || !is_blank(s + 1))
		return perror_at(p, "unknown expect mode \"%s\": expected "
		    "\":\", \"rowsort:\", \"valuesort:\", \"ok\", \"N rows\", "
		    "\"error\" or \"hash:\"", s);
	p->block = BLOCK_ROWS;
	return 0;
}

/*
 * Handle "-- expect..." where s points after the word "expect" and off is
 * the offset of the line in the file.
 */
static int
parse_expect(struct parser *p, const char *s, size_t off)
{
	struct expect	*e;
	char		*copy;
	int		 rc;

	if (p->block == BLOCK_NONE || p->block == BLOCK_SETUP)
		return perror_at(p, "\"-- expect\" outside a test: start the "
		    "test with \"-- test: NAME\" first");
	if (p->block == BLOCK_TEST_SQL) {
		record_add_sql(p->rec, p->text + p->sql_start,
		    off - p->sql_start, p->sql_line);
	}
	e = add_expect(p->rec, p->line);
	if (*s == '[' && parse_expect_engine(p, e, &s) != 0)
		return -1;
	if (check_shared_expect(p, e) != 0)
		return -1;
	copy = xstrdup(s);
	p->block = BLOCK_AFTER;
	rc = parse_expect_mode(p, e, copy);
	free(copy);
	if (rc == 0 && p->rec->nstmts == 0)
		return perror_at(p, "test \"%s\" has no SQL before its "
		    "\"-- expect\"", p->rec->name);
	p->exp = e;
	return rc;
}

static int
parse_quoted_cell(struct parser *p, const char **sp, struct buf *b)
{
	const char	*s = *sp + 1;

	for (;;) {
		if (*s == '\0')
			return perror_at(p, "unterminated quoted cell: close "
			    "it with ' (write '' for a quote inside)");
		if (*s == '\'') {
			if (s[1] != '\'')
				break;
			s++;
		}
		buf_addc(b, *s++);
	}
	s++;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0' && *s != '|')
		return perror_at(p, "text after a quoted cell: put a \"|\" "
		    "between cells");
	*sp = s;
	return 0;
}

static int
parse_regex_cell(struct parser *p, const char **sp, struct buf *b)
{
	const char	*s = *sp + 2, *t;
	char		*cause = NULL;

	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			buf_addc(b, *s++);
			buf_addc(b, *s);
			continue;
		}
		if (*s == '/') {
			t = s + 1;
			while (*t == ' ' || *t == '\t')
				t++;
			if (*t == '\0' || *t == '|') {
				*sp = t;
				if (regex_check(b->data, &cause) != 0) {
					perror_at(p, "%s", cause);
					free(cause);
					return -1;
				}
				return 0;
			}
		}
		buf_addc(b, *s);
	}
	return perror_at(p, "unterminated regex cell: write ~/REGEX/");
}

static void
add_cell(struct exp_row *row, enum cell_kind kind, char *text)
{
	row->cells = xreallocarray(row->cells, (size_t)row->ncells + 1,
	    sizeof *row->cells);
	row->cells[row->ncells].kind = kind;
	row->cells[row->ncells].text = text;
	row->ncells++;
}

/* Parse one cell at *sp into row, leaving *sp at '|' or the end. */
static int
parse_cell(struct parser *p, const char **sp, struct exp_row *row)
{
	const char	*s = *sp;
	struct buf	 b;
	size_t		 n;
	char		*copy, *plain;
	enum cell_kind	 kind;
	int		 rc;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\'' || (s[0] == '~' && s[1] == '/')) {
		kind = *s == '~' ? CELL_REGEX : CELL_TEXT;
		buf_init(&b);
		rc = kind == CELL_REGEX ? parse_regex_cell(p, &s, &b) :
		    parse_quoted_cell(p, &s, &b);
		if (rc != 0) {
			buf_free(&b);
			return -1;
		}
		add_cell(row, kind, buf_detach(&b));
		*sp = s;
		return 0;
	}
	n = strcspn(s, "|");
	copy = xstrndup(s, n);
	plain = str_trim(copy);
	if (strcmp(plain, "NULL") == 0)
		add_cell(row, CELL_NULL, NULL);
	else
		add_cell(row, CELL_TEXT, xstrdup(plain));
	free(copy);
	*sp = s + n;
	return 0;
}

/* Parse a line of expected cells into the open expectation. */
static int
parse_row(struct parser *p, const char *line)
{
	struct expect	*e = p->exp;
	struct exp_row	*row;
	const char	*s = line;

	e->rows = xreallocarray(e->rows, e->nrows + 1, sizeof *e->rows);
	row = &e->rows[e->nrows++];
	memset(row, 0, sizeof *row);
	row->line = p->line;
	e->end_line = p->line;
	for (;;) {
		if (parse_cell(p, &s, row) != 0)
			return -1;
		if (*s != '|')
			break;
		s++;
	}
	return 0;
}

static void
expect_free(struct expect *e)
{
	size_t	i;
	int	j;

	for (i = 0; i < e->nrows; i++) {
		for (j = 0; j < e->rows[i].ncells; j++)
			free(e->rows[i].cells[j].text);
		free(e->rows[i].cells);
	}
	free(e->rows);
	free(e->engine);
	free(e->condition);
	free(e->regex);
	free(e->hash);
}

/* Free what a record owns (not the struct); a zeroed record is fine. */
void
record_free(struct record *r)
{
	size_t	i;

	for (i = 0; i < r->nstmts; i++)
		free(r->stmts[i].sql);
	free(r->stmts);
	for (i = 0; i < r->nexpects; i++)
		expect_free(&r->expects[i]);
	free(r->expects);
	str_list_free(r->only, r->nonly);
	str_list_free(r->skip, r->nskip);
	free(r->name);
	free(r->types);
	free(r->label);
	free(r->arg);
	csv_free(r->csv);
}

/* Free a test file and everything it owns; NULL is a no-op. */
void
test_file_free(struct test_file *tf)
{
	if (tf == NULL)
		return;
	test_file_drop_records(tf);
	str_list_free(tf->includes, tf->nincludes);
	str_list_free(tf->engines, tf->nengines);
	str_list_free(tf->tags, tf->ntags);
	migrations_free(tf->migrations);
	free(tf->path);
	free(tf);
}

/*
 * Free the records (statements, expectations) of a file that has run.
 * The paths stay: the file's report points to them until
 * test_file_free().
 */
void
test_file_drop_records(struct test_file *tf)
{
	size_t	i;

	if (tf == NULL)
		return;
	for (i = 0; i < tf->nrecords; i++)
		record_free(&tf->records[i]);
	free(tf->records);
	tf->records = NULL;
	tf->nrecords = 0;
}
