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

/*
 * One operation of a round (RFC 1321, section 3.4): a = b + ((a + F(b,
 * c, d) + X[k] + T[i]) <<< s).  The 64 are written out, with their
 * constants T[i] = floor(abs(sin(i + 1)) * 2^32) in place, so that the
 * compiler keeps the state in registers: hashing is on the path of every
 * sqllogictest query whose result is a hash.
 */
#define MD5_STEP(f, a, b, c, d, xk, t, s) \
	(a) += f((b), (c), (d)) + (xk) + (uint32_t)(t); \
	(a) = MD5_ROTL((a), (s)) + (b)

/* Process one 64-byte block. */
static void
md5_block(struct md5 *m, const unsigned char *p)
{
	uint32_t	x[16], a, b, c, d;
	unsigned	i;

	for (i = 0; i < 16; i++) {
		x[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 |
		    (uint32_t)p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
	}
	a = m->state[0];
	b = m->state[1];
	c = m->state[2];
	d = m->state[3];

	MD5_STEP(MD5_F, a, b, c, d, x[0], 0xd76aa478, 7);
	MD5_STEP(MD5_F, d, a, b, c, x[1], 0xe8c7b756, 12);
	MD5_STEP(MD5_F, c, d, a, b, x[2], 0x242070db, 17);
	MD5_STEP(MD5_F, b, c, d, a, x[3], 0xc1bdceee, 22);
	MD5_STEP(MD5_F, a, b, c, d, x[4], 0xf57c0faf, 7);
	MD5_STEP(MD5_F, d, a, b, c, x[5], 0x4787c62a, 12);
	MD5_STEP(MD5_F, c, d, a, b, x[6], 0xa8304613, 17);
	MD5_STEP(MD5_F, b, c, d, a, x[7], 0xfd469501, 22);
	MD5_STEP(MD5_F, a, b, c, d, x[8], 0x698098d8, 7);
	MD5_STEP(MD5_F, d, a, b, c, x[9], 0x8b44f7af, 12);
	MD5_STEP(MD5_F, c, d, a, b, x[10], 0xffff5bb1, 17);
	MD5_STEP(MD5_F, b, c, d, a, x[11], 0x895cd7be, 22);
	MD5_STEP(MD5_F, a, b, c, d, x[12], 0x6b901122, 7);
	MD5_STEP(MD5_F, d, a, b, c, x[13], 0xfd987193, 12);
	MD5_STEP(MD5_F, c, d, a, b, x[14], 0xa679438e, 17);
	MD5_STEP(MD5_F, b, c, d, a, x[15], 0x49b40821, 22);

	MD5_STEP(MD5_G, a, b, c, d, x[1], 0xf61e2562, 5);
	MD5_STEP(MD5_G, d, a, b, c, x[6], 0xc040b340, 9);
	MD5_STEP(MD5_G, c, d, a, b, x[11], 0x265e5a51, 14);
	MD5_STEP(MD5_G, b, c, d, a, x[0], 0xe9b6c7aa, 20);
	MD5_STEP(MD5_G, a, b, c, d, x[5], 0xd62f105d, 5);
	MD5_STEP(MD5_G, d, a, b, c, x[10], 0x02441453, 9);
	MD5_STEP(MD5_G, c, d, a, b, x[15], 0xd8a1e681, 14);
	MD5_STEP(MD5_G, b, c, d, a, x[4], 0xe7d3fbc8, 20);
	MD5_STEP(MD5_G, a, b, c, d, x[9], 0x21e1cde6, 5);
	MD5_STEP(MD5_G, d, a, b, c, x[14], 0xc33707d6, 9);
	MD5_STEP(MD5_G, c, d, a, b, x[3], 0xf4d50d87, 14);
	MD5_STEP(MD5_G, b, c, d, a, x[8], 0x455a14ed, 20);
	MD5_STEP(MD5_G, a, b, c, d, x[13], 0xa9e3e905, 5);
	MD5_STEP(MD5_G, d, a, b, c, x[2], 0xfcefa3f8, 9);
	MD5_STEP(MD5_G, c, d, a, b, x[7], 0x676f02d9, 14);
	MD5_STEP(MD5_G, b, c, d, a, x[12], 0x8d2a4c8a, 20);

	MD5_STEP(MD5_H, a, b, c, d, x[5], 0xfffa3942, 4);
	MD5_STEP(MD5_H, d, a, b, c, x[8], 0x8771f681, 11);
	MD5_STEP(MD5_H, c, d, a, b, x[11], 0x6d9d6122, 16);
	MD5_STEP(MD5_H, b, c, d, a, x[14], 0xfde5380c, 23);
	MD5_STEP(MD5_H, a, b, c, d, x[1], 0xa4beea44, 4);
	MD5_STEP(MD5_H, d, a, b, c, x[4], 0x4bdecfa9, 11);
	MD5_STEP(MD5_H, c, d, a, b, x[7], 0xf6bb4b60, 16);
	MD5_STEP(MD5_H, b, c, d, a, x[10], 0xbebfbc70, 23);
	MD5_STEP(MD5_H, a, b, c, d, x[13], 0x289b7ec6, 4);
	MD5_STEP(MD5_H, d, a, b, c, x[0], 0xeaa127fa, 11);
	MD5_STEP(MD5_H, c, d, a, b, x[3], 0xd4ef3085, 16);
	MD5_STEP(MD5_H, b, c, d, a, x[6], 0x04881d05, 23);
	MD5_STEP(MD5_H, a, b, c, d, x[9], 0xd9d4d039, 4);
	MD5_STEP(MD5_H, d, a, b, c, x[12], 0xe6db99e5, 11);
	MD5_STEP(MD5_H, c, d, a, b, x[15], 0x1fa27cf8, 16);
	MD5_STEP(MD5_H, b, c, d, a, x[2], 0xc4ac5665, 23);

	MD5_STEP(MD5_I, a, b, c, d, x[0], 0xf4292244, 6);
	MD5_STEP(MD5_I, d, a, b, c, x[7], 0x432aff97, 10);
	MD5_STEP(MD5_I, c, d, a, b, x[14], 0xab9423a7, 15);
	MD5_STEP(MD5_I, b, c, d, a, x[5], 0xfc93a039, 21);
	MD5_STEP(MD5_I, a, b, c, d, x[12], 0x655b59c3, 6);
	MD5_STEP(MD5_I, d, a, b, c, x[3], 0x8f0ccc92, 10);
	MD5_STEP(MD5_I, c, d, a, b, x[10], 0xffeff47d, 15);
	MD5_STEP(MD5_I, b, c, d, a, x[1], 0x85845dd1, 21);
	MD5_STEP(MD5_I, a, b, c, d, x[8], 0x6fa87e4f, 6);
	MD5_STEP(MD5_I, d, a, b, c, x[15], 0xfe2ce6e0, 10);
	MD5_STEP(MD5_I, c, d, a, b, x[6], 0xa3014314, 15);
	MD5_STEP(MD5_I, b, c, d, a, x[13], 0x4e0811a1, 21);
	MD5_STEP(MD5_I, a, b, c, d, x[4], 0xf7537e82, 6);
	MD5_STEP(MD5_I, d, a, b, c, x[11], 0xbd3af235, 10);
	MD5_STEP(MD5_I, c, d, a, b, x[2], 0x2ad7d2bb, 15);
	MD5_STEP(MD5_I, b, c, d, a, x[9], 0xeb86d391, 21);

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
	if (have + len < 64) {		/* a value fits: the common case */
		memcpy(m->block + have, p, len);
		return;
	}
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
