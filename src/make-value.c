/*
 * make-value.c: one value of a column for "-- make:", as an SQL literal
 * that every engine reads the same way.  A value depends only on the
 * column (its type, range, labels, name) and two numbers: a hash (of the
 * seed, table, column and row) and, for a key column, its place in the
 * column's sequence, which makes it distinct.  Column names pick
 * realistic values from a small built-in vocabulary.  No engine calls.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "make.h"

static const char *const first_names[] = {
	"Ann", "Bob", "Carla", "Dmitri", "Emma", "Farid", "Grace", "Hiro",
	"Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya"
};
static const char *const last_names[] = {
	"Smith", "Garcia", "Nguyen", "Okafor", "Rossi", "Kowalski", "Tanaka",
	"Silva", "Dubois", "Jensen", "Haddad", "Novak"
};
static const char *const cities[] = {
	"Lisbon", "Osaka", "Nairobi", "Toronto", "Krakow", "Lyon", "Austin",
	"Bergen", "Cusco", "Perth"
};
static const char *const countries[] = {
	"Portugal", "Japan", "Kenya", "Canada", "Poland", "France",
	"United States", "Norway", "Peru", "Australia"
};
#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

/* A 64-bit mix (splitmix64's finalizer). */
static uint64_t
make_mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

/* What the hash of a column starts from: its table and name. */
uint64_t
make_hash_base(const char *table, const char *column)
{
	uint64_t		 h = UINT64_C(1469598103934665603);
	const unsigned char	*s;

	for (s = (const unsigned char *)table; *s != '\0'; s++)
		h = (h ^ (uint64_t)tolower(*s)) * UINT64_C(1099511628211);
	h = (h ^ '.') * UINT64_C(1099511628211);
	for (s = (const unsigned char *)column; *s != '\0'; s++)
		h = (h ^ (uint64_t)tolower(*s)) * UINT64_C(1099511628211);
	return h;
}

/*
 * The hash of a row's column (base from make_hash_base): the same on
 * every engine and every run.
 */
uint64_t
make_hash(uint64_t base, uint64_t seed, uint64_t row)
{
	return make_mix(base ^ make_mix(seed) ^ make_mix(row * 2 + 1));
}

/* s as an SQL string literal (quotes doubled; backslashes for MySQL). */
void
make_literal(struct buf *out, const char *s, int backslash)
{
	const char	*special = backslash ? "'\\" : "'";
	size_t		 n;

	buf_addc(out, '\'');
	for (;;) {
		n = strcspn(s, special);
		buf_add(out, s, n);
		s += n;
		if (*s == '\0')
			break;
		buf_addc(out, *s);	/* doubled */
		buf_addc(out, *s++);
	}
	buf_addc(out, '\'');
}

/* 1 if the column's name is, or ends in "_" and, word. */
static int
make_named(const char *name, const char *word)
{
	size_t	n = strlen(name), w = strlen(word);

	if (strcasecmp(name, word) == 0)
		return 1;
	return n > w + 1 && name[n - w - 1] == '_' &&
	    strcasecmp(name + n - w, word) == 0;
}

/* What a column's name says its values are (MAKE_NAMED_*). */
int
make_name_kind(const char *name)
{
	if (make_named(name, "email"))
		return MAKE_NAMED_EMAIL;
	if (make_named(name, "first_name") || strcasecmp(name,
	    "firstname") == 0)
		return MAKE_NAMED_FIRST;
	if (make_named(name, "last_name") || strcasecmp(name,
	    "lastname") == 0 || strcasecmp(name, "surname") == 0)
		return MAKE_NAMED_LAST;
	if (make_named(name, "name"))
		return MAKE_NAMED_NAME;
	if (make_named(name, "phone"))
		return MAKE_NAMED_PHONE;
	if (make_named(name, "city"))
		return MAKE_NAMED_CITY;
	if (make_named(name, "country"))
		return MAKE_NAMED_COUNTRY;
	if (make_named(name, "url") || make_named(name, "website"))
		return MAKE_NAMED_URL;
	return MAKE_NAMED_NONE;
}

/* Realistic text by the column's name into b; 0 if the name says none. */
static int
make_named_text(const struct make_column *c, uint64_t person, int64_t n,
    struct buf *b)
{
	const char	*first = first_names[person % NITEMS(first_names)];
	const char	*last = last_names[(person >> 8) % NITEMS(last_names)];
	size_t		 i;

	switch (c->named) {
	case MAKE_NAMED_EMAIL:
		buf_printf(b, "%s.%s%" PRId64 "@example.com", first, last, n);
		for (i = 0; i < b->len; i++)
			b->data[i] = (char)tolower((unsigned char)b->data[i]);
		break;
	case MAKE_NAMED_FIRST:
		buf_adds(b, first);
		break;
	case MAKE_NAMED_LAST:
		buf_adds(b, last);
		break;
	case MAKE_NAMED_NAME:
		buf_adds(b, first);
		buf_addc(b, ' ');
		buf_adds(b, last);
		break;
	case MAKE_NAMED_PHONE:
		buf_printf(b, "+1-555-%04" PRId64, n % 10000);
		break;
	case MAKE_NAMED_CITY:
		buf_adds(b, cities[(person >> 16) % NITEMS(cities)]);
		break;
	case MAKE_NAMED_COUNTRY:
		buf_adds(b, countries[(person >> 16) % NITEMS(countries)]);
		break;
	case MAKE_NAMED_URL:
		buf_printf(b, "https://example.com/%s/%" PRId64, c->name, n);
		break;
	default:
		return 0;
	}
	return 1;
}

/*
 * A text value: realistic by name or "column n", n distinct for a key;
 * cut to the column's length keeping a key's number, padded to its
 * fewest characters.
 */
static void
make_text(const struct make_column *c, uint64_t h, uint64_t person,
    int64_t seq, struct buf *out)
{
	struct buf	 b;
	char		 num[32];
	int64_t		 n = c->key ? seq : (int64_t)(h % 1000) + 1;
	size_t		 keep;

	buf_init(&b);
	if (!make_named_text(c, person, n, &b)) {
		buf_adds(&b, c->name);
		buf_addc(&b, ' ');
		buf_add_int64(&b, n);
	} else if (c->key && c->named != MAKE_NAMED_EMAIL &&
	    c->named != MAKE_NAMED_URL && c->named != MAKE_NAMED_PHONE) {
		buf_addc(&b, ' ');
		buf_add_int64(&b, n);
	}
	if (c->len > 0 && b.len > (size_t)c->len) {
		snprintf(num, sizeof num, "%" PRId64, n);
		keep = c->key && strlen(num) < (size_t)c->len ?
		    (size_t)c->len - strlen(num) : (size_t)c->len;
		b.len = keep;
		b.data[keep] = '\0';
		if (keep < (size_t)c->len)
			buf_adds(&b, num);
	}
	while ((int)b.len < c->minlen && (c->len == 0 || (int)b.len < c->len))
		buf_addc(&b, 'x');
	make_literal(out, b.data, 0);
	buf_free(&b);
}

/* A number in the column's range: the sequence for a key. */
static int64_t
make_number(const struct make_column *c, uint64_t h, int64_t seq)
{
	int64_t		lo = c->lo, hi = c->hi;
	uint64_t	span;

	if (c->key)
		return seq;
	if (lo < 1 && hi >= 1)
		lo = 1;
	if (hi - lo > 999)
		hi = lo + 999;
	span = (uint64_t)(hi - lo) + 1;
	return lo + (int64_t)(h % span);
}

/* v (0 <= v < 10^width) in width digits, zeros in front. */
static void
make_digits(struct buf *out, int64_t v, int width)
{
	char	d[8];
	int	i;

	for (i = width - 1; i >= 0; i--, v /= 10)
		d[i] = (char)('0' + v % 10);
	buf_add(out, d, (size_t)width);
}

/* Days since 1970-01-01 as a civil date (Howard Hinnant's algorithm). */
static void
make_date(int64_t days, struct buf *out)
{
	int64_t		z = days + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 0 || y > 9999) {
		buf_printf(out, "%04" PRId64 "-%02" PRId64 "-%02" PRId64, y,
		    m, d);
		return;
	}
	make_digits(out, y, 4);
	buf_addc(out, '-');
	make_digits(out, m, 2);
	buf_addc(out, '-');
	make_digits(out, d, 2);
}

/* Dates from 2024-01-01 (19723 days after 1970-01-01) on. */
#define MAKE_DAY0	19723

static void
make_moment(const struct make_column *c, uint64_t h, int64_t seq,
    struct buf *out)
{
	int64_t	day = c->key ? seq : (int64_t)(h % 730);
	int	secs = (int)((h >> 20) % 86400);

	buf_addc(out, '\'');
	if (c->cls != MAKE_TIME)
		make_date(MAKE_DAY0 + day, out);
	if (c->cls == MAKE_TIMESTAMP)
		buf_addc(out, ' ');
	if (c->cls != MAKE_DATE) {
		if (c->key && c->cls == MAKE_TIME)
			secs = (int)(seq % 86400);
		buf_printf(out, "%02d:%02d:%02d", secs / 3600,
		    secs / 60 % 60, secs % 60);
	}
	buf_addc(out, '\'');
}

/*
 * Append to out the value of column c for a row with hash h (the row's
 * column), person (the row: its names agree) and, for a key column,
 * sequence number seq.
 */
void
make_value(const struct make_column *c, uint64_t h, uint64_t person,
    int64_t seq, struct buf *out)
{
	uint64_t	u;
	int64_t		v;

	if (c->nlabels > 0) {
		buf_adds(out, c->labels[(c->key ? (uint64_t)seq : h) %
		    c->nlabels]);
		return;
	}
	switch (c->cls) {
	case MAKE_INT:
		buf_add_int64(out, make_number(c, h, seq));
		break;
	case MAKE_NUMERIC:
	case MAKE_FLOAT:
		v = make_number(c, h, seq);
		buf_add_int64(out, v);
		if (!c->key && v < c->hi && (c->scale > 0 ||
		    c->cls == MAKE_FLOAT))
			buf_printf(out, ".%02d", (int)((h >> 24) % 100));
		break;
	case MAKE_BOOL:
		buf_adds(out, (h >> 33) & 1 ? "TRUE" : "FALSE");
		break;
	case MAKE_DATE:
	case MAKE_TIME:
	case MAKE_TIMESTAMP:
		make_moment(c, h, seq, out);
		break;
	case MAKE_UUID:
		u = c->key ? make_mix((uint64_t)seq) : h;
		buf_printf(out, "'%08" PRIx64 "-%04" PRIx64 "-4%03" PRIx64
		    "-8%03" PRIx64 "-%012" PRIx64 "'", u >> 32,
		    (u >> 16) & 0xffff, u & 0xfff, (u >> 40) & 0xfff,
		    c->key ? (uint64_t)seq : (make_mix(h) & UINT64_C(0xffffffffffff)));
		break;
	case MAKE_JSON:
		buf_printf(out, "'{\"%s\": %" PRId64 "}'", c->name,
		    c->key ? seq : (int64_t)(h % 1000));
		break;
	default:
		make_text(c, h, person, seq, out);
		break;
	}
}
