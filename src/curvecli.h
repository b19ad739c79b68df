/* A CURVE client's handshake (RFC 26) for --probe: the boxes of HELLO,
 * WELCOME, INITIATE and READY, with libsodium. */
#ifndef ZMQCAT_CURVECLI_H
#define ZMQCAT_CURVECLI_H

#include <stddef.h>
#include <stdint.h>

struct outbuf;

/* One handshake's keys and nonce; curvecli_clear wipes it. */
struct curvecli {
	uint8_t		 server[32];	/* S, the server's public key */
	uint8_t		 pub[32];	/* C, ours */
	uint8_t		 sec[32];	/* c */
	uint8_t		 cn_pub[32];	/* C', short-term */
	uint8_t		 cn_sec[32];	/* c' */
	uint8_t		 cn_server[32];	/* S', from WELCOME */
	uint8_t		 cookie[96];	/* from WELCOME, back in INITIATE */
	uint8_t		 precom[32];	/* c' and S' */
	uint64_t	 nonce;		/* our next short nonce */
};

int curvecli_init(struct curvecli *c, const char *server_z85,
    const char *secret_z85, char *err, size_t errlen);
int curvecli_hello(struct curvecli *c, uint8_t *out);
int curvecli_welcome(struct curvecli *c, const uint8_t *data, size_t len);
int curvecli_initiate(struct curvecli *c, const uint8_t *meta, size_t mlen,
    struct outbuf *ob);
int curvecli_ready(struct curvecli *c, const uint8_t *data, size_t len,
    struct outbuf *meta);
void curvecli_clear(struct curvecli *c);

#endif
