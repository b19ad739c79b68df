/* A latency histogram of bounded size: log-bucketed, HDR-style. */
#ifndef ZMQCAT_HIST_H
#define ZMQCAT_HIST_H

#include <stdint.h>

/* 16 linear steps within each power of two: a value is known within
 * 1/16 (6 %), in 60 powers; 3.9 KB a histogram. */
#define HIST_SUB	16
#define HIST_BUCKETS	(HIST_SUB * 61)

struct hist {
	uint32_t	 counts[HIST_BUCKETS];
	uint64_t	 n;
	uint64_t	 min, max;	/* exact */
};

void hist_init(struct hist *h);
void hist_add(struct hist *h, uint64_t v);
uint64_t hist_percentile(const struct hist *h, double p);

#endif
