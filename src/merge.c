/*
 * merge.c: sqlcheck --merge REPORT.json..., the JSON reports of the
 * shards of one run made into one report.  The reports are read with
 * jansson and checked: the same engine, every shard of the split exactly
 * once (when the reports say they are shards), no file in two reports,
 * and as many files as the run had.  Then every file goes through the
 * reporters of this invocation (--format, -o, --durations) in path
 * order, as a single run reports them, and the exit status is a run's.
 * Nothing here runs SQL.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sqlcheck.h"

struct merge {
	struct file_report	*files;
	size_t			 nfiles;
	char			**owned;	/* paths the reports borrow */
	size_t			 nowned;
	char			*engine;
	char			*version;
	double			 seconds;	/* the longest shard's */
	int			 shard_count;	/* 0: not shards */
	char			**shard_of;	/* report of each shard */
	long			 files_total;
	size_t			 nreports;
};

/* A string member of o, copied, or NULL. */
static char *
member_string(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static int
outcome_from(const char *s, enum outcome *o)
{
	static const struct {
		const char	*name;
		enum outcome	 o;
	} names[] = {
		{ "pass", OUTCOME_PASS }, { "fail", OUTCOME_FAIL },
		{ "skip", OUTCOME_SKIP }, { "error", OUTCOME_ERROR }
	};
	size_t	i;

	for (i = 0; s != NULL && i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*o = names[i].o;
			return 0;
		}
	}
	return -1;
}

/* The path string the file's reports borrow, owned by m. */
static const char *
own(struct merge *m, const char *s)
{
	m->owned = xreallocarray(m->owned, m->nowned + 1, sizeof *m->owned);
	m->owned[m->nowned] = xstrdup(s);
	return m->owned[m->nowned++];
}

static int
read_test(json_t *jt, struct file_report *fr, const char *report,
    char **cause)
{
	struct test_report	*tr;
	json_t			*line = json_object_get(jt, "line");
	enum outcome		 o;
	char			*name;

	if (!json_is_object(jt) || !json_is_integer(line) ||
	    outcome_from(json_string_value(json_object_get(jt, "outcome")),
	    &o) != 0) {
		*cause = xprintf("%s: a test of %s has no line or outcome",
		    report, fr->path);
		return -1;
	}
	name = member_string(jt, "name");
	tr = file_report_add(fr, o, fr->path, (int)json_integer_value(line),
	    name);
	free(name);
	tr->sql = member_string(jt, "sql");
	tr->message = member_string(jt, "message");
	tr->diff = member_string(jt, "diff");
	return 0;
}

/* The tags of a file entry into fr. */
static void
read_tags(json_t *jf, struct file_report *fr)
{
	json_t	*tags = json_object_get(jf, "tags"), *v;
	size_t	 i;

	json_array_foreach(tags, i, v) {
		if (json_is_string(v))
			str_list_add(&fr->tags, &fr->ntags,
			    json_string_value(v));
	}
}

/* 1 if a file of that path was merged already. */
static int
seen_file(const struct merge *m, const char *path)
{
	size_t	i;

	for (i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i].path, path) == 0)
			return 1;
	}
	return 0;
}

static int
read_file(json_t *jf, struct merge *m, const char *report, char **cause)
{
	struct file_report	*fr;
	json_t			*tests, *jt;
	const char		*path;
	enum outcome		 o;
	size_t			 i;

	path = json_string_value(json_object_get(jf, "path"));
	if (path == NULL || outcome_from(json_string_value(
	    json_object_get(jf, "outcome")), &o) != 0) {
		*cause = xprintf("%s: a file has no path or outcome", report);
		return -1;
	}
	if (seen_file(m, path)) {
		*cause = xprintf("%s: %s is in another report too: each file "
		    "must run in one shard only", report, path);
		return -1;
	}
	m->files = xreallocarray(m->files, m->nfiles + 1, sizeof *m->files);
	fr = &m->files[m->nfiles++];
	memset(fr, 0, sizeof *fr);
	fr->path = own(m, path);
	fr->outcome = o;
	fr->message = member_string(jf, "message");
	fr->isolation = member_string(jf, "isolation");
	fr->seconds = json_number_value(json_object_get(jf, "seconds"));
	read_tags(jf, fr);
	tests = json_object_get(jf, "tests");
	json_array_foreach(tests, i, jt) {
		if (read_test(jt, fr, report, cause) != 0)
			return -1;
	}
	file_report_count(fr);
	fr->selected = (int)fr->ntests;
	if (o == OUTCOME_FAIL && fr->failed == 0)
		fr->file_failed = 1;
	return 0;
}

/* A report's shard ("shard": {"index", "count", "files_total"}). */
static int
read_shard(json_t *root, struct merge *m, const char *report, char **cause)
{
	json_t	*sh = json_object_get(root, "shard");
	long	 k, n;

	if (m->nreports > 0 && (sh != NULL) != (m->shard_count > 0)) {
		*cause = xprintf("%s: some reports are shards of a run and "
		    "some are not", report);
		return -1;
	}
	if (sh == NULL)
		return 0;
	k = (long)json_integer_value(json_object_get(sh, "index"));
	n = (long)json_integer_value(json_object_get(sh, "count"));
	if (n < 1 || k < 1 || k > n || (m->shard_count > 0 &&
	    n != m->shard_count)) {
		*cause = xprintf("%s: shard %ld/%ld does not belong to a split "
		    "in %d", report, k, n, m->shard_count);
		return -1;
	}
	if (m->shard_count == 0) {
		m->shard_count = (int)n;
		m->shard_of = xcalloc((size_t)n, sizeof *m->shard_of);
		m->files_total = (long)json_integer_value(
		    json_object_get(sh, "files_total"));
	}
	if (m->shard_of[k - 1] != NULL) {
		*cause = xprintf("%s: shard %ld/%ld is also %s", report, k, n,
		    m->shard_of[k - 1]);
		return -1;
	}
	m->shard_of[k - 1] = xstrdup(report);
	return 0;
}

/* One report: its header, shard and files. */
static int
read_report(const char *path, struct merge *m, char **cause)
{
	json_error_t	 jerr;
	json_t		*root, *files, *jf;
	char		*engine;
	size_t		 i;
	int		 rc = -1;

	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		*cause = xprintf("%s:%d: %s", path, jerr.line, jerr.text);
		return -1;
	}
	engine = member_string(root, "engine");
	files = json_object_get(root, "files");
	if (json_integer_value(json_object_get(root, "version")) != 1 ||
	    engine == NULL || !json_is_array(files) || strcmp("sqlcheck-"
	    "report", json_string_value(json_object_get(root, "schema")) ?
	    json_string_value(json_object_get(root, "schema")) : "") != 0)
		*cause = xprintf("%s: not a sqlcheck JSON report (version 1); "
		    "write one with --format json -o FILE.json", path);
	else if (m->engine != NULL && strcmp(m->engine, engine) != 0)
		*cause = xprintf("%s: a report of %s, the others are of %s",
		    path, engine, m->engine);
	else if (read_shard(root, m, path, cause) == 0) {
		rc = 0;
		json_array_foreach(files, i, jf) {
			if ((rc = read_file(jf, m, path, cause)) != 0)
				break;
		}
	}
	if (rc == 0 && m->engine == NULL) {
		m->engine = engine;
		engine = NULL;
		m->version = member_string(root, "server_version");
	}
	if (rc == 0) {
		jf = json_object_get(json_object_get(root, "summary"),
		    "seconds");
		if (json_number_value(jf) > m->seconds)
			m->seconds = json_number_value(jf);
		m->nreports++;
	}
	free(engine);
	json_decref(root);
	return rc;
}

/* Every shard there, and every file of the run. */
static int
check_complete(const struct merge *m, char **cause)
{
	int	k;

	for (k = 0; k < m->shard_count; k++) {
		if (m->shard_of[k] == NULL) {
			*cause = xprintf("shard %d/%d is missing: merge the "
			    "report of every shard", k + 1, m->shard_count);
			return -1;
		}
	}
	if (m->shard_count > 0 && (long)m->nfiles != m->files_total) {
		*cause = xprintf("the shards hold %zu files, the run had %ld",
		    m->nfiles, m->files_total);
		return -1;
	}
	return 0;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct file_report *)a)->path,
	    ((const struct file_report *)b)->path);
}

static void
merge_free(struct merge *m)
{
	size_t	i;

	for (i = 0; i < m->nfiles; i++)
		file_report_free(&m->files[i]);
	free(m->files);
	str_list_free(m->owned, m->nowned);
	if (m->shard_of != NULL)
		str_list_free(m->shard_of, (size_t)m->shard_count);
	free(m->engine);
	free(m->version);
}

/*
 * sqlcheck --merge: report the files of the JSON reports at paths with
 * o's reporters; returns the exit status of a run of those files.
 */
int
merge_run(struct options *o, char *const *paths, size_t n)
{
	struct merge	 m;
	struct totals	 t;
	char		*cause = NULL;
	size_t		 i;

	memset(&m, 0, sizeof m);
	if (n == 0)
		fatalx("--merge takes the JSON reports to merge: sqlcheck "
		    "--merge shard-*.json");
	for (i = 0; i < n; i++) {
		if (read_report(paths[i], &m, &cause) != 0)
			break;
	}
	if (cause == NULL)
		check_complete(&m, &cause);
	if (cause != NULL) {
		merge_free(&m);
		fatalx("%s", cause);
	}
	sort_array(m.files, m.nfiles, sizeof *m.files, path_cmp);
	o->driver = o->engine = m.engine;
	o->server_version = m.version;
	memset(&t, 0, sizeof t);
	if (report_open(o, m.nfiles, &cause) != 0)
		fatalx("%s", cause);
	for (i = 0; i < m.nfiles; i++) {
		report_file(&m.files[i]);
		totals_add(&t, &m.files[i]);
	}
	t.seconds = m.seconds;
	report_end(&t);
	merge_free(&m);
	if (t.errors > 0)
		return SQLCHECK_EXIT_ERROR;
	return t.failed > 0 ? SQLCHECK_EXIT_FAIL : SQLCHECK_EXIT_OK;
}
