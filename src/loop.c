/* The one zmq_poll loop: sockets to stdout, stdin to sockets. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include "format.h"
#include "input.h"
#include "log.h"
#include "loop.h"
#include "output.h"
#include "signals.h"
#include "sock.h"
#include "status.h"
#include "util.h"

#define LOOP_DRAIN_MAX	256	/* messages from one socket per turn */
#define LOOP_PUMP_MAX	1024	/* stdin messages sent per turn */
#define LOOP_OUTBUF	65536

/*
 * Fixed places in the poll set; sockets and their monitors follow.
 * stdout is polled for no event: poll(2) still reports POLLERR once the
 * reader of a pipe has gone, so `| head` ends the run without waiting
 * for one more message to write.
 */
enum { ITEM_SIGNAL, ITEM_STDIN, ITEM_STDOUT, ITEM_FIRST_SOCK };

struct loop {
	const struct options	*opt;
	void			*ctx;
	struct zsock		*socks;
	size_t			 nsocks;
	zmq_pollitem_t		*items;
	struct format		*fmt;
	struct outbuf		 out;
	struct input		 in;
	int			 read_stdin;	/* some socket can send */
	int			 receivers;	/* sockets that can receive */
	int			 held;		/* stdin message not yet taken */
	int			 more_input;	/* pump stopped at its bound */
	int			 moved;		/* a message moved this turn */
	int			 fmt_time;	/* the format shows %t */
	int			 unsent_told;	/* held input was reported */
	zmq_msg_t		*rmsgs;		/* frames of a received message */
	struct iovec		*riov;
	size_t			 rcap;
	struct iovec		*siov;		/* frames of a stdin message */
	size_t			 scap;
	uint64_t		 received;
	int64_t			 start_ms;
	int64_t			 last_msg_ms;
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

/* Fill the poll set for this turn from what each party can do now. */
static void
loop_build_items(struct loop *l)
{
	size_t i;
	int want_stdin;

	/* a hung-up pipe reports POLLHUP even for no events: leave it out */
	want_stdin = l->read_stdin && !l->in.eof && !l->held && !l->more_input;
	l->items[ITEM_STDIN].fd = want_stdin ? STDIN_FILENO : -1;
	l->items[ITEM_STDIN].events = want_stdin ? ZMQ_POLLIN : 0;
	for (i = 0; i < l->nsocks; i++) {
		short ev = 0;

		if (l->socks[i].spec->type->can_recv)
			ev |= ZMQ_POLLIN;
		if (l->held && l->socks[i].owed)
			ev |= ZMQ_POLLOUT;
		l->items[SOCK_ITEM(i)].events = ev;
	}
}

/* Nonzero when every socket the held message waits for has no peer. */
static int
loop_held_peerless(const struct loop *l, int64_t *since)
{
	size_t i;

	*since = 0;
	for (i = 0; i < l->nsocks; i++) {
		const struct zsock *zs = &l->socks[i];

		if (!zs->owed)
			continue;
		if (!zs->peers_known || zs->peers > 0)
			return 0;
		if (zs->nopeer_since > *since)
			*since = zs->nopeer_since;
	}
	return 1;
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

	if (l->opt->timeout_ms)
		d = l->start_ms + l->opt->timeout_ms;
	if (l->opt->idle_ms)
		d = loop_earlier(d, l->last_msg_ms + l->opt->idle_ms);
	if (l->held && l->opt->exit_on_eof && loop_held_peerless(l, &since))
		d = loop_earlier(d, since + l->opt->linger);
	return d;
}

/* Check the clock against -W, -T and the -e wait for a peer. */
static void
loop_check_deadlines(struct loop *l, int64_t now)
{
	int64_t since;
	size_t i;

	if (l->opt->timeout_ms && now >= l->start_ms + l->opt->timeout_ms) {
		log_msg(LOG_INFO, "timeout after %lld ms",
		    (long long)l->opt->timeout_ms);
		l->timed_out = l->stop = 1;
	}
	if (l->opt->idle_ms && now >= l->last_msg_ms + l->opt->idle_ms) {
		log_msg(LOG_INFO, "idle for %lld ms", (long long)l->opt->idle_ms);
		l->timed_out = l->stop = 1;
	}
	if (l->held && l->opt->exit_on_eof && loop_held_peerless(l, &since) &&
	    now >= since + l->opt->linger) {
		for (i = 0; i < l->nsocks; i++)
			if (l->socks[i].owed)
				warnx("%s: no peer for %d ms; stopping with "
				    "input unsent", l->socks[i].spec->name,
				    l->opt->linger);
		l->unsent_told = 1;
		loop_fail(l, 1);
	}
}

/*
 * Make sure the frame arrays hold at least n frames. A zmq_msg_t may not
 * be copied byte for byte, so the old ones are moved with zmq_msg_move.
 */
static void
loop_grow_frames(struct loop *l, size_t n)
{
	zmq_msg_t *msgs;
	size_t i, cap;

	if (n <= l->rcap)
		return;
	cap = n * 2;
	msgs = xmalloc(cap * sizeof(*msgs));
	for (i = 0; i < cap; i++)
		zmq_msg_init(&msgs[i]);
	for (i = 0; i < l->rcap; i++) {
		zmq_msg_move(&msgs[i], &l->rmsgs[i]);
		zmq_msg_close(&l->rmsgs[i]);
	}
	free(l->rmsgs);
	l->rmsgs = msgs;
	l->riov = xrealloc(l->riov, cap * sizeof(*l->riov));
	l->rcap = cap;
}

/*
 * Receive one whole message from zs without waiting. Returns its frame
 * count, 0 when there is none, -1 on an error. The iovecs are filled only
 * once every frame is in: growing the array moves the zmq_msg_t, and
 * small frames live inside it.
 */
static ssize_t
loop_recv(struct loop *l, struct zsock *zs)
{
	size_t i, n = 0;

	do {
		loop_grow_frames(l, n + 1);
		if (zmq_msg_recv(&l->rmsgs[n], zs->handle, ZMQ_DONTWAIT) == -1) {
			/* EFSM: a REQ or REP whose turn it is to send */
			if (n == 0 && (errno == EAGAIN || errno == EFSM))
				return 0;
			warnx("%s: receive failed: %s", zs->spec->name,
			    zmq_strerror(errno));
			return -1;
		}
	} while (zmq_msg_more(&l->rmsgs[n++]));
	for (i = 0; i < n; i++) {
		l->riov[i].iov_base = zmq_msg_data(&l->rmsgs[i]);
		l->riov[i].iov_len = zmq_msg_size(&l->rmsgs[i]);
	}
	return (ssize_t)n;
}

/* Print one received message the way -f (or the default) says. */
static void
loop_print(struct loop *l, struct zsock *zs, size_t nframes)
{
	struct fmt_msg m;

	m.sockname = zs->spec->name;
	m.socktype = zs->spec->type->name;
	m.frames = l->riov;
	m.nframes = nframes;
	m.fdelim = l->opt->fdelim;
	m.fdelim_len = l->opt->fdlen;
	m.seq = l->received;
	m.time_ms = l->fmt_time ? clock_wall_ms() : 0;
	if (format_render(l->fmt, &m, &l->out) == 0 && l->opt->format == NULL)
		outbuf_put(&l->out, l->opt->delim, l->opt->dlen);
}

/* Take what zs has, bounded so one busy socket cannot starve the rest. */
static void
loop_drain(struct loop *l, struct zsock *zs)
{
	ssize_t n;
	int i;

	for (i = 0; i < LOOP_DRAIN_MAX && !l->stop; i++) {
		if ((n = loop_recv(l, zs)) <= 0) {
			if (n < 0)
				loop_fail(l, 1);
			return;
		}
		zs->nrecv++;
		l->received++;
		l->moved = 1;
		loop_print(l, zs, (size_t)n);
		if (l->out.closed || l->out.error)
			l->stop = 1;
		if (l->opt->count && l->received >= (uint64_t)l->opt->count)
			l->stop = 1;
	}
}

/* Read once from stdin; EINTR is left for the next turn. */
static void
loop_read_stdin(struct loop *l)
{
	if (input_fill(&l->in) == -1 && errno != EINTR && errno != EAGAIN) {
		warn("stdin");
		l->in.eof = 1;
		loop_fail(l, 0);
	}
}

/*
 * Offer the message at the head of stdin to every socket it still owes.
 * Returns 1 when all have taken it, 0 when some cannot yet.
 */
static int
loop_offer(struct loop *l, const char *msg, size_t len)
{
	struct iovec one = { (void *)msg, len };
	const struct iovec *frames = &one;
	size_t i, n = 1;
	int rc, waiting = 0;

	if (l->opt->fdelim_given) {
		n = input_split(msg, len, l->opt->fdelim, l->opt->fdlen,
		    &l->siov, &l->scap);
		frames = l->siov;
	}
	for (i = 0; i < l->nsocks; i++) {
		if (!l->socks[i].owed)
			continue;
		rc = sock_send(&l->socks[i], frames, n);
		if (rc == 0) {
			waiting = 1;
			continue;
		}
		if (rc == -1) {
			warnx("%s: send failed: %s", l->socks[i].spec->name,
			    zmq_strerror(errno));
			loop_fail(l, 0);
		}
		l->socks[i].owed = 0;
	}
	return !waiting;
}

/* Send stdin messages until one is held or the turn's bound is reached. */
static void
loop_pump(struct loop *l)
{
	const char *msg;
	size_t len, i;
	int n;

	l->more_input = 0;
	for (n = 0; n < LOOP_PUMP_MAX; n++) {
		if (!l->held) {
			if (input_peek(&l->in, &msg, &len) != 1)
				return;
			for (i = 0; i < l->nsocks; i++)
				l->socks[i].owed =
				    l->socks[i].spec->type->can_send;
			l->held = 1;
		} else
			input_peek(&l->in, &msg, &len);
		if (!loop_offer(l, msg, len))
			return;
		l->held = 0;
		input_consume(&l->in);
		l->moved = 1;
	}
	l->more_input = 1;
}

/* Stop once there is nothing left to do, or -e is satisfied. */
static void
loop_check_end(struct loop *l)
{
	int stdin_over = !l->read_stdin || input_done(&l->in);

	if (l->held || !stdin_over)
		return;
	if (l->opt->exit_on_eof && l->read_stdin)
		l->stop = 1;
	else if (!l->receivers)
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
	int64_t deadline, wait;
	int rc;

	rc = zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks), 0);
	if (rc != 0 || l->more_input)
		return rc;
	loop_flush(l);
	if (l->stop)
		return 0;
	deadline = loop_deadline(l);
	wait = deadline < 0 ? -1 : deadline - clock_mono_ms();
	if (deadline >= 0 && wait < 0)
		wait = 0;
	return zmq_poll(l->items, (int)(ITEM_FIRST_SOCK + 2 * l->nsocks),
	    (long)wait);
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
	for (i = 0; i < l->nsocks; i++)
		if (l->items[MON_ITEM(i)].revents & ZMQ_POLLIN)
			sock_monitor_read(&l->socks[i]);
	for (i = 0; i < l->nsocks && !l->stop; i++)
		if (l->items[SOCK_ITEM(i)].revents & ZMQ_POLLIN)
			loop_drain(l, &l->socks[i]);
	if (l->items[ITEM_STDIN].revents & (ZMQ_POLLIN | ZMQ_POLLERR))
		loop_read_stdin(l);
	if ((l->items[ITEM_STDOUT].revents & ZMQ_POLLERR) && l->receivers) {
		log_msg(LOG_INFO, "stdout closed");
		l->out.closed = 1;
		l->stop = 1;
	}
}

/* Decide whether stdin is a source: it is when some socket can send. */
static void
loop_setup_stdin(struct loop *l)
{
	struct stat st;
	size_t i;

	for (i = 0; i < l->nsocks; i++) {
		if (l->socks[i].spec->type->can_send)
			l->read_stdin = 1;
		if (l->socks[i].spec->type->can_recv)
			l->receivers++;
	}
	input_init(&l->in, STDIN_FILENO, l->opt->delim, l->opt->dlen);
	if (l->read_stdin && fstat(STDIN_FILENO, &st) == -1)
		l->in.eof = 1;	/* stdin closed: nothing to read */
}

/* Build the poll set's fixed parts: signal pipe, stdin, sockets. */
static void
loop_setup_items(struct loop *l)
{
	size_t i, n = ITEM_FIRST_SOCK + 2 * l->nsocks;

	l->items = xmalloc(n * sizeof(*l->items));
	memset(l->items, 0, n * sizeof(*l->items));
	l->items[ITEM_SIGNAL].fd = signals_fd();
	l->items[ITEM_SIGNAL].events = ZMQ_POLLIN;
	l->items[ITEM_STDOUT].fd = l->receivers ? STDOUT_FILENO : -1;
	for (i = 0; i < l->nsocks; i++) {
		l->items[SOCK_ITEM(i)].socket = l->socks[i].handle;
		l->items[MON_ITEM(i)].socket = l->socks[i].monitor;
		l->items[MON_ITEM(i)].events = ZMQ_POLLIN;
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
			struct zsock *zs = &l->socks[i];

			sock_monitor_read(zs);
			if (zs->nsent && zs->peers_known && !zs->ever_peered &&
			    zs->spec->type->zmq_type != ZMQ_PUB &&
			    zs->spec->type->zmq_type != ZMQ_XPUB)
				waiting = 1;
		}
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

		if (!zs->nsent || !zs->peers_known || zs->ever_peered ||
		    zs->spec->type->zmq_type == ZMQ_PUB ||
		    zs->spec->type->zmq_type == ZMQ_XPUB)
			continue;
		warnx("%s: no peer connected within %d ms; %llu messages not "
		    "delivered", zs->spec->name, l->opt->linger,
		    (unsigned long long)zs->nsent);
		zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
		loop_fail(l, 0);
	}
}

/* Release everything the loop holds; sockets linger as configured. */
static void
loop_teardown(struct loop *l)
{
	size_t i;

	for (i = 0; i < l->rcap; i++)
		zmq_msg_close(&l->rmsgs[i]);
	free(l->rmsgs);
	free(l->riov);
	free(l->siov);
	free(l->items);
	sock_close_all(&l->socks, l->nsocks);
	zmq_ctx_term(l->ctx);
	format_destroy(&l->fmt);
	input_free(&l->in);
	outbuf_free(&l->out);
}

/* Run zmqcat's main loop until an end condition; returns the status. */
int
loop_run(const struct options *opt)
{
	struct loop l;
	char msg[ZC_ERRLEN];
	int64_t now;

	memset(&l, 0, sizeof(l));
	l.opt = opt;
	if ((l.fmt = format_compile(opt->format ? opt->format : "%s", msg,
	    sizeof(msg))) == NULL)
		errx(ZC_USAGE, "-f: %s", msg);
	l.fmt_time = format_uses(l.fmt, FMT_TIME);
	if ((l.ctx = zmq_ctx_new()) == NULL)
		err(ZC_RUNTIME, "zmq_ctx_new");
	l.nsocks = opt->nspecs;
	if ((l.socks = sock_open_all(l.ctx, opt->specs, opt->nspecs,
	    opt->linger)) == NULL) {
		zmq_ctx_term(l.ctx);
		format_destroy(&l.fmt);
		return ZC_RUNTIME;
	}
	outbuf_init(&l.out, STDOUT_FILENO, LOOP_OUTBUF);
	loop_setup_stdin(&l);
	loop_setup_items(&l);
	l.start_ms = l.last_msg_ms = clock_mono_ms();
	while (!l.stop) {
		loop_build_items(&l);
		if (loop_poll(&l) == -1 && errno != EINTR) {
			warnx("zmq_poll: %s", zmq_strerror(errno));
			loop_fail(&l, 1);
			break;
		}
		loop_dispatch(&l);
		/* after -c, still send what can go now: a REP's last reply */
		if (!signals_caught && !l.out.closed)
			loop_pump(&l);
		loop_check_end(&l);
		now = clock_mono_ms();
		if (l.moved)
			l.last_msg_ms = now;	/* once a turn, not a message */
		l.moved = 0;
		loop_check_deadlines(&l, now);
	}
	loop_flush(&l);
	if (l.held && !l.unsent_told)
		log_msg(LOG_WARN, "stopping with input unsent (no socket could "
		    "take it)");
	if (!signals_caught)
		loop_await_peers(&l);
	if (l.timed_out && opt->count && l.received < (uint64_t)opt->count &&
	    l.status == ZC_OK)
		l.status = ZC_TIMEOUT;
	loop_teardown(&l);
	return l.status;
}
