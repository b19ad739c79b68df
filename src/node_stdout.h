/* stdout as a sink: messages rendered through a format, buffered, and
 * flushed before the loop waits. */
#ifndef ZMQCAT_NODE_STDOUT_H
#define ZMQCAT_NODE_STDOUT_H

#include <stddef.h>

#include "format.h"
#include "node.h"

/* How messages are printed. */
struct node_stdout_conf {
	const struct format	*fmt;		/* -f, or %s, or %j under -J */
	int			 add_delim;	/* no -f: end messages with -D */
	const char		*delim;
	size_t			 dlen;
	int			 watch;		/* a route prints: notice a
						 * reader that has gone */
};

struct node *node_stdout_new(const struct node_stdout_conf *conf);

#endif
