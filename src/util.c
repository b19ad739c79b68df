/* Small helpers shared by every module: allocation, clocks, numbers. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "status.h"
#include "util.h"

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

/* Milliseconds on a clock that never jumps, for deadlines. */
int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds since the epoch, for receive times shown to users. */
int64_t
clock_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Nonzero when s starts with prefix, ignoring case (ZMQ_ prefixes). */
int
str_casecmp_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Parse a whole decimal integer within [min, max]; -1 on any junk. */
int
parse_llong(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Parse positive seconds with an optional fraction into milliseconds. */
int
parse_seconds_ms(const char *s, int64_t *out_ms)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v <= 0 || v > 1e9)
		return -1;
	*out_ms = (int64_t)ceil(v * 1000.0);
	return 0;
}

/* Total bytes in the frames of a message. */
uint64_t
iov_size(const struct iovec *iov, size_t n)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += iov[i].iov_len;
	return total;
}

/* Write v in decimal into buf (room for 20 digits); returns the length.
 * snprintf costs more than the rest of a -J envelope; two digits a step
 * halve the divisions. */
size_t
u64_to_dec(char *buf, uint64_t v)
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
