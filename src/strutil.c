/*
 * strutil.c: small string helpers for the readers and the command line:
 * trimming, prefix tests and lists of strings (char ** plus a count,
 * each element owned by the list).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* Trim white space at both ends, in place; returns the new start. */
char *
str_trim(char *s)
{
	size_t	len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* Length of prefix if s starts with it (ignoring case), else 0. */
int
str_iprefix(const char *s, const char *prefix)
{
	size_t	n;

	n = strlen(prefix);
	if (strncasecmp(s, prefix, n) != 0)
		return 0;
	return (int)n;
}

/* 1 if list holds s (ignoring case). */
int
str_list_has(char *const *list, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(list[i], s) == 0)
			return 1;
	}
	return 0;
}

/* Append a copy of s to a list. */
void
str_list_add(char ***list, size_t *n, const char *s)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrdup(s);
}

/* Free a list and its strings. */
void
str_list_free(char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/*
 * Split "a, b ,c" on commas into trimmed, non-empty items appended to a
 * list.  Returns the number of items added.
 */
int
str_split_list(const char *s, char ***list, size_t *n)
{
	char	*copy, *item, *next;
	int	 added = 0;

	copy = xstrdup(s);
	for (item = copy; item != NULL; item = next) {
		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		item = str_trim(item);
		if (*item == '\0')
			continue;
		str_list_add(list, n, item);
		added++;
	}
	free(copy);
	return added;
}

/*
 * The length of the valid UTF-8 sequence that starts at s (1 to 4), or 0
 * if the bytes there are none: a stray continuation byte, an overlong or
 * truncated sequence, a surrogate, or beyond U+10FFFF.  s is
 * NUL-terminated, which stops a truncated sequence.
 */
size_t
str_utf8_len(const unsigned char *s)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	}
	return n;
}

/*
 * SQL text in a canonical form, for comparing schemas: white space and
 * comments become one space, none around parentheses or before a comma
 * and one after it; letters outside quotes are lower-cased; quoted
 * strings and identifiers (SQLite's [names] too: lex.c's LEX_SQLITE)
 * are kept as written.  Caller frees.
 */
char *
str_sql_normalize(const char *s)
{
	struct buf		 b;
	struct lex_token	 t;
	int			 space = 0;
	char			 last = '\0', c;
	size_t			 i;

	buf_init(&b);
	for (s = lex_next(s, NULL, LEX_SQLITE, &t); t.kind != LEX_END;
	    s = lex_next(s, NULL, LEX_SQLITE, &t)) {
		if (t.kind == LEX_SPACE || t.kind == LEX_COMMENT) {
			space = 1;
			continue;
		}
		for (i = 0; i < t.len; i++) {
			c = t.start[i];
			if (c == ')' || c == ',' || c == '(' || last == '(')
				space = 0;
			if (last == ',')
				space = 1;
			if (space && b.len > 0)
				buf_addc(&b, ' ');
			space = 0;
			last = c;
			if (t.kind == LEX_IDENT || t.kind == LEX_STRING) {
				buf_add(&b, t.start, t.len);
				break;
			}
			buf_addc(&b, (char)tolower((unsigned char)c));
		}
	}
	return buf_detach(&b);
}

/* 1 if s is a plain SQL identifier: a letter or _, then letters, digits, _. */
int
str_is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	return *s == '\0';
}

/* 1 if s ends with suffix (an empty suffix ends every string). */
int
str_ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* 1 if name is ext after at least one character: "a.slt", not ".slt". */
int
str_has_extension(const char *name, const char *ext)
{
	return strlen(name) > strlen(ext) && str_ends_with(name, ext);
}

/*
 * The first occurrence of needle in haystack, ASCII case ignored, or
 * NULL (strcasestr is a GNU extension).
 */
const char *
str_icontains(const char *haystack, const char *needle)
{
	size_t	m = strlen(needle);

	for (; *haystack != '\0'; haystack++)
		if (strncasecmp(haystack, needle, m) == 0)
			return haystack;
	return m == 0 ? haystack : NULL;
}

/* The edit distance of a and b (ignoring case), bounded by 255. */
static size_t
str_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, d[256], diag, up;

	if (la > 255 || lb > 255)
		return 255;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		diag = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			up = d[j];
			d[j] = tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 1]) ? diag : diag + 1;
			if (up + 1 < d[j])
				d[j] = up + 1;
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			diag = up;
		}
	}
	return d[lb];
}

/*
 * How close a mistyped word is to a valid candidate: 0 for unrelated,
 * higher for closer.  A candidate is near when one word starts with the
 * other ("rowsorted", "rowsort") or when few letters differ (a third of
 * the candidate's length, at least one).
 */
int
str_nearness(const char *word, const char *candidate)
{
	size_t	lw = strlen(word), lc = strlen(candidate), dist, limit;

	if (lw == 0 || lc == 0)
		return 0;
	dist = str_distance(word, candidate);
	limit = lc / 3 > 0 ? lc / 3 : 1;
	if (dist <= limit ||
	    strncasecmp(word, candidate, lw < lc ? lw : lc) == 0)
		return dist < 255 ? (int)(256 - dist) : 1;
	return 0;
}

/* Append arg to b, in single quotes when the shell would split it. */
static void
command_word(struct buf *b, const char *arg)
{
	const char	*s;

	if (*arg != '\0' && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+") == strlen(arg)) {
		buf_adds(b, arg);
		return;
	}
	buf_addc(b, '\'');
	for (s = arg; *s != '\0'; s++) {
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

/*
 * The command line as a shell would take it back, for reports, with the
 * bytes of any password in a word shaped like a DSN made '*' (as
 * dsn_hide_password() does to --dsn).  Caller frees.
 */
char *
str_command_line(int argc, char *const *argv)
{
	struct buf	 b;
	char		*word;
	int		 i;

	buf_init(&b);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		word = xstrdup(argv[i]);
		dsn_hide_password(word);
		command_word(&b, word);
		free(word);
	}
	return buf_detach(&b);
}

/*
 * qsort(base, n, size, cmp), which may not be given the NULL of an empty
 * array: an array of fewer than two elements is left as it is.
 */
void
sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
