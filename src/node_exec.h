/* --exec: a co-process as a node: a sink writing messages to its stdin,
 * a source of the messages its stdout is split into. */
#ifndef ZMQCAT_NODE_EXEC_H
#define ZMQCAT_NODE_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "execspec.h"
#include "format.h"
#include "inmsg.h"
#include "node.h"

/* How it is run, written to and read. */
struct node_exec_conf {
	const struct execspec	 *spec;
	const struct format	 *fmt;		/* a message on its stdin: -f,
						 * %s, or %j under -J */
	int			  add_delim;	/* then -D (no -f, no -J) */
	const char		 *delim;
	size_t			  dlen;
	enum inmsg_mode		  mode;		/* its stdout, as stdin is */
	const char		 *idelim;	/* read: between messages */
	size_t			  idlen;
	const char		 *split;	/* between frames, or NULL */
	size_t			  splitlen;
	const char		 *fdelim;	/* -F, for %s */
	size_t			  fdlen;
	int			  restart;	/* --exec-restart */
	int			  has_out;	/* some route takes its stdout */
	struct node		**feeders;	/* the nodes routes take to it:
						 * once all are done, its
						 * stdin is closed */
	size_t			  nfeeders;
	const uint64_t		 *seq;		/* messages received so far */
	int			  linger;	/* at the end, ms it may take to
						 * end by itself */
};

struct node *node_exec_new(const struct node_exec_conf *conf);
void node_exec_feed(struct node *n, struct node **feeders,
    size_t nfeeders);
int node_exec_run(struct node *n);

#endif
