/* Numbers from the command line and files, checked whole. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "parse.h"

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

/*
 * Parse seconds with an optional fraction into milliseconds: above 0, or
 * from 0 when zero is allowed.
 */
static int
parse_ms(const char *s, int zero, int64_t *out_ms)
{
	char *end;
	double v, x, r;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < 0 ||
	    (v == 0 && !zero) || v > 1e9)
		return -1;
	/* rounded up, but a product within rounding error of a whole number
	 * is that number: 4.001 s is 4001 ms, though 4.001 * 1000.0 is
	 * 4001.0000000000005 (strtod and the product err by 2^-53 each) */
	x = v * 1000.0;
	r = nearbyint(x);
	*out_ms = (int64_t)(fabs(x - r) <= x * 4e-16 ? r : ceil(x));
	return 0;
}

/* Parse positive seconds with an optional fraction into milliseconds. */
int
parse_seconds_ms(const char *s, int64_t *out_ms)
{
	return parse_ms(s, 0, out_ms);
}

/* Parse seconds from 0 with an optional fraction into milliseconds (a
 * delay, which may be none). */
int
parse_delay_ms(const char *s, int64_t *out_ms)
{
	return parse_ms(s, 1, out_ms);
}
