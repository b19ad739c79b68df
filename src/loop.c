/* The one zmq_poll loop: sockets, stdin and stdout, along the routes. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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
#define LOOP_RETRY_MS	5	/* a full ROUTER or STREAM peer: try again */
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
	int			 in_finite;	/* a file, or a pipe with no writer */
	struct fwd		 fwd;
	int			 more_input;	/* pump stopped at its bound */
	int			 moved;		/* a message moved this turn */
	int64_t			 gave_up;	/* stdin's held message waited
						 * this long for a peer; 0 */
	int			 out_told;	/* a stdout error was reported */
	const char		*ended_by;	/* "-c", "-W", "-T": for reports */
	int			*dsts;		/* room for every socket */
	int			 hinted;	/* -J input's hint was given */
	uint64_t		 ndelivered;	/* messages some route took */
	int			 reopened;	/* a REQ lost a reply */
	int			 holding;	/* --wait-peers: not yet */
	int			 ready_seen;	/* peers last reported */
	int64_t			 start_ms;
	int64_t			 end_by;	/* -W: over by then; -1: no bound */
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

/* Nonzero once no more input can come than what stdin already holds:
 * it ended, its pipe's writer has gone, or it is a file. */
static int
loop_stdin_ended(const struct loop *l)
{
	return l->in.eof || l->in_finite;
}

/*
 * A ROUTER or STREAM says POLLOUT when any of its peers has room, not
 * the one a held message is for: those are tried again on a timer.
 */
static int
loop_by_id(const struct zsock *zs)
{
	int t = zs->spec->type->zmq_type;

	return t == ZMQ_ROUTER || t == ZMQ_STREAM;
}

/* POLLOUT when a held message waits for socket i, and POLLOUT says so. */
static short
loop_out_events(const struct loop *l, size_t i)
{
	return forward_wants_out(&l->fwd, i) && !loop_by_id(&l->socks[i]) ?
	    ZMQ_POLLOUT : 0;
}

/* Nonzero when a held message waits for a ROUTER or STREAM peer. */
static int
loop_retry_due(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		if (loop_by_id(&l->socks[i]) && forward_wants_out(&l->fwd, i))
			return 1;
	return 0;
}

/* Fill the poll set for this turn from what each party can do now. */
static void
loop_build_items(struct loop *l)
{
	size_t i;
	int want_stdin;

	want_stdin = l->fwd.in.nroutes > 0 && !l->in.eof && !l->fwd.in.held &&
	    !l->more_input && !l->replay_due && !l->holding;
	l->items[ITEM_STDIN].fd = want_stdin ? l->in_fd : -1;
	l->items[ITEM_STDIN].events = want_stdin ? ZMQ_POLLIN : 0;
	/* while it is not read, watch a pipe for its writer's end, once:
	 * a hung-up pipe reports POLLHUP for no events, again and again */
	if (!want_stdin && l->fwd.in.nroutes > 0 && !loop_stdin_ended(l))
		l->items[ITEM_STDIN].fd = l->in_fd;
	for (i = 0; i < l->nsocks; i++) {
		short ev = 0;

		if (l->fwd.srcs[i].nroutes > 0 && !l->fwd.srcs[i].held)
			ev |= ZMQ_POLLIN;
		ev |= loop_out_events(l, i);
		if (l->socks[i].spec->see_subs)
			ev |= ZMQ_POLLIN;
		l->items[SOCK_ITEM(i)].socket = l->socks[i].handle;
		l->items[SOCK_ITEM(i)].events = ev;
		l->items[MON_ITEM(i)].socket = l->socks[i].monitor;
	}
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

/* Nonzero when stdin's held message may be given up for want of a peer:
 * with -e, or once stdin has ended and nothing else can come. */
static int
loop_may_give_up(const struct loop *l)
{
	return l->fwd.in.held && (l->opt->exit_on_eof ||
	    (loop_stdin_ended(l) && !loop_live_receivers(l)));
}

/*
 * When stdin's held message is given up: once every socket it waits for
 * has had no peer for the linger time (a REQ with --timeout-reply: that
 * long, and not while it waits for a reply, which its own timeout ends).
 * -1 while it may wait; *wait is how long it will have waited.
 */
static int64_t
loop_give_up_at(const struct loop *l, int64_t *wait)
{
	const struct zsock *zs;
	size_t i, n;
	int64_t at = -1, w;

	if (!loop_may_give_up(l))
		return -1;
	n = forward_waiting_for(&l->fwd, &l->fwd.in, l->dsts);
	for (i = 0; i < n; i++) {
		zs = &l->socks[l->dsts[i]];
		if (!zs->peers_known || zs->peers > 0)
			return -1;
		w = l->opt->linger;
		if (zs->spec->type->zmq_type == ZMQ_REQ && l->opt->timeout_reply) {
			if (zs->awaiting_since)
				return -1;
			w = l->opt->timeout_reply;
		}
		if (zs->nopeer_since + w > at) {
			at = zs->nopeer_since + w;
			*wait = w;
		}
	}
	return at;
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
	int64_t d = l->end_by, wait;
	size_t i;

	if (l->opt->idle_ms)
		d = loop_earlier(d, l->last_msg_ms + l->opt->idle_ms);
	d = loop_earlier(d, loop_give_up_at(l, &wait));
	if (l->opt->stats_ms)
		d = loop_earlier(d, l->next_stats_ms);
	if (l->replay_due)
		d = loop_earlier(d, l->replay_due);
	if (loop_retry_due(l))
		d = loop_earlier(d, clock_mono_ms() + LOOP_RETRY_MS);
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

/* Stop the run, saying (for the end report) what stopped it. */
static void
loop_end(struct loop *l, const char *by, int timed_out)
{
	if (!l->stop)
		l->ended_by = by;
	l->stop = 1;
	if (timed_out)
		l->timed_out = 1;
}

/* Check the clock against -W, -T, --stats and the wait for a peer. */
static void
loop_check_deadlines(struct loop *l, int64_t now)
{
	int64_t at, wait = 0;

	if (l->end_by >= 0 && now >= l->end_by) {
		log_msg(LOG_INFO, "timeout after %lld ms",
		    (long long)l->opt->timeout_ms);
		loop_end(l, "-W", 1);
	}
	if (l->opt->idle_ms && now >= l->last_msg_ms + l->opt->idle_ms) {
		log_msg(LOG_INFO, "idle for %lld ms", (long long)l->opt->idle_ms);
		loop_end(l, "-T", 1);
	}
	if ((at = loop_give_up_at(l, &wait)) >= 0 && now >= at) {
		l->gave_up = wait;
		loop_end(l, NULL, 0);
	}
	if (l->opt->stats_ms && now >= l->next_stats_ms) {
		stats_print(l->socks, l->nsocks, l->opt->routes,
		    l->opt->nroutes, now - l->start_ms, l->opt->json);
		l->next_stats_ms = now + l->opt->stats_ms;
	}
	loop_reply_timeouts(l, now);
}

/* Note a message received; -c ends the run once enough of them have
 * gone somewhere (a filter may pass many by). */
static void
loop_count(struct loop *l, size_t routed)
{
	l->moved = 1;
	if (routed > 0)
		l->ndelivered++;
	if (l->opt->count && l->ndelivered >= (uint64_t)l->opt->count)
		loop_end(l, "-c", 0);
}

/* Take what socket i has, bounded so one busy socket cannot starve the
 * rest, until its source is held by a full destination. */
static void
loop_drain(struct loop *l, size_t i)
{
	struct source *s = &l->fwd.srcs[i];
	size_t routed;
	ssize_t n;
	int k;

	for (k = 0; k < LOOP_DRAIN_MAX && !l->stop && !s->held; k++) {
		if ((n = forward_recv(&l->fwd, i)) <= 0) {
			if (n < 0)
				loop_fail(l, 1);
			return;
		}
		routed = forward_begin(&l->fwd, s);
		forward_offer(&l->fwd, s);
		loop_count(l, routed);
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
	char cut[STR_CUT_BUF];
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
	snprintf(err, errlen, "\"to\": no socket named '%s'",
	    str_cut(name, strlen(name), cut));
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

/* Report a stdin message that cannot be sent; the run goes on but ends
 * with status 1. The first JSON error under -J says why stdin is JSON. */
static void
loop_bad_input(struct loop *l, const char *err)
{
	const char *hint = "";

	if (l->opt->json && l->opt->replay == NULL && !l->opt->input_given &&
	    !l->hinted && strncmp(err, "invalid JSON", 12) == 0) {
		hint = " (-J reads stdin as JSON envelopes; use -f '%j\\n' to "
		    "only print JSON)";
		l->hinted = 1;
	}
	warnx("%s:%lu: %s%s", l->in_name, l->in.lineno + 1, err, hint);
	loop_fail(l, 0);
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
		loop_bad_input(l, err);
		input_consume(&l->in);
	}
	return 0;
}

/*
 * Once the run is ending, stdin's held message may still go (a REP's
 * reply to the request that ended it), but not to a REQ: a new request's
 * reply would never be read.
 */
static int
loop_input_may_go(const struct loop *l)
{
	size_t i, n;

	if (!l->stop)
		return 1;
	n = forward_waiting_for(&l->fwd, &l->fwd.in, l->dsts);
	for (i = 0; i < n; i++)
		if (l->socks[l->dsts[i]].spec->type->zmq_type == ZMQ_REQ)
			return 0;
	return 1;
}

/* Send stdin messages until one is held or the turn's bound is reached;
 * once the run is ending, only the held one, and nothing new. */
static void
loop_pump(struct loop *l)
{
	struct source *s = &l->fwd.in;
	int n;

	l->more_input = 0;
	if (s->nroutes == 0)
		return;
	if (l->stop) {
		if (s->held && loop_input_may_go(l) && forward_offer(&l->fwd, s))
			input_consume(&l->in);
		return;
	}
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
	if (!l->out_told) {
		errno = l->out.error;
		warn("stdout");
		l->out_told = 1;
	}
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
	if (l->items[ITEM_STDIN].events == 0 &&
	    (l->items[ITEM_STDIN].revents & (ZMQ_POLLERR | POLLHUP)))
		l->in_finite = 1;
	else if (l->items[ITEM_STDIN].revents & (ZMQ_POLLIN | ZMQ_POLLERR))
		loop_read_stdin(l);
	if ((l->items[ITEM_STDOUT].revents & ZMQ_POLLERR) &&
	    l->items[ITEM_STDOUT].fd >= 0) {
		log_msg(LOG_INFO, "stdout closed");
		l->out.closed = 1;
		l->stop = 1;
	}
}

/*
 * Nonzero when stdin feeds a ROUTER or STREAM: its messages start with a
 * routing id frame, printed before a TAB, so stdin is split into frames
 * at the frame delimiter even without -F, and what was printed can be
 * typed back.
 */
static int
loop_feeds_by_id(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->fwd.in.nroutes; i++) {
		int dst = l->fwd.routes[l->fwd.in.routes[i]]->dst;

		if (dst >= 0 && loop_by_id(&l->socks[dst]))
			return 1;
	}
	return 0;
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
	inmsg_init(&l->dec, l->opt->input, l->opt->fdelim_given ||
	    loop_feeds_by_id(l) ? l->opt->fdelim : NULL, l->opt->fdlen);
	if (l->fwd.in.nroutes > 0 && fstat(l->in_fd, &st) == -1)
		l->in.eof = 1;	/* stdin closed: nothing to read */
	else if (l->fwd.in.nroutes > 0 && !S_ISFIFO(st.st_mode) &&
	    !S_ISCHR(st.st_mode) && !S_ISSOCK(st.st_mode))
		l->in_finite = 1;	/* a file: all of it is there */
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

/* The earlier of t and the -W deadline: no wait outlasts the run. */
static int64_t
loop_cap(const struct loop *l, int64_t t)
{
	return l->end_by >= 0 && l->end_by < t ? l->end_by : t;
}

/* Nonzero while some source's message still waits for a destination;
 * stdin's no longer once it was given up. */
static int
loop_any_held(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->nsocks; i++)
		if (l->fwd.srcs[i].held)
			return 1;
	return l->fwd.in.held && !l->gave_up && loop_input_may_go(l);
}

/* Why the source's held message waits, for the end report: what the
 * first socket it waits for lacks. */
static void
loop_held_why(const struct loop *l, const struct source *s, char *buf,
    size_t len)
{
	const struct zsock *zs;
	const char *name;

	if (forward_waiting_for(&l->fwd, s, l->dsts) == 0) {
		snprintf(buf, len, "the run ended first");
		return;
	}
	zs = &l->socks[l->dsts[0]];
	name = zs->spec->name;
	if (s == &l->fwd.in && l->gave_up)
		snprintf(buf, len, "%s had no peer for %lld ms", name,
		    (long long)l->gave_up);
	else if (zs->awaiting_since)
		snprintf(buf, len, "%s was still waiting for a reply", name);
	else if (zs->spec->type->zmq_type == ZMQ_REP)
		snprintf(buf, len, "%s had no request to answer", name);
	else if (zs->peers_known && zs->peers == 0)
		snprintf(buf, len, "%s has no peer", name);
	else
		snprintf(buf, len, "%s could not take more (high-water mark)",
		    name);
}

/* Report socket messages the end left undelivered: lost, so status 1,
 * unless a signal asked to stop now. */
static void
loop_report_held(struct loop *l)
{
	char why[160];
	size_t i;

	for (i = 0; i < l->nsocks; i++) {
		if (!l->fwd.srcs[i].held)
			continue;
		loop_held_why(l, &l->fwd.srcs[i], why, sizeof(why));
		if (signals_caught) {
			log_msg(LOG_INFO, "%s: a received message was dropped at "
			    "%s (%s)", l->socks[i].spec->name, signals_name(),
			    why);
			continue;
		}
		warnx("%s: a received message was not delivered: %s",
		    l->socks[i].spec->name, why);
		loop_fail(l, 0);
	}
}

/*
 * The run is over (-c, -W, -e...), but messages already received may
 * still wait for a full destination: give them up to the linger time
 * (no later than -W's deadline), receiving nothing more.
 */
static void
loop_finish_held(struct loop *l)
{
	int64_t end = loop_cap(l, clock_mono_ms() + l->opt->linger), now;
	int64_t wait;
	size_t i;

	while (loop_any_held(l) && !signals_caught &&
	    (now = clock_mono_ms()) < end) {
		for (i = 0; i < l->nsocks; i++) {
			l->items[SOCK_ITEM(i)].socket = l->socks[i].handle;
			l->items[SOCK_ITEM(i)].events = loop_out_events(l, i);
		}
		l->items[ITEM_STDIN].fd = l->items[ITEM_STDOUT].fd = -1;
		wait = end - now;
		if (loop_retry_due(l) && wait > LOOP_RETRY_MS)
			wait = LOOP_RETRY_MS;
		if (zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks),
		    (long)wait) == -1 && errno != EINTR)
			break;
		loop_watch(l);
		loop_retry_held(l);
		if (l->fwd.in.held && !l->gave_up && loop_input_may_go(l) &&
		    forward_offer(&l->fwd, &l->fwd.in))
			input_consume(&l->in);
	}
	loop_report_held(l);
}

/*
 * Input read from stdin (or --replay) but never handed to libzmq is
 * lost: say how much and why, and the run fails, whatever ended it but
 * a signal or a closed stdout, which ask to stop now.
 */
static void
loop_report_unsent(struct loop *l)
{
	char why[160];
	size_t n;

	if (l->fwd.in.nroutes == 0 || l->holding || l->out.closed ||
	    (n = input_pending(&l->in)) == 0)
		return;
	if (l->fwd.in.held && loop_input_may_go(l))
		loop_held_why(l, &l->fwd.in, why, sizeof(why));
	else
		snprintf(why, sizeof(why), l->ended_by ? "%s ended the run "
		    "first" : "the run ended first", l->ended_by);
	if (signals_caught) {
		log_msg(LOG_INFO, "%s: %zu message%s not sent: stopped by %s%s%s",
		    l->in_name, n, n == 1 ? "" : "s", signals_name(),
		    l->fwd.in.held ? " while " : "", l->fwd.in.held ? why : "");
		return;
	}
	warnx("%s: %zu message%s not sent: %s", l->in_name, n, n == 1 ? "" :
	    "s", why);
	loop_fail(l, 0);
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

/* Say that what was sent to zs is lost, and why no peer came: within
 * the linger, before -W ran out, or before a signal. */
static void
loop_report_peerless(struct loop *l, const struct zsock *zs, int cut)
{
	char when[64], text[320] = "";
	unsigned long long n = zs->nsent;

	if (zs->nfailed > 0) {
		text[0] = ' ';
		text[1] = '(';
		loop_failure_text(zs, text + 2, sizeof(text) - 3);
		strcat(text, ")");
	}
	if (signals_caught)
		snprintf(when, sizeof(when), "before %s", signals_name());
	else if (cut)
		snprintf(when, sizeof(when), "before -W ran out");
	else
		snprintf(when, sizeof(when), "within %d ms", l->opt->linger);
	if (signals_caught) {
		log_msg(LOG_WARN, "%s: no peer connected %s; %llu message%s "
		    "not delivered%s", zs->spec->name, when, n, n == 1 ? "" :
		    "s", text);
		return;
	}
	warnx("%s: no peer connected %s; %llu message%s not delivered%s",
	    zs->spec->name, when, n, n == 1 ? "" : "s", text);
	loop_fail(l, 0);
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

/* A connecting socket that never got through a handshake, or never
 * even reached its host, and sent nothing that could be reported lost:
 * say why, so a silent run is not taken for a quiet peer. */
static void
loop_report_unshaken(struct loop *l)
{
	char text[320];
	size_t i;

	for (i = 0; i < l->nsocks; i++) {
		const struct zsock *zs = &l->socks[i];

		if (zs->ever_peered || !loop_connects(zs) ||
		    loop_peerless_sender(zs))
			continue;
		if (zs->nfailed) {
			loop_failure_text(zs, text, sizeof(text));
			warnx("%s: no handshake succeeded (%s)", zs->spec->name,
			    text);
		} else if (zs->unreachable && !zs->ever_connected)
			warnx("%s: never connected: the host could not be "
			    "resolved or reached", zs->spec->name);
		else
			continue;
		loop_fail(l, 0);
	}
}

/* Nonzero while some socket we sent to has never had a peer. */
static int
loop_any_peerless(struct loop *l)
{
	size_t i;
	int waiting = 0;

	for (i = 0; i < l->nsocks; i++) {
		sock_monitor_read(&l->socks[i]);
		waiting |= loop_peerless_sender(&l->socks[i]);
	}
	return waiting;
}

/*
 * After the run, give sockets we sent to but that never saw a peer up to
 * the linger time (no later than -W's deadline) to get one; report those
 * that did not, since what was queued on them is lost.
 */
static void
loop_await_peers(struct loop *l)
{
	/* once the run gave up on a peer, do not wait for one again */
	int64_t end = loop_cap(l, clock_mono_ms() + (l->gave_up ? 0 :
	    l->opt->linger)), now;
	size_t i;
	int zero = 0, cut;

	if (loop_any_peerless(l) && end > clock_mono_ms())
		log_msg(LOG_DEBUG, "waiting up to %lld ms for a peer to take what "
		    "was sent", (long long)(end - clock_mono_ms()));
	while (loop_any_peerless(l) && !signals_caught &&
	    (now = clock_mono_ms()) < end) {
		if (l->items[ITEM_ZAP].revents & ZMQ_POLLIN)
			zap_serve(&l->zap, l->socks, l->nsocks);
		/* only monitors and signals now; a hung-up pipe would spin */
		for (i = 0; i < l->nsocks; i++)
			l->items[SOCK_ITEM(i)].events = 0;
		l->items[ITEM_STDIN].fd = l->items[ITEM_STDOUT].fd = -1;
		zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks),
		    (long)(end - now));
	}
	cut = l->end_by >= 0 && clock_mono_ms() >= l->end_by;
	for (i = 0; i < l->nsocks; i++) {
		struct zsock *zs = &l->socks[i];

		if (!loop_peerless_sender(zs))
			continue;
		loop_report_peerless(l, zs, cut);
		zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
	}
}

/* Release everything the loop holds; sockets linger as configured. */
static void
loop_teardown(struct loop *l)
{
	forward_free(&l->fwd);
	free(l->items);
	free(l->dsts);
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
	    l->ndelivered < (uint64_t)l->opt->count)
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

/* Open what the run needs: the input, the format, the context and the
 * sockets; -1 (reported) when a socket cannot be opened. */
static int
loop_open(struct loop *l, const struct options *opt)
{
	char msg[ZC_ERRLEN];

	memset(l, 0, sizeof(*l));
	l->opt = opt;
	/* -W bounds the whole run: it counts from before the sockets open */
	l->start_ms = clock_mono_ms();
	l->end_by = opt->timeout_ms ? l->start_ms + opt->timeout_ms : -1;
	l->in_fd = STDIN_FILENO;
	l->in_name = "stdin";
	/* before any thread exists, so a usage error leaves nothing behind */
	if (opt->replay != NULL) {
		l->in_name = opt->replay;
		if ((l->in_fd = open(opt->replay, O_RDONLY | O_CLOEXEC)) == -1)
			err(ZC_USAGE, "--replay %s", opt->replay);
	}
	/* -f, when given, says how to print even under -J */
	if ((l->fmt = format_compile(opt->format ? opt->format : opt->json ?
	    "%j\\n" : "%s", msg, sizeof(msg))) == NULL)
		errx(ZC_USAGE, "-f: %s", msg);
	if ((l->ctx = sock_ctx_new(opt->nspecs, opt->io_threads)) == NULL)
		err(ZC_RUNTIME, "zmq_ctx_new");
	l->nsocks = opt->nspecs;
	sock_conf_init(&l->conf, opt);
	/* the handler first: a peer may shake hands as soon as we bind */
	if ((zap_needed(opt->specs, opt->nspecs) && zap_open(l->ctx,
	    &l->zap) == -1) || (l->socks = sock_open_all(l->ctx, opt->specs,
	    opt->nspecs, &l->conf)) == NULL) {
		zap_close(&l->zap);
		zmq_ctx_term(l->ctx);
		format_destroy(&l->fmt);
		return -1;
	}
	l->dsts = xmalloc((l->nsocks + 1) * sizeof(*l->dsts));
	return 0;
}

/*
 * After the loop: deliver what is held while the linger allows, report
 * what was not sent or delivered, and cap every socket's linger so that
 * closing cannot outlast -W.
 */
static void
loop_finish(struct loop *l)
{
	int64_t now;

	if (!l->out.closed)
		loop_finish_held(l);
	loop_flush(l);
	loop_report_unsent(l);
	loop_report_holding(l);
	if (!signals_caught)
		loop_await_peers(l);
	loop_report_unshaken(l);
	if (l->opt->stats)
		stats_print(l->socks, l->nsocks, l->opt->routes,
		    l->opt->nroutes, clock_mono_ms() - l->start_ms,
		    l->opt->json);
	now = clock_mono_ms();
	sock_cap_linger(l->socks, l->nsocks, l->end_by < 0 ? -1 :
	    l->end_by > now ? l->end_by - now : 0);
}

/* Run zmqcat's main loop until an end condition; returns the status. */
int
loop_run(const struct options *opt)
{
	struct loop l;

	if (loop_open(&l, opt) == -1)
		return ZC_RUNTIME;
	outbuf_init(&l.out, STDOUT_FILENO, LOOP_OUTBUF);
	loop_setup_items(&l);
	loop_setup_fwd(&l);
	loop_setup_sources(&l);
	l.last_msg_ms = clock_mono_ms();
	l.next_stats_ms = l.last_msg_ms + opt->stats_ms;
	loop_start_holding(&l);
	while (!l.stop)
		loop_turn(&l);
	loop_finish(&l);
	l.status = loop_status(&l);
	loop_teardown(&l);
	return l.status;
}
