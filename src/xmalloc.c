/* The one allocation policy: allocation that ends the run on exhaustion
 * (ZC_RUNTIME), and a flush of stdout that ends it on a failed write. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "xmalloc.h"

/* malloc that ends the run on exhaustion: there is no sane recovery. */
void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		err(ZC_RUNTIME, "malloc");
	return p;
}

/* realloc that ends the run on exhaustion. */
void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		err(ZC_RUNTIME, "realloc");
	return q;
}

/* strdup that ends the run on exhaustion. */
char *
xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		err(ZC_RUNTIME, "strdup");
	return d;
}

/* strndup that ends the run on exhaustion. */
char *
xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (d == NULL)
		err(ZC_RUNTIME, "strndup");
	return d;
}

/*
 * Flush stdout at the end of a path that only prints (--help, -V,
 * --keygen, ...). A write that failed, now or before (stdio's error flag
 * stays set), ends the run: "zmqcat: stdout: REASON", status 1.
 */
void
xfflush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == 0)
		errno = EIO;
	err(ZC_RUNTIME, "stdout");
}
