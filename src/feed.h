/* How the user's messages (stdin, --replay, -m, --file) go out: split
 * into frames, paced, and held until the sockets they feed have peers.
 * One struct, filled in one place (run.c), for every such source. */
#ifndef ZMQCAT_FEED_H
#define ZMQCAT_FEED_H

#include <stddef.h>

struct zsock;

struct feed_conf {
	const char	 *split;	/* between frames (-F), or NULL */
	size_t		  splitlen;
	const char	 *fdelim;	/* -F, for %s */
	size_t		  fdlen;
	int		  interval;	/* ms from one message to the next */
	int		  rate;		/* or messages a second; 0: none */
	int		  wait_peers;	/* --wait-peers N; 0: none */
	struct zsock	**fed;		/* the sockets routes take it to;
					 * owned by the node */
	size_t		  nfed;
};

#endif
