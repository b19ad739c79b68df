/* --exec and --exec-each [NAME=]CMD: parsed and named, without zmq. */
#ifndef ZMQCAT_EXECSPEC_H
#define ZMQCAT_EXECSPEC_H

#include <stddef.h>

struct spec;

#define EXECSPEC_BASE	"exec"	/* the default name: exec, exec2, ... */

/* One command as a peer. */
struct execspec {
	char	*text;		/* as given */
	char	*name;		/* NULL until named */
	char	*cmd;		/* what /bin/sh -c runs */
	int	 each;		/* --exec-each: a run per message */
};

struct execspec *execspec_parse(const char *arg, int each, char *err,
    size_t errlen);
int execspec_check(const char *arg, char *err, size_t errlen);
int execspec_assign_names(struct execspec **execs, size_t n,
    struct spec *const *specs, size_t nspecs, char *err, size_t errlen);
void execspec_destroy(struct execspec **ep);

#endif
