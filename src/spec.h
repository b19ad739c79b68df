/* Socket specs: [NAME=]TYPE:MODE:ENDPOINT[,ENDPOINT...] parsed without zmq. */
#ifndef ZMQCAT_SPEC_H
#define ZMQCAT_SPEC_H

#include <stddef.h>

#include "keys.h"
#include "sockopt.h"

enum spec_mode {
	SPEC_BIND,
	SPEC_CONNECT
};

/* Limits, so that no input is too big to quote or to store. */
#define SPEC_NAME_MAX		64	/* characters in a socket name */
#define SPEC_ENDPOINT_MAX	1024	/* characters in one endpoint */

struct socktype {
	const char	*name;		/* upper case, as users write it */
	int		 zmq_type;
	int		 can_send;
	int		 can_recv;
};

struct spec_endpoint {
	enum spec_mode	 mode;
	char		*addr;
};

/* A --subscribe topic: as given, and the bytes its escapes stand for. */
struct spec_topic {
	char	*text;
	char	*bytes;
	size_t	 len;
};

struct spec {
	char			*text;		/* the argument as given */
	char			*name;		/* NULL until named */
	const struct socktype	*type;
	struct spec_endpoint	*endpoints;
	size_t			 nendpoints;
	struct sockopt_val	*opts;		/* -o, in command-line order */
	size_t			 nopts;
	struct spec_topic	*subscribe;	/* --subscribe topics */
	size_t			 nsubscribe;
	struct keys		 keys;		/* CURVE and PLAIN */
	int			 see_subs;	/* a PUB opened as XPUB, so
						 * --wait-peers sees who
						 * subscribed */
};

const struct socktype *spec_type_lookup(const char *name);
const struct socktype *spec_type_table(size_t *n);
struct spec *spec_parse(const char *arg, char *err, size_t errlen);
int spec_name_check(const char *name, size_t len, char *why,
    size_t whylen);
int spec_endpoint_check(const char *addr, size_t len, char *why,
    size_t whylen);
struct spec *spec_new(const struct socktype *type, const char *name);
int spec_add_endpoint(struct spec *spec, enum spec_mode mode,
    const char *addr, char *err, size_t errlen);
int spec_assign_names(struct spec **specs, size_t n, char *err, size_t errlen);
int spec_add_opt(struct spec *spec, const struct sockopt_val *val);
int spec_has_opt(const struct spec *spec, int id);
int spec_add_subscribe(struct spec *spec, const char *topic, char *err,
    size_t errlen);
const char *spec_mode_name(enum spec_mode mode);
void spec_destroy(struct spec **specp);

#endif
