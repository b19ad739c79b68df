/* Clocks in milliseconds: one for deadlines, one for times shown. */
#ifndef ZMQCAT_CLOCK_H
#define ZMQCAT_CLOCK_H

#include <stdint.h>

int64_t clock_mono_ms(void);
int64_t clock_wall_ms(void);
int64_t clock_wall_ns(void);

#endif
