/*
 * durations.c: --durations FILE, each test file's duration from earlier
 * runs, read and written with jansson:
 *
 *	{"schema": "sqlcheck-durations", "version": 1,
 *	 "files": {"sql-tests/a.sqltest": 0.125, ...}}
 *
 * A run reads FILE when it exists (shard.c splits the files by it).  A
 * run that is not a shard, and --merge of the shards' reports, write it
 * back at the end as a reporter of their own: the files reported get
 * their new duration, the others keep theirs.  A shard only reads it, so
 * that every shard of a split reads the same table.  The file is replaced
 * through a temporary file and rename, so a killed run leaves the old one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "sqlcheck.h"

#define DURATIONS_SCHEMA	"sqlcheck-durations"
#define DURATIONS_VERSION	1

/* The run's table, for the reporter: read at report_open, written at end. */
static struct durations	 run_durations;
static const char	*run_path;

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct duration *)a)->path,
	    ((const struct duration *)b)->path);
}

/* The entry for path, or NULL (the table is sorted by path). */
const struct duration *
durations_find(const struct durations *d, const char *path)
{
	struct duration	key;

	if (d->n == 0)
		return NULL;
	key.path = (char *)path;
	return bsearch(&key, d->items, d->n, sizeof *d->items, entry_cmp);
}

/* Set path's duration, adding it if it is new; keeps the table sorted. */
void
durations_set(struct durations *d, const char *path, double seconds)
{
	struct duration	*e = (struct duration *)durations_find(d, path);
	size_t		 i;

	if (e != NULL) {
		e->seconds = seconds;
		return;
	}
	d->items = xreallocarray(d->items, d->n + 1, sizeof *d->items);
	for (i = d->n; i > 0 && strcmp(d->items[i - 1].path, path) > 0; i--)
		d->items[i] = d->items[i - 1];
	d->items[i].path = xstrdup(path);
	d->items[i].seconds = seconds;
	d->n++;
}

void
durations_free(struct durations *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->items[i].path);
	free(d->items);
	memset(d, 0, sizeof *d);
}

/* Check the document's schema and version; -1 with *cause. */
static int
check_header(json_t *root, const char *path, char **cause)
{
	json_t	*schema = json_object_get(root, "schema");
	json_t	*version = json_object_get(root, "version");

	if (!json_is_string(schema) ||
	    strcmp(json_string_value(schema), DURATIONS_SCHEMA) != 0) {
		*cause = xprintf("%s: not a durations file (no \"schema\": "
		    "\"%s\"); --durations takes a file sqlcheck wrote", path,
		    DURATIONS_SCHEMA);
		return -1;
	}
	if (!json_is_integer(version) ||
	    json_integer_value(version) != DURATIONS_VERSION) {
		*cause = xprintf("%s: durations version %s is not %d", path,
		    json_is_integer(version) ? "other" : "missing",
		    DURATIONS_VERSION);
		return -1;
	}
	return 0;
}

/*
 * Read FILE into d (empty first).  A file that does not exist is an
 * empty table, not an error: the first run of a CI cache has none.
 * Returns -1 with *cause (FILE:LINE for a JSON error).
 */
int
durations_read(const char *path, struct durations *d, char **cause)
{
	json_error_t	 jerr;
	json_t		*root, *files, *v;
	const char	*key;
	FILE		*f;

	memset(d, 0, sizeof *d);
	f = fopen(path, "r");
	if (f == NULL && errno == ENOENT)
		return 0;
	if (f == NULL) {
		*cause = xprintf("cannot read \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	root = json_loadf(f, 0, &jerr);
	fclose(f);
	if (root == NULL) {
		*cause = xprintf("%s:%d: %s", path, jerr.line, jerr.text);
		return -1;
	}
	if (check_header(root, path, cause) != 0) {
		json_decref(root);
		return -1;
	}
	files = json_object_get(root, "files");
	if (!json_is_object(files)) {
		*cause = xprintf("%s: \"files\" is not an object of paths and "
		    "seconds", path);
		json_decref(root);
		return -1;
	}
	json_object_foreach(files, key, v) {
		if (!json_is_number(v) || json_number_value(v) < 0) {
			*cause = xprintf("%s: the duration of \"%s\" is not a "
			    "number of seconds", path, key);
			json_decref(root);
			durations_free(d);
			return -1;
		}
		durations_set(d, key, json_number_value(v));
	}
	json_decref(root);
	return 0;
}

/* Write d to path through a temporary file and rename; -1 with *cause. */
int
durations_write(const char *path, const struct durations *d, char **cause)
{
	json_t	*root, *files;
	char	*text;
	size_t	 i;
	int	 rc;

	files = json_object();
	for (i = 0; i < d->n; i++)
		json_object_set_new(files, d->items[i].path,
		    json_real(d->items[i].seconds));
	root = json_pack("{s:s, s:i, s:o}", "schema", DURATIONS_SCHEMA,
	    "version", DURATIONS_VERSION, "files", files);
	text = json_dumps(root, JSON_INDENT(1) | JSON_SORT_KEYS |
	    JSON_REAL_PRECISION(6));
	json_decref(root);
	if (text == NULL) {
		*cause = xprintf("cannot write \"%s\": out of memory", path);
		return -1;
	}
	rc = replace_file(path, text, strlen(text), cause);
	free(text);
	return rc;
}

/*
 * Before anything starts: read the --durations file and, when the run
 * will update it (write is 1), make sure it can be written.  Returns -1
 * with *cause.
 */
int
durations_open(const char *path, int write, struct durations **d,
    char **cause)
{
	char	*dir, *slash;
	int	 writable;

	if (durations_read(path, &run_durations, cause) != 0)
		return -1;
	*d = &run_durations;
	if (!write)
		return 0;
	/* Writable: the file if it is there, else its directory. */
	if (access(path, F_OK) == 0)
		writable = access(path, W_OK) == 0;
	else {
		dir = xstrdup(path);
		slash = strrchr(dir, '/');
		if (slash == NULL)
			strcpy(dir, ".");
		else
			slash[slash == dir ? 1 : 0] = '\0';
		writable = access(dir, W_OK) == 0;
		free(dir);
	}
	if (!writable) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		durations_free(&run_durations);
		return -1;
	}
	run_path = path;
	return 0;
}

/* The reporter's file(): a file that ran gets its duration. */
static void
durations_file(FILE *f, const struct file_report *fr)
{
	(void)f;
	if (run_path != NULL && fr->outcome != OUTCOME_SKIP)
		durations_set(&run_durations, fr->path, fr->seconds);
}

/* The reporter's end(): write the table back. */
static void
durations_end(FILE *f, const struct totals *t)
{
	char	*cause = NULL;

	(void)f;
	(void)t;
	if (run_path == NULL) {
		durations_free(&run_durations);
		return;
	}
	if (durations_write(run_path, &run_durations, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
	}
	durations_free(&run_durations);
	run_path = NULL;
}

const struct reporter report_durations = {
	.name = "durations",
	.file = durations_file,
	.end = durations_end
};
