/*
 * lex.h: the one SQL lexer (lex.c).  Every reader of SQL text in the core
 * (the statement splitter, sqlscan, the schema normalizer, the
 * transaction classifier, SQLite's CREATE TABLE reader) cuts text into
 * tokens with it; the quoting rules of each engine are flags.
 */
#ifndef SQLCHECK_LEX_H
#define SQLCHECK_LEX_H

#include <stddef.h>

/* Quoting rules; the engine presets are below. */
#define LEX_BRACKETS	0x01	/* [name] quotes an identifier */
#define LEX_DOLLAR	0x02	/* $$..$$ and $tag$..$tag$ are strings */
#define LEX_E_STRINGS	0x04	/* E'..' takes backslash escapes */
#define LEX_NESTED	0x08	/* block comments nest */
#define LEX_BACKSLASH	0x10	/* backslash escapes in '..' and ".." */
#define LEX_EXEC_COMMENTS 0x20	/* slash-star-bang opens code (MySQL) */

#define LEX_SQLITE	LEX_BRACKETS
#define LEX_POSTGRES	(LEX_DOLLAR | LEX_E_STRINGS | LEX_NESTED)
#define LEX_MYSQL	(LEX_BACKSLASH | LEX_EXEC_COMMENTS)

enum lex_kind {
	LEX_END,		/* end of the text */
	LEX_SPACE,		/* white space */
	LEX_COMMENT,		/* -- to the end of the line, or a block */
	LEX_WORD,		/* bare word, keyword or number */
	LEX_IDENT,		/* "quoted", `quoted` or [quoted] name */
	LEX_STRING,		/* 'literal', E'literal', $tag$literal$tag$ */
	LEX_PUNCT		/* one other byte */
};

/* A token: it points into the text, nothing is copied. */
struct lex_token {
	enum lex_kind	 kind;
	const char	*start;
	size_t		 len;
};

int		 lex_rules(const char *);
const char	*lex_next(const char *, const char *, int,
		    struct lex_token *);
const char	*lex_next_code(const char *, const char *, int,
		    struct lex_token *);
int		 lex_is(const struct lex_token *, const char *);
int		 lex_is_punct(const struct lex_token *, char);
int		 lex_is_name(const struct lex_token *);
char		*lex_name(const struct lex_token *);

#endif
