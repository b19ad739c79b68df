/* Moving one message along its routes: match, deliver, hold, drop. */
#ifndef ZMQCAT_FORWARD_H
#define ZMQCAT_FORWARD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <zmq.h>

#include "format.h"
#include "output.h"
#include "route.h"
#include "sock.h"

/* Where messages come from: a socket, or stdin. */
struct source {
	int		*routes;	/* indexes of the routes from here */
	size_t		 nroutes;
	int		 held;		/* its message waits for a destination */
	int		 zmq;		/* frames are in msgs (else only iov) */
	const char	*name;		/* for %n */
	const char	*type;		/* for %T */
	zmq_msg_t	*msgs;
	struct iovec	*iov;
	size_t		 nframes;
	size_t		 cap;
};

struct fwd {
	struct zsock		*socks;
	size_t			 nsocks;
	struct route		**routes;	/* given, then one direct route
						   from stdin per sending socket */
	size_t			 nroutes;
	size_t			 ngiven;
	int			*owed;		/* per route: still to deliver */
	struct source		*srcs;		/* per socket */
	struct source		 in;		/* stdin */
	struct outbuf		*out;		/* stdout */
	struct outbuf		 scratch;	/* a route's formatted frame */
	const struct format	*fmt;		/* -f, or %s */
	int			 add_delim;	/* no -f: end messages with -D */
	const char		*delim;
	size_t			 dlen;
	const char		*fdelim;
	size_t			 fdlen;
	int			 want_time;	/* some format shows %t */
	int			 want_peer;	/* some format shows %j */
	uint64_t		 seq;		/* messages received so far */
	int			 errors;	/* runtime errors: exit 1 */
};

void forward_init(struct fwd *f, struct zsock *socks, size_t nsocks,
    struct route *const *routes, size_t nroutes, int to_field);
ssize_t forward_recv(struct fwd *f, size_t sock);
size_t forward_begin(struct fwd *f, struct source *s);
void forward_begin_to(struct fwd *f, struct source *s, int sock);
int forward_offer(struct fwd *f, struct source *s);
int forward_wants_out(const struct fwd *f, size_t sock);
size_t forward_waiting_for(const struct fwd *f, const struct source *s,
    int *dsts);
void forward_free(struct fwd *f);

#endif
