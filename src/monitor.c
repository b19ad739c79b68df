/* libzmq socket monitor events: decoded, named and rendered for stderr. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "clock.h"
#include "jsonw.h"
#include "monitor.h"
#include "xmalloc.h"

#define MONITOR_WINDOW_MS	1000	/* repeats within it are counted */
#define MONITOR_RETRY_MS	10000	/* and retries of a dead endpoint */

/* What an event's value means, and so how it is shown. */
enum monitor_value {
	VALUE_NONE,		/* an fd, or nothing worth showing */
	VALUE_ERRNO,		/* why something failed */
	VALUE_RETRY,		/* ms until the next connect attempt */
	VALUE_PROTOCOL,		/* a ZMQ_PROTOCOL_ERROR_* code */
	VALUE_STATUS		/* the ZAP status code of a refusal */
};

/* Every event libzmq 4.3 reports, as --monitor names it. */
static const struct {
	uint16_t		 event;
	const char		*text;
	const char		*json;
	enum monitor_value	 value;
} events[] = {
	{ ZMQ_EVENT_CONNECTED, "connected", "connected", VALUE_NONE },
	{ ZMQ_EVENT_CONNECT_DELAYED, "connect delayed", "connect_delayed",
	    VALUE_NONE },
	{ ZMQ_EVENT_CONNECT_RETRIED, "connect retried", "connect_retried",
	    VALUE_RETRY },
	{ ZMQ_EVENT_LISTENING, "listening", "listening", VALUE_NONE },
	{ ZMQ_EVENT_BIND_FAILED, "bind failed", "bind_failed", VALUE_ERRNO },
	{ ZMQ_EVENT_ACCEPTED, "accepted", "accepted", VALUE_NONE },
	{ ZMQ_EVENT_ACCEPT_FAILED, "accept failed", "accept_failed",
	    VALUE_ERRNO },
	{ ZMQ_EVENT_CLOSED, "closed", "closed", VALUE_NONE },
	{ ZMQ_EVENT_CLOSE_FAILED, "close failed", "close_failed",
	    VALUE_ERRNO },
	{ ZMQ_EVENT_DISCONNECTED, "disconnected", "disconnected", VALUE_NONE },
	{ ZMQ_EVENT_MONITOR_STOPPED, "monitor stopped", "monitor_stopped",
	    VALUE_NONE },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, "handshake failed",
	    "handshake_failed", VALUE_ERRNO },
	{ ZMQ_EVENT_HANDSHAKE_SUCCEEDED, "handshake succeeded",
	    "handshake_succeeded", VALUE_NONE },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL, "handshake failed",
	    "handshake_failed", VALUE_PROTOCOL },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, "handshake failed",
	    "handshake_failed", VALUE_STATUS },
};

/* The reasons libzmq gives for a failed handshake, in words. */
static const struct {
	uint32_t	 code;
	const char	*text;
} protocol_errors[] = {
	{ ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED, "ZMTP protocol error" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND, "unexpected command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE, "invalid sequence" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE, "key exchange failed" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED,
	    "malformed command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE,
	    "malformed MESSAGE command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO,
	    "malformed HELLO command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE,
	    "malformed INITIATE command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR,
	    "malformed ERROR command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY,
	    "malformed READY command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME,
	    "malformed WELCOME command" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA, "invalid metadata" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC,
	    "cryptographic error (wrong key?)" },
	{ ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH,
	    "security mechanism mismatch" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED, "ZAP error" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY, "malformed ZAP reply" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID, "bad ZAP request id" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION, "bad ZAP version" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE,
	    "invalid ZAP status code" },
	{ ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA, "invalid ZAP metadata" },
	{ ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED, "WebSocket protocol error" },
};

/* Decode the first frame of a monitor message: event and value. */
int
monitor_parse(const void *frame, size_t len, struct monitor_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (len < sizeof(ev->event) + sizeof(ev->value))
		return -1;
	memcpy(&ev->event, frame, sizeof(ev->event));
	memcpy(&ev->value, (const char *)frame + sizeof(ev->event),
	    sizeof(ev->value));
	return 0;
}

/* The event's index in the table, or -1 for one this build does not know. */
static int
monitor_find(uint16_t event)
{
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (events[i].event == event)
			return (int)i;
	return -1;
}

/* The name of an event in words, or in JSON's snake case; NULL if unknown. */
const char *
monitor_event_name(uint16_t event, int json)
{
	int i = monitor_find(event);

	if (i < 0)
		return NULL;
	return json ? events[i].json : events[i].text;
}

/* The words for a protocol error code. */
static const char *
monitor_protocol_text(uint32_t code)
{
	size_t i;

	for (i = 0; i < sizeof(protocol_errors) / sizeof(protocol_errors[0]);
	    i++)
		if (protocol_errors[i].code == code)
			return protocol_errors[i].text;
	return "protocol error";
}

/* The reason a failure event gives, in words; NULL for other events. */
static const char *
monitor_reason_kind(const struct monitor_event *ev, enum monitor_value kind,
    char *buf, size_t len)
{
	switch (kind) {
	case VALUE_ERRNO:
		return zmq_strerror((int)ev->value);
	case VALUE_PROTOCOL:
		return monitor_protocol_text(ev->value);
	case VALUE_STATUS:
		snprintf(buf, len, "refused by the authenticator, status %u",
		    (unsigned)ev->value);
		return buf;
	default:
		return NULL;
	}
}

/* Why a failure event happened, in words; NULL for other events. */
const char *
monitor_reason(const struct monitor_event *ev, char *buf, size_t len)
{
	int i = monitor_find(ev->event);

	return i < 0 ? NULL : monitor_reason_kind(ev, events[i].value, buf, len);
}

/* Append a string; the pieces are short. */
static void
monitor_put(struct outbuf *ob, const char *s)
{
	outbuf_put(ob, s, strlen(s));
}

/* The local time of day, HH:MM:SS.mmm and a space; nothing for 0. */
static void
monitor_put_time(struct outbuf *ob, int64_t ms)
{
	char buf[32];

	if (*clock_time_of_day(ms, buf, sizeof(buf)) == '\0')
		return;
	monitor_put(ob, buf);
	monitor_put(ob, " ");
}

/* The event as one JSON object on one line; an event this build does
 * not know is "unknown", with its number. */
static void
monitor_render_json(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, int i, const char *reason,
    uint64_t count)
{
	enum monitor_value kind = i >= 0 ? events[i].value : VALUE_NONE;
	struct jsonw w;

	jsonw_init(&w, ob);
	jsonw_object(&w);
	jsonw_key(&w, "event");
	jsonw_str(&w, i >= 0 ? events[i].json : "unknown");
	jsonw_key(&w, "socket");
	jsonw_str(&w, sock);
	if (ev->time_ms > 0) {
		jsonw_key(&w, "time");
		jsonw_uint(&w, (uint64_t)ev->time_ms);
	}
	if (ev->eplen > 0) {
		jsonw_key(&w, "endpoint");
		jsonw_string(&w, ev->endpoint, ev->eplen);
	}
	if (ev->peer != NULL) {
		jsonw_key(&w, "peer");
		jsonw_str(&w, ev->peer);
	}
	if (i < 0) {
		jsonw_key(&w, "code");
		jsonw_uint(&w, ev->event);
		jsonw_key(&w, "value");
		jsonw_uint(&w, ev->value);
	} else if (kind == VALUE_RETRY || kind == VALUE_STATUS) {
		jsonw_key(&w, kind == VALUE_RETRY ? "retry_ms" : "status");
		jsonw_uint(&w, ev->value);
	}
	if (reason != NULL) {
		jsonw_key(&w, "reason");
		jsonw_str(&w, reason);
	}
	if (count > 0) {
		jsonw_key(&w, "count");
		jsonw_uint(&w, count);
	}
	jsonw_end(&w);
	if (jsonw_done(&w) == 0)
		outbuf_put(ob, "\n", 1);
}

/*
 * Render one event of socket sock as --monitor shows it: a line of
 * words, or a JSON object. An event this build does not know is shown by
 * its number, so nothing libzmq says is hidden. A count above 0 makes
 * the line stand for that many repeats not shown one by one.
 */
static void
monitor_render_count(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, enum monitor_mode mode, uint64_t count)
{
	char buf[128], detail[160];
	const char *reason;
	int i = monitor_find(ev->event);

	reason = i < 0 ? NULL : monitor_reason_kind(ev, events[i].value, buf,
	    sizeof(buf));
	if (mode == MONITOR_JSON) {
		monitor_render_json(ob, sock, ev, i, reason, count);
		return;
	}
	monitor_put(ob, "zmqcat: ");
	monitor_put_time(ob, ev->time_ms);
	monitor_put(ob, sock);
	monitor_put(ob, ": ");
	if (i < 0) {
		snprintf(detail, sizeof(detail), "event 0x%x",
		    (unsigned)ev->event);
		monitor_put(ob, detail);
	} else
		monitor_put(ob, events[i].text);
	if (ev->eplen > 0) {
		monitor_put(ob, " ");
		outbuf_put(ob, ev->endpoint, ev->eplen);
	}
	detail[0] = '\0';
	if (i < 0)
		snprintf(detail, sizeof(detail), " (value %u)",
		    (unsigned)ev->value);
	else if (events[i].value == VALUE_RETRY)
		snprintf(detail, sizeof(detail), " (next try in %u ms)",
		    (unsigned)ev->value);
	else if (reason != NULL || ev->peer != NULL) {
		/* whole, not through detail, which could cut them */
		monitor_put(ob, " (");
		if (reason != NULL)
			monitor_put(ob, reason);
		if (reason != NULL && ev->peer != NULL)
			monitor_put(ob, ", ");
		if (ev->peer != NULL) {
			monitor_put(ob, "peer ");
			monitor_put(ob, ev->peer);
		}
		monitor_put(ob, ")");
	}
	monitor_put(ob, detail);
	if (count > 0) {
		snprintf(detail, sizeof(detail), ", %llu more like it",
		    (unsigned long long)count);
		monitor_put(ob, detail);
	}
	monitor_put(ob, "\n");
}

/* Render one event as --monitor shows it, on its own. */
void
monitor_render(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, enum monitor_mode mode)
{
	monitor_render_count(ob, sock, ev, mode, 0);
}

/* The event the last one shown stands for, to render it again. */
static void
monitor_last_event(const struct monitor_repeats *r, struct monitor_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->event = r->event;
	ev->value = r->value;
	ev->endpoint = r->endpoint;
	ev->eplen = r->eplen;
	ev->peer = r->peer;
	ev->time_ms = r->last_ms;
}

/* Nonzero when two peers are the same (or both unknown). */
static int
monitor_same_peer(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Nonzero when ev repeats the last event shown: the same event, value,
 * endpoint and peer, so the same line. */
static int
monitor_same(const struct monitor_repeats *r, const struct monitor_event *ev)
{
	return r->endpoint != NULL && r->event == ev->event &&
	    r->value == ev->value && r->eplen == ev->eplen &&
	    (ev->eplen == 0 || memcmp(r->endpoint, ev->endpoint,
	    ev->eplen) == 0) && monitor_same_peer(r->peer, ev->peer);
}

/*
 * Nonzero when ev is a step of the retry loop the last line shown began:
 * once a connect was retried, its next tries (delayed, closed, retried
 * again, each a little later) are one state, counted by its retries.
 */
static int
monitor_retrying(const struct monitor_repeats *r,
    const struct monitor_event *ev)
{
	return r->endpoint != NULL && r->event == ZMQ_EVENT_CONNECT_RETRIED &&
	    (ev->event == ZMQ_EVENT_CONNECT_DELAYED || ev->event ==
	    ZMQ_EVENT_CLOSED || ev->event == ZMQ_EVENT_CONNECT_RETRIED) &&
	    r->eplen == ev->eplen && memcmp(r->endpoint, ev->endpoint,
	    ev->eplen) == 0;
}

/* How long repeats are only counted: a retry loop goes on for long. */
static int64_t
monitor_window(const struct monitor_repeats *r)
{
	return r->event == ZMQ_EVENT_CONNECT_RETRIED ? MONITOR_RETRY_MS :
	    MONITOR_WINDOW_MS;
}

/* Remember ev as the last event shown, at now. */
static void
monitor_keep(struct monitor_repeats *r, const struct monitor_event *ev,
    int64_t now)
{
	monitor_repeats_free(r);
	r->event = ev->event;
	r->value = ev->value;
	r->eplen = ev->eplen;
	r->endpoint = xmalloc(ev->eplen + 1);
	if (ev->eplen > 0)
		memcpy(r->endpoint, ev->endpoint, ev->eplen);
	r->endpoint[ev->eplen] = '\0';
	r->peer = ev->peer != NULL ? xstrdup(ev->peer) : NULL;
	r->since = now;
	r->last_ms = ev->time_ms;
}

/*
 * Show an event, condensing repeats: an event that repeats the last one
 * shown (the same line) less than a second after its line is only
 * counted; so is a retry loop (ten seconds). The count is said as "N
 * more like it" once a window while they go on, when something else
 * happens, and at the end (monitor_show_pending). What is shown goes to
 * out->ob.
 */
void
monitor_show(struct monitor_repeats *r, const struct monitor_out *out,
    const struct monitor_event *ev, int64_t now)
{
	int same = monitor_same(r, ev);

	if (!same && !monitor_retrying(r, ev)) {
		monitor_show_pending(r, out, now, 1);
		monitor_render_count(out->ob, out->sock, ev, out->mode, 0);
		monitor_keep(r, ev, now);
		return;
	}
	if (ev->event != r->event)
		return;		/* a retry's other steps: its count says them */
	r->last_ms = ev->time_ms;
	if (now - r->since < monitor_window(r))
		r->more++;
	else {
		/* the window is over: this one is said, with any before it */
		if (r->more > 0)
			r->more++;
		else
			monitor_render_count(out->ob, out->sock, ev, out->mode,
			    0);
		monitor_show_pending(r, out, now, 1);
		r->since = now;
	}
}

/* Say how many repeats went unshown, if any, when their second is over
 * at now, or with all at once (something else happens, or the end). */
void
monitor_show_pending(struct monitor_repeats *r, const struct monitor_out *out,
    int64_t now, int all)
{
	struct monitor_event ev;

	if (r->more == 0 || (!all && now - r->since < monitor_window(r)))
		return;
	monitor_last_event(r, &ev);
	monitor_render_count(out->ob, out->sock, &ev, out->mode, r->more);
	r->more = 0;
	r->since = now;
}

/* When the count of repeats is due (monotonic ms), or -1 when none
 * waits. */
int64_t
monitor_due(const struct monitor_repeats *r)
{
	return r->more > 0 ? r->since + monitor_window(r) : -1;
}

/* Forget the last event; a count not said is lost, so say it first
 * (monitor_show_pending). */
void
monitor_repeats_free(struct monitor_repeats *r)
{
	free(r->endpoint);
	free(r->peer);
	memset(r, 0, sizeof(*r));
}
