/* The one zmq_poll loop: sockets, stdin and stdout, along the routes. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include "format.h"
#include "forward.h"
#include "inmsg.h"
#include "input.h"
#include "log.h"
#include "loop.h"
#include "output.h"
#include "signals.h"
#include "sock.h"
#include "stats.h"
#include "status.h"
#include "util.h"
#include "zap.h"

#define LOOP_DRAIN_MAX	256	/* messages from one socket per turn */
#define LOOP_PUMP_MAX	1024	/* stdin messages sent per turn */
#define LOOP_OUTBUF	65536

/*
 * Fixed places in the poll set; sockets and their monitors follow.
 * stdout is polled for no event: poll(2) still reports POLLERR once the
 * reader of a pipe has gone, so `| head` ends the run without waiting
 * for one more message to write.
 */
enum { ITEM_SIGNAL, ITEM_STDIN, ITEM_STDOUT, ITEM_ZAP, ITEM_FIRST_SOCK };

struct loop {
	const struct options	*opt;
	void			*ctx;
	struct sock_conf	 conf;
	struct zsock		*socks;
	size_t			 nsocks;
	struct zap		 zap;		/* --curve-allow, --plain-users */
	zmq_pollitem_t		*items;
	struct format		*fmt;
	struct outbuf		 out;
	struct input		 in;
	struct inmsg		 dec;		/* stdin messages into frames */
	const char		*in_name;	/* "stdin", or the --replay file */
	int			 in_fd;
	struct fwd		 fwd;
	int			 more_input;	/* pump stopped at its bound */
	int			 moved;		/* a message moved this turn */
	int			 unsent_told;	/* held input was reported */
	int			 reopened;	/* a REQ lost a reply */
	int			 holding;	/* --wait-peers: not yet */
	int			 ready_seen;	/* peers last reported */
	int64_t			 start_ms;
	int64_t			 last_msg_ms;
	int64_t			 next_stats_ms;
	int64_t			 replay_due;	/* --replay-timing: send then */
	int64_t			 replay_base;	/* when the first was sent */
	int64_t			 replay_first;	/* and its capture time */
	int			 stop;
	int			 timed_out;
	int			 status;
};

/* The poll item of socket i, and of its monitor. */
#define SOCK_ITEM(i)	(ITEM_FIRST_SOCK + 2 * (i))
#define MON_ITEM(i)	(ITEM_FIRST_SOCK + 2 * (i) + 1)

/* Note a runtime error: the run goes on or stops, but exits 1. */
static void
loop_fail(struct loop *l, int stop)
{
	l->status = ZC_RUNTIME;
	if (stop)
		l->stop = 1;
}

/* Nonzero while stdin is a source that has not ended. */
static int
loop_stdin_open(const struct loop *l)
{
	return l->fwd.in.nroutes > 0 && !input_done(&l->in);
}

/* Fill the poll set for this turn from what each party can do now. */
static void
loop_build_items(struct loop *l)
{
	size_t i;
	int want_stdin;

	/* a hung-up pipe reports POLLHUP even for no events: leave it out */
	want_stdin = l->fwd.in.nroutes > 0 && !l->in.eof && !l->fwd.in.held &&
	    !l->more_input && !l->replay_due && !l->holding;
	l->items[ITEM_STDIN].fd = want_stdin ? l->in_fd : -1;
	l->items[ITEM_STDIN].events = want_stdin ? ZMQ_POLLIN : 0;
	for (i = 0; i < l->nsocks; i++) {
		short ev = 0;

		if (l->fwd.srcs[i].nroutes > 0 && !l->fwd.srcs[i].held)
			ev |= ZMQ_POLLIN;
		if (forward_wants_out(&l->fwd, i))
			ev |= ZMQ_POLLOUT;
		if (l->socks[i].spec->see_subs)
			ev |= ZMQ_POLLIN;
		l->items[SOCK_ITEM(i)].socket = l->socks[i].handle;
		l->items[SOCK_ITEM(i)].events = ev;
		l->items[MON_ITEM(i)].socket = l->socks[i].monitor;
	}
}

/* Keep the earliest of two deadlines; -1 means none. */
static int64_t
loop_earlier(int64_t a, int64_t b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* The next moment something must happen without an event, or -1. */
static int64_t
loop_deadline(const struct loop *l)
{
	int64_t d = -1, since;
	size_t i;

	if (l->opt->timeout_ms)
		d = l->start_ms + l->opt->timeout_ms;
	if (l->opt->idle_ms)
		d = loop_earlier(d, l->last_msg_ms + l->opt->idle_ms);
	if (l->fwd.in.held && l->opt->exit_on_eof &&
	    forward_owed_peerless(&l->fwd, &since))
		d = loop_earlier(d, since + l->opt->linger);
	if (l->opt->stats_ms)
		d = loop_earlier(d, l->next_stats_ms);
	if (l->replay_due)
		d = loop_earlier(d, l->replay_due);
	for (i = 0; l->opt->timeout_reply && i < l->nsocks; i++)
		if (l->socks[i].awaiting_since)
			d = loop_earlier(d, l->socks[i].awaiting_since +
			    l->opt->timeout_reply);
	return d;
}

/* A REQ whose reply is overdue: report it and start that REQ afresh. */
static void
loop_reply_timeouts(struct loop *l, int64_t now)
{
	struct zsock *zs;
	size_t i;

	for (i = 0; l->opt->timeout_reply && i < l->nsocks; i++) {
		zs = &l->socks[i];
		if (!zs->awaiting_since ||
		    now < zs->awaiting_since + l->opt->timeout_reply)
			continue;
		warnx("%s: no reply within %d ms; reopening the socket",
		    zs->spec->name, l->opt->timeout_reply);
		l->reopened = 1;
		if (sock_reopen(l->ctx, zs) == -1)
			loop_fail(l, 1);
	}
}

/* Check the clock against -W, -T, --stats and the -e wait for a peer. */
static void
loop_check_deadlines(struct loop *l, int64_t now)
{
	int64_t since;

	if (l->opt->timeout_ms && now >= l->start_ms + l->opt->timeout_ms) {
		log_msg(LOG_INFO, "timeout after %lld ms",
		    (long long)l->opt->timeout_ms);
		l->timed_out = l->stop = 1;
	}
	if (l->opt->idle_ms && now >= l->last_msg_ms + l->opt->idle_ms) {
		log_msg(LOG_INFO, "idle for %lld ms", (long long)l->opt->idle_ms);
		l->timed_out = l->stop = 1;
	}
	if (l->fwd.in.held && l->opt->exit_on_eof &&
	    forward_owed_peerless(&l->fwd, &since) &&
	    now >= since + l->opt->linger) {
		forward_report_unsent(&l->fwd, l->opt->linger);
		l->unsent_told = 1;
		loop_fail(l, 1);
	}
	if (l->opt->stats_ms && now >= l->next_stats_ms) {
		stats_print(l->socks, l->nsocks, l->opt->routes,
		    l->opt->nroutes, now - l->start_ms, l->opt->json);
		l->next_stats_ms = now + l->opt->stats_ms;
	}
	loop_reply_timeouts(l, now);
}

/* Note a message received; -c ends the run once enough have come. */
static void
loop_count(struct loop *l)
{
	l->moved = 1;
	if (l->opt->count && l->fwd.seq >= (uint64_t)l->opt->count)
		l->stop = 1;
}

/* Take what socket i has, bounded so one busy socket cannot starve the
 * rest, until its source is held by a full destination. */
static void
loop_drain(struct loop *l, size_t i)
{
	struct source *s = &l->fwd.srcs[i];
	ssize_t n;
	int k;

	for (k = 0; k < LOOP_DRAIN_MAX && !l->stop && !s->held; k++) {
		if ((n = forward_recv(&l->fwd, i)) <= 0) {
			if (n < 0)
				loop_fail(l, 1);
			return;
		}
		forward_begin(&l->fwd, s);
		forward_offer(&l->fwd, s);
		loop_count(l);
		if (l->out.closed || l->out.error)
			l->stop = 1;
	}
}

/* Read once from stdin; EINTR is left for the next turn. */
static void
loop_read_stdin(struct loop *l)
{
	if (input_fill(&l->in) == -1 && errno != EINTR && errno != EAGAIN) {
		warn("%s", l->in_name);
		l->in.eof = 1;
		loop_fail(l, 0);
	}
}

/* The socket a -J "to" names, if it can send; -1 with the reason. */
static int
loop_find_to(const struct loop *l, const char *name, char *err,
    size_t errlen)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++) {
		if (strcmp(l->socks[i].spec->name, name) != 0)
			continue;
		if (l->socks[i].spec->type->can_send)
			return (int)i;
		snprintf(err, errlen, "\"to\": '%s' is a %s socket, which "
		    "cannot send", name, l->socks[i].spec->type->name);
		return -1;
	}
	snprintf(err, errlen, "\"to\": no socket named '%s'", name);
	return -1;
}

/*
 * With --replay-timing, hold a message until as long after the first as
 * it was captured after it. Returns 1 when it may go now.
 */
static int
loop_replay_due(struct loop *l, int64_t now)
{
	if (!l->dec.has_time)
		return 1;
	if (l->replay_base == 0) {
		l->replay_base = now;
		l->replay_first = l->dec.time;
	}
	l->replay_due = l->replay_base + (l->dec.time - l->replay_first);
	if (l->replay_due <= now) {
		l->replay_due = 0;
		return 1;
	}
	return 0;
}

/*
 * Decode the message at the head of the input into stdin's source and
 * choose its routes. A message that cannot be decoded is reported with
 * its line number and skipped: nothing of it is sent. Returns 1 when a
 * message is ready to offer.
 */
static int
loop_stdin_message(struct loop *l)
{
	struct source *s = &l->fwd.in;
	char err[ZC_ERRLEN];
	const char *msg;
	size_t len;
	int to = -1;

	while (input_peek(&l->in, &msg, &len) == 1) {
		if (inmsg_decode(&l->dec, msg, len, err, sizeof(err)) == 0 &&
		    (l->dec.to == NULL ||
		    (to = loop_find_to(l, l->dec.to, err, sizeof(err))) >= 0)) {
			if (l->opt->replay_timing &&
			    !loop_replay_due(l, clock_mono_ms()))
				return 0;
			s->iov = (struct iovec *)inmsg_frames(&l->dec,
			    &s->nframes);
			if (to >= 0)
				forward_begin_to(&l->fwd, s, to);
			else
				forward_begin(&l->fwd, s);
			return 1;
		}
		warnx("%s:%lu: %s", l->in_name, l->in.lineno + 1, err);
		loop_fail(l, 0);
		input_consume(&l->in);
	}
	return 0;
}

/* Send stdin messages until one is held or the turn's bound is reached. */
static void
loop_pump(struct loop *l)
{
	struct source *s = &l->fwd.in;
	int n;

	l->more_input = 0;
	if (s->nroutes == 0)
		return;
	for (n = 0; n < LOOP_PUMP_MAX; n++) {
		if (!s->held && !loop_stdin_message(l))
			return;
		if (!forward_offer(&l->fwd, s))
			return;
		input_consume(&l->in);
		l->moved = 1;
	}
	l->more_input = 1;
}

/* Offer held socket messages again; their destinations may have room. */
static void
loop_retry_held(struct loop *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		if (l->fwd.srcs[i].held && forward_offer(&l->fwd,
		    &l->fwd.srcs[i]))
			l->moved = 1;
}

/*
 * Sources that may still bring a message: a REQ brings only the replies
 * to what it sent, so one waiting for none is done once stdin is.
 */
static int
loop_live_receivers(const struct loop *l)
{
	size_t i;
	int n = 0;

	for (i = 0; i < l->nsocks; i++)
		if (l->fwd.srcs[i].nroutes > 0 &&
		    (l->socks[i].spec->type->zmq_type != ZMQ_REQ ||
		    l->socks[i].awaiting_since))
			n++;
	return n;
}

/* Nonzero while some REQ still waits for the reply to what it sent. */
static int
loop_awaiting_reply(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		if (l->socks[i].awaiting_since)
			return 1;
	return 0;
}

/* Stop once there is nothing left to do, or -e is satisfied; a REQ's
 * last reply is part of what its request started. */
static void
loop_check_end(struct loop *l)
{
	if (l->fwd.in.held || loop_stdin_open(l) || loop_awaiting_reply(l))
		return;
	if (l->opt->exit_on_eof && l->fwd.in.nroutes > 0)
		l->stop = 1;
	else if (!loop_live_receivers(l))
		l->stop = 1;
}

/* Flush stdout before waiting; a closed stdout ends the run quietly. */
static void
loop_flush(struct loop *l)
{
	if (outbuf_flush(&l->out) == 0 || l->out.closed) {
		if (l->out.closed)
			l->stop = 1;
		return;
	}
	errno = l->out.error;
	warn("stdout");
	loop_fail(l, 1);
}

/* Poll once: without waiting first, then (after a flush) until due. */
static int
loop_poll(struct loop *l)
{
	int n = (int)(ITEM_FIRST_SOCK + 2 * l->nsocks), rc;
	int64_t deadline, wait;

	rc = zmq_poll(l->items, n, 0);
	if (rc != 0 || l->more_input)
		return rc;
	loop_flush(l);
	if (l->stop)
		return 0;
	deadline = loop_deadline(l);
	wait = deadline < 0 ? -1 : deadline - clock_mono_ms();
	if (deadline >= 0 && wait < 0)
		wait = 0;
	return zmq_poll(l->items, n, (long)wait);
}

/* The peers socket i counts for --wait-peers: those whose handshake
 * succeeded, and for a PUB no more than have subscribed. */
static int
loop_ready_peers(const struct loop *l, size_t i)
{
	const struct zsock *zs = &l->socks[i];
	int ready = sock_ready_peers(zs);

	if (zs->spec->see_subs && zs->nsubs < (uint64_t)ready)
		ready = (int)zs->nsubs;
	return ready;
}

/* The fewest peers among the sockets stdin feeds; *worst names one. */
static int
loop_fewest_peers(const struct loop *l, const char **worst)
{
	size_t i;
	int fewest = -1, n;

	for (i = 0; i < l->opt->nroutes; i++) {
		const struct route *r = l->opt->routes[i];

		if (r->src != ROUTE_STDIN || r->dst < 0)
			continue;
		n = loop_ready_peers(l, (size_t)r->dst);
		if (fewest < 0 || n < fewest) {
			fewest = n;
			*worst = l->socks[r->dst].spec->name;
		}
	}
	return fewest;
}

/* --wait-peers: read stdin once every socket it feeds has enough peers. */
static void
loop_check_peers(struct loop *l)
{
	const char *worst = "stdin";
	int fewest;

	if (!l->holding)
		return;
	fewest = loop_fewest_peers(l, &worst);
	if (fewest >= l->opt->wait_peers) {
		log_msg(LOG_INFO, "%d peer%s ready; reading stdin", fewest,
		    fewest == 1 ? "" : "s");
		l->holding = 0;
	} else if (fewest != l->ready_seen)
		log_msg(LOG_INFO, "%s: %d of %d peer%s ready", worst, fewest,
		    l->opt->wait_peers, l->opt->wait_peers == 1 ? "" : "s");
	l->ready_seen = fewest;
}

/* Read the monitors and the ZAP handler: both must be answered from
 * every wait, or a peer's handshake stalls. */
static void
loop_watch(struct loop *l)
{
	size_t i;

	if (l->items[ITEM_ZAP].revents & ZMQ_POLLIN)
		zap_serve(&l->zap, l->socks, l->nsocks);
	for (i = 0; i < l->nsocks; i++)
		if (l->items[MON_ITEM(i)].revents & ZMQ_POLLIN)
			sock_monitor_read(&l->socks[i]);
}

/* Act on what the poll reported. */
static void
loop_dispatch(struct loop *l)
{
	size_t i;

	if (l->items[ITEM_SIGNAL].revents & ZMQ_POLLIN)
		signals_drain();
	if (signals_caught) {
		l->stop = 1;
		return;
	}
	loop_watch(l);
	loop_retry_held(l);
	for (i = 0; i < l->nsocks && !l->stop; i++) {
		if (!(l->items[SOCK_ITEM(i)].revents & ZMQ_POLLIN))
			continue;
		if (l->socks[i].spec->see_subs)
			sock_read_subs(&l->socks[i]);
		else
			loop_drain(l, i);
	}
	/* after the monitors and the subscriptions a PUB has seen */
	loop_check_peers(l);
	if (l->items[ITEM_STDIN].revents & (ZMQ_POLLIN | ZMQ_POLLERR))
		loop_read_stdin(l);
	if ((l->items[ITEM_STDOUT].revents & ZMQ_POLLERR) &&
	    l->items[ITEM_STDOUT].fd >= 0) {
		log_msg(LOG_INFO, "stdout closed");
		l->out.closed = 1;
		l->stop = 1;
	}
}

/* Set up stdin's reader, and watch stdout when something prints. */
static void
loop_setup_sources(struct loop *l)
{
	struct stat st;
	size_t i;
	int to_stdout = 0;

	for (i = 0; i < l->opt->nroutes; i++)
		if (l->opt->routes[i]->dst == ROUTE_STDOUT)
			to_stdout = 1;
	/* -J and --replay read one envelope per line, whatever -D says */
	if (l->opt->input == INMSG_ENVELOPE)
		input_init(&l->in, l->in_fd, "\n", 1);
	else
		input_init(&l->in, l->in_fd, l->opt->delim, l->opt->dlen);
	inmsg_init(&l->dec, l->opt->input, l->opt->fdelim_given ?
	    l->opt->fdelim : NULL, l->opt->fdlen);
	if (l->fwd.in.nroutes > 0 && fstat(l->in_fd, &st) == -1)
		l->in.eof = 1;	/* stdin closed: nothing to read */
	l->items[ITEM_STDOUT].fd = to_stdout ? STDOUT_FILENO : -1;
}

/* Build the poll set's fixed parts: the signal pipe and the monitors. */
static void
loop_setup_items(struct loop *l)
{
	size_t i, n = ITEM_FIRST_SOCK + 2 * l->nsocks;

	l->items = xmalloc(n * sizeof(*l->items));
	memset(l->items, 0, n * sizeof(*l->items));
	l->items[ITEM_SIGNAL].fd = signals_fd();
	l->items[ITEM_SIGNAL].events = ZMQ_POLLIN;
	l->items[ITEM_ZAP].socket = l->zap.handle;
	l->items[ITEM_ZAP].fd = -1;
	l->items[ITEM_ZAP].events = ZMQ_POLLIN;
	for (i = 0; i < l->nsocks; i++)
		l->items[MON_ITEM(i)].events = ZMQ_POLLIN;
}

/* Nonzero while some source's message still waits for a destination. */
static int
loop_any_held(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		if (l->fwd.srcs[i].held)
			return 1;
	return l->fwd.in.held;
}

/*
 * The run is over (-c, -W, -e...), but messages already received may
 * still wait for a full destination: give them up to the linger time,
 * receiving nothing more, then report what could not be delivered.
 */
static void
loop_finish_held(struct loop *l)
{
	int64_t end = clock_mono_ms() + l->opt->linger, now;
	size_t i;

	while (loop_any_held(l) && !signals_caught &&
	    (now = clock_mono_ms()) < end && !l->unsent_told) {
		for (i = 0; i < l->nsocks; i++) {
			l->items[SOCK_ITEM(i)].socket = l->socks[i].handle;
			l->items[SOCK_ITEM(i)].events =
			    forward_wants_out(&l->fwd, i) ? ZMQ_POLLOUT : 0;
		}
		l->items[ITEM_STDIN].fd = l->items[ITEM_STDOUT].fd = -1;
		if (zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks),
		    (long)(end - now)) == -1 && errno != EINTR)
			break;
		loop_watch(l);
		loop_retry_held(l);
		if (l->fwd.in.held && forward_offer(&l->fwd, &l->fwd.in))
			input_consume(&l->in);
	}
	for (i = 0; i < l->nsocks; i++) {
		if (!l->fwd.srcs[i].held)
			continue;
		/* SIGINT/SIGTERM asked to stop now: say so only under -v */
		if (signals_caught) {
			log_msg(LOG_INFO, "%s: a held message was dropped at the "
			    "signal", l->socks[i].spec->name);
			continue;
		}
		warnx("%s: a received message could not be delivered before "
		    "the end (destination full)", l->socks[i].spec->name);
		loop_fail(l, 0);
	}
}

/* Nonzero when zs was sent messages but never saw a peer to take them. */
static int
loop_peerless_sender(const struct zsock *zs)
{
	return zs->nsent && zs->peers_known && !zs->ever_peered &&
	    zs->spec->type->zmq_type != ZMQ_PUB &&
	    zs->spec->type->zmq_type != ZMQ_XPUB;
}

/*
 * "N handshakes failed: REASON" for zs, from the last failure. A CURVE
 * server hangs up on a client that has the wrong server key, which the
 * client only sees as a closed connection: say what that usually means.
 */
static void
loop_failure_text(const struct zsock *zs, char *buf, size_t len)
{
	char why[160];
	const char *hint = "";
	unsigned long long nf = zs->nfailed;

	if (zs->last_failure.event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL)
		hint = zs->spec->keys.curve_client.value != NULL ?
		    "; is the server's public key right?" :
		    "; does the peer want another security mechanism?";
	snprintf(buf, len, "%llu handshake%s failed: %s%s", nf, nf == 1 ? "" :
	    "s", monitor_reason(&zs->last_failure, why, sizeof(why)), hint);
}

/* Say that what was sent to zs is lost, and why no peer came. */
static void
loop_report_peerless(const struct loop *l, const struct zsock *zs)
{
	char text[320];
	unsigned long long n = zs->nsent;

	if (zs->nfailed == 0) {
		warnx("%s: no peer connected within %d ms; %llu message%s not "
		    "delivered", zs->spec->name, l->opt->linger, n, n == 1 ?
		    "" : "s");
		return;
	}
	loop_failure_text(zs, text, sizeof(text));
	warnx("%s: no peer connected within %d ms; %llu message%s not "
	    "delivered (%s)", zs->spec->name, l->opt->linger, n, n == 1 ? "" :
	    "s", text);
}

/* Nonzero when zs connects somewhere: its failed handshakes are ours to
 * report, where a bound socket's are refused clients, logged already. */
static int
loop_connects(const struct zsock *zs)
{
	size_t i;

	for (i = 0; i < zs->spec->nendpoints; i++)
		if (zs->spec->endpoints[i].mode == SPEC_CONNECT)
			return 1;
	return 0;
}

/* A connecting socket that never got through a handshake, and sent
 * nothing that could be reported lost: say why, so a silent run is not
 * taken for a quiet peer. */
static void
loop_report_unshaken(struct loop *l)
{
	char text[320];
	size_t i;

	for (i = 0; i < l->nsocks; i++) {
		const struct zsock *zs = &l->socks[i];

		if (!zs->nfailed || zs->ever_peered || !loop_connects(zs) ||
		    loop_peerless_sender(zs))
			continue;
		loop_failure_text(zs, text, sizeof(text));
		warnx("%s: no handshake succeeded (%s)", zs->spec->name, text);
		loop_fail(l, 0);
	}
}

/*
 * After a normal end, give sockets we sent to but that never saw a peer
 * up to the linger time to get one; report those that did not, since
 * what was queued on them is lost.
 */
static void
loop_await_peers(struct loop *l)
{
	/* once -e gave up on a peer, do not wait for one a second time */
	int64_t end = clock_mono_ms() + (l->unsent_told ? 0 : l->opt->linger);
	int64_t now;
	size_t i;
	int waiting, zero = 0;

	for (;;) {
		waiting = 0;
		for (i = 0; i < l->nsocks; i++) {
			sock_monitor_read(&l->socks[i]);
			waiting |= loop_peerless_sender(&l->socks[i]);
		}
		if (l->items[ITEM_ZAP].revents & ZMQ_POLLIN)
			zap_serve(&l->zap, l->socks, l->nsocks);
		now = clock_mono_ms();
		if (!waiting || now >= end || signals_caught)
			break;
		/* only monitors and signals now; a hung-up pipe would spin */
		for (i = 0; i < l->nsocks; i++)
			l->items[SOCK_ITEM(i)].events = 0;
		l->items[ITEM_STDIN].fd = l->items[ITEM_STDOUT].fd = -1;
		zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks),
		    (long)(end - now));
	}
	for (i = 0; i < l->nsocks; i++) {
		struct zsock *zs = &l->socks[i];

		if (!loop_peerless_sender(zs))
			continue;
		loop_report_peerless(l, zs);
		zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
		loop_fail(l, 0);
	}
}

/* Release everything the loop holds; sockets linger as configured. */
static void
loop_teardown(struct loop *l)
{
	forward_free(&l->fwd);
	free(l->items);
	sock_close_all(&l->socks, l->nsocks);
	zap_close(&l->zap);
	zmq_ctx_term(l->ctx);
	format_destroy(&l->fmt);
	input_free(&l->in);
	inmsg_free(&l->dec);
	if (l->in_fd != STDIN_FILENO)
		close(l->in_fd);
	outbuf_free(&l->out);
}

/* Set up the output side of forwarding: the format and delimiters. */
static void
loop_setup_fwd(struct loop *l)
{
	const struct options *opt = l->opt;
	size_t i;

	for (i = 0; i < opt->nroutes; i++)
		if (!opt->routes[i]->implicit)
			log_msg(LOG_INFO, "route %s", opt->routes[i]->text);
	forward_init(&l->fwd, l->socks, l->nsocks, opt->routes, opt->nroutes,
	    opt->input == INMSG_ENVELOPE);
	l->fwd.out = &l->out;
	l->fwd.fmt = l->fmt;
	l->fwd.add_delim = opt->format == NULL && !opt->json;
	l->fwd.delim = opt->delim;
	l->fwd.dlen = opt->dlen;
	l->fwd.fdelim = opt->fdelim;
	l->fwd.fdlen = opt->fdlen;
	if (format_uses(l->fmt, FMT_TIME))
		l->fwd.want_time = 1;
	if (format_uses(l->fmt, FMT_JSON))
		l->fwd.want_peer = l->fwd.want_time = 1;
}

/* --wait-peers: say under -v what stdin waits for. */
static void
loop_start_holding(struct loop *l)
{
	const char *worst = "stdin";

	if (!l->opt->wait_peers)
		return;
	l->holding = 1;
	l->ready_seen = loop_fewest_peers(l, &worst);
	log_msg(LOG_INFO, "waiting for %d peer%s on each socket stdin feeds "
	    "before reading it", l->opt->wait_peers, l->opt->wait_peers == 1 ?
	    "" : "s");
}

/* At the end of a run that was still holding stdin: say for what. */
static void
loop_report_holding(const struct loop *l)
{
	const char *worst = "stdin";
	int fewest;

	if (!l->holding || signals_caught)
		return;
	fewest = loop_fewest_peers(l, &worst);
	warnx("%s: %d of %d peer%s ready when the run ended; stdin was not "
	    "read", worst, fewest, l->opt->wait_peers, l->opt->wait_peers == 1 ?
	    "" : "s");
}

/* The status a run ends with, from what happened in it. */
static int
loop_status(const struct loop *l)
{
	if (l->status != ZC_OK || l->fwd.errors || l->reopened)
		return ZC_RUNTIME;
	if (l->timed_out && l->holding)
		return ZC_TIMEOUT;
	if (l->timed_out && l->opt->count &&
	    l->fwd.seq < (uint64_t)l->opt->count)
		return ZC_TIMEOUT;
	return ZC_OK;
}

/* One turn of the loop: wait, act, send what stdin has, check the end. */
static void
loop_turn(struct loop *l)
{
	int64_t now;

	loop_build_items(l);
	if (loop_poll(l) == -1 && errno != EINTR) {
		warnx("zmq_poll: %s", zmq_strerror(errno));
		loop_fail(l, 1);
		return;
	}
	loop_dispatch(l);
	/* after -c, still send what can go now: a REP's last reply */
	if (!signals_caught && !l->out.closed)
		loop_pump(l);
	loop_check_end(l);
	now = clock_mono_ms();
	if (l->moved)
		l->last_msg_ms = now;	/* once a turn, not a message */
	l->moved = 0;
	loop_check_deadlines(l, now);
}

/* Run zmqcat's main loop until an end condition; returns the status. */
int
loop_run(const struct options *opt)
{
	struct loop l;
	char msg[ZC_ERRLEN];

	memset(&l, 0, sizeof(l));
	l.opt = opt;
	l.in_fd = STDIN_FILENO;
	l.in_name = "stdin";
	/* before any thread exists, so a usage error leaves nothing behind */
	if (opt->replay != NULL) {
		l.in_name = opt->replay;
		if ((l.in_fd = open(opt->replay, O_RDONLY | O_CLOEXEC)) == -1)
			err(ZC_USAGE, "--replay %s", opt->replay);
	}
	/* -f, when given, says how to print even under -J */
	if ((l.fmt = format_compile(opt->format ? opt->format : opt->json ?
	    "%j\\n" : "%s", msg, sizeof(msg))) == NULL)
		errx(ZC_USAGE, "-f: %s", msg);
	if ((l.ctx = zmq_ctx_new()) == NULL)
		err(ZC_RUNTIME, "zmq_ctx_new");
	l.nsocks = opt->nspecs;
	sock_conf_init(&l.conf, opt);
	/* the handler first: a peer may shake hands as soon as we bind */
	if ((zap_needed(opt->specs, opt->nspecs) && zap_open(l.ctx,
	    &l.zap) == -1) || (l.socks = sock_open_all(l.ctx, opt->specs,
	    opt->nspecs, &l.conf)) == NULL) {
		zap_close(&l.zap);
		zmq_ctx_term(l.ctx);
		format_destroy(&l.fmt);
		return ZC_RUNTIME;
	}
	outbuf_init(&l.out, STDOUT_FILENO, LOOP_OUTBUF);
	loop_setup_items(&l);
	loop_setup_fwd(&l);
	loop_setup_sources(&l);
	l.start_ms = l.last_msg_ms = clock_mono_ms();
	l.next_stats_ms = l.start_ms + opt->stats_ms;
	loop_start_holding(&l);
	while (!l.stop)
		loop_turn(&l);
	if (!l.out.closed)
		loop_finish_held(&l);
	loop_flush(&l);
	if (l.fwd.in.held && !l.unsent_told)
		log_msg(LOG_WARN, "stopping with input unsent (no socket could "
		    "take it)");
	loop_report_holding(&l);
	if (!signals_caught)
		loop_await_peers(&l);
	loop_report_unshaken(&l);
	if (opt->stats)
		stats_print(l.socks, l.nsocks, opt->routes, opt->nroutes,
		    clock_mono_ms() - l.start_ms, opt->json);
	l.status = loop_status(&l);
	loop_teardown(&l);
	return l.status;
}
