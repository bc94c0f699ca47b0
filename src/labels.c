/*
 * labels.c: the sqllogictest labels of one file's run.  Queries that
 * carry the same label must give the same result, so each label keeps
 * the MD5 of its first result.  A hash table (open addressing, kept at
 * most half full), so that looking a label up costs the same after ten
 * thousand labelled queries as after one.  The table owns its labels.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

struct label_slot {
	char	*label;			/* NULL: a free slot */
	char	 hash[33];
};

#define LABELS_MIN	64		/* slots of a new table */

/* FNV-1a of a NUL-terminated string. */
static uint64_t
label_hash(const char *s)
{
	uint64_t	h = UINT64_C(14695981039346656037);

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The slot of label: the one that holds it, or the free one it would go in. */
static struct label_slot *
label_slot(struct label_slot *slots, size_t cap, const char *label)
{
	size_t	i = (size_t)label_hash(label) & (cap - 1);

	while (slots[i].label != NULL && strcmp(slots[i].label, label) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Double the table (or make its first slots); labels keep their hashes. */
static void
labels_grow(struct labels *t)
{
	struct label_slot	*old = t->slots, *s;
	size_t			 oldcap = t->cap, i;

	t->cap = oldcap == 0 ? LABELS_MIN : oldcap * 2;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].label == NULL)
			continue;
		s = label_slot(t->slots, t->cap, old[i].label);
		*s = old[i];
	}
	free(old);
}

/*
 * Check hash (32 lowercase hex digits) against label's first result:
 * 1 if it is the same, or if label is new (hash is then recorded with a
 * copy of label); 0 if it differs.
 */
int
labels_check(struct labels *t, const char *label, const char *hash)
{
	struct label_slot	*s;

	if (2 * (t->n + 1) > t->cap)
		labels_grow(t);
	s = label_slot(t->slots, t->cap, label);
	if (s->label != NULL)
		return strcmp(s->hash, hash) == 0;
	s->label = xstrdup(label);
	memcpy(s->hash, hash, sizeof s->hash - 1);
	s->hash[sizeof s->hash - 1] = '\0';
	t->n++;
	return 1;
}

/* Free the labels and make the table empty again. */
void
labels_free(struct labels *t)
{
	size_t	i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].label);
	free(t->slots);
	memset(t, 0, sizeof *t);
}
