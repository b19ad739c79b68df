/* The table of libzmq socket options zmqcat can set, and their parser. */
#ifndef ZMQCAT_SOCKOPT_H
#define ZMQCAT_SOCKOPT_H

#include <stddef.h>
#include <stdint.h>

enum sockopt_kind {
	SOCKOPT_INT,
	SOCKOPT_INT64,
	SOCKOPT_UINT64,
	SOCKOPT_BOOL,
	SOCKOPT_BYTES,
	SOCKOPT_KEY		/* a CURVE key as 40 Z85 characters */
};

struct sockopt_def {
	const char		*name;	/* lower case, without ZMQ_ */
	int			 id;
	enum sockopt_kind	 kind;
	long long		 min;	/* bounds for the numeric kinds */
	long long		 max;
};

struct sockopt_val {
	const struct sockopt_def *def;
	int64_t			  num;	/* numeric kinds */
	char			 *bytes;/* SOCKOPT_BYTES and SOCKOPT_KEY */
	size_t			  len;
};

const struct sockopt_def *sockopt_table(size_t *n);
const struct sockopt_def *sockopt_lookup(const char *name);
const char *sockopt_kind_name(enum sockopt_kind kind);
int sockopt_parse(const char *arg, struct sockopt_val *out, char *err,
    size_t errlen);
int sockopt_is_secret(const struct sockopt_def *def);
void sockopt_val_clear(struct sockopt_val *val);

#endif
