/*
 * report-json.c: the JSON reporter (--format json), one document in the
 * shape doc/report-schema.json describes (version 1):
 *
 *	{"schema": "sqlcheck-report", "version": 1, "engine": ...,
 *	 "summary": {...}, "files": [{..., "tests": [...]}]}
 *
 * The summary comes first, for whoever reads the top of the file, and is
 * known only at the end: the files are spooled to a temporary file
 * meanwhile, so that a report of millions of tests needs no memory.
 *
 * Every value is built and written by jansson: one object per file, on a
 * line of its own in the spool.  jansson writes whole documents only, so
 * the document's outer object and its "files" array are streamed around
 * those lines (their braces, commas and keys); the keys and values in
 * them are jansson's too.  Bytes that are not UTF-8 become U+FFFD
 * (jansson takes only UTF-8).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sqlcheck.h"

#define JSON_VERSION		1
#define JSON_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */
#define JSON_FLAGS		(JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | \
				 JSON_REAL_PRECISION(15))

static FILE		*json_spool;	/* the files, until the end */
static const char	*json_engine;	/* borrowed from the options */
static const struct options *json_opts;
static size_t		 json_nfiles;	/* files in the spool */

/*
 * text as a new JSON string (its bytes that are not UTF-8 made U+FFFD),
 * or null for NULL.  The caller owns the reference.
 */
static json_t *
json_text(const char *text)
{
	const unsigned char	*s = (const unsigned char *)text;
	struct buf		 b;
	json_t			*v;
	size_t			 n;

	if (text == NULL)
		return json_null();
	buf_init(&b);
	while (*s != '\0') {
		n = str_utf8_len(s);
		if (n == 0) {
			buf_adds(&b, JSON_REPLACEMENT);
			s++;
		} else {
			buf_add(&b, (const char *)s, n);
			s += n;
		}
	}
	v = json_stringn(b.data, b.len);
	buf_free(&b);
	return v;
}

/* Seconds, to the millisecond, as a JSON number. */
static json_t *
json_seconds(double seconds)
{
	return json_real(round(seconds * 1000.0) / 1000.0);
}

/* Write a value (its reference is taken) as JSON text. */
static void
json_write(FILE *f, json_t *v)
{
	if (v == NULL || json_dumpf(v, f, JSON_FLAGS) != 0)
		fatal("cannot write the JSON report");
	json_decref(v);
}

/* Write s as a JSON string, or null for NULL (coverage-report.c too). */
void
json_write_string(FILE *f, const char *text)
{
	json_write(f, json_text(text));
}

/* Write one member of the document: the separator, "key": value. */
static void
json_member(FILE *f, int first, const char *key, json_t *v)
{
	fputs(first ? "\n  " : ",\n  ", f);
	json_write(f, json_string(key));
	fputs(": ", f);
	json_write(f, v);
}

/* Start the report: remember the engine, open the spool. */
static void
json_begin(FILE *f, const struct options *o, size_t nfiles)
{
	(void)f;
	(void)nfiles;
	json_opts = o;
	json_engine = o->engine;
	json_nfiles = 0;
	json_spool = tmpfile();
	if (json_spool == NULL)
		fatal("cannot create a temporary file for the JSON report");
}

/* One test as an object. */
static json_t *
json_test(const struct test_report *tr)
{
	return json_pack("{s:o, s:i, s:s, s:o, s:o, s:o}",
	    "name", json_text(tr->name),
	    "line", tr->line,
	    "outcome", outcome_name(tr->outcome),
	    "sql", json_text(tr->sql),
	    "message", json_text(tr->message),
	    "diff", json_text(tr->diff));
}

/* One file as an object, with its tests. */
static json_t *
json_file_object(const struct file_report *fr)
{
	json_t	*tags, *tests;
	size_t	 i;

	tags = json_array();
	for (i = 0; i < fr->ntags; i++)
		json_array_append_new(tags, json_text(fr->tags[i]));
	tests = json_array();
	for (i = 0; i < fr->ntests; i++)
		json_array_append_new(tests, json_test(&fr->tests[i]));
	return json_pack("{s:o, s:s, s:o, s:o, s:o, s:o, s:o}",
	    "path", json_text(fr->path),
	    "outcome", file_outcome_name(fr),
	    "seconds", json_seconds(fr->seconds),
	    "isolation", json_text(fr->isolation),
	    "message", json_text(fr->message),
	    "tags", tags,
	    "tests", tests);
}

/* One file as an element of "files", a line appended to the spool. */
static void
json_file(FILE *f, const struct file_report *fr)
{
	(void)f;
	fputs(json_nfiles++ > 0 ? ",\n    " : "\n    ", json_spool);
	json_write(json_spool, json_file_object(fr));
}

/* The summary of the run. */
static json_t *
json_summary(const struct totals *t)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:o}",
	    "passed", t->passed, "failed", t->failed,
	    "skipped", t->skipped, "errors", t->errors,
	    "files", t->files, "seconds", json_seconds(t->seconds));
}

/* Copy the spooled files to f and close the spool. */
static void
json_copy_spool(FILE *f)
{
	char	buf[8192];
	size_t	n;

	if (fflush(json_spool) != 0 || ferror(json_spool))
		fatal("cannot write the JSON report's temporary file");
	rewind(json_spool);
	while ((n = fread(buf, 1, sizeof buf, json_spool)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(json_spool))
		fatal("cannot read the JSON report's temporary file");
	fclose(json_spool);
	json_spool = NULL;
}

/* The document: header and summary, then the spooled files. */
static void
json_end(FILE *f, const struct totals *t)
{
	const struct options	*o = json_opts;

	putc('{', f);
	json_member(f, 1, "schema", json_string("sqlcheck-report"));
	json_member(f, 0, "version", json_integer(JSON_VERSION));
	json_member(f, 0, "engine", json_text(json_engine));
	json_member(f, 0, "server_version", json_text(o->server_version));
	if (o->shard_count > 1)
		json_member(f, 0, "shard", json_pack("{s:i, s:i, s:I}",
		    "index", o->shard_index, "count", o->shard_count,
		    "files_total", (json_int_t)o->files_total));
	json_member(f, 0, "summary", json_summary(t));
	fputs(",\n  ", f);
	json_write(f, json_string("files"));
	fputs(": [", f);
	json_copy_spool(f);
	fputs(json_nfiles > 0 ? "\n  ]\n}\n" : "]\n}\n", f);
	fflush(f);
}

const struct reporter report_json = {
	.name = "json",
	.begin = json_begin,
	.file = json_file,
	.end = json_end
};
