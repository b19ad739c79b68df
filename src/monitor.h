/* libzmq socket monitor events: decoded, named and rendered for stderr. */
#ifndef ZMQCAT_MONITOR_H
#define ZMQCAT_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include "outbuf.h"

/* How --monitor shows events. */
enum monitor_mode {
	MONITOR_OFF,
	MONITOR_TEXT,		/* zmqcat: sub: connected tcp://... */
	MONITOR_JSON		/* {"event":"connected",...} under -J */
};

struct monitor_event {
	uint16_t	 event;		/* one ZMQ_EVENT_* bit */
	uint32_t	 value;		/* errno, fd, ms or a status */
	const char	*endpoint;	/* not NUL-terminated */
	size_t		 eplen;
	const char	*peer;		/* the remote address, or NULL */
	int64_t		 time_ms;	/* when it was read, epoch ms; 0:
					 * not known (then not shown) */
};

/* Where --monitor's lines go: the buffer, the socket they name, how. */
struct monitor_out {
	struct outbuf		*ob;
	const char		*sock;
	enum monitor_mode	 mode;
};

/* The last event --monitor showed on a socket, and its repeats not
 * shown since, to condense them. All zero is none. */
struct monitor_repeats {
	uint16_t	 event;
	uint32_t	 value;
	char		*endpoint;	/* a copy, NUL-terminated; NULL: none */
	size_t		 eplen;
	char		*peer;		/* a copy, or NULL */
	int64_t		 since;		/* monotonic ms of its last line */
	int64_t		 last_ms;	/* epoch ms of its last repeat */
	uint64_t	 more;		/* repeats since then, not shown */
};

int monitor_parse(const void *frame, size_t len, struct monitor_event *ev);
const char *monitor_event_name(uint16_t event, int json);
const char *monitor_reason(const struct monitor_event *ev, char *buf,
    size_t len);
void monitor_render(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, enum monitor_mode mode);
void monitor_show(struct monitor_repeats *r, const struct monitor_out *out,
    const struct monitor_event *ev, int64_t now);
void monitor_show_pending(struct monitor_repeats *r,
    const struct monitor_out *out, int64_t now, int all);
int64_t monitor_due(const struct monitor_repeats *r);
void monitor_repeats_free(struct monitor_repeats *r);

#endif
