/*
 * parse.h: what the files of the .sqltest reader share, and nothing else
 * includes: the parser's state and its error function.
 *
 *	parse.c		lines, directives and blocks of a .sqltest file
 *	parse-expect.c	"-- expect" lines, expected rows and their cells
 *	testfile.c	the test_file model both readers build (with
 *			parse-slt.c), reading a file, freeing one
 */
#ifndef PARSE_H
#define PARSE_H

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

/* parse.c */
int	 perror_at(struct parser *, const char *, ...) printflike(2, 3);
int	 is_blank(const char *);

/* parse-expect.c */
int	 parse_expect(struct parser *, const char *, size_t);
int	 parse_row(struct parser *, const char *);

#endif /* PARSE_H */
