/* The -J envelope: one JSON object per message, binary-safe both ways. */
#ifndef ZMQCAT_ENVELOPE_H
#define ZMQCAT_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "msg.h"
#include "framebuf.h"

/* The latest "time" taken: 9999-12-31T23:59:59.999Z, in ms. */
#define ENVELOPE_TIME_MAX	253402300799999LL

/* Frames decoded from one envelope, and where it asks them to go. */
struct envelope {
	struct framebuf	 fb;		/* the frames, end to end */
	char		*to;		/* "to": a socket name, or ""; no NUL
					 * inside, never NULL once inited */
	size_t		 tocap;		/* room at to */
	int64_t		 time;		/* "time", ms since the epoch */
	int		 has_time;
};

int envelope_render(const struct msg *m, struct outbuf *ob);
void envelope_init(struct envelope *e);
int envelope_parse(struct envelope *e, const char *line, size_t len,
    char *err, size_t errlen);
void envelope_free(struct envelope *e);

#endif
