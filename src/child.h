/* A command run through /bin/sh -c in its own process group, with pipes
 * for its stdin, stdout and stderr: started, heard, killed, reaped. */
#ifndef ZMQCAT_CHILD_H
#define ZMQCAT_CHILD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "outbuf.h"

#define CHILD_GRACE_MS	1000	/* from SIGTERM to SIGKILL */

struct child {
	pid_t		 pid;		/* its process group too; -1: none */
	int		 in;		/* our ends of its pipes, non-blocking */
	int		 out;		/* and close-on-exec; -1: closed */
	int		 err;
	int		 reaped;
	int		 status;	/* waitpid's, once reaped */
	int64_t		 start;		/* monotonic ms */
	int64_t		 end;		/* when it was reaped */
	int64_t		 term_at;	/* SIGTERM sent then; 0: not yet */
	int		 killed;	/* SIGKILL sent */
	const char	*label;		/* its stderr lines go on after
					 * "zmqcat: LABEL: " */
	struct outbuf	 line;		/* stderr: a line not yet whole */
};

void child_init(struct child *c, const char *label);
int child_start(struct child *c, const char *cmd, char *const *vars,
    size_t nvars, char *err, size_t errlen);
int child_reap(struct child *c, int64_t now);
int child_read_err(struct child *c);
void child_close_in(struct child *c);
void child_close_out(struct child *c);
void child_terminate(struct child *c, int64_t now);
int64_t child_kill_due(const struct child *c);
void child_kill_tick(struct child *c, int64_t now);
void child_stop(struct child *c, int64_t wait_ms);
void child_status_text(int status, char *buf, size_t len);
int child_failed(const struct child *c);

#endif
