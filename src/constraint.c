/*
 * constraint.c: the constraints of a schema as the catalogs read them
 * (catalog-*.c, sqlscan.c's CHECK columns) and --coverage and "-- make:"
 * use them: lists of constraints that own their strings, built, copied
 * and freed here.  Below the catalogs and above nothing but strutil.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

static const char *const kind_names[CONSTRAINT_NKINDS] = {
	"primary_key", "unique", "exclusion", "foreign_key", "check",
	"not_null"
};

/* The JSON and report name of a kind. */
const char *
constraint_kind_name(enum constraint_kind k)
{
	return kind_names[k];
}

/* Start an empty list. */
void
constraint_list_init(struct constraint_list *l)
{
	memset(l, 0, sizeof *l);
}

/* Append a constraint (name copied) and return it for its columns. */
struct constraint *
constraint_add(struct constraint_list *l, const char *table,
    const char *name, enum constraint_kind kind)
{
	struct constraint	*c;

	l->items = xreallocarray(l->items, l->n + 1, sizeof *l->items);
	c = &l->items[l->n++];
	memset(c, 0, sizeof *c);
	c->table = xstrdup(table);
	c->name = xstrdup(name);
	c->kind = kind;
	return c;
}

/* Append a column (copied). */
void
constraint_add_column(struct constraint *c, const char *column)
{
	str_list_add(&c->columns, &c->ncolumns, column);
}

/* Free what a constraint owns (not the struct). */
void
constraint_free(struct constraint *c)
{
	free(c->table);
	free(c->name);
	str_list_free(c->columns, c->ncolumns);
	free(c->ref_table);
	str_list_free(c->ref_columns, c->nref_columns);
	free(c->expr);
}

/* Drop the constraints of one table from a list. */
void
constraint_list_drop_table(struct constraint_list *l, const char *table)
{
	size_t	i, n = 0;

	for (i = 0; i < l->n; i++) {
		if (l->items[i].table != NULL &&
		    strcmp(l->items[i].table, table) == 0)
			constraint_free(&l->items[i]);
		else
			l->items[n++] = l->items[i];
	}
	l->n = n;
}

/* Free the constraints of a list and make it empty. */
void
constraint_list_free(struct constraint_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		constraint_free(&l->items[i]);
	free(l->items);
	constraint_list_init(l);
}

/* Copy a constraint into dst (which owns the copy). */
void
constraint_copy(struct constraint *dst, const struct constraint *src)
{
	size_t	i;

	memset(dst, 0, sizeof *dst);
	dst->table = xstrdup(src->table);
	dst->name = xstrdup(src->name);
	dst->kind = src->kind;
	for (i = 0; i < src->ncolumns; i++)
		constraint_add_column(dst, src->columns[i]);
	if (src->ref_table != NULL)
		dst->ref_table = xstrdup(src->ref_table);
	for (i = 0; i < src->nref_columns; i++)
		str_list_add(&dst->ref_columns, &dst->nref_columns,
		    src->ref_columns[i]);
	if (src->expr != NULL)
		dst->expr = xstrdup(src->expr);
}
