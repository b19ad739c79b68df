/*
 * The end of a run, in one place: when it is over (-c, -W, -T, -e, a
 * signal, nothing left to do, or the input given up for want of a
 * peer), the phases after that (held messages get the linger to go,
 * then queued ones the linger to find a peer, never past -W), what was
 * lost and why, and the exit status.
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "ending.h"
#include "log.h"
#include "monitor.h"
#include "signals.h"
#include "sock.h"
#include "status.h"
#include "xmalloc.h"

/* Start in the RUN phase; -W counts from start. */
void
ending_init(struct ending *e, const struct ending_conf *c,
    struct node **nodes, size_t nnodes, struct forward *fwd,
    struct node *input, int64_t start)
{
	memset(e, 0, sizeof(*e));
	e->c = *c;
	e->nodes = nodes;
	e->nnodes = nnodes;
	e->fwd = fwd;
	e->input = input;
	e->dsts = xmalloc((nnodes + 1) * sizeof(*e->dsts));
	e->end_by = c->timeout_ms ? start + c->timeout_ms : -1;
	e->last_move = start;
	e->phase = ENDING_RUN;
}

/* The run is over: no source is read from now on; by says what ended
 * it, for the report of what was not sent. */
void
ending_stop(struct ending *e, const char *by, int timed_out)
{
	if (!e->stopping)
		e->ended_by = by;
	e->stopping = 1;
	if (timed_out)
		e->timed_out = 1;
}

/* -c is reached: the run is over. */
void
ending_counted(struct ending *e)
{
	ending_stop(e, "-c", 0);
}

/* Note a held message that went at last (for -T). */
void
ending_moved(struct ending *e)
{
	e->moved = 1;
}

/* Something failed that the run cannot go on without. */
void
ending_abort(struct ending *e)
{
	e->failed = 1;
	e->halt = 1;
}

/* The earlier of t and the -W deadline: no wait outlasts the run. */
static int64_t
ending_cap(const struct ending *e, int64_t t)
{
	return e->end_by >= 0 && e->end_by < t ? e->end_by : t;
}

/* Nonzero when --fail-fast saw a connect fail: no peer is waited for. */
static int
ending_failed_fast(const struct ending *e)
{
	size_t i;

	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->zs != NULL && e->nodes[i]->zs->fail_why != NULL)
			return 1;
	return 0;
}

/* Nonzero when node n is a socket of this type. */
static int
ending_is(const struct node *n, int zmq_type)
{
	return n->zs != NULL && n->zs->spec->type->zmq_type == zmq_type;
}

/*
 * Once the run is over, a held message may still go (a REP's reply to
 * the request that ended it), but the input's not to a REQ: a new
 * request's reply would never be read; nor once it was given up.
 */
int
ending_may_offer(struct ending *e, const struct node *n)
{
	size_t i, k;

	if (ending_reading(e) || n != e->input)
		return 1;
	if (e->gave_up)
		return 0;
	k = forward_waiting_for(e->fwd, n, e->dsts);
	for (i = 0; i < k; i++)
		if (ending_is(e->nodes[e->dsts[i]], ZMQ_REQ))
			return 0;
	return 1;
}

/* Nonzero while some source other than the input may still bring a
 * message by itself. */
static int
ending_live_sources(const struct ending *e)
{
	size_t i;
	const struct node *n;

	for (i = 0; i < e->nnodes; i++) {
		n = e->nodes[i];
		if (n != e->input && n->ops->finished != NULL &&
		    (forward_nfrom(e->fwd, n) > 0 || (n->flags &
		    NODE_WORKS)) && !n->ops->finished(n))
			return 1;
	}
	return 0;
}

/*
 * When the input's held message is given up: with -e, or once the input
 * has ended and nothing else can come, when every socket it waits for has
 * had no peer for the linger time (a REQ with --timeout-reply: that long,
 * and not while it waits for a reply, which its own timeout ends). -1
 * while it may wait; *wait is how long it will have waited.
 */
static int64_t
ending_give_up_at(const struct ending *e, int64_t *wait)
{
	const struct zsock *zs;
	size_t i, k;
	int64_t at = -1, w;

	if (e->input == NULL || !e->input->held || !(e->c.exit_on_eof ||
	    (e->input->ops->exhausted(e->input) && !ending_live_sources(e))))
		return -1;
	k = forward_waiting_for(e->fwd, e->input, e->dsts);
	for (i = 0; i < k; i++) {
		if ((zs = e->nodes[e->dsts[i]]->zs) == NULL ||
		    !zs->peers_known || zs->peers > 0)
			return -1;
		w = e->c.linger;
		if (zs->spec->type->zmq_type == ZMQ_REQ && e->c.timeout_reply) {
			if (zs->awaiting_since)
				return -1;
			w = e->c.timeout_reply;
		}
		if (zs->nopeer_since + w > at) {
			at = zs->nopeer_since + w;
			*wait = w;
		}
	}
	return at;
}

/* Wake for the next deadline of the phase: -W, -T, giving the input up,
 * the linger. */
void
ending_want(const struct ending *e, struct waitset *ws)
{
	int64_t wait;

	waitset_due(ws, e->end_by);
	if (e->phase != ENDING_RUN) {
		waitset_due(ws, e->until);
		return;
	}
	if (e->c.idle_ms)
		waitset_due(ws, e->last_move + e->c.idle_ms);
	waitset_due(ws, ending_give_up_at(e, &wait));
}

/* Nonzero while some socket waits for the reply to what it sent. */
static int
ending_awaiting_reply(const struct ending *e)
{
	size_t i;

	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->zs != NULL && e->nodes[i]->zs->awaiting_since)
			return 1;
	return 0;
}

/* With nothing left to do the run is over: the input has ended and all
 * of it went (with -e, that is all), and no other source can bring more.
 * A REQ's last reply is part of what its request started. */
static void
ending_check_idle(struct ending *e)
{
	struct node *in = e->input;

	if ((in != NULL && (in->held || !in->ops->finished(in))) ||
	    ending_awaiting_reply(e))
		return;
	if ((e->c.exit_on_eof && in != NULL) || !ending_live_sources(e))
		ending_stop(e, NULL, 0);
}

/* What the nodes said this turn: a signal, a node that stops the run
 * (quietly, for a closed stdout). */
static void
ending_check_nodes(struct ending *e)
{
	size_t i;

	if (signals_caught || e->halt)
		ending_stop(e, NULL, 0);
	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->quiet)
			e->quiet = 1;
}

/* Check the run against what ends it. */
static void
ending_check_run(struct ending *e, int64_t now)
{
	int64_t at, wait = 0;

	if (e->stopping)
		return;
	ending_check_idle(e);
	if (e->stopping)
		return;		/* it ended by itself, not by a timeout */
	if (e->end_by >= 0 && now >= e->end_by) {
		log_msg(LOG_INFO, "timeout after %lld ms",
		    (long long)e->c.timeout_ms);
		ending_stop(e, "-W", 1);
	}
	if (e->c.idle_ms && now >= e->last_move + e->c.idle_ms) {
		log_msg(LOG_INFO, "idle for %lld ms", (long long)e->c.idle_ms);
		ending_stop(e, "-T", 1);
	}
	if ((at = ending_give_up_at(e, &wait)) >= 0 && now >= at) {
		e->gave_up = 1;
		e->gave_up_ms = wait;
		ending_stop(e, NULL, 0);
	}
}

/* The run no longer takes from its sources: tell the nodes that owe
 * output for what they took (a co-process gets the end of its input). */
static void
ending_stop_nodes(struct ending *e)
{
	size_t i;

	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->ops->stop != NULL)
			e->nodes[i]->ops->stop(e->nodes[i]);
}

/* Nonzero while some source's message still waits for a sink that may
 * still take it, or some command still works on an answer. */
static int
ending_any_held(struct ending *e)
{
	const struct node *n;
	size_t i;

	for (i = 0; i < e->nnodes; i++) {
		n = e->nodes[i];
		if (n->held && ending_may_offer(e, e->nodes[i]))
			return 1;
		if ((n->flags & NODE_ANSWERS) && !n->ops->finished(n))
			return 1;
	}
	return 0;
}

/* Why the source's held message waits: what the first sink it waits for
 * lacks, or that the input was given up. */
static void
ending_held_why(struct ending *e, const struct node *src, char *buf,
    size_t len)
{
	const struct node *dst;

	if (forward_waiting_for(e->fwd, src, e->dsts) == 0) {
		snprintf(buf, len, "the run ended first");
		return;
	}
	dst = e->nodes[e->dsts[0]];
	if (src == e->input && e->gave_up)
		snprintf(buf, len, "%s had no peer for %lld ms", dst->name,
		    (long long)e->gave_up_ms);
	else if (dst->ops->why_full != NULL)
		dst->ops->why_full(dst, buf, len);
	else
		snprintf(buf, len, "%s could not take it", dst->name);
}

/* Report messages received from sockets that the end left undelivered:
 * lost, so the run fails, unless a signal asked to stop now. */
static void
ending_report_held(struct ending *e)
{
	char why[160];
	size_t i;

	for (i = 0; i < e->nnodes; i++) {
		if (!e->nodes[i]->held || e->nodes[i]->zs == NULL)
			continue;
		ending_held_why(e, e->nodes[i], why, sizeof(why));
		if (signals_caught) {
			log_msg(LOG_INFO, "%s: a received message was dropped at "
			    "%s (%s)", e->nodes[i]->name, signals_name(), why);
			continue;
		}
		warnx("%s: a received message was not delivered: %s",
		    e->nodes[i]->name, why);
		e->failed = 1;
	}
}

/*
 * Input read (from stdin or --replay) but never handed to libzmq is
 * lost: say how much and why, and the run fails, whatever ended it but
 * a signal or a closed stdout, which ask to stop now.
 */
static void
ending_report_unsent(struct ending *e)
{
	struct node *in = e->input;
	char why[160];
	size_t n;

	if (in == NULL || in->holding || e->quiet ||
	    (n = in->ops->pending(in)) == 0)
		return;
	/* held: why, unless it was held back for a REQ after the end */
	if (in->held && (e->gave_up || ending_may_offer(e, in)))
		ending_held_why(e, in, why, sizeof(why));
	else
		snprintf(why, sizeof(why), e->ended_by ? "%s ended the run "
		    "first" : "the run ended first", e->ended_by);
	if (signals_caught) {
		log_msg(LOG_INFO, "%s: %zu message%s not sent: stopped by %s%s%s",
		    in->label, n, n == 1 ? "" : "s", signals_name(),
		    in->held ? " while " : "", in->held ? why : "");
		return;
	}
	warnx("%s: %zu message%s not sent: %s", in->label, n, n == 1 ? "" :
	    "s", why);
	e->failed = 1;
}

/* Nonzero when zs was sent messages but never saw a peer to take them. */
static int
ending_peerless(const struct zsock *zs)
{
	return zs != NULL && zs->nsent && zs->peers_known &&
	    !zs->ever_peered && zs->spec->type->zmq_type != ZMQ_PUB &&
	    zs->spec->type->zmq_type != ZMQ_XPUB;
}

/* Nonzero while some socket we sent to has never had a peer. */
static int
ending_any_peerless(const struct ending *e)
{
	size_t i;

	for (i = 0; i < e->nnodes; i++)
		if (ending_peerless(e->nodes[i]->zs))
			return 1;
	return 0;
}

/*
 * "N handshakes failed: REASON" for zs, from the last failure. A CURVE
 * server hangs up on a client that has the wrong server key, which the
 * client only sees as a closed connection: say what that usually means.
 */
static void
ending_failure_text(const struct zsock *zs, char *buf, size_t len)
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
ending_report_peerless(struct ending *e, struct zsock *zs, int cut)
{
	char when[64], text[320] = "";
	unsigned long long n = zs->nsent;
	int zero = 0;

	if (zs->nfailed > 0) {
		text[0] = ' ';
		text[1] = '(';
		ending_failure_text(zs, text + 2, sizeof(text) - 3);
		strcat(text, ")");
	}
	if (signals_caught)
		snprintf(when, sizeof(when), "before %s", signals_name());
	else if (e->quiet)
		snprintf(when, sizeof(when), "before stdout closed");
	else if (cut)
		snprintf(when, sizeof(when), "before -W ran out");
	else if (zs->fail_why != NULL)
		snprintf(when, sizeof(when), "(--fail-fast)");
	else
		snprintf(when, sizeof(when), "within %d ms", e->c.linger);
	if (!signals_caught && !e->quiet) {
		warnx("%s: no peer connected %s; %llu message%s not delivered%s",
		    zs->spec->name, when, n, n == 1 ? "" : "s", text);
		e->failed = 1;
	} else
		log_msg(LOG_WARN, "%s: no peer connected %s; %llu message%s "
		    "not delivered%s", zs->spec->name, when, n, n == 1 ? "" :
		    "s", text);
	/* nothing will take what it queued: closing need not wait */
	zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
}

/* Nonzero when zs connects somewhere: its failed handshakes are ours to
 * report, where a bound socket's are refused clients, logged already. */
static int
ending_connects(const struct zsock *zs)
{
	size_t i;

	for (i = 0; i < zs->spec->nendpoints; i++)
		if (zs->spec->endpoints[i].mode == SPEC_CONNECT)
			return 1;
	return 0;
}

/* A connecting socket that never got through a handshake, or never even
 * reached its host, and sent nothing that could be reported lost: say
 * why, so a silent run is not taken for a quiet peer. */
static void
ending_report_unshaken(struct ending *e, const struct zsock *zs)
{
	char text[320];

	if (zs->ever_peered || !ending_connects(zs) || ending_peerless(zs))
		return;
	if (zs->nfailed) {
		ending_failure_text(zs, text, sizeof(text));
		warnx("%s: no handshake succeeded (%s)", zs->spec->name, text);
	} else if (zs->unreachable && !zs->ever_connected)
		warnx("%s: never connected: the host could not be resolved or "
		    "reached", zs->spec->name);
	else
		return;
	e->failed = 1;
}

/* The drain is over: say what was not delivered or sent, flush, give up
 * what is still held, and let queued messages find a peer. */
static void
ending_enter_await(struct ending *e, int64_t now)
{
	size_t i;

	if (!e->quiet)
		ending_report_held(e);
	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->ops->idle != NULL)
			e->nodes[i]->ops->idle(e->nodes[i]);
	ending_report_unsent(e);
	for (i = 0; i < e->nnodes; i++)
		forward_abandon(e->fwd, e->nodes[i]);
	e->phase = ENDING_AWAIT;
	/* once the run gave up on a peer, do not wait for one again */
	e->until = ending_cap(e, now + (e->gave_up ? 0 : e->c.linger));
	if (ending_any_peerless(e) && e->until > now)
		log_msg(LOG_DEBUG, "waiting up to %lld ms for a peer to take "
		    "what was sent", (long long)(e->until - now));
}

/* The run is over: the last reports, and no close may outlast -W. */
static void
ending_enter_done(struct ending *e, int64_t now)
{
	int cut = e->end_by >= 0 && now >= e->end_by;
	size_t i;
	struct node *n;

	for (i = 0; i < e->nnodes; i++) {
		n = e->nodes[i];
		if (ending_peerless(n->zs))
			ending_report_peerless(e, n->zs, cut);
	}
	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i]->zs != NULL)
			ending_report_unshaken(e, e->nodes[i]->zs);
	for (i = 0; i < e->nnodes; i++) {
		n = e->nodes[i];
		if (n->ops->report != NULL)
			n->ops->report(n, signals_caught != 0);
		if (n->zs != NULL)
			sock_cap_linger(n->zs, e->end_by < 0 ? -1 :
			    e->end_by > now ? e->end_by - now : 0);
		e->failed |= n->failed;
	}
	e->phase = ENDING_DONE;
}

/* After each turn: note the time a message last moved, check what ends
 * the phase, and go on to the next when it is over. */
void
ending_turn(struct ending *e, int64_t now)
{
	if (e->moved)
		e->last_move = now;	/* once a turn, not a message */
	e->moved = 0;
	ending_check_nodes(e);	/* a closed stdout, in any phase */
	if (e->phase == ENDING_RUN) {
		ending_check_run(e, now);
		if (!e->stopping)
			return;
		e->phase = ENDING_DRAIN;
		e->until = ending_cap(e, now + (ending_failed_fast(e) ? 0 :
		    e->c.linger));
		ending_stop_nodes(e);
	}
	if (e->phase == ENDING_DRAIN) {
		if (ending_any_held(e) && now < e->until && !signals_caught &&
		    !e->quiet)
			return;
		ending_enter_await(e, now);
	}
	if (e->phase == ENDING_AWAIT) {
		if (ending_any_peerless(e) && now < e->until &&
		    !signals_caught && !e->quiet && !ending_failed_fast(e))
			return;
		ending_enter_done(e, now);
	}
}

/* Nonzero once the run is over and everything was said. */
int
ending_done(const struct ending *e)
{
	return e->phase == ENDING_DONE;
}

/* The status the run ends with, from what happened in it. */
int
ending_status(const struct ending *e)
{
	if (e->failed)
		return ZC_RUNTIME;
	if (e->timed_out && e->input != NULL && e->input->holding)
		return ZC_TIMEOUT;
	if (e->timed_out && e->c.count &&
	    e->ndelivered < (uint64_t)e->c.count)
		return ZC_TIMEOUT;
	return ZC_OK;
}

/* Release what ending_init allocated. */
void
ending_free(struct ending *e)
{
	free(e->dsts);
	e->dsts = NULL;
}
