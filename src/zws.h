/* ZWS 2.0 (ZMTP over WebSocket, RFC 45) as --probe speaks it: the HTTP
 * upgrade and its answer, WebSocket frames (RFC 6455), the subprotocol. */
#ifndef ZMQCAT_ZWS_H
#define ZMQCAT_ZWS_H

#include <stddef.h>
#include <stdint.h>

#include "zmtp.h"

struct outbuf;

#define ZWS_OP_CONT	0x0
#define ZWS_OP_TEXT	0x1
#define ZWS_OP_BINARY	0x2
#define ZWS_OP_CLOSE	0x8
#define ZWS_OP_PING	0x9
#define ZWS_OP_PONG	0xa

#define ZWS_MORE	0x01	/* a binary frame's first byte: ZMTP flags */
#define ZWS_COMMAND	0x02

/* What the server said to our upgrade request. */
struct zws_response {
	int		 status;	/* 101 for a switch */
	int		 upgrade;	/* Upgrade: websocket */
	int		 connection;	/* Connection: Upgrade */
	const uint8_t	*protocol;	/* Sec-WebSocket-Protocol, or NULL */
	size_t		 protocollen;
	int		 accept;	/* a Sec-WebSocket-Accept came */
	size_t		 len;		/* through the blank line */
};

/* One WebSocket frame. */
struct zws_frame {
	int		 fin;
	int		 opcode;
	int		 masked;
	uint8_t		 mask[4];
	const uint8_t	*payload;	/* still masked when masked */
	size_t		 len;
};

int zws_endpoint(const char *url, char *hostport, size_t hplen,
    const char **path);
void zws_request(struct outbuf *ob, const char *hostport, const char *path,
    const char *key, const char *protocols);
enum zmtp_status zws_response(const uint8_t *p, size_t n,
    struct zws_response *r);
int zws_subprotocol(const uint8_t *p, size_t n, int *major, int *minor,
    char *mech, size_t mechlen);
long zws_frame(const uint8_t *p, size_t n, struct zws_frame *f);
void zws_mask(uint8_t *p, size_t n, const uint8_t *mask);
void zws_put_frame(struct outbuf *ob, int opcode, const uint8_t *payload,
    size_t len, const uint8_t *mask);

#endif
