/*
 * dsn-mysql.c: mysql:// and mariadb:// DSNs for the MySQL driver module
 * (user, password, host, port, database, ?socket=), the choice between
 * --dsn, SQLCHECK_DSN and DATABASE_URL, and a DSN's description without
 * its password, for messages.  Works on text alone, without a session.
 * Nothing here prints or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver-mysql.h"

/* The DSN after "mysql://" or "mariadb://", or NULL for another scheme. */
static const char *
my_dsn_rest(const char *dsn)
{
	if (strncasecmp(dsn, "mysql://", 8) == 0)
		return dsn + 8;
	if (strncasecmp(dsn, "mariadb://", 10) == 0)
		return dsn + 10;
	return NULL;
}

/*
 * The DSN to use: dsn if given, else $DATABASE_URL if it names a MySQL
 * server, else NULL for the library's defaults (the login name over the
 * default unix socket).
 */
const char *
my_dsn_choose(const char *dsn)
{
	const char	*env;

	if (dsn != NULL && *dsn != '\0')
		return dsn;
	env = getenv("DATABASE_URL");
	if (env != NULL && my_dsn_rest(env) != NULL)
		return env;
	return NULL;
}

/*
 * Percent-decode n bytes of s into a new string (a malformed escape stays
 * as it is).  Returns NULL when n is 0, so empty parts are absent.
 */
static char *
my_decode(const char *s, size_t n)
{
	char	*out, *p;
	char	 hex[3];
	size_t	 i;

	if (n == 0)
		return NULL;
	out = p = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			hex[2] = '\0';
			*p++ = (char)strtoul(hex, NULL, 16);
			i += 2;
		} else
			*p++ = s[i];
	}
	*p = '\0';
	return out;
}

/*
 * The last '@' between s and end, or NULL.  The user information ends at
 * the last '@' before the query string, so that a password holding an
 * unencoded '@', ':' or '/' is still cut out whole by describe().
 */
static const char *
my_last_at(const char *s, const char *end)
{
	const char	*at = NULL;

	for (; s < end; s++) {
		if (*s == '@')
			at = s;
	}
	return at;
}

/*
 * Parse "host", "host:port", "[v6]" or "[v6]:port" between s and end.
 * Returns 0, or -1 with *cause.
 */
static int
my_parse_hostport(struct my_dsn *d, const char *s, const char *end,
    char **cause)
{
	const char	*colon = NULL, *p;
	unsigned long	 port;
	char		*ep, *text;

	if (s < end && *s == '[') {
		p = memchr(s, ']', (size_t)(end - s));
		if (p == NULL) {
			*cause = xstrdup("invalid mysql DSN: missing \"]\"");
			return -1;
		}
		d->host = my_decode(s + 1, (size_t)(p - s - 1));
		if (p + 1 < end && p[1] == ':')
			colon = p + 1;
	} else {
		for (p = s; p < end; p++) {
			if (*p == ':')
				colon = p;
		}
		d->host = my_decode(s, (size_t)((colon ? colon : end) - s));
	}
	if (colon == NULL || colon + 1 == end)
		return 0;
	text = xstrndup(colon + 1, (size_t)(end - colon - 1));
	port = strtoul(text, &ep, 10);
	if (*ep != '\0' || port == 0 || port > 65535 ||
	    strspn(text, "0123456789") != strlen(text)) {
		*cause = xprintf("invalid mysql DSN: bad port \"%s\"", text);
		free(text);
		return -1;
	}
	free(text);
	d->port = (unsigned int)port;
	return 0;
}

/*
 * Parse the query string ("socket=/path", "option-file=/path",
 * '&'-separated).  Returns 0, or -1 with *cause for an unknown
 * parameter.
 */
static int
my_parse_query(struct my_dsn *d, const char *q, char **cause)
{
	const char	*end, *eq;
	size_t		 klen;

	while (*q != '\0') {
		end = q + strcspn(q, "&");
		eq = memchr(q, '=', (size_t)(end - q));
		klen = (size_t)((eq != NULL ? eq : end) - q);
		if (klen == 6 && strncmp(q, "socket", 6) == 0) {
			free(d->socket);
			d->socket = eq != NULL ?
			    my_decode(eq + 1, (size_t)(end - eq - 1)) : NULL;
		} else if (klen == 11 && strncmp(q, "option-file", 11) == 0) {
			free(d->option_file);
			d->option_file = eq != NULL ?
			    my_decode(eq + 1, (size_t)(end - eq - 1)) : NULL;
		} else if (klen != 0) {
			*cause = xprintf("invalid mysql DSN: unknown parameter "
			    "\"%.*s\"", (int)klen, q);
			return -1;
		}
		q = *end == '&' ? end + 1 : end;
	}
	return 0;
}

/*
 * Parse mysql://user:pass@host:port/db?socket=/path&option-file=/path
 * (or mariadb://) into d, every part optional and percent-decoded.  A NULL dsn leaves d empty.
 * Returns 0, or -1 with *cause, which never quotes the password.
 */
int
my_dsn_parse(const char *dsn, struct my_dsn *d, char **cause)
{
	const char	*rest, *end, *at, *colon, *host, *slash;

	memset(d, 0, sizeof *d);
	if (dsn == NULL)
		return 0;
	rest = my_dsn_rest(dsn);
	if (rest == NULL) {
		*cause = xstrdup("invalid mysql DSN: it must start with "
		    "mysql:// or mariadb://");
		return -1;
	}
	end = rest + strcspn(rest, "?");
	host = rest;
	at = my_last_at(rest, end);
	if (at != NULL) {
		colon = memchr(rest, ':', (size_t)(at - rest));
		d->user = my_decode(rest, (size_t)((colon ? colon : at) - rest));
		if (colon != NULL)
			d->password = my_decode(colon + 1,
			    (size_t)(at - colon - 1));
		host = at + 1;
	}
	slash = memchr(host, '/', (size_t)(end - host));
	if (my_parse_hostport(d, host, slash ? slash : end, cause) != 0)
		return -1;
	if (slash != NULL)
		d->db = my_decode(slash + 1, (size_t)(end - slash - 1));
	if (*end == '?')
		return my_parse_query(d, end + 1, cause);
	return 0;
}

/* Free the strings of a DSN, scrubbing the password. */
void
my_dsn_free(struct my_dsn *d)
{
	if (d->password != NULL)
		memset(d->password, 0, strlen(d->password));
	free(d->user);
	free(d->password);
	free(d->host);
	free(d->db);
	free(d->socket);
	free(d->option_file);
	memset(d, 0, sizeof *d);
}

/* 1 if the library will connect over a unix socket (no host, localhost). */
static int
my_uses_socket(const struct my_dsn *d)
{
	return d->host == NULL || strcmp(d->host, "localhost") == 0;
}

/*
 * Where a DSN points, for messages: "HOST:PORT/DB" over TCP,
 * "localhost/DB (socket PATH)" over a unix socket.  Caller frees.
 */
char *
my_where(const struct my_dsn *d)
{
	const char	*db = d->db != NULL ? d->db : "";
	const char	*slash = d->db != NULL ? "/" : "";

	if (my_uses_socket(d)) {
		if (d->socket == NULL)
			return xprintf("localhost%s%s (default socket)",
			    slash, db);
		return xprintf("localhost%s%s (socket %s)", slash, db,
		    d->socket);
	}
	return xprintf("%s:%u%s%s", d->host, d->port != 0 ? d->port : 3306,
	    slash, db);
}

/*
 * The DSN with its password removed ("mysql://user@host/db"), for
 * messages; without a DSN, what open() would use.  Caller frees.
 */
char *
my_describe(const char *dsn)
{
	const char	*d, *rest, *end, *at, *colon;

	d = my_dsn_choose(dsn);
	if (d == NULL)
		return xstrdup("mysql://localhost (default socket)");
	rest = strstr(d, "://");
	if (rest == NULL)
		return xstrdup(d);
	rest += 3;
	end = rest + strcspn(rest, "?");
	at = my_last_at(rest, end);
	if (at == NULL)
		return xstrdup(d);
	colon = memchr(rest, ':', (size_t)(at - rest));
	if (colon == NULL)
		return xstrdup(d);
	return xprintf("%.*s%s", (int)(colon - d), d, at);
}
