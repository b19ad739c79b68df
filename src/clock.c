/* Clocks in milliseconds: one for deadlines, one for times shown. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "clock.h"

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

/* Wall-clock time in ns since the epoch: --stamp's send times. */
int64_t
clock_wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ms since the epoch as the local time of day, HH:MM:SS.mmm (as
 * --monitor and --stats show when); "" when it cannot be told. */
const char *
clock_time_of_day(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n;

	buf[0] = '\0';
	if (ms <= 0 || localtime_r(&t, &tm) == NULL ||
	    (n = strftime(buf, len, "%H:%M:%S", &tm)) == 0)
		return buf;
	snprintf(buf + n, len - n, ".%03d", (int)(ms % 1000));
	return buf;
}
