/* The refused-peer log: at most a line per socket and peer address an
 * interval, with how many were refused since, in bounded memory. */
#ifndef ZMQCAT_REFUSALS_H
#define ZMQCAT_REFUSALS_H

#include <stddef.h>
#include <stdint.h>

#include "outbuf.h"

#define REFUSALS_INTERVAL_MS	10000	/* a line per address at most */
#define REFUSALS_ADDRS		256	/* addresses remembered at once */

/* One refusal, as the log names it. */
struct refusal {
	const char	*sock;		/* the socket's name */
	const char	*addr;		/* the peer's address; "" unknown */
	const char	*who;		/* "CURVE key KEY", "PLAIN user 'bob'" */
	const char	*why;		/* "not in the allow-list" */
};

/* A socket's peer address (or the rest of its addresses), and what was
 * refused from there since its last line. */
struct refusals_entry {
	char		*sock;		/* NULL: a free place */
	char		*addr;		/* NULL: the addresses without a place */
	char		*last;		/* the last refusal not in a line */
	int64_t		 since;		/* monotonic ms of its last line */
	uint64_t	 more;		/* refused since, not in a line */
};

struct refusals {
	struct refusals_entry	*addrs;		/* max places */
	size_t			 max;
	struct refusals_entry	*others;	/* one per socket, for the
						 * addresses with no place */
	size_t			 nothers;
	size_t			 npending;	/* entries with more > 0 */
	int64_t			 interval;	/* ms */
};

void refusals_init(struct refusals *r, size_t max, int64_t interval);
void refusals_note(struct refusals *r, struct outbuf *ob,
    const struct refusal *f, int64_t now);
void refusals_tick(struct refusals *r, struct outbuf *ob, int64_t now,
    int all);
int64_t refusals_due(const struct refusals *r);
void refusals_free(struct refusals *r);

#endif
