/*
 * arena.c: memory for many small pieces that die together.  A reader
 * that makes thousands of records (sqllogictest files: a statement, its
 * types, its label, its expected values, a few bytes each) takes them
 * from an arena: one allocation per block of ARENA_BLOCK bytes instead of
 * one per piece, no per-piece header, and a single arena_free() at the
 * end.  The arena owns every piece; nothing is freed on its own.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 used;
	char			 data[];	/* 8-aligned: after 3 words */
};

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	8	/* pointers, size_t, int64_t, double */

/* A new, empty arena (caller frees with arena_free). */
struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

/*
 * size bytes, zeroed and aligned for pointers and integers, that live
 * until arena_free(a).  A piece larger than a quarter block gets a block
 * of its own, so that the block being filled is not left half empty.
 */
void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block	*b = a->blocks, *own;
	size_t			 need;

	need = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (need > ARENA_BLOCK / 4) {
		own = xcalloc(1, sizeof *own + need);
		own->size = own->used = need;
		if (b == NULL)
			a->blocks = own;
		else {
			own->next = b->next;	/* behind the block being filled */
			b->next = own;
		}
		return own->data;
	}
	if (b == NULL || b->size - b->used < need) {
		b = xcalloc(1, sizeof *b + ARENA_BLOCK);
		b->size = ARENA_BLOCK;
		b->next = a->blocks;
		a->blocks = b;
	}
	b->used += need;
	return b->data + b->used - need;
}

/* A copy of len bytes of s and a NUL, in the arena. */
char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p = arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* A copy of s in the arena. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Free the arena and every piece taken from it; NULL is a no-op. */
void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	if (a == NULL)
		return;
	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
