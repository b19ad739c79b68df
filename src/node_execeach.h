/* --exec-each: a command run once per message as a node: a sink that
 * starts it with the message on its stdin, a source of the replies its
 * whole stdout makes. */
#ifndef ZMQCAT_NODE_EXECEACH_H
#define ZMQCAT_NODE_EXECEACH_H

#include <stddef.h>

#include "execspec.h"
#include "format.h"
#include "node.h"

/* How its commands run, what they read, what their output makes. */
struct node_execeach_conf {
	const struct execspec	*spec;
	const struct format	*json;		/* --exec-json: "%j\n"; NULL:
						 * the body, frames joined by
						 * -F */
	const char		*fdelim;	/* -F */
	size_t			 fdlen;
	int			 split;		/* -F given: the output is split
						 * into frames at it */
	int			 max;		/* commands at once */
	int			 timeout;	/* ms; 0: none */
	int			 has_out;	/* some route takes the replies */
};

struct node *node_execeach_new(const struct node_execeach_conf *conf);

#endif
