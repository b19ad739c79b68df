/* The -J envelope: one JSON object per message, binary-safe both ways. */
#ifndef ZMQCAT_ENVELOPE_H
#define ZMQCAT_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "msg.h"
#include "outbuf.h"
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

/*
 * What -J writes alike for message after message, kept rendered: the
 * head for one socket, the tail for one millisecond and one peer. The
 * head is keyed by the socket's name and type pointers, which live as
 * long as the socket; the tail by the time and the peer's text.
 */
struct meta_names;

struct envelope_memo {
	const char	*sockname;	/* head is for this socket */
	const char	*socktype;
	int		 is_router;
	struct outbuf	 head;		/* {"socket":"..","type":"..", */
	int		 has_tail;	/* tail is for time_ms and peer: */
	int64_t		 time_ms;
	char		*peer;		/* NULL: no peer */
	struct outbuf	 tail;		/* ],"time":N,"peer":".."} */
	const struct meta_names *meta;	/* --meta: a "meta" object with
					 * these properties; NULL: none */
};

void envelope_memo_init(struct envelope_memo *mm);
void envelope_memo_free(struct envelope_memo *mm);
int envelope_render(struct envelope_memo *mm, const struct msg *m,
    struct outbuf *ob);
void envelope_init(struct envelope *e);
int envelope_parse(struct envelope *e, const char *line, size_t len,
    char *err, size_t errlen);
void envelope_free(struct envelope *e);

#endif
