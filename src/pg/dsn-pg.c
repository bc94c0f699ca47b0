/*
 * dsn-pg.c: PostgreSQL connection strings for the driver module: which
 * one to use (--dsn, DATABASE_URL, libpq's defaults), how to describe it
 * in a message without its password, and how to take every copy of a
 * password out of a message libpq wrote.  Works on text alone, without
 * a session.  Nothing here prints or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver-pg.h"

static int	 pg_is_uri(const char *);
static char	*pg_describe_uri(const char *);
static int	 pg_uri_param_is_password(const char *, size_t);

/*
 * The connection string to use: dsn if given (not NULL or ""), else
 * DATABASE_URL when it is a PostgreSQL URI, else "" (libpq's PG*
 * variables and defaults).  The result is borrowed.
 */
const char *
pg_effective_dsn(const char *dsn)
{
	const char	*url;

	if (dsn != NULL && *dsn != '\0')
		return dsn;
	url = getenv("DATABASE_URL");
	if (url != NULL && pg_is_uri(url))
		return url;
	return "";
}

/* 1 if s is a postgres:// or postgresql:// URI. */
static int
pg_is_uri(const char *s)
{
	return strncmp(s, "postgresql://", 13) == 0 ||
	    strncmp(s, "postgres://", 11) == 0;
}

/*
 * msg with every copy of what replaced by with (what NULL or "" changes
 * nothing).  msg is consumed; the result is the caller's.
 */
static char *
pg_replace(char *msg, const char *what, const char *with)
{
	struct buf	 b;
	const char	*p, *hit;
	size_t		 n;

	if (what == NULL || *what == '\0' || strstr(msg, what) == NULL)
		return msg;
	n = strlen(what);
	buf_init(&b);
	for (p = msg; (hit = strstr(p, what)) != NULL; p = hit + n) {
		buf_add(&b, p, (size_t)(hit - p));
		buf_adds(&b, with);
	}
	buf_adds(&b, p);
	free(msg);
	return buf_detach(&b);
}

/* n bytes of s with %XX escapes decoded.  Caller frees. */
static char *
pg_percent_decode(const char *s, size_t n)
{
	struct buf	b;
	unsigned int	ch;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    sscanf(s + i + 1, "%2x", &ch) == 1) {
			buf_addc(&b, (char)ch);
			i += 2;
		} else
			buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/*
 * The password written in a DSN, found by its text alone (the DSN may
 * not parse): in a URI, the userinfo's or the password parameter's, into
 * *raw as written and *decoded percent-decoded; in a conninfo string, the
 * value after "password =", unquoted, into *raw.  Either is set to NULL
 * when there is none.  Caller frees both.
 */
static void
pg_dsn_password(const char *dsn, char **raw, char **decoded)
{
	const char	*p, *at = NULL, *end, *colon, *q;
	size_t		 n;

	*raw = *decoded = NULL;
	if (pg_is_uri(dsn)) {
		p = strstr(dsn, "://") + 3;
		end = p + strcspn(p, "/?");
		for (q = p; q < end; q++) {
			if (*q == '@')
				at = q;
		}
		colon = at != NULL ? memchr(p, ':', (size_t)(at - p)) : NULL;
		if (colon != NULL)
			q = colon + 1, n = (size_t)(at - colon - 1);
		else if ((q = strstr(dsn, "password=")) != NULL)
			q += 9, n = strcspn(q, "&");
		else
			return;
		*raw = xstrndup(q, n);
		*decoded = pg_percent_decode(q, n);
		return;
	}
	if ((p = strstr(dsn, "password")) == NULL)
		return;
	p += 8 + strspn(p + 8, " \t\n");
	if (*p != '=')
		return;
	p++;
	p += strspn(p, " \t\n");
	if (*p == '\'') {
		p++;
		n = strcspn(p, "'");
	} else
		n = strcspn(p, " \t\n");
	*raw = xstrndup(p, n);
}

/*
 * A connection failure's message without the password: libpq quotes a
 * URI it cannot parse whole.  Every copy of the DSN becomes its
 * description (a URI without its userinfo password), then every copy of
 * its password (as written or decoded) and of PGPASSWORD becomes
 * "********".  msg is consumed; the result is the caller's.
 */
char *
pg_scrub(char *msg, const char *dsn)
{
	const char	*eff = pg_effective_dsn(dsn);
	char		*safe, *raw, *decoded;

	if (*eff != '\0' && strstr(msg, eff) != NULL) {
		safe = pg_is_uri(eff) ? pg_describe_uri(eff) : pg_describe(dsn);
		msg = pg_replace(msg, eff, safe);
		free(safe);
	}
	pg_dsn_password(eff, &raw, &decoded);
	msg = pg_replace(msg, raw, "********");
	msg = pg_replace(msg, decoded, "********");
	free(raw);
	free(decoded);
	return pg_replace(msg, getenv("PGPASSWORD"), "********");
}

/*
 * A URI without its password: the user:password@ userinfo loses
 * ":password", and a password query parameter is dropped.  The userinfo
 * ends at the last '@' before any '/' (libpq takes the first, but a
 * password with a raw '@' in it must not show either).  Caller frees.
 */
static char *
pg_describe_uri(const char *uri)
{
	struct buf	 b;
	const char	*p, *at, *colon, *q, *amp;
	size_t		 start;
	char		 sep;

	start = strncmp(uri, "postgresql://", 13) == 0 ? 13 : 11;
	buf_init(&b);
	buf_add(&b, uri, start);
	p = uri + start;
	at = NULL;
	for (q = p; *q != '\0' && *q != '/' && *q != '?'; q++) {
		if (*q == '@')
			at = q;
	}
	if (at != NULL) {
		colon = memchr(p, ':', (size_t)(at - p));
		buf_add(&b, p, (size_t)((colon != NULL ? colon : at) - p));
		p = at;
	}
	q = strchr(p, '?');
	if (q == NULL) {
		buf_adds(&b, p);
		return buf_detach(&b);
	}
	buf_add(&b, p, (size_t)(q - p));
	sep = '?';
	for (p = q + 1;; p = amp + 1) {
		amp = p + strcspn(p, "&");
		if (amp > p &&
		    !pg_uri_param_is_password(p, (size_t)(amp - p))) {
			buf_addc(&b, sep);
			buf_add(&b, p, (size_t)(amp - p));
			sep = '&';
		}
		if (*amp == '\0')
			break;
	}
	return buf_detach(&b);
}

/* 1 if a URI query parameter's key, percent-decoded, is "password". */
static int
pg_uri_param_is_password(const char *p, size_t len)
{
	static const char	 want[] = "password";
	size_t			 i, k = 0;
	unsigned int		 ch;
	char			 c;

	for (i = 0; i < len && p[i] != '='; i++) {
		c = p[i];
		if (c == '%' && i + 2 < len &&
		    sscanf(p + i + 1, "%2x", &ch) == 1) {
			c = (char)ch;
			i += 2;
		}
		if (k >= sizeof want - 1 || want[k++] != c)
			return 0;
	}
	return k == sizeof want - 1;
}

/*
 * Parsed options as a conninfo string, "key=value" for each one set, the
 * password left out and values quoted where needed.  Caller frees.
 */
static char *
pg_describe_opts(PQconninfoOption *opts)
{
	PQconninfoOption	*o;
	struct buf		 b;
	const char		*v;

	buf_init(&b);
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || strcmp(o->keyword, "password") == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_printf(&b, "%s=", o->keyword);
		if (*o->val != '\0' && strpbrk(o->val, " \t\n'\\") == NULL) {
			buf_adds(&b, o->val);
			continue;
		}
		buf_addc(&b, '\'');
		for (v = o->val; *v != '\0'; v++) {
			if (*v == '\'' || *v == '\\')
				buf_addc(&b, '\\');
			buf_addc(&b, *v);
		}
		buf_addc(&b, '\'');
	}
	return buf_detach(&b);
}

/* 1 if s sets a password, or cannot be parsed (so may hold one). */
static int
pg_has_password(const char *s)
{
	PQconninfoOption	*opts, *o;
	char			*errmsg = NULL;
	int			 found = 0;

	opts = PQconninfoParse(s, &errmsg);
	if (opts == NULL) {
		PQfreemem(errmsg);
		return 1;
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    *o->val != '\0')
			found = 1;
	}
	PQconninfoFree(opts);
	return found;
}

/*
 * The connection string pg_open would use for dsn, with any password
 * removed, for messages.  A URI keeps its form; a conninfo string is
 * rebuilt from its parsed options.  "" stands for libpq's defaults.
 * Caller frees.
 */
char *
pg_describe(const char *dsn)
{
	PQconninfoOption	*opts;
	const char		*eff;
	char			*s, *errmsg = NULL;

	eff = pg_effective_dsn(dsn);
	if (!pg_is_uri(eff) && strchr(eff, '=') == NULL)
		return xstrdup(eff);	/* a database name */
	if (pg_is_uri(eff)) {
		s = pg_describe_uri(eff);
		if (!pg_has_password(s))
			return s;
		free(s);
	}
	opts = PQconninfoParse(eff, &errmsg);
	if (opts == NULL) {
		PQfreemem(errmsg);
		return xstrdup("(invalid connection string)");
	}
	s = pg_describe_opts(opts);
	PQconninfoFree(opts);
	return s;
}