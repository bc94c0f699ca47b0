/*
 * testfile.c: the model of a test file that the readers build (parse.c
 * for .sqltest, parse-slt.c for sqllogictest, parse-pgtap.c for pgTAP):
 * adding records and statements, and freeing.  A test_file owns
 * everything it points to and is freed with test_file_free().  Which
 * reader reads a file is files.c's parse_file().
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* Add an empty record of a kind at path:line. */
struct record *
test_file_add_record(struct test_file *tf, enum record_kind kind,
    const char *path, int line)
{
	struct record	*r;

	/* The array doubles when its count reaches a power of 2. */
	if ((tf->nrecords & (tf->nrecords - 1)) == 0)
		tf->records = xreallocarray(tf->records, tf->nrecords == 0 ?
		    1 : tf->nrecords * 2, sizeof *tf->records);
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
	r->stmts[r->nstmts].path = r->path;
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
	free(e->tolerance_text);
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
	make_spec_free(r->make);
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
	for (i = 0; i < tf->nrecords && tf->arena == NULL; i++)
		record_free(&tf->records[i]);
	arena_free(tf->arena);
	tf->arena = NULL;
	free(tf->records);
	tf->records = NULL;
	tf->nrecords = 0;
}
