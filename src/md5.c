/*
 * md5.c: the MD5 message digest as specified in RFC 1321, used for the
 * sqllogictest rule "N values hashing to H".  Not for security.
 */
#include <string.h>

#include "sqlcheck.h"

#define MD5_F(x, y, z)	(((x) & (y)) | (~(x) & (z)))
#define MD5_G(x, y, z)	(((x) & (z)) | ((y) & ~(z)))
#define MD5_H(x, y, z)	((x) ^ (y) ^ (z))
#define MD5_I(x, y, z)	((y) ^ ((x) | ~(z)))
#define MD5_ROTL(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

/* Per-round shift amounts (RFC 1321, section 3.4). */
static const unsigned md5_shift[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
};

/* T[i] = floor(abs(sin(i + 1)) * 2^32). */
static const uint32_t md5_table[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
};

/* Start a digest. */
void
md5_init(struct md5 *m)
{
	m->state[0] = 0x67452301;
	m->state[1] = 0xefcdab89;
	m->state[2] = 0x98badcfe;
	m->state[3] = 0x10325476;
	m->bytes = 0;
}

/* Process one 64-byte block. */
static void
md5_block(struct md5 *m, const unsigned char *p)
{
	uint32_t	x[16], a, b, c, d, f, tmp;
	unsigned	i, g;

	for (i = 0; i < 16; i++) {
		x[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 |
		    (uint32_t)p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
	}
	a = m->state[0];
	b = m->state[1];
	c = m->state[2];
	d = m->state[3];
	for (i = 0; i < 64; i++) {
		if (i < 16) {
			f = MD5_F(b, c, d);
			g = i;
		} else if (i < 32) {
			f = MD5_G(b, c, d);
			g = (5 * i + 1) % 16;
		} else if (i < 48) {
			f = MD5_H(b, c, d);
			g = (3 * i + 5) % 16;
		} else {
			f = MD5_I(b, c, d);
			g = (7 * i) % 16;
		}
		tmp = d;
		d = c;
		c = b;
		b = b + MD5_ROTL(a + f + md5_table[i] + x[g], md5_shift[i]);
		a = tmp;
	}
	m->state[0] += a;
	m->state[1] += b;
	m->state[2] += c;
	m->state[3] += d;
}

/* Add len bytes to the digest. */
void
md5_update(struct md5 *m, const void *data, size_t len)
{
	const unsigned char	*p = data;
	size_t			 have, take;

	have = (size_t)(m->bytes % 64);
	m->bytes += len;
	while (len > 0) {
		take = 64 - have;
		if (take > len)
			take = len;
		memcpy(m->block + have, p, take);
		have += take;
		p += take;
		len -= take;
		if (have == 64) {
			md5_block(m, m->block);
			have = 0;
		}
	}
}

/* Finish the digest and write it as 32 lowercase hex digits. */
void
md5_hex(struct md5 *m, char out[33])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 pad[72];
	uint64_t		 bits = m->bytes * 8;
	size_t			 padlen, i;

	padlen = 64 - (size_t)((m->bytes + 8) % 64);
	memset(pad, 0, sizeof pad);
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (8 * i));
	md5_update(m, pad, padlen + 8);
	for (i = 0; i < 16; i++) {
		out[i * 2] = hex[(m->state[i / 4] >> (8 * (i % 4)) >> 4) & 0xf];
		out[i * 2 + 1] = hex[(m->state[i / 4] >> (8 * (i % 4))) & 0xf];
	}
	out[32] = '\0';
}
