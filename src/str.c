/* Small string helpers: quoting an argument cut, prefixes, numbers. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "str.h"

/*
 * The first len bytes of s as a message quotes them: whole when short,
 * else the start and "...", so no message carries a 5000-character
 * argument whole. buf holds STR_CUT_BUF bytes.
 */
const char *
str_cut(const char *s, size_t len, char *buf)
{
	if (len > STR_CUT_MAX)
		snprintf(buf, STR_CUT_BUF, "%.*s...", STR_CUT_MAX, s);
	else
		snprintf(buf, STR_CUT_BUF, "%.*s", (int)len, s);
	return buf;
}

/* Nonzero when s starts with prefix, ignoring case (ZMQ_ prefixes). */
int
str_casecmp_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Write v in decimal into buf (room for 20 digits); returns the length.
 * snprintf costs more than the rest of a -J envelope; two digits a step
 * halve the divisions. */
size_t
str_u64(char *buf, uint64_t v)
{
	static const char pairs[] =
	    "0001020304050607080910111213141516171819"
	    "2021222324252627282930313233343536373839"
	    "4041424344454647484950515253545556575859"
	    "6061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	char tmp[20];
	size_t n = sizeof(tmp), d;

	while (v >= 100) {
		d = (size_t)(v % 100) * 2;
		v /= 100;
		n -= 2;
		tmp[n] = pairs[d];
		tmp[n + 1] = pairs[d + 1];
	}
	if (v >= 10) {
		n -= 2;
		tmp[n] = pairs[v * 2];
		tmp[n + 1] = pairs[v * 2 + 1];
	} else
		tmp[--n] = (char)('0' + v);
	memcpy(buf, tmp + n, sizeof(tmp) - n);
	return sizeof(tmp) - n;
}
