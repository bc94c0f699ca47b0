/*
 * make.h: what the files of "-- make:" share, and nothing else includes.
 *
 *	parse-make.c	the directive's argument (in sqlcheck.h)
 *	make-schema.c	the tables as the catalog says now: columns and
 *			their types, keys, foreign keys, CHECKs (from the
 *			driver's constraints and fingerprint slots)
 *	make-check.c	the CHECK forms a column's values can follow
 *	make-value.c	one value of a column as an SQL literal
 *	run-make.c	making rows: parents first, then batched INSERTs
 */
#ifndef MAKE_H
#define MAKE_H

#include "run.h"

enum make_class {
	MAKE_TEXT,
	MAKE_INT,
	MAKE_NUMERIC,
	MAKE_FLOAT,
	MAKE_BOOL,
	MAKE_DATE,
	MAKE_TIME,
	MAKE_TIMESTAMP,
	MAKE_ENUM,
	MAKE_UUID,
	MAKE_JSON
};

/* What a column's name says (make_name_kind). */
enum make_named {
	MAKE_NAMED_NONE,
	MAKE_NAMED_EMAIL,
	MAKE_NAMED_FIRST,
	MAKE_NAMED_LAST,
	MAKE_NAMED_NAME,
	MAKE_NAMED_PHONE,
	MAKE_NAMED_CITY,
	MAKE_NAMED_COUNTRY,
	MAKE_NAMED_URL
};

/* A column; strings owned by the table. */
struct make_column {
	char		 *name;
	char		 *type;		/* as the catalog writes it */
	enum make_class	  cls;
	int		  len;		/* text: most characters, 0: any */
	int		  minlen;	/* text: fewest characters */
	int		  scale;	/* numeric: digits after the point */
	int64_t		  lo, hi;	/* numbers: the range, inclusive */
	char		**labels;	/* SQL literals: enum or CHECK IN */
	size_t		  nlabels;
	int		  notnull;
	int		  engine_fills;	/* default, identity, generated */
	int		  key;		/* in a primary key or UNIQUE */
	int		  fk;		/* its foreign key, or -1 */
	const char	 *override;	/* SQL from the make line, or NULL */
	int64_t		  next;		/* key: first value of its sequence */
	uint64_t	  hash;		/* make_hash_base of table and name */
	int		  named;	/* make_name_kind of its name */
	int		  fk_col;	/* its place in its foreign key */
};

/* A foreign key of a table, with the parent rows it can point at. */
struct make_fk {
	char		**cols;
	char		**pcols;	/* the parent's columns */
	size_t		  n;
	char		 *parent;
	int		  nullable;	/* one of cols may be NULL */
	int		  in_key;	/* rows need distinct parents */
	int		  null;		/* a cycle: set to NULL */
	int		  skip;		/* a column of it is overridden */
	size_t		  first;	/* the column of cols[0] */
	char		**rows;		/* parent keys, n values a row */
	size_t		  nrows;
};

struct make_check {
	char		*name;
	char		*expr;
	char		*column;	/* the first it names, or NULL */
	int		 readable;	/* every part of it is followed */
};

/* A primary key or UNIQUE constraint: its columns' indexes. */
struct make_key {
	size_t		*cols;
	size_t		 n;
};

struct make_table {
	char			*name;
	struct make_column	*cols;		/* sorted by name */
	size_t			 ncols;
	struct make_fk		*fks;
	size_t			 nfks;
	struct make_check	*checks;
	size_t			 nchecks;
	struct make_key		*keys;
	size_t			 nkeys;
	int			 made;		/* being made (cycle check) */
	int			 seen;		/* visited (make_reaches) */
	uint64_t		 hash;		/* make_hash_base of name and "" */
};

struct make_schema {
	struct make_table	*tables;
	size_t			 ntables;
	char			**enums;	/* "type NAME: enum (...)" */
	size_t			 nenums;
	int			 nocase;	/* names compare without case */
};

/* make-schema.c */
int	 make_schema_read(struct conn *, struct make_schema *, char **);
void	 make_schema_free(struct make_schema *);
struct make_table *make_table_find(struct make_schema *, const char *);
struct make_column *make_column_find(struct make_table *, const char *);

/* make-check.c */
int	 make_check_apply(struct make_table *, const char *, int);

/* make-value.c */
uint64_t make_hash_base(const char *, const char *);
uint64_t make_hash(uint64_t, uint64_t, uint64_t);
void	 make_value(const struct make_column *, uint64_t, uint64_t,
	    int64_t, struct buf *);
void	 make_literal(struct buf *, const char *, int);
int	 make_name_kind(const char *);

#endif /* MAKE_H */
