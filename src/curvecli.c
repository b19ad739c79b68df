/*
 * The client side of a CURVE handshake (RFC 26, as libzmq's
 * curve_client_tools.hpp does it), for --probe to read a CURVE
 * server's READY: every box with libsodium's crypto_box. zmtp.c lays
 * the commands out; probe.c does the I/O. Our long-term keypair is the
 * --curve-key given, or a fresh one; the short-term one is always
 * fresh. Secrets are wiped by curvecli_clear and never shown.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "codec.h"
#include "curvecli.h"
#include "outbuf.h"
#include "xmalloc.h"
#include "zmtp.h"

#define CURVECLI_ZERO	crypto_box_ZEROBYTES	/* 32: before a plaintext */
#define CURVECLI_BOXZERO crypto_box_BOXZEROBYTES /* 16: before a box */

/* A Z85 key (40 characters) into its 32 bytes; -1 when it is not one. */
static int
curvecli_key(const char *z85, uint8_t *out)
{
	struct outbuf ob;
	char err[128];
	int rc = -1;

	outbuf_init(&ob, -1, 32);
	if (strlen(z85) == 40 && codec_z85_decode(z85, 40, &ob, err,
	    sizeof(err)) == 0 && ob.len == 32) {
		memcpy(out, ob.buf, 32);
		rc = 0;
	}
	sodium_memzero(ob.buf, ob.cap);
	outbuf_free(&ob);
	return rc;
}

/* The 24-byte nonce: a 16-byte prefix and our short nonce, big-endian. */
static void
curvecli_nonce(uint8_t *nonce, const char *prefix, uint64_t n)
{
	int i;

	memcpy(nonce, prefix, 16);
	for (i = 7; i >= 0; i--, n >>= 8)
		nonce[16 + i] = (uint8_t)(n & 0xff);
}

/* Set c up for a server's public key, with our secret key (NULL: a
 * fresh keypair); -1 with err, which never holds a key. */
int
curvecli_init(struct curvecli *c, const char *server_z85,
    const char *secret_z85, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium cannot start");
		return -1;
	}
	if (curvecli_key(server_z85, c->server) == -1 ||
	    (secret_z85 != NULL && curvecli_key(secret_z85, c->sec) == -1)) {
		snprintf(err, errlen, "not a CURVE key");
		return -1;
	}
	if (secret_z85 != NULL)
		crypto_scalarmult_base(c->pub, c->sec);
	else
		crypto_box_keypair(c->pub, c->sec);
	crypto_box_keypair(c->cn_pub, c->cn_sec);
	c->nonce = 1;
	return 0;
}

/* HELLO's body into out (ZMTP_CURVE_HELLO bytes): 64 zeros boxed from
 * C' to S, so that the server knows we have its key. */
int
curvecli_hello(struct curvecli *c, uint8_t *out)
{
	uint8_t nonce[24], plain[CURVECLI_ZERO + 64], box[sizeof(plain)];

	memset(plain, 0, sizeof(plain));
	curvecli_nonce(nonce, "CurveZMQHELLO---", c->nonce++);
	if (crypto_box(box, plain, sizeof(plain), nonce, c->server,
	    c->cn_sec) != 0)
		return -1;
	zmtp_curve_hello(out, c->cn_pub, nonce + 16, box + CURVECLI_BOXZERO);
	return 0;
}

/* WELCOME's data (after its name): open its box (S to C') for S' and
 * the cookie; -1 when it does not open (it was not for our key). */
int
curvecli_welcome(struct curvecli *c, const uint8_t *data, size_t len)
{
	uint8_t nonce[24], box[CURVECLI_BOXZERO + 144], plain[sizeof(box)];
	const uint8_t *n16, *b144;
	int rc;

	if (zmtp_curve_welcome(data, len, &n16, &b144) == -1)
		return -1;
	memcpy(nonce, "WELCOME-", 8);
	memcpy(nonce + 8, n16, 16);
	memset(box, 0, CURVECLI_BOXZERO);
	memcpy(box + CURVECLI_BOXZERO, b144, 144);
	rc = crypto_box_open(plain, box, sizeof(box), nonce, c->server,
	    c->cn_sec);
	if (rc == 0) {
		memcpy(c->cn_server, plain + CURVECLI_ZERO, 32);
		memcpy(c->cookie, plain + CURVECLI_ZERO + 32, 96);
		rc = crypto_box_beforenm(c->precom, c->cn_server, c->cn_sec);
	}
	sodium_memzero(plain, sizeof(plain));
	return rc == 0 ? 0 : -1;
}

/* The vouch, Box [C',S] (C to S'), into out (80 bytes) with its 16-byte
 * random nonce into vnonce. */
static int
curvecli_vouch(struct curvecli *c, uint8_t *vnonce, uint8_t *out)
{
	uint8_t nonce[24], plain[CURVECLI_ZERO + 64], box[sizeof(plain)];

	memset(plain, 0, CURVECLI_ZERO);
	memcpy(plain + CURVECLI_ZERO, c->cn_pub, 32);
	memcpy(plain + CURVECLI_ZERO + 32, c->server, 32);
	memcpy(nonce, "VOUCH---", 8);
	randombytes_buf(nonce + 8, 16);
	if (crypto_box(box, plain, sizeof(plain), nonce, c->cn_server,
	    c->sec) != 0)
		return -1;
	memcpy(vnonce, nonce + 8, 16);
	memcpy(out, box + CURVECLI_BOXZERO, 80);
	return 0;
}

/* Append INITIATE's body: Box [C + vouch + metadata] (C' to S'). */
int
curvecli_initiate(struct curvecli *c, const uint8_t *meta, size_t mlen,
    struct outbuf *ob)
{
	size_t n = CURVECLI_ZERO + 128 + mlen;
	uint8_t nonce[24], *plain = xmalloc(n), *box = xmalloc(n);
	int rc = -1;

	memset(plain, 0, CURVECLI_ZERO);
	memcpy(plain + CURVECLI_ZERO, c->pub, 32);
	if (mlen > 0)
		memcpy(plain + CURVECLI_ZERO + 128, meta, mlen);
	curvecli_nonce(nonce, "CurveZMQINITIATE", c->nonce++);
	if (curvecli_vouch(c, plain + CURVECLI_ZERO + 32,
	    plain + CURVECLI_ZERO + 48) == 0 && crypto_box_afternm(box,
	    plain, n, nonce, c->precom) == 0) {
		zmtp_curve_initiate(ob, c->cookie, nonce + 16,
		    box + CURVECLI_BOXZERO, n - CURVECLI_BOXZERO);
		rc = 0;
	}
	free(plain);
	free(box);
	return rc;
}

/* READY's data: open its box (S' to C') and append the metadata inside
 * to meta; -1 when it does not open. */
int
curvecli_ready(struct curvecli *c, const uint8_t *data, size_t len,
    struct outbuf *meta)
{
	const uint8_t *n8, *b;
	uint8_t nonce[24], *box, *plain;
	size_t blen, n;
	int rc;

	if (zmtp_curve_ready(data, len, &n8, &b, &blen) == -1)
		return -1;
	n = CURVECLI_BOXZERO + blen;
	box = xmalloc(n);
	plain = xmalloc(n);
	memcpy(nonce, "CurveZMQREADY---", 16);
	memcpy(nonce + 16, n8, 8);
	memset(box, 0, CURVECLI_BOXZERO);
	memcpy(box + CURVECLI_BOXZERO, b, blen);
	rc = crypto_box_open_afternm(plain, box, n, nonce, c->precom);
	if (rc == 0)
		outbuf_put(meta, plain + CURVECLI_ZERO, n - CURVECLI_ZERO);
	free(box);
	free(plain);
	return rc == 0 ? 0 : -1;
}

/* Wipe every key of c. */
void
curvecli_clear(struct curvecli *c)
{
	sodium_memzero(c, sizeof(*c));
}
