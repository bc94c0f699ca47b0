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

#include "parse.h"

static int	parse_line(struct parser *, char *, size_t);
static int	parse_directive(struct parser *, const char *, size_t);
static int	close_block(struct parser *, size_t);

/* Record an error at the current line; returns -1. */
int
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
	/* A UTF-8 byte-order mark is not text: skip it (rewrites keep it). */
	pos = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (; pos < len && rc == 0; pos = eol + 1) {
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
		"skip:", "include:", "include[", "isolation:", "migrate:",
		"migrations:", "load:", "make:", "baseline", NULL
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
		if ((*w)[n - 1] == ':' || (*w)[n - 1] == '[' || c == '\0' ||
		    c == ' ' ||
		    c == ':' || c == '[' || c == '\t') {
			*rest = s;
			return 1;
		}
	}
	return 0;
}

int
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

/*
 * "[ENGINE]" after a directive's name (at s, for "-- setup[ENGINE]" and
 * "-- include[ENGINE]:"): the record runs on that engine only.  *end is
 * set past the "]" (or to s without one).  0, or -1 for an unclosed
 * bracket or an unknown engine.
 */
static int
parse_directive_engine(struct parser *p, const char *what, const char *s,
    struct record *r, const char **end)
{
	const char	*close;
	char		*raw, *engine;

	*end = s;
	if (*s != '[')
		return 0;
	close = strchr(s, ']');
	if (close == NULL)
		return perror_at(p, "unclosed \"[\" in \"-- %s[ENGINE]\"",
		    what);
	raw = xstrndup(s + 1, (size_t)(close - s - 1));
	engine = str_trim(raw);
	*end = close + 1;
	if (driver_canonical(engine) == NULL) {
		perror_at(p, "unknown engine \"%s\" in \"-- %s[ENGINE]\" "
		    "(expected one of: %s)", engine, what, driver_names());
		free(raw);
		return -1;
	}
	str_list_add(&r->only, &r->nonly, engine);
	free(raw);
	return 0;
}

/*
 * "-- include: PATH" or "-- include[ENGINE]: PATH" (word is the
 * directive from "include" on): the file's SQL as a setup block.
 */
static int
parse_include(struct parser *p, const char *word, const char *arg)
{
	struct record	*r;
	struct record	 engine;
	const char	*after;
	char		*full, *text, *cause = NULL;
	size_t		 len;

	memset(&engine, 0, sizeof engine);
	if (parse_directive_engine(p, "include", word + 7, &engine,
	    &after) != 0)
		return -1;
	if (*after != ':') {
		str_list_free(engine.only, engine.nonly);
		return perror_at(p, "write \"-- include: PATH\" or \"-- "
		    "include[ENGINE]: PATH\"");
	}
	if (*arg == '\0') {
		str_list_free(engine.only, engine.nonly);
		return perror_at(p, "\"-- include:\" needs a path");
	}
	full = relative_path(p, arg);
	text = read_whole_file(full, &len, &cause);
	if (text == NULL) {
		free(full);
		perror_at(p, "cannot include \"%s\": %s", arg,
		    cause_text(cause));
		free(cause);
		str_list_free(engine.only, engine.nonly);
		return -1;
	}
	str_list_add(&p->tf->includes, &p->tf->nincludes, full);
	free(full);
	r = test_file_add_record(p->tf, RECORD_SETUP,
	    p->tf->includes[p->tf->nincludes - 1], 1);
	r->only = engine.only;
	r->nonly = engine.nonly;
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

/* 1 if the text from off to end holds no SQL (blank or comments). */
static int
no_sql_between(const struct parser *p, size_t off, size_t end)
{
	struct lex_token	 t;
	char		*text;
	int		 none;

	text = xstrndup(p->text + off, end - off);
	sqlscan_next(text, &t);
	none = t.kind == LEX_END;
	free(text);
	return none;
}

/*
 * "-- make: TABLE [N] [(col = expr, ...)]" (off: the line's offset):
 * setup that stands where it is, or, inside a test before its SQL, just
 * before that test (with its -- only: and -- skip:).
 */
static int
parse_make(struct parser *p, const char *arg, size_t off)
{
	struct make_spec	*ms;
	struct record		*r, test;
	char			*cause = NULL;
	size_t			 i;
	int			 in_test;

	in_test = p->block == BLOCK_TEST_SQL;
	if (in_test && !no_sql_between(p, p->sql_start, off))
		return perror_at(p, "\"-- make:\" after the SQL of test "
		    "\"%s\": put it before the test's SQL (or in front of "
		    "\"-- test:\")", p->rec->name);
	if (!in_test && close_block(p, off) != 0)
		return -1;
	ms = make_spec_parse(arg, &cause);
	if (ms == NULL) {
		perror_at(p, "%s", cause);
		free(cause);
		return -1;
	}
	r = test_file_add_record(p->tf, RECORD_MAKE, p->path, p->line);
	r->make = ms;
	r->arg = xstrdup(ms->table);
	if (!in_test)
		return 0;
	/* Swap it with the open test, which stays open after it. */
	test = r[-1];
	r[-1] = *r;
	*r = test;
	p->rec = r;
	for (i = 0; i < test.nonly; i++)
		str_list_add(&r[-1].only, &r[-1].nonly, test.only[i]);
	for (i = 0; i < test.nskip; i++)
		str_list_add(&r[-1].skip, &r[-1].nskip, test.skip[i]);
	open_sql(p, off);
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
	if (str_iprefix(word, "baseline")) {
		if (*arg != '\0' || (!is_blank(word + 8) && word[8] != ':'))
			return perror_at(p, "write \"-- baseline\" alone: "
			    "\"-- migrate:\" then starts from the --schema "
			    "files");
		p->tf->baseline = 1;
		return 0;
	}
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

/* "-- setup" or "-- setup[ENGINE]": s is what follows "setup". */
static int
parse_setup_engine(struct parser *p, const char *s)
{
	const char	*after;

	if (parse_directive_engine(p, "setup", s, p->rec, &after) != 0)
		return -1;
	if (s != after && !is_blank(after))
		return perror_at(p, "nothing goes after \"-- setup[ENGINE]\"");
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
	    str_iprefix(word, "migrations:") ||
	    str_iprefix(word, "baseline")) {
		rc = parse_file_setting(p, word, arg);
		free(word);
		return rc;
	}
	if (str_iprefix(word, "make:")) {
		rc = parse_make(p, arg, off);
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
		rc = parse_setup_engine(p, word + 5);
	} else if (str_iprefix(word, "include"))
		rc = parse_include(p, word, arg);
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

