/* When a generator's next message may go: at once, MS apart, R a second. */
#ifndef ZMQCAT_PACE_H
#define ZMQCAT_PACE_H

#include <stdint.h>

struct pace {
	int64_t		 start;		/* ms: when the first may go */
	int		 interval;	/* ms from one to the next; 0: none */
	int		 rate;		/* messages a second; 0: none */
	uint64_t	 sent;		/* messages gone */
	int64_t		 last;		/* when the last went */
};

void pace_init(struct pace *p, int64_t start, int interval, int rate);
int64_t pace_due(const struct pace *p);
void pace_sent(struct pace *p, int64_t now);

#endif
