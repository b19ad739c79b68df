/* Small string helpers: quoting an argument cut, prefixes, numbers. */
#ifndef ZMQCAT_STR_H
#define ZMQCAT_STR_H

#include <stddef.h>
#include <stdint.h>

/* How much of an argument a message quotes before "...". */
#define STR_CUT_MAX	100
#define STR_CUT_BUF	(STR_CUT_MAX + 4)

const char *str_cut(const char *s, size_t len, char *buf);
int str_casecmp_prefix(const char *s, const char *prefix);
size_t str_u64(char *buf, uint64_t v);

#endif
