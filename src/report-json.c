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
 * Strings are escaped as JSON requires: '"' and '\', control characters
 * (\n, \t, \r, else \u00XX), and bytes that are not UTF-8 become U+FFFD.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

#define JSON_VERSION		1
#define JSON_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

static FILE		*json_spool;	/* the files, until the end */
static const char	*json_engine;	/* borrowed from the options */
static const struct options *json_opts;
static size_t		 json_nfiles;	/* files in the spool */

/* One ASCII byte inside a JSON string. */
static void
json_ascii(FILE *f, unsigned char c)
{
	switch (c) {
	case '"':
	case '\\':
		putc('\\', f);
		putc(c, f);
		break;
	case '\n':
		fputs("\\n", f);
		break;
	case '\t':
		fputs("\\t", f);
		break;
	case '\r':
		fputs("\\r", f);
		break;
	default:
		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
		break;
	}
}

/* Write s as a JSON string, or null for NULL (coverage-report.c too). */
void
json_write_string(FILE *f, const char *text)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 n;

	if (text == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	while (*s != '\0') {
		n = str_utf8_len(s);
		if (n == 0) {
			fputs(JSON_REPLACEMENT, f);
			s++;
		} else if (n == 1)
			json_ascii(f, *s++);
		else {
			fwrite(s, 1, n, f);
			s += n;
		}
	}
	putc('"', f);
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

/* One test as an object on a line of its own. */
static void
json_test(FILE *f, const struct test_report *tr)
{
	fputs("{\"name\": ", f);
	json_write_string(f, tr->name);
	fprintf(f, ", \"line\": %d, \"outcome\": \"%s\", \"sql\": ", tr->line,
	    outcome_name(tr->outcome));
	json_write_string(f, tr->sql);
	fputs(", \"message\": ", f);
	json_write_string(f, tr->message);
	fputs(", \"diff\": ", f);
	json_write_string(f, tr->diff);
	putc('}', f);
}

/* One file as an element of "files", appended to the spool. */
static void
json_file(FILE *f, const struct file_report *fr)
{
	FILE	*sp = json_spool;
	size_t	 i;

	(void)f;
	fputs(json_nfiles++ > 0 ? ",\n    {\"path\": " : "\n    {\"path\": ",
	    sp);
	json_write_string(sp, fr->path);
	fprintf(sp, ", \"outcome\": \"%s\", \"seconds\": %.3f,\n     "
	    "\"isolation\": ", file_outcome_name(fr), fr->seconds);
	json_write_string(sp, fr->isolation);
	fputs(", \"message\": ", sp);
	json_write_string(sp, fr->message);
	fputs(", \"tags\": [", sp);
	for (i = 0; i < fr->ntags; i++) {
		fputs(i > 0 ? ", " : "", sp);
		json_write_string(sp, fr->tags[i]);
	}
	fputs("],\n     \"tests\": [", sp);
	for (i = 0; i < fr->ntests; i++) {
		fputs(i > 0 ? ",\n      " : "\n      ", sp);
		json_test(sp, &fr->tests[i]);
	}
	fputs(fr->ntests > 0 ? "\n     ]}" : "]}", sp);
}

/* The document: header and summary, then the spooled files. */
static void
json_end(FILE *f, const struct totals *t)
{
	char	buf[8192];
	size_t	n;

	fprintf(f, "{\n  \"schema\": \"sqlcheck-report\",\n  \"version\": %d,"
	    "\n  \"engine\": ", JSON_VERSION);
	json_write_string(f, json_engine);
	fputs(",\n  \"server_version\": ", f);
	json_write_string(f, json_opts->server_version);
	if (json_opts->shard_count > 1)
		fprintf(f, ",\n  \"shard\": {\"index\": %d, \"count\": %d, "
		    "\"files_total\": %zu}", json_opts->shard_index,
		    json_opts->shard_count, json_opts->files_total);
	fprintf(f, ",\n  \"summary\": {\"passed\": %d, \"failed\": %d, "
	    "\"skipped\": %d, \"errors\": %d, \"files\": %d, \"seconds\": "
	    "%.3f},\n  \"files\": [", t->passed, t->failed, t->skipped,
	    t->errors, t->files, t->seconds);
	if (fflush(json_spool) != 0 || ferror(json_spool))
		fatal("cannot write the JSON report's temporary file");
	rewind(json_spool);
	while ((n = fread(buf, 1, sizeof buf, json_spool)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(json_spool))
		fatal("cannot read the JSON report's temporary file");
	fclose(json_spool);
	json_spool = NULL;
	fputs(json_nfiles > 0 ? "\n  ]\n}\n" : "]\n}\n", f);
	fflush(f);
}

const struct reporter report_json = {
	.name = "json",
	.begin = json_begin,
	.file = json_file,
	.end = json_end
};
