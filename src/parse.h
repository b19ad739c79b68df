/* Numbers from the command line and files, checked whole. */
#ifndef ZMQCAT_PARSE_H
#define ZMQCAT_PARSE_H

#include <stdint.h>

int parse_llong(const char *s, long long min, long long max, long long *out);
int parse_seconds_ms(const char *s, int64_t *out_ms);
int parse_delay_ms(const char *s, int64_t *out_ms);

#endif
