/*
 * dsn-hide.c: take the password out of a --dsn argument in place, so
 * that /proc/PID/cmdline (what ps shows every local user) stops showing
 * it once sqlcheck has read it, as the mysql client does with its -p.
 * The string keeps its length and shape; only the password's bytes
 * become '*'.  Knows the forms by their text alone: a URI
 * (scheme://user:password@host/...?password=...) and a libpq conninfo
 * string (password=value or password='quoted value').  The core keeps
 * its own copy of the argument; nothing here allocates, prints or exits.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* Overwrite n bytes at p with '*'. */
static void
hide(char *p, size_t n)
{
	memset(p, '*', n);
}

/*
 * 1 if the n bytes at key, once %XX escapes are decoded, say
 * "password".
 */
static int
key_is_password(const char *key, size_t n)
{
	static const char	 want[] = "password";
	size_t			 i, k = 0;
	unsigned int		 ch;
	char			 c, hex[3];

	for (i = 0; i < n; i++) {
		c = key[i];
		if (c == '%' && i + 2 < n) {
			hex[0] = key[i + 1];
			hex[1] = key[i + 2];
			hex[2] = '\0';
			if (strspn(hex, "0123456789abcdefABCDEF") == 2) {
				ch = (unsigned int)strtoul(hex, NULL, 16);
				c = (char)ch;
				i += 2;
			}
		}
		if (k >= sizeof want - 1 || want[k++] != c)
			return 0;
	}
	return k == sizeof want - 1;
}

/*
 * A URI: the password of user:password@ (the user information ends at
 * the last '@' before the query, so that a password holding a raw '@',
 * ':' or '/' is hidden whole) and every password=VALUE of the query.
 */
static void
hide_uri(char *rest)
{
	char	*end, *at = NULL, *colon, *p, *amp, *eq;

	end = rest + strcspn(rest, "?");
	for (p = rest; p < end; p++) {
		if (*p == '@')
			at = p;
	}
	if (at != NULL) {
		colon = memchr(rest, ':', (size_t)(at - rest));
		if (colon != NULL)
			hide(colon + 1, (size_t)(at - colon - 1));
	}
	if (*end != '?')
		return;
	for (p = end + 1; *p != '\0'; p = *amp == '&' ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq != NULL && key_is_password(p, (size_t)(eq - p)))
			hide(eq + 1, (size_t)(amp - eq - 1));
	}
}

/*
 * The value that starts at *p in a conninfo string: moves *p to where
 * its text starts (past an opening quote), sets *next to the end of the
 * value (past a closing quote) and returns the length of its text.  A
 * quoted value may hold backslash escapes.
 */
static size_t
conninfo_value(char **p, char **next)
{
	char	*q;

	if (**p != '\'') {
		*next = *p + strcspn(*p, " \t\n\r\f\v");
		return (size_t)(*next - *p);
	}
	(*p)++;
	for (q = *p; *q != '\0' && *q != '\''; q++) {
		if (*q == '\\' && q[1] != '\0')
			q++;
	}
	*next = *q == '\'' ? q + 1 : q;
	return (size_t)(q - *p);
}

/*
 * A conninfo string, key = value pairs: the value of every password key
 * (inside its quotes, when quoted).  A string that does not parse is
 * hidden up to where it stops parsing, no further.
 */
static void
hide_conninfo(char *s)
{
	const char	*ws = " \t\n\r\f\v";
	char		*p = s, *key, *next;
	size_t		 keylen, len;

	for (;;) {
		p += strspn(p, ws);
		if (*p == '\0')
			return;
		key = p;
		keylen = strcspn(p, "= \t\n\r\f\v");
		p += keylen;
		p += strspn(p, ws);
		if (*p != '=')
			return;
		p++;
		p += strspn(p, ws);
		len = conninfo_value(&p, &next);
		if (keylen == 8 && strncmp(key, "password", 8) == 0)
			hide(p, len);
		p = next;
	}
}

/*
 * Overwrite the password in dsn, in place, with as many '*'s: the
 * user:password of a URI and its password= parameters, or the value of
 * password= in a conninfo string.  A dsn without one (a SQLite path, a
 * database name) is left as it is.  NULL is a no-op.
 */
void
dsn_hide_password(char *dsn)
{
	char	*sep;

	if (dsn == NULL)
		return;
	sep = strstr(dsn, "://");
	if (sep != NULL && strcspn(dsn, "= \t'") > (size_t)(sep - dsn))
		hide_uri(sep + 3);
	else if (strchr(dsn, '=') != NULL)
		hide_conninfo(dsn);
}
