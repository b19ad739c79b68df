/* A run's world: its context, sockets, nodes, routes, and the policy
 * that ends it; built from the options, and torn down. */
#ifndef ZMQCAT_RUN_H
#define ZMQCAT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "meta.h"
#include "ending.h"
#include "forward.h"
#include "node_sock.h"
#include "options.h"
#include "sock.h"
#include "waitset.h"
#include "zap.h"

struct run {
	const struct options	 *opt;
	void			 *ctx;
	struct sock_conf	  conf;
	struct spec		**specs;	/* the options', or the demo's */
	size_t			  nspecs;
	struct spec		**own_specs;	/* the demo's two defaults */
	struct zsock		 *socks;
	struct zap		  zap;
	struct format		 *fmt;		/* stdout's: -f, %s or %j */
	struct format		 *jfmt;		/* --exec-json's %j, or NULL */
	struct node_sock_conf	  sconf;
	struct node		**nodes;
	size_t			  nnodes;
	struct route		**routes;	/* the options', or the demo's */
	size_t			  nroutes;
	struct route		**own_routes;	/* the demo's, to free */
	struct forward		  fwd;
	struct ending		  end;
	struct waitset		  ws;
	uint64_t		  seq;		/* messages received so far */
	int64_t			  start;
	int			  in_fd;	/* stdin, or --replay's file */
	struct check		  check;	/* --check's streams */
	struct seqspec		  seqspec;	/* --check-seq, parsed */
	struct meta_names	  meta;		/* --meta's properties */
	char			 *msgdata;	/* --file's bytes, until the
						 * generator takes them */
	size_t			  msglen;
};

int run_open(struct run *r, const struct options *opt);
int run_close(struct run *r);

#endif
