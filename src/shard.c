/*
 * shard.c: --shard K/N, the files of shard K of N.  Without durations,
 * every N-th file of the sorted list (round robin).  With --durations,
 * the files are dealt by duration, longest first, each onto the shard
 * with the least time so far (lowest index on a tie); a file the table
 * does not know weighs its size in bytes times the table's seconds per
 * byte (or its size alone when no file is known).  Every machine of a CI
 * matrix computes the same split from the same table and file list,
 * without talking to the others.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

struct weighted {
	size_t	index;		/* in the file list */
	double	weight;		/* seconds, or an estimate */
};

static off_t
file_size(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? st.st_size : 0;
}

/* Seconds per byte over the files the table knows, or 0. */
static double
seconds_per_byte(char *const *files, size_t n, const struct durations *d)
{
	const struct duration	*e;
	double			 secs = 0, bytes = 0;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if ((e = durations_find(d, files[i])) != NULL) {
			secs += e->seconds;
			bytes += (double)file_size(files[i]);
		}
	}
	return bytes > 0 && secs > 0 ? secs / bytes : 0;
}

/* Longest first; equal weights in list order, so the split is stable. */
static int
weighted_cmp(const void *a, const void *b)
{
	const struct weighted	*x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The shard (0 to count-1) of each file, dealt by weight; caller frees.
 * With load non-NULL, the time each shard was given (count entries).
 */
int *
shard_assign(char *const *files, size_t n, int count,
    const struct durations *d, double *load)
{
	const struct duration	*e;
	struct weighted		*w = xcalloc(n > 0 ? n : 1, sizeof *w);
	double			*sum = xcalloc((size_t)count, sizeof *sum);
	double			 rate = seconds_per_byte(files, n, d);
	int			*shard = xcalloc(n > 0 ? n : 1, sizeof *shard);
	size_t			 i;
	int			 k, least;

	for (i = 0; i < n; i++) {
		e = durations_find(d, files[i]);
		w[i].index = i;
		w[i].weight = e != NULL ? e->seconds : rate > 0 ?
		    rate * (double)file_size(files[i]) :
		    (double)file_size(files[i]);
	}
	sort_array(w, n, sizeof *w, weighted_cmp);
	for (i = 0; i < n; i++) {
		for (least = 0, k = 1; k < count; k++) {
			if (sum[k] < sum[least])
				least = k;
		}
		shard[w[i].index] = least;
		sum[least] += w[i].weight;
	}
	if (load != NULL)
		memcpy(load, sum, (size_t)count * sizeof *sum);
	free(sum);
	free(w);
	return shard;
}

/*
 * Keep the files of shard index (from 1) of count, in their order, and
 * free the others.  d is the --durations table, or NULL.
 */
void
shard_select(char **files, size_t *nfiles, int index, int count,
    const struct durations *d)
{
	int	*shard = NULL;
	size_t	 i, kept = 0;

	if (count <= 1)
		return;
	if (d != NULL)
		shard = shard_assign(files, *nfiles, count, d, NULL);
	for (i = 0; i < *nfiles; i++) {
		if ((shard != NULL ? shard[i] :
		    (int)(i % (size_t)count)) == index - 1)
			files[kept++] = files[i];
		else
			free(files[i]);
	}
	*nfiles = kept;
	free(shard);
}
