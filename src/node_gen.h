/* A generator as a source: -m templates or --file, repeated and paced;
 * --demo-server's counter is one. */
#ifndef ZMQCAT_NODE_GEN_H
#define ZMQCAT_NODE_GEN_H

#include <stddef.h>
#include <stdint.h>

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
	const char	 *split;	/* between frames (-F), or NULL */
	size_t		  splitlen;
	const char	 *fdelim;	/* -F, for %s */
	size_t		  fdlen;
	long long	  repeat;	/* times through them; 0: forever */
	int		  interval;	/* ms from one message to the next */
	int		  rate;		/* or messages a second; 0: none */
	long long	  size;		/* pad each to this; -1: as it is */
	int		  first_later;	/* the first after an interval */
	int		  stamp;	/* --stamp: a last frame (stamp.h) */
	int		  wait_peers;	/* --wait-peers N; 0: none */
	struct zsock	**fed;		/* the sockets it feeds; owned */
	size_t		  nfed;
};

struct node *node_gen_new(struct node_gen_conf *conf);

#endif
