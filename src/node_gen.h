/* A generator as a source: -m templates or --file, repeated and paced;
 * --demo-server's counter is one. */
#ifndef ZMQCAT_NODE_GEN_H
#define ZMQCAT_NODE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"
#include "format.h"
#include "node.h"

struct zsock;

struct node_gen_conf {
	const char	 *name;		/* "stdin" (it takes stdin's routes)
					 * or "demo" */
	const char	 *type;
	const char	 *label;	/* messages name it so: "-m" */
	int		  flags;	/* NODE_* */
	struct format	**tmpls;	/* one per message, in order; owned */
	size_t		  ntmpls;
	char		 *data;		/* or --file's bytes; owned */
	size_t		  datalen;
	struct feed_conf  feed;		/* frames, pace, --wait-peers */
	long long	  repeat;	/* times through them; 0: forever */
	long long	  size;		/* pad each to this; -1: as it is */
	int		  first_later;	/* the first after an interval */
	int		  stamp;	/* --stamp: a last frame (stamp.h) */
};

struct node *node_gen_new(struct node_gen_conf *conf);

#endif
