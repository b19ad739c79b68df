/* The one allocation policy: allocation that ends the run on exhaustion
 * (ZC_RUNTIME), and a flush of stdout that ends it on a failed write. */
#ifndef ZMQCAT_XMALLOC_H
#define ZMQCAT_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void xfflush_stdout(void);

#endif
