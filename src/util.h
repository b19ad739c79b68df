/* Small helpers shared by every module: allocation, clocks, strings. */
#ifndef ZMQCAT_UTIL_H
#define ZMQCAT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void xfflush_stdout(void);
char *xstrndup(const char *s, size_t n);

/* How much of an argument a message quotes before "...". */
#define STR_CUT_MAX	100
#define STR_CUT_BUF	(STR_CUT_MAX + 4)
const char *str_cut(const char *s, size_t len, char *buf);
int64_t clock_mono_ms(void);
int64_t clock_wall_ms(void);
int str_casecmp_prefix(const char *s, const char *prefix);
int parse_llong(const char *s, long long min, long long max, long long *out);
int parse_seconds_ms(const char *s, int64_t *out_ms);
uint64_t iov_size(const struct iovec *iov, size_t n);
size_t u64_to_dec(char *buf, uint64_t v);

#endif
