/* A ZAP handler in the poll loop: CURVE allow-lists and PLAIN users. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "clock.h"
#include "keys.h"
#include "log.h"
#include "zap.h"

#define ZAP_ENDPOINT	"inproc://zeromq.zap.01"
#define ZAP_FRAMES	8	/* version, id, domain, address, identity,
				 * mechanism and up to two credentials */

/* One request as RFC 27 lays it out; frames past ZAP_FRAMES are ignored. */
struct zap_request {
	zmq_msg_t	 frames[ZAP_FRAMES];
	size_t		 n;
};

/* The verdict on one request. */
struct zap_verdict {
	const char	*status;	/* "200" or "400" */
	const char	*text;		/* for the peer */
	char		 user[256];	/* the user id on success */
	char		 who[320];	/* the refused key or user, for the log */
	const char	*why;		/* why it was refused, for the log */
};

/* Nonzero when some socket's peers must pass an allow-list or users file. */
int
zap_needed(struct spec **specs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (keys_has_list(&specs[i]->keys))
			return 1;
	return 0;
}

/* Bind the handler before any socket can take a CURVE or PLAIN peer. */
int
zap_open(void *ctx, struct zap *z)
{
	int zero = 0;

	memset(z, 0, sizeof(*z));
	refusals_init(&z->refusals, REFUSALS_ADDRS, REFUSALS_INTERVAL_MS);
	if ((z->handle = zmq_socket(ctx, ZMQ_REP)) == NULL ||
	    zmq_setsockopt(z->handle, ZMQ_LINGER, &zero, sizeof(zero)) == -1 ||
	    zmq_bind(z->handle, ZAP_ENDPOINT) == -1) {
		warnx("cannot start the ZAP handler on %s: %s", ZAP_ENDPOINT,
		    zmq_strerror(errno));
		return -1;
	}
	return 0;
}

/* Frame i of the request as a string, or "" when it is missing. */
static void
zap_frame_str(struct zap_request *rq, size_t i, char *buf, size_t len)
{
	size_t n;

	if (i >= rq->n) {
		buf[0] = '\0';
		return;
	}
	n = zmq_msg_size(&rq->frames[i]);
	if (n >= len)
		n = len - 1;
	memcpy(buf, zmq_msg_data(&rq->frames[i]), n);
	buf[n] = '\0';
	/* names and addresses are shown in logs: no control characters */
	for (i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
}

/* Read one whole request; 0 when none is waiting. */
static int
zap_recv(struct zap *z, struct zap_request *rq)
{
	zmq_msg_t extra;
	int more = 1;

	rq->n = 0;
	while (more) {
		zmq_msg_t *m = rq->n < ZAP_FRAMES ? &rq->frames[rq->n] : &extra;

		zmq_msg_init(m);
		/* the rest of a message is there once its first frame is:
		 * only a signal can interrupt it, and then we read on */
		while (zmq_msg_recv(m, z->handle, rq->n ? 0 :
		    ZMQ_DONTWAIT) == -1) {
			if (rq->n == 0 || errno != EINTR) {
				zmq_msg_close(m);
				return rq->n > 0;
			}
		}
		more = zmq_msg_more(m);
		if (m == &extra)
			zmq_msg_close(m);
		else
			rq->n++;
	}
	return 1;
}

/* Release a request's frames. */
static void
zap_request_free(struct zap_request *rq)
{
	size_t i;

	for (i = 0; i < rq->n; i++)
		zmq_msg_close(&rq->frames[i]);
	rq->n = 0;
}

/* The socket a request's domain names, if its peers are listed. The
 * domain is compared whole, as sent: a long name cut short must not
 * miss its socket, which would let the peer in unchecked. */
static struct zsock *
zap_socket(struct zap_request *rq, struct zsock *socks, size_t n)
{
	const char *name;
	size_t i;

	if (rq->n < 3)
		return NULL;
	for (i = 0; i < n; i++) {
		name = socks[i].spec->name;
		if (keys_has_list(&socks[i].spec->keys) &&
		    zmq_msg_size(&rq->frames[2]) == strlen(name) &&
		    memcmp(zmq_msg_data(&rq->frames[2]), name,
		    strlen(name)) == 0)
			return &socks[i];
	}
	return NULL;
}

/* Judge a CURVE client by its public key. */
static void
zap_judge_curve(struct zap_request *rq, const struct keys *k,
    struct zap_verdict *v)
{
	char key[KEYS_Z85_LEN + 1];

	if (rq->n < 7 || zmq_msg_size(&rq->frames[6]) != 32 ||
	    zmq_z85_encode(key, zmq_msg_data(&rq->frames[6]), 32) == NULL) {
		snprintf(v->who, sizeof(v->who), "CURVE client");
		v->why = "malformed credentials";
		return;
	}
	snprintf(v->who, sizeof(v->who), "CURVE key %s", key);
	if (!keys_allowed(k, key)) {
		v->why = "not in the allow-list";
		return;
	}
	v->status = "200";
	snprintf(v->user, sizeof(v->user), "%s", key);
}

/* Judge a PLAIN client by user name and password. */
static void
zap_judge_plain(struct zap_request *rq, const struct keys *k,
    struct zap_verdict *v)
{
	char user[200];

	zap_frame_str(rq, 6, user, sizeof(user));
	snprintf(v->who, sizeof(v->who), "PLAIN user '%s'", user);
	if (rq->n < 8) {
		v->why = "malformed credentials";
		return;
	}
	/* the name as sent, not as shown: no NUL or '?' may stand in */
	if (!keys_user_ok(k, zmq_msg_data(&rq->frames[6]),
	    zmq_msg_size(&rq->frames[6]), zmq_msg_data(&rq->frames[7]),
	    zmq_msg_size(&rq->frames[7]))) {
		v->why = "unknown user or wrong password";
		return;
	}
	v->status = "200";
	snprintf(v->user, sizeof(v->user), "%s", user);
}

/* Decide on a request for a listed socket; NULL socket: not ours to
 * check (no list on it), so the peer is let in as it would be without
 * a handler. */
static void
zap_judge(struct zap_request *rq, struct zsock *zs, struct zap_verdict *v)
{
	char mech[32], version[8];

	memset(v, 0, sizeof(*v));
	v->status = "400";
	v->text = "OK";
	zap_frame_str(rq, 0, version, sizeof(version));
	zap_frame_str(rq, 5, mech, sizeof(mech));
	if (rq->n < 6 || strcmp(version, "1.0") != 0) {
		snprintf(v->who, sizeof(v->who), "a peer");
		v->why = "malformed ZAP request";
	} else if (zs == NULL)
		v->status = "200";
	else if (strcmp(mech, "CURVE") == 0 && zs->spec->keys.allow_path)
		zap_judge_curve(rq, &zs->spec->keys, v);
	else if (strcmp(mech, "PLAIN") == 0 && zs->spec->keys.users_path)
		zap_judge_plain(rq, &zs->spec->keys, v);
	else {
		snprintf(v->who, sizeof(v->who), "%s client", mech);
		v->why = "wrong security mechanism";
	}
	if (strcmp(v->status, "200") != 0)
		v->text = "Access denied";
}

/* Send the reply: version, request id, status, text, user id, metadata. */
static void
zap_reply(struct zap *z, struct zap_request *rq, const struct zap_verdict *v)
{
	const char *parts[] = { "1.0", NULL, v->status, v->text, v->user, "" };
	size_t i, n = sizeof(parts) / sizeof(parts[0]);

	for (i = 0; i < n; i++) {
		int flags = i + 1 < n ? ZMQ_SNDMORE : 0;

		if (i == 1 && rq->n > 1)
			zmq_send(z->handle, zmq_msg_data(&rq->frames[1]),
			    zmq_msg_size(&rq->frames[1]), flags);
		else
			zmq_send(z->handle, i == 1 ? "" : parts[i],
			    i == 1 ? 0 : strlen(parts[i]), flags);
	}
}

/* Write out what the refused-peer log said, unless -q silences it. */
static void
zap_flush(struct outbuf *ob)
{
	if (log_level >= LOG_WARN)
		outbuf_flush(ob);
	outbuf_free(ob);
}

/* Log a refusal: a line per socket and peer address an interval, the
 * rest counted (refusals.c). */
static void
zap_log_refusal(struct zap *z, const char *sock, const char *addr,
    const struct zap_verdict *v)
{
	struct refusal f = { sock, addr, v->who, v->why };
	struct outbuf ob;

	outbuf_init(&ob, STDERR_FILENO, 512);
	refusals_note(&z->refusals, &ob, &f, clock_mono_ms());
	zap_flush(&ob);
}

/* When the refused-peer log next has a count to say, or -1. */
int64_t
zap_due(const struct zap *z)
{
	return refusals_due(&z->refusals);
}

/* Say the counts of refusals due at now, or with all every one (the
 * end). */
void
zap_tick(struct zap *z, int64_t now, int all)
{
	struct outbuf ob;

	if (zap_due(z) < 0 || (!all && zap_due(z) > now))
		return;
	outbuf_init(&ob, STDERR_FILENO, 512);
	refusals_tick(&z->refusals, &ob, now, all);
	zap_flush(&ob);
}

/* Answer every request waiting: admit listed peers, refuse and log the
 * rest, and count each refusal on its socket. */
void
zap_serve(struct zap *z, struct zsock *socks, size_t n)
{
	struct zap_request rq;
	struct zap_verdict v;
	struct zsock *zs;
	char addr[128];

	while (zap_recv(z, &rq)) {
		zs = zap_socket(&rq, socks, n);
		zap_judge(&rq, zs, &v);
		zap_frame_str(&rq, 3, addr, sizeof(addr));
		if (strcmp(v.status, "200") == 0) {
			if (zs != NULL)
				log_msg(LOG_INFO, "%s: admitted %s from %s",
				    zs->spec->name, v.who, addr);
		} else {
			if (zs != NULL)
				sock_note_refused(zs);
			zap_log_refusal(z, zs ? zs->spec->name : "zap", addr, &v);
		}
		zap_reply(z, &rq, &v);
		zap_request_free(&rq);
	}
}

/* Close the handler; the refusals not said yet are said first. Accepts
 * one never opened. */
void
zap_close(struct zap *z)
{
	if (z == NULL)
		return;
	zap_tick(z, clock_mono_ms(), 1);
	if (z->handle != NULL)
		zmq_close(z->handle);
	refusals_free(&z->refusals);
	memset(z, 0, sizeof(*z));
}
