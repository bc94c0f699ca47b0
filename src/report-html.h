/*
 * report-html.h: shared by the HTML reporter's files: report-html.c (the
 * page), report-html-schema.c (the schema picture of --coverage) and
 * report-html-assets.c (the inline style sheet and script).
 */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stdio.h>

struct coverage;

extern const char	html_style[];
extern const char	html_script[];

void	html_text(FILE *, const char *);
void	html_attr(FILE *, const char *);
void	html_test_href(FILE *, const char *);
void	html_schema_section(FILE *, const struct coverage *);

#endif
