/* Table-driven tests of the ZMTP wire as --probe reads and writes it:
 * greetings of each version, frames, commands and READY's properties;
 * PLAIN and CURVE command bodies, a CURVE handshake against a server
 * made here with libsodium; ZWS: endpoints, the upgrade and its answer,
 * subprotocols, WebSocket frames. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../src/codec.h"
#include "../src/curvecli.h"
#include "../src/outbuf.h"
#include "../src/zmtp.h"
#include "../src/zws.h"
#include "tap.h"

/* Nonzero when ob holds exactly the n bytes at want. */
static int
holds(const struct outbuf *ob, const void *want, size_t n)
{
	return ob->len == n && memcmp(ob->buf, want, n) == 0;
}

/* A 3.x greeting: signature, version, mechanism, as-server. */
static size_t
greeting3(uint8_t *g, int minor, const char *mech, int as_server)
{
	memset(g, 0, ZMTP_GREETING);
	g[0] = 0xff;
	g[9] = 0x7f;
	g[10] = 3;
	g[11] = (uint8_t)minor;
	memcpy(g + 12, mech, strlen(mech));
	g[32] = (uint8_t)as_server;
	return ZMTP_GREETING;
}

/* Greetings, whole and cut. */
static void
test_greetings(void)
{
	uint8_t g[ZMTP_GREETING];
	struct zmtp_greeting z;
	static const uint8_t v2[] = { 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 1, 1 };
	static const uint8_t v1[] = { 6, 0, 'h', 'e', 'l', 'l', 'o' };
	size_t n;

	n = greeting3(g, 1, "NULL", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_OK && z.major == 3 &&
	    z.minor == 1 && strcmp(z.mechanism, "NULL") == 0 && !z.as_server &&
	    z.len == 64, "3.1 NULL");
	n = greeting3(g, 0, "CURVE", 1);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_OK && z.minor == 0 &&
	    strcmp(z.mechanism, "CURVE") == 0 && z.as_server, "3.0 CURVE, "
	    "as-server");
	tap_ok(zmtp_greeting(g, 10, &z) == ZMTP_MORE &&
	    zmtp_greeting(g, 63, &z) == ZMTP_MORE && zmtp_greeting(g, 0, &z) ==
	    ZMTP_MORE, "a greeting cut short wants more");
	n = greeting3(g, 1, "NU L", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "a mechanism with a blank "
	    "is not ZMTP");
	n = greeting3(g, 1, "", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "nor an empty one");
	n = greeting3(g, 1, "NULL", 0);
	g[20] = 'X';
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "nor bytes after its NUL");
	tap_ok(zmtp_greeting(v2, sizeof(v2), &z) == ZMTP_OK && z.major == 2 &&
	    z.socket_type == 1 && strcmp(zmtp_type_name(1), "PUB") == 0,
	    "2.0: revision 1, socket type 1 (PUB)");
	tap_ok(zmtp_greeting(v1, sizeof(v1), &z) == ZMTP_OK && z.major == 1,
	    "1.0: a length and flags 0");
	tap_ok(zmtp_greeting((const uint8_t *)"HTTP/1.1", 8, &z) == ZMTP_NOT &&
	    zmtp_greeting((const uint8_t *)"SSH-2.0-", 8, &z) == ZMTP_NOT,
	    "HTTP and SSH banners are not ZMTP");
	memset(g, 0, sizeof(g));
	g[0] = 0xff;
	g[9] = 0x7e;
	tap_ok(zmtp_greeting(g, 10, &z) == ZMTP_NOT, "a signature that does "
	    "not end in an odd byte is not ZMTP");
	tap_ok(zmtp_type_name(9) == NULL && zmtp_type_name(-1) == NULL,
	    "2.0 type numbers past PUSH have no name");
}

/* Frames, a command, READY's properties. */
static void
test_frames(void)
{
	static const uint8_t ready[] = {
		0x04, 0x24, 5, 'R', 'E', 'A', 'D', 'Y',
		11, 'S', 'o', 'c', 'k', 'e', 't', '-', 'T', 'y', 'p', 'e',
		0, 0, 0, 3, 'P', 'U', 'B',
		5, 'X', '-', 'A', 'b', 'c', 0, 0, 0, 1, 'z',
	};
	static const uint8_t longf[] = { 0x06, 0, 0, 0, 0, 0, 0, 0, 2, 1, 'x' };
	const uint8_t *body = NULL, *name = NULL, *data = NULL;
	size_t len = 0, namelen = 0, datalen = 0, count = 0;
	struct zmtp_prop props[4];
	int flags;

	tap_ok(zmtp_frame(ready, sizeof(ready), &flags, &body, &len) ==
	    (long)sizeof(ready) && flags == ZMTP_COMMAND && len == 0x24,
	    "a short command frame");
	tap_ok(zmtp_frame(ready, 5, &flags, &body, &len) == 0 &&
	    zmtp_frame(ready, 1, &flags, &body, &len) == 0, "cut: more");
	tap_ok(body != NULL && zmtp_command(body, len, &name, &namelen, &data,
	    &datalen) == 0 && namelen == 5 && memcmp(name, "READY", 5) == 0,
	    "named READY");
	if (data == NULL)
		return;
	tap_ok(zmtp_props(data, datalen, props, 4, &count) == 0 && count == 2 &&
	    props[0].namelen == 11 && props[0].valuelen == 3 &&
	    memcmp(props[0].value, "PUB", 3) == 0 && props[1].valuelen == 1,
	    "its properties: Socket-Type PUB, X-Abc z");
	tap_ok(zmtp_props(data, datalen - 1, props, 4, &count) == -1,
	    "a value cut short is refused");
	tap_ok(zmtp_props(data, datalen, props, 1, &count) == 0 && count == 1,
	    "no more kept than room");
	tap_ok(zmtp_frame(longf, sizeof(longf), &flags, &body, &len) == 11 &&
	    (flags & ZMTP_LONG) && len == 2, "a long frame");
	tap_ok(zmtp_frame((const uint8_t *)"\x08\x01", 2, &flags, &body,
	    &len) == -1, "reserved flag bits: no frame");
	tap_ok(zmtp_command((const uint8_t *)"\x09READY", 6, &name, &namelen,
	    &data, &datalen) == -1, "a name longer than the body: no command");
}

/* What we write: frames, commands, PLAIN's HELLO; ERROR's reason and
 * libzmq's "\x5eRROR". */
static void
test_builders(void)
{
	static const struct {
		const char	*userpass;
		const char	*want;
		size_t		 n;
	} hellos[] = {
		{ "alice:pw", "\x05HELLO\x05" "alice\x02pw", 15 },
		{ "a:b:c", "\x05HELLO\x01" "a\x03" "b:c", 12 },
		{ "a:", "\x05HELLO\x01" "a\x00", 9 },
	};
	const uint8_t *name, *data, *r;
	size_t i, nl, dl, rl;
	struct outbuf ob;
	char err[128], big[300];

	outbuf_init(&ob, -1, 16);
	for (i = 0; i < sizeof(hellos) / sizeof(hellos[0]); i++) {
		ob.len = 0;
		tap_ok(zmtp_plain_hello(&ob, hellos[i].userpass, err,
		    sizeof(err)) == 0 && holds(&ob, hellos[i].want, hellos[i].n),
		    "PLAIN HELLO of '%s'", hellos[i].userpass);
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[1] = ':';
	tap_ok(zmtp_plain_hello(&ob, big, err, sizeof(err)) == -1 &&
	    strcmp(err, "the password is longer than PLAIN's 255 bytes") == 0 &&
	    strstr(err, "xxx") == NULL, "a 298-byte password: said, not shown");
	ob.len = 0;
	zmtp_put_command(&ob, "INITIATE", NULL, 0);
	tap_ok(holds(&ob, "\x08INITIATE", 9), "INITIATE without metadata");
	ob.len = 0;
	zmtp_put_frame(&ob, ZMTP_COMMAND, "\x05READY", 6);
	tap_ok(holds(&ob, "\x04\x06\x05READY", 8), "a short command frame");
	ob.len = 0;
	zmtp_put_frame(&ob, ZMTP_COMMAND, big, 256);
	tap_ok(ob.len == 265 && memcmp(ob.buf, "\x06\0\0\0\0\0\0\x01\0", 9) ==
	    0, "256 bytes: a long frame");
	tap_ok(zmtp_command((const uint8_t *)"\x05" "ERROR\x03" "400", 10, &name,
	    &nl, &data, &dl) == 0 && zmtp_is(name, nl, "ERROR") &&
	    zmtp_error_reason(data, dl, &r, &rl) == 0 && rl == 3 &&
	    memcmp(r, "400", 3) == 0, "ERROR and its reason");
	tap_ok(zmtp_command((const uint8_t *)"\x5eRROR\x03" "400", 9, &name,
	    &nl, &data, &dl) == 0 && zmtp_is(name, nl, "ERROR") &&
	    zmtp_error_reason(data, dl, &r, &rl) == 0 && rl == 3,
	    "libzmq's PLAIN ERROR, named \\x5eRROR: ERROR too");
	tap_ok(zmtp_error_reason((const uint8_t *)"\x09" "400", 4, &r, &rl) ==
	    -1 && zmtp_error_reason(NULL, 0, &r, &rl) == -1,
	    "a reason cut short: none");
	outbuf_free(&ob);
}

/* INITIATE, and READY boxed by the server played here (its short-term
 * secret key snsec): the metadata inside. */
static void
test_curve_ready(struct curvecli *c, const uint8_t *snsec)
{
	uint8_t nonce[24], plain[32 + 16], box[sizeof(plain)], rd[14 + 16 + 16];
	struct outbuf ob, meta;
	const uint8_t *n8, *b;
	size_t bl;

	outbuf_init(&ob, -1, 64);
	outbuf_init(&meta, -1, 16);
	tap_ok(curvecli_initiate(c, NULL, 0, &ob) == 0 && ob.len == 9 + 96 +
	    8 + 16 + 128 && memcmp(ob.buf, "\x08INITIATE", 9) == 0 &&
	    (uint8_t)ob.buf[9] == 0xc0 && memcmp(ob.buf + 105,
	    "\0\0\0\0\0\0\0\x02", 8) == 0,
	    "INITIATE: the cookie back, short nonce 2, our key and vouch");
	/* READY: Box [metadata](S'->C') */
	memset(plain, 0, 32);
	memcpy(plain + 32, "\x01X\0\0\0\x03" "abc", 9);
	memcpy(nonce, "CurveZMQREADY---", 16);
	memcpy(nonce + 16, "\0\0\0\0\0\0\0\x01", 8);
	tap_ok(crypto_box(box, plain, 32 + 9, nonce, c->cn_pub, snsec) == 0,
	    "(the server's READY)");
	memcpy(rd, "\x05READY", 6);
	memcpy(rd + 6, nonce + 16, 8);
	memcpy(rd + 14, box + 16, 16 + 9);
	tap_ok(zmtp_curve_ready(rd + 6, 8 + 25, &n8, &b, &bl) == 0 && bl ==
	    25 && curvecli_ready(c, rd + 6, 8 + 25, &meta) == 0 &&
	    holds(&meta, "\x01X\0\0\0\x03" "abc", 9),
	    "READY opens: its metadata");
	rd[20] ^= 1;
	tap_ok(curvecli_ready(c, rd + 6, 8 + 25, &meta) == -1,
	    "a READY with a flipped byte does not open");
	tap_ok(zmtp_curve_ready(rd + 6, 23, &n8, &b, &bl) == -1,
	    "a READY shorter than a nonce and a MAC: refused");
	outbuf_free(&meta);
	outbuf_free(&ob);
}

/* The CURVE layouts, and a whole handshake: curvecli against a server
 * played here, READY's metadata out; a server of another key. */
static void
test_curve(void)
{
	uint8_t spub[32], ssec[32], snpub[32], snsec[32], hello[200];
	uint8_t nonce[24], plain[32 + 128], box[sizeof(plain)];
	uint8_t welcome[8 + 160];
	char spubz[41], other[41], err[128];
	struct curvecli c;
	struct outbuf ob;

	crypto_box_keypair(spub, ssec);
	crypto_box_keypair(snpub, snsec);
	outbuf_init(&ob, -1, 64);
	codec_z85_encode(&ob, spub, 32);
	snprintf(spubz, sizeof(spubz), "%.*s", (int)ob.len, ob.buf);
	memset(other, '0', 40);
	other[40] = '\0';
	tap_ok(curvecli_init(&c, "short", NULL, err, sizeof(err)) == -1 &&
	    strcmp(err, "not a CURVE key") == 0, "a bad server key");
	tap_ok(curvecli_init(&c, spubz, NULL, err, sizeof(err)) == 0 &&
	    curvecli_hello(&c, hello) == 0 && memcmp(hello, "\x05HELLO\1\0",
	    8) == 0 && memcmp(hello + 80, c.cn_pub, 32) == 0 &&
	    memcmp(hello + 112, "\0\0\0\0\0\0\0\x01", 8) == 0,
	    "HELLO: version 1.0, C', short nonce 1");
	memcpy(nonce, "CurveZMQHELLO---", 16);
	memcpy(nonce + 16, hello + 112, 8);
	memset(box, 0, 16);
	memcpy(box + 16, hello + 120, 80);
	tap_ok(crypto_box_open(plain, box, 96, nonce, hello + 80, ssec) == 0,
	    "HELLO's box opens with the server's secret key");
	/* WELCOME: Box [S' + cookie](S->C') */
	memset(plain, 0, 32);
	memcpy(plain + 32, snpub, 32);
	memset(plain + 64, 0xc0, 96);
	memcpy(nonce, "WELCOME-", 8);
	randombytes_buf(nonce + 8, 16);
	tap_ok(crypto_box(box, plain, 32 + 128, nonce, c.cn_pub, ssec) == 0,
	    "(the server's WELCOME)");
	memcpy(welcome, "\x07WELCOME", 8);
	memcpy(welcome + 8, nonce + 8, 16);
	memcpy(welcome + 24, box + 16, 144);
	tap_ok(curvecli_welcome(&c, welcome + 8, 159) == -1,
	    "a WELCOME of 159 bytes: refused");
	tap_ok(curvecli_welcome(&c, welcome + 8, 160) == 0 &&
	    memcmp(c.cn_server, snpub, 32) == 0 && c.cookie[0] == 0xc0,
	    "WELCOME opens: S' and the cookie");
	test_curve_ready(&c, snsec);
	curvecli_clear(&c);
	tap_ok(curvecli_init(&c, other, NULL, err, sizeof(err)) == 0 &&
	    curvecli_welcome(&c, welcome + 8, 160) == -1,
	    "WELCOME from a server of another key does not open");
	curvecli_clear(&c);
	outbuf_free(&ob);
}

/* ws:// endpoints, our request, subprotocols. */
static void
test_zws_upgrade(void)
{
	static const struct {
		const char	*in;
		int		 rc;
		const char	*hp, *path;
	} eps[] = {
		{ "127.0.0.1:5998", 0, "127.0.0.1:5998", "/" },
		{ "h:1/zmq/x", 0, "h:1", "/zmq/x" },
		{ "[::1]:80/", 0, "[::1]:80", "/" },
		{ "127.0.0.1", -1, NULL, NULL },
		{ "h:/p", -1, NULL, NULL },
		{ "/p", -1, NULL, NULL },
	};
	static const struct {
		const char	*in;
		int		 rc, major, minor;
		const char	*mech;
	} subs[] = {
		{ "ZWS2.0/NULL", 0, 2, 0, "NULL" },
		{ "ZWS2.0/CURVE", 0, 2, 0, "CURVE" },
		{ "ZWS2.0", 0, 2, 0, "" },
		{ "ZWS2.0/", -1, 0, 0, NULL },
		{ "ZWS2.0/A B", -1, 0, 0, NULL },
		{ "ZWS2", -1, 0, 0, NULL },
		{ "chat", -1, 0, 0, NULL },
		{ "ZWS2.0/ABCDEFGHIJKLMNOPQRSTU", -1, 0, 0, NULL },
	};
	char hp[64], mech[21];
	const char *path;
	int major, minor;
	struct outbuf ob;
	size_t i;

	for (i = 0; i < sizeof(eps) / sizeof(eps[0]); i++)
		tap_ok(zws_endpoint(eps[i].in, hp, sizeof(hp), &path) ==
		    eps[i].rc && (eps[i].rc == -1 || (strcmp(hp, eps[i].hp) ==
		    0 && strcmp(path, eps[i].path) == 0)), "ws://%s",
		    eps[i].in);
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		tap_ok(zws_subprotocol((const uint8_t *)subs[i].in,
		    strlen(subs[i].in), &major, &minor, mech, sizeof(mech)) ==
		    subs[i].rc && (subs[i].rc == -1 || (major == subs[i].major &&
		    minor == subs[i].minor && strcmp(mech, subs[i].mech) == 0)),
		    "subprotocol %s", subs[i].in);
	outbuf_init(&ob, -1, 16);
	zws_request(&ob, "h:1", "/zmq", "a2V5", "ZWS2.0/NULL");
	tap_ok(holds(&ob, "GET /zmq HTTP/1.1\r\nHost: h:1\r\nUpgrade: "
	    "websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: a2V5\r\n"
	    "Sec-WebSocket-Protocol: ZWS2.0/NULL\r\nSec-WebSocket-Version: "
	    "13\r\n\r\n", 162), "the upgrade request");
	outbuf_free(&ob);
}

/* The answer to the upgrade: libzmq's, cut, others. */
static void
test_zws_response(void)
{
	static const char libzmq[] = "HTTP/1.1 101 Switching Protocols\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: PWUz=\r\nSec-WebSocket-Protocol: "
	    "ZWS2.0/NULL\r\n\r\n\x82";
	static const struct {
		const char		*what;
		const char		*in;
		enum zmtp_status	 st;
		int			 status;
	} t[] = {
		{ "a 404", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
		  "\r\n", ZMTP_OK, 404 },
		{ "a terse 101", "HTTP/1.1 101\r\nUPGRADE:  WebSocket \r\n"
		  "connection: keep-alive, upgrade\r\n\r\n", ZMTP_OK, 101 },
		{ "no blank line yet", "HTTP/1.1 101 OK\r\nUpgrade: "
		  "websocket\r\n", ZMTP_MORE, 0 },
		{ "a start of HTTP", "HTTP/1", ZMTP_MORE, 0 },
		{ "SSH", "SSH-2.0-x\r\n", ZMTP_NOT, 0 },
		{ "bare LFs", "HTTP/1.1 101 OK\nUpgrade: x\n\n", ZMTP_NOT, 0 },
		{ "a 4-digit status", "HTTP/1.1 1010 OK\r\n\r\n", ZMTP_NOT, 0 },
		{ "a header without a colon", "HTTP/1.1 101 OK\r\nno colon\r\n"
		  "\r\n", ZMTP_NOT, 0 },
	};
	struct zws_response r;
	size_t i, n = sizeof(libzmq) - 1;

	tap_ok(zws_response((const uint8_t *)libzmq, n, &r) == ZMTP_OK &&
	    r.status == 101 && r.upgrade && r.connection && r.accept &&
	    r.protocollen == 11 && memcmp(r.protocol, "ZWS2.0/NULL", 11) == 0 &&
	    r.len == n - 1, "libzmq's 101: all of it, up to its first frame");
	tap_ok(zws_response((const uint8_t *)libzmq, n - 3, &r) == ZMTP_MORE,
	    "cut before the blank line: more");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		tap_ok(zws_response((const uint8_t *)t[i].in, strlen(t[i].in),
		    &r) == t[i].st && (t[i].st != ZMTP_OK || r.status ==
		    t[i].status), "answer: %s", t[i].what);
	tap_ok(zws_response((const uint8_t *)t[1].in, strlen(t[1].in), &r) ==
	    ZMTP_OK && r.upgrade && r.connection && r.protocol == NULL,
	    "header names and tokens in any case, listed, padded");
}

/* WebSocket frames: libzmq's READY, sizes, masks, bad ones. */
static void
test_zws_frames(void)
{
	static const uint8_t mask[4] = { 1, 2, 3, 4 };
	static const uint8_t ready[] = "\x82\x08\x02\x05READY\x00";
	uint8_t big[70000], buf[16];
	struct zws_frame f;
	struct outbuf ob;

	tap_ok(zws_frame(ready, 10, &f) == 10 && f.fin && f.opcode == 2 &&
	    !f.masked && f.len == 8 && f.payload == ready + 2,
	    "an unmasked binary frame");
	tap_ok(zws_frame(ready, 9, &f) == 0 && zws_frame(ready, 1, &f) == 0,
	    "cut: more");
	tap_ok(zws_frame((const uint8_t *)"\xc2\x00", 2, &f) == -1,
	    "a reserved bit: no frame");
	tap_ok(zws_frame((const uint8_t *)"\x09\x00", 2, &f) == -1 &&
	    zws_frame((const uint8_t *)"\x89\x7e\x00\x80", 4, &f) == -1,
	    "a ping cut in pieces, or long: no frame");
	tap_ok(zws_frame((const uint8_t *)"\x82\x7f\x80\0\0\0\0\0\0\0", 10,
	    &f) == -1, "a size with its top bit: no frame");
	outbuf_init(&ob, -1, 16);
	zws_put_frame(&ob, ZWS_OP_BINARY, (const uint8_t *)"\x02\x05READY", 7,
	    mask);
	memcpy(buf, "\x02\x05READY", 7);
	zws_mask(buf, 7, mask);
	tap_ok(ob.len == 13 && memcmp(ob.buf, "\x82\x87\x01\x02\x03\x04", 6)
	    == 0 && memcmp(ob.buf + 6, buf, 7) == 0, "a masked frame of 7");
	tap_ok(zws_frame((uint8_t *)ob.buf, ob.len, &f) == 13 && f.masked &&
	    memcmp(f.mask, mask, 4) == 0 && f.len == 7, "read back: masked");
	zws_mask(buf, 7, mask);
	tap_ok(memcmp(buf, "\x02\x05READY", 7) == 0, "unmasked again");
	memset(big, 'b', sizeof(big));
	ob.len = 0;
	zws_put_frame(&ob, ZWS_OP_BINARY, big, 300, NULL);
	tap_ok(ob.len == 304 && memcmp(ob.buf, "\x82\x7e\x01\x2c", 4) == 0 &&
	    zws_frame((uint8_t *)ob.buf, ob.len, &f) == 304 && f.len == 300,
	    "300 bytes: a 16-bit size");
	ob.len = 0;
	zws_put_frame(&ob, ZWS_OP_BINARY, big, sizeof(big), NULL);
	tap_ok(ob.len == 10 + sizeof(big) && memcmp(ob.buf,
	    "\x82\x7f\0\0\0\0\0\x01\x11\x70", 10) == 0 &&
	    zws_frame((uint8_t *)ob.buf, ob.len, &f) == (long)ob.len,
	    "70000 bytes: a 64-bit size");
	outbuf_free(&ob);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	test_greetings();
	test_frames();
	test_builders();
	test_curve();
	test_zws_upgrade();
	test_zws_response();
	test_zws_frames();
	return tap_done();
}
