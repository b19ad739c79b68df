/* libzmq socket monitor events: decoded, named and rendered for stderr. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <zmq.h>

#include "jsonw.h"
#include "monitor.h"

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

/* The event as one JSON object on one line; an event this build does
 * not know is "unknown", with its number. */
static void
monitor_render_json(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, int i, const char *reason)
{
	enum monitor_value kind = i >= 0 ? events[i].value : VALUE_NONE;
	struct jsonw w;

	jsonw_init(&w, ob);
	jsonw_object(&w);
	jsonw_key(&w, "event");
	jsonw_str(&w, i >= 0 ? events[i].json : "unknown");
	jsonw_key(&w, "socket");
	jsonw_str(&w, sock);
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
	jsonw_end(&w);
	if (jsonw_done(&w) == 0)
		outbuf_put(ob, "\n", 1);
}

/*
 * Render one event of socket sock as --monitor shows it: a line of
 * words, or a JSON object. An event this build does not know is shown by
 * its number, so nothing libzmq says is hidden.
 */
void
monitor_render(struct outbuf *ob, const char *sock,
    const struct monitor_event *ev, enum monitor_mode mode)
{
	char buf[128], detail[160];
	const char *reason;
	int i = monitor_find(ev->event);

	reason = i < 0 ? NULL : monitor_reason_kind(ev, events[i].value, buf,
	    sizeof(buf));
	if (mode == MONITOR_JSON) {
		monitor_render_json(ob, sock, ev, i, reason);
		return;
	}
	monitor_put(ob, "zmqcat: ");
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
		monitor_put(ob, reason != NULL ? " (" : " (peer ");
		monitor_put(ob, reason != NULL ? reason : ev->peer);
		monitor_put(ob, ")");
	}
	monitor_put(ob, detail);
	monitor_put(ob, "\n");
}
