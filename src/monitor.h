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
};

int monitor_parse(const void *frame, size_t len, struct monitor_event *ev);
const char *monitor_event_name(uint16_t event, int json);
const char *monitor_reason(const struct monitor_event *ev, char *buf,
    size_t len);
void monitor_render(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, enum monitor_mode mode);

#endif
