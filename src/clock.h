/* Clocks in milliseconds: one for deadlines, one for times shown. */
#ifndef ZMQCAT_CLOCK_H
#define ZMQCAT_CLOCK_H

#include <stddef.h>
#include <stdint.h>

int64_t clock_mono_ms(void);
int64_t clock_wall_ms(void);
int64_t clock_wall_ns(void);
const char *clock_time_of_day(int64_t ms, char *buf, size_t len);

#endif
