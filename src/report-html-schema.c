/*
 * report-html-schema.c: the schema picture of an HTML report with
 * --coverage.  Each table (each distinct definition of one) is a box
 * listing its constraints, green when a test violated the constraint and
 * red when none did; a foreign key is an arrow from its row in the child's
 * box to the parent's box; a constraint links to its entry in the list
 * under the picture, which links to every test that violated it.
 *
 * The layout is deterministic: a table's column is its depth in the
 * foreign key graph (a table referencing none is at depth 0, parents to
 * the left of their children), columns taller than HS_MAX_STACK boxes
 * wrap into further columns, and boxes are in the model's order (by name)
 * within a column.  Cycles are cut after as many rounds as there are
 * tables; a self-reference is a loop on the box's right side.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"
#include "report-html.h"

#define HS_BOX_W	280	/* a box's width */
#define HS_HEAD_H	26	/* its title bar */
#define HS_ROW_H	18	/* a constraint's row */
#define HS_GAP_X	110	/* between columns, room for arrows */
#define HS_GAP_Y	28	/* between boxes of a column */
#define HS_MARGIN	20
#define HS_MAX_STACK	6	/* boxes a column holds before it wraps */
#define HS_TEXT_MAX	40	/* characters of a row shown; all in its title */

struct hs_box {
	const struct cov_table	*t;
	size_t			 first_item;	/* its index in the list */
	int			 depth;
	int			 col;
	int			 x, y, h;
};

/* 1 if two definitions existed in a file together. */
static int
share_a_file(const struct cov_table *a, const struct cov_table *b)
{
	size_t	i;

	for (i = 0; i < a->nfiles; i++) {
		if (str_list_has(b->files, b->nfiles, a->files[i]))
			return 1;
	}
	return 0;
}

/*
 * The box of the parent called name of the table in box child: the
 * definition of that name that existed in a file with the child's, else
 * the first one; -1 if there is none.
 */
static long
box_named(const struct hs_box *b, size_t n, size_t child, const char *name)
{
	size_t	i;
	long	first = -1;

	if (name == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcasecmp(b[i].t->name, name) != 0)
			continue;
		if (i == child || share_a_file(b[i].t, b[child].t))
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	return first;
}

/* Depth of each table in the foreign key graph, parents first. */
static void
compute_depths(struct hs_box *b, size_t n)
{
	const struct constraint	*c;
	size_t			 round, i, k;
	long			 p;
	int			 changed;

	for (round = 0; round < n; round++) {
		changed = 0;
		for (i = 0; i < n; i++) {
			for (k = 0; k < b[i].t->nitems; k++) {
				c = &b[i].t->items[k].c;
				if (c->kind != CONSTRAINT_FOREIGN_KEY)
					continue;
				p = box_named(b, n, i, c->ref_table);
				if (p < 0 || (size_t)p == i ||
				    b[p].depth + 1 <= b[i].depth)
					continue;
				b[i].depth = b[p].depth + 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
}

/* Columns and positions; returns the picture's width and height. */
static void
place_boxes(struct hs_box *b, size_t n, int *width, int *height)
{
	int	depth, col = 0, stacked, y, maxdepth = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (b[i].depth > maxdepth)
			maxdepth = b[i].depth;
		b[i].h = HS_HEAD_H + HS_ROW_H * (int)(b[i].t->nitems > 0 ?
		    b[i].t->nitems : 1) + 6;
	}
	*width = *height = 0;
	for (depth = 0; depth <= maxdepth; depth++) {
		stacked = 0;
		y = HS_MARGIN;
		for (i = 0; i < n; i++) {
			if (b[i].depth != depth)
				continue;
			if (stacked == HS_MAX_STACK) {
				col++;
				stacked = 0;
				y = HS_MARGIN;
			}
			b[i].col = col;
			b[i].x = HS_MARGIN + col * (HS_BOX_W + HS_GAP_X);
			b[i].y = y;
			y += b[i].h + HS_GAP_Y;
			stacked++;
			if (y > *height)
				*height = y;
		}
		if (stacked > 0)
			col++;
	}
	*width = HS_MARGIN + col * (HS_BOX_W + HS_GAP_X);
	*height += HS_MARGIN;
}

/* "pk id", "fk customer_id -> customers", "check amount > 0", ... */
static char *
item_label(const struct constraint *c)
{
	static const char *const abbrev[CONSTRAINT_NKINDS] = {
		"pk", "unique", "excl", "fk", "check", "not null"
	};
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_printf(&b, "%s ", abbrev[c->kind]);
	if (c->kind == CONSTRAINT_CHECK && c->expr != NULL)
		buf_adds(&b, c->expr);
	else {
		for (i = 0; i < c->ncolumns; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    c->columns[i]);
	}
	if (c->kind == CONSTRAINT_FOREIGN_KEY && c->ref_table != NULL)
		buf_printf(&b, " \xe2\x86\x92 %s", c->ref_table);
	if (b.len == strlen(abbrev[c->kind]) + 1 && c->name != NULL)
		buf_adds(&b, c->name);
	return buf_detach(&b);
}

/* A label cut to HS_TEXT_MAX characters (not bytes), with an ellipsis. */
static void
write_cut(FILE *f, const char *label)
{
	const unsigned char	*s = (const unsigned char *)label;
	size_t			 chars = 0, n;
	char			*part;

	while (*s != '\0' && chars < HS_TEXT_MAX) {
		n = str_utf8_len(s);
		s += n > 0 ? n : 1;
		chars++;
	}
	part = xstrndup(label, (size_t)((const char *)s - label));
	html_text(f, part);
	if (*s != '\0')
		fputs("\xe2\x80\xa6", f);
	free(part);
}

/* The hover title of a constraint: its name and who violated it. */
static void
write_item_title(FILE *f, const struct cov_item *it, const char *label)
{
	size_t	i;

	fputs("<title>", f);
	html_text(f, it->c.name != NULL ? it->c.name : "(unnamed)");
	fputs(": ", f);
	html_text(f, label);
	if (it->nhits == 0)
		fputs("\nviolated by no test", f);
	for (i = 0; i < it->nhits; i++) {
		fputs(i == 0 ? "\nviolated by " : ", ", f);
		html_text(f, it->hits[i].where);
	}
	fputs("</title>", f);
}

static void
write_box(FILE *f, const struct hs_box *bx)
{
	const struct cov_item	*it;
	char			*label;
	size_t			 k;
	int			 y;

	fputs("<g class=\"table\" data-table=\"", f);
	html_attr(f, bx->t->name);
	fprintf(f, "\"><rect class=\"box\" x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%d\" rx=\"4\"/><rect class=\"head\" x=\"%d\" y=\"%d\" "
	    "width=\"%d\" height=\"%d\" rx=\"4\"/><text class=\"tname\" "
	    "x=\"%d\" y=\"%d\">", bx->x, bx->y, HS_BOX_W, bx->h, bx->x, bx->y,
	    HS_BOX_W, HS_HEAD_H, bx->x + 8, bx->y + 18);
	html_text(f, bx->t->name);
	fputs("</text><title>", f);
	html_text(f, bx->t->name);
	fputs(" in ", f);
	for (k = 0; k < bx->t->nfiles; k++) {
		fputs(k > 0 ? ", " : "", f);
		html_text(f, bx->t->files[k]);
	}
	fputs("</title>\n", f);
	for (k = 0; k < bx->t->nitems; k++) {
		it = &bx->t->items[k];
		y = bx->y + HS_HEAD_H + 2 + (int)k * HS_ROW_H;
		label = item_label(&it->c);
		fprintf(f, "<a href=\"#cov-%zu\"><g class=\"c %s\"><rect "
		    "x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
		    bx->first_item + k, it->nhits > 0 ? "covered" : "uncovered",
		    bx->x + 2, y, HS_BOX_W - 4, HS_ROW_H - 2);
		write_item_title(f, it, label);
		fprintf(f, "<text x=\"%d\" y=\"%d\">", bx->x + 8, y + 12);
		write_cut(f, label);
		fputs("</text></g></a>\n", f);
		free(label);
	}
	if (bx->t->nitems == 0)
		fprintf(f, "<text class=\"none\" x=\"%d\" y=\"%d\">no "
		    "constraint</text>\n", bx->x + 8, bx->y + HS_HEAD_H + 14);
	fputs("</g>\n", f);
}

/* The arrow of the foreign key in row k of child, to box parent. */
static void
write_arrow(FILE *f, const struct hs_box *child, size_t k,
    const struct hs_box *parent)
{
	int	y1 = child->y + HS_HEAD_H + (int)k * HS_ROW_H + HS_ROW_H / 2;
	int	y2 = parent->y + HS_HEAD_H / 2, x1, x2;

	if (child == parent) {
		x1 = child->x + HS_BOX_W;
		fprintf(f, "<path class=\"fk\" d=\"M %d %d C %d %d, %d %d, %d "
		    "%d\"/>\n", x1, y1, x1 + 40, y1, x1 + 40, y2, x1, y2);
		return;
	}
	if (parent->x < child->x) {
		x1 = child->x;
		x2 = parent->x + HS_BOX_W;
		fprintf(f, "<path class=\"fk\" d=\"M %d %d C %d %d, %d %d, %d "
		    "%d\"/>\n", x1, y1, x1 - HS_GAP_X / 2, y1,
		    x2 + HS_GAP_X / 2, y2, x2, y2);
		return;
	}
	/* Same column or to the right (a cycle): around the right side. */
	x1 = child->x + HS_BOX_W;
	x2 = parent->x + HS_BOX_W;
	fprintf(f, "<path class=\"fk\" d=\"M %d %d C %d %d, %d %d, %d %d\"/>\n",
	    x1, y1, x1 + HS_GAP_X / 2, y1, x2 + HS_GAP_X / 2, y2, x2, y2);
}

static void
write_arrows(FILE *f, const struct hs_box *b, size_t n)
{
	const struct constraint	*c;
	size_t			 i, k;
	long			 p;

	for (i = 0; i < n; i++) {
		for (k = 0; k < b[i].t->nitems; k++) {
			c = &b[i].t->items[k].c;
			if (c->kind != CONSTRAINT_FOREIGN_KEY)
				continue;
			p = box_named(b, n, i, c->ref_table);
			if (p >= 0)
				write_arrow(f, &b[i], k, &b[p]);
		}
	}
}

/* The list under the picture: each constraint and the tests that hit it. */
static void
write_list(FILE *f, const struct coverage *m)
{
	const struct cov_item	*it;
	size_t			 i, k, h, id = 0;

	fputs("<table class=\"cov\"><thead><tr><th>table</th><th>constraint"
	    "</th><th>kind</th><th>violated by</th></tr></thead><tbody>\n", f);
	for (i = 0; i < m->ntables; i++) {
		for (k = 0; k < m->tables[i].nitems; k++, id++) {
			it = &m->tables[i].items[k];
			fprintf(f, "<tr id=\"cov-%zu\" class=\"%s\"><td>", id,
			    it->nhits > 0 ? "covered" : "uncovered");
			html_text(f, m->tables[i].name);
			fputs("</td><td>", f);
			html_text(f, it->c.name);
			fprintf(f, "</td><td>%s</td><td>",
			    constraint_kind_name(it->c.kind));
			for (h = 0; h < it->nhits; h++) {
				fputs(h > 0 ? ", <a href=\"" : "<a href=\"", f);
				html_test_href(f, it->hits[h].where);
				fputs("\">", f);
				html_text(f, it->hits[h].where);
				fputs(it->hits[h].inexact ? "</a> (inferred)" :
				    "</a>", f);
			}
			fputs(it->nhits == 0 ? "none</td></tr>\n" :
			    "</td></tr>\n", f);
		}
	}
	fputs("</tbody></table>\n", f);
}

/* The coverage section: the picture, then the list. */
void
html_schema_section(FILE *f, const struct coverage *m)
{
	struct hs_box	*b;
	size_t		 i, items = 0, covered = 0, k;
	int		 width, height;

	b = xcalloc(m->ntables > 0 ? m->ntables : 1, sizeof *b);
	for (i = 0; i < m->ntables; i++) {
		b[i].t = &m->tables[i];
		b[i].first_item = items;
		items += m->tables[i].nitems;
		for (k = 0; k < m->tables[i].nitems; k++)
			covered += m->tables[i].items[k].nhits > 0;
	}
	compute_depths(b, m->ntables);
	place_boxes(b, m->ntables, &width, &height);
	fprintf(f, "<h2>Constraint coverage: %zu of %zu</h2>\n<p class=\"legend"
	    "\"><span class=\"covered\">violated by a test</span> <span "
	    "class=\"uncovered\">violated by no test</span></p>\n<div "
	    "class=\"schema\"><svg id=\"schema\" xmlns=\"http://www.w3.org/"
	    "2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label="
	    "\"the schema\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
	    "refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
	    "orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>"
	    "</defs>\n", covered, items, width, height);
	for (i = 0; i < m->ntables; i++)
		write_box(f, &b[i]);
	write_arrows(f, b, m->ntables);
	fputs("</svg></div>\n", f);
	write_list(f, m);
	free(b);
}
