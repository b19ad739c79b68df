/* Routes FROM:TO[,KEY=VALUE]...: parsed, resolved and matched without zmq. */
#ifndef ZMQCAT_ROUTE_H
#define ZMQCAT_ROUTE_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "format.h"
#include "jpath.h"
#include "spec.h"

/* Ends of a route that are not sockets. */
#define ROUTE_STDIN	(-1)
#define ROUTE_STDOUT	(-2)
#define ROUTE_NONE	(-3)	/* a name no socket has */
#define ROUTE_DEMO	(-4)	/* the demo server's counter */
#define ROUTE_PEER0	(-16)	/* --exec peer i: ROUTE_PEER0 - i */
#define ROUTE_PEER(i)		(ROUTE_PEER0 - (int)(i))
#define ROUTE_IS_PEER(end)	((end) <= ROUTE_PEER0)
#define ROUTE_PEER_INDEX(end)	((size_t)(ROUTE_PEER0 - (end)))

struct route {
	char		*text;		/* the rule as given with -r; from
					 * route_render otherwise */
	char		*origin;	/* "FILE: routes[N]" from --config */
	char		*from;		/* names as given */
	char		*to;
	int		 src;		/* socket index, ROUTE_STDIN or
					 * ROUTE_PEER(i) */
	int		 dst;		/* socket index, ROUTE_STDOUT or
					 * ROUTE_PEER(i) */
	char		*prefix;	/* prefix=, escapes decoded */
	size_t		 prefix_len;
	char		*prefix_text;	/* prefix= as given */
	char		*match;		/* match=, as given */
	regex_t		 re;
	size_t		 match_lit;	/* the literal its ^ anchors: bytes
					 * of match from 1 a frame must
					 * start with */
	int		 match_exact;	/* and that literal is all of it */
	char		*json;		/* json=PATH=VALUE, as given */
	struct jpath	 json_path;	/* PATH split at dots */
	char		*json_value;
	char		*format;	/* format=, as given */
	struct format	*fmt;
	int		 drop;		/* a full destination drops, not holds */
	int		 implicit;	/* a default route, not given */
	int		 direct;	/* stdin to one socket, for -J "to" */
	uint64_t	 nmsgs;		/* delivered */
	uint64_t	 nbytes;
	uint64_t	 nheld;		/* had to wait for the destination */
	uint64_t	 ndropped;
};

struct route *route_parse(const char *text, char *err, size_t errlen);
struct route *route_new(const char *from, const char *to);
char *route_render(const struct route *r);
int route_resolve(struct route *r, struct spec *const *specs, size_t n,
    char *err, size_t errlen);
int route_resolve_all(struct route **routes, size_t nroutes,
    struct spec *const *specs, size_t n, size_t *bad, char *err,
    size_t errlen);
int route_resolve_peers(struct route **routes, size_t nroutes,
    struct spec *const *specs, size_t n, const char *const *peers,
    size_t npeers, size_t *bad, char *err, size_t errlen);
int route_set_key(struct route *r, const char *key, const char *value,
    char *err, size_t errlen);
int route_match(const struct route *r, const struct iovec *frames,
    size_t n);
void route_destroy(struct route **rp);

#endif
