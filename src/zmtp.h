/* The ZMTP wire, as far as --probe reads it: greetings (ZMTP 1.0, 2.0,
 * 3.x; RFC 23 and 37) and 3.x command frames with their properties; and
 * what it writes: frames, PLAIN and CURVE commands. */
#ifndef ZMQCAT_ZMTP_H
#define ZMQCAT_ZMTP_H

#include <stddef.h>
#include <stdint.h>

struct outbuf;

#define ZMTP_GREETING	64	/* a 3.x greeting's length */
#define ZMTP_CURVE_HELLO	200	/* a CURVE HELLO body */
#define ZMTP_CURVE_COOKIE	96	/* WELCOME's cookie, back in INITIATE */
#define ZMTP_MECH_MAX	20

/* What zmtp_greeting made of the bytes so far. */
enum zmtp_status {
	ZMTP_MORE,		/* consistent so far: read more */
	ZMTP_OK,		/* a whole greeting */
	ZMTP_NOT		/* not a ZMTP peer */
};

struct zmtp_greeting {
	int	 major, minor;		/* 1.0, 2.0 (revision 1), 3.0, 3.1 */
	char	 mechanism[ZMTP_MECH_MAX + 1];	/* 3.x: "NULL", "CURVE"... */
	int	 as_server;		/* 3.x */
	int	 socket_type;		/* 2.0: its number; else -1 */
	size_t	 len;			/* the greeting's bytes */
};

/* One property of a command (READY's metadata): bytes, not strings. */
struct zmtp_prop {
	const uint8_t	*name;
	size_t		 namelen;
	const uint8_t	*value;
	size_t		 valuelen;
};

enum zmtp_status zmtp_greeting(const uint8_t *p, size_t n,
    struct zmtp_greeting *g);
void zmtp_our_greeting(uint8_t *out, const char *mechanism);
long zmtp_frame(const uint8_t *p, size_t n, int *flags, const uint8_t **body,
    size_t *len);
int zmtp_command(const uint8_t *body, size_t len, const uint8_t **name,
    size_t *namelen, const uint8_t **data, size_t *datalen);
int zmtp_props(const uint8_t *p, size_t n, struct zmtp_prop *props,
    size_t max, size_t *count);
const char *zmtp_type_name(int type2);
int zmtp_is(const uint8_t *name, size_t namelen, const char *want);
int zmtp_error_reason(const uint8_t *data, size_t datalen,
    const uint8_t **reason, size_t *len);
void zmtp_put_frame(struct outbuf *ob, int flags, const void *body,
    size_t len);
void zmtp_put_command(struct outbuf *ob, const char *name, const void *data,
    size_t len);
int zmtp_plain_hello(struct outbuf *ob, const char *userpass, char *err,
    size_t errlen);
void zmtp_curve_hello(uint8_t *out, const uint8_t *cn_public,
    const uint8_t *nonce8, const uint8_t *box80);
int zmtp_curve_welcome(const uint8_t *data, size_t datalen,
    const uint8_t **nonce16, const uint8_t **box144);
void zmtp_curve_initiate(struct outbuf *ob, const uint8_t *cookie,
    const uint8_t *nonce8, const uint8_t *box, size_t boxlen);
int zmtp_curve_ready(const uint8_t *data, size_t datalen,
    const uint8_t **nonce8, const uint8_t **box, size_t *boxlen);

#define ZMTP_MORE_FLAG	0x01
#define ZMTP_LONG	0x02
#define ZMTP_COMMAND	0x04

#endif
