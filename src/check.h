/* --check: what came of each stamped stream: lost, duplicated,
 * reordered, and how late. */
#ifndef ZMQCAT_CHECK_H
#define ZMQCAT_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "hist.h"
#include "msg.h"
#include "seqspec.h"

/* Sequence numbers remembered behind the newest, to tell a duplicate
 * from one that comes late. */
#define CHECK_WINDOW	4096

struct check_stream {
	const char	*sock;		/* the socket it came on */
	uint64_t	 id;		/* its stamp's stream id */
	int		 app;		/* numbered by the application (no
					 * stamp, no latency) */
	uint64_t	 msgs;
	uint64_t	 bytes;		/* without the stamps */
	uint64_t	 lost;		/* gaps not filled (yet) */
	uint64_t	 dup;
	uint64_t	 reord;		/* came after a later one */
	uint64_t	 next;		/* one past the newest seen */
	uint64_t	 seen[CHECK_WINDOW / 64]; /* bit s % W: s seen */
	int64_t		 first_ns;	/* when its first came */
	int64_t		 last_ns;	/* and its last */
	uint64_t	 mark_msgs;	/* at the last periodic report */
	uint64_t	 mark_bytes;
	struct hist	 lat;		/* one-way (or round-trip) ns */
};

struct check {
	struct check_stream	**streams;
	size_t			  n;
	struct check_stream	 *last;		/* the stream found last */
	uint64_t		  unstamped;	/* messages without a stamp */
	const struct seqspec	 *app;		/* --check-seq: the numbers are
						 * there, not in stamps; NULL */
};

void check_init(struct check *c);
void check_seq(struct check_stream *s, uint64_t seq);
int check_take(struct check *c, const char *sock, struct msg *m,
    int64_t now_ns);
int check_clean(const struct check *c);
void check_line(const struct check_stream *s, double secs, char *buf,
    size_t len);
void check_free(struct check *c);

#endif
