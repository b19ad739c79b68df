/* stdin (or a --replay file) as a source: split, decoded, paced, held
 * back until enough peers have come. */
#ifndef ZMQCAT_NODE_STDIN_H
#define ZMQCAT_NODE_STDIN_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "inmsg.h"
#include "node.h"

struct zsock;

/* How the input is read, and what it is sent to. */
struct node_stdin_conf {
	int		  fd;
	const char	 *label;	/* "stdin", or the --replay file */
	enum inmsg_mode	  mode;
	const char	 *delim;	/* between messages */
	size_t		  dlen;
	struct feed_conf  feed;		/* frames, pace, --wait-peers */
	int		  replay_timing;/* keep the capture's gaps (or
					 * feed's pace) */
	int		  json_hint;	/* -J from the user: say why a bad
					 * line had to be JSON */
	struct node	**targets;	/* the nodes a "to" may name */
	size_t		  ntargets;
	const uint64_t	 *seq;		/* messages received so far */
};

struct node *node_stdin_new(const struct node_stdin_conf *conf);

#endif
