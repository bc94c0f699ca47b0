/*
 * md5.c: the MD5 message digest (RFC 1321) for the sqllogictest rule "N
 * values hashing to H", computed by libmd; here only its hex form.  Not
 * for security.
 */
#include <string.h>

#include "sqlcheck.h"

/* Start a digest. */
void
md5_init(struct md5 *m)
{
	MD5Init(&m->ctx);
}

/* Add len bytes at data to the digest. */
void
md5_update(struct md5 *m, const void *data, size_t len)
{
	MD5Update(&m->ctx, data, len);
}

/* End the digest: out gets its 32 lowercase hex digits and a NUL. */
void
md5_hex(struct md5 *m, char out[33])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 digest[MD5_DIGEST_LENGTH];
	int			 i;

	MD5Final(digest, &m->ctx);
	for (i = 0; i < MD5_DIGEST_LENGTH; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 0xf];
	}
	out[32] = '\0';
}
