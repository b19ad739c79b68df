/* --demo-server: the classic poller example's PUSH/PUB counter emitter. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "demo.h"
#include "log.h"
#include "signals.h"
#include "sock.h"
#include "stats.h"
#include "status.h"
#include "util.h"
#include "zap.h"
#include "zjson.h"

/* The example's sockets, in the order it sends to them. */
static const char *const demo_default_specs[] = {
	"PUSH:bind:tcp://*:5557",
	"PUB:bind:tcp://*:5556",
};

struct demo {
	const struct options	*opt;
	struct sock_conf	 conf;
	struct zsock		*socks;
	size_t			 nsocks;
	struct zap		 zap;		/* --curve-allow, --plain-users */
	zmq_pollitem_t		*items;		/* signal, sock+monitor pairs,
						 * then the ZAP handler */
	long long		 value;		/* the counter being sent */
	char			*text;		/* its JSON encoding */
	size_t			 pos;		/* next socket to send it to */
	int64_t			 next_tick;
	int64_t			 start;
	int64_t			 next_stats;	/* --stats=SECS: report then */
};

/* The ZAP handler's place in the poll set, after the sockets. */
#define DEMO_ZAP_ITEM(d)	(1 + 2 * (d)->nsocks)

/* Use the example's two sockets when no -s was given. */
static void
demo_default_sockets(struct options *opt)
{
	char err[ZC_ERRLEN];
	size_t i, n = sizeof(demo_default_specs) / sizeof(demo_default_specs[0]);

	opt->specs = xmalloc(n * sizeof(*opt->specs));
	for (i = 0; i < n; i++)
		if ((opt->specs[i] = spec_parse(demo_default_specs[i], err,
		    sizeof(err))) == NULL)
			errx(ZC_RUNTIME, "%s", err);
	opt->nspecs = n;
	if (spec_assign_names(opt->specs, n, err, sizeof(err)) == -1)
		errx(ZC_RUNTIME, "%s", err);
}

/*
 * Send the counter to the sockets in order from pos, like the example's
 * blocking sends: one that cannot take it holds the rest back, but the
 * loop waits for POLLOUT instead of blocking. Returns -1 on an error.
 */
static int
demo_send(struct demo *d)
{
	struct iovec iov;
	int rc;

	iov.iov_base = d->text;
	iov.iov_len = strlen(d->text);
	for (; d->pos < d->nsocks; d->pos++) {
		rc = sock_send(&d->socks[d->pos], &iov, 1);
		if (rc == 0)
			return 0;
		if (rc == -1) {
			warnx("%s: send failed: %s",
			    d->socks[d->pos].spec->name, zmq_strerror(errno));
			return -1;
		}
		log_msg(LOG_DEBUG, "%s: sent %s", d->socks[d->pos].spec->name,
		    d->text);
	}
	return 0;
}

/* Start sending the next counter value. */
static void
demo_tick(struct demo *d)
{
	free(d->text);
	d->text = zjson_encode_int(d->value);
	d->pos = 0;
}

/* --stats: print the sockets' counts (the demo has no routes). */
static void
demo_stats(struct demo *d)
{
	stats_print(d->socks, d->nsocks, NULL, 0, clock_mono_ms() - d->start,
	    d->opt->json);
}

/* How long to wait: forever while a socket holds the counter back. */
static long
demo_timeout(const struct demo *d, int64_t deadline)
{
	int64_t now = clock_mono_ms(), due = d->pos < d->nsocks ? -1 :
	    d->next_tick;

	if (deadline >= 0 && (due < 0 || deadline < due))
		due = deadline;
	if (d->opt->stats_ms && (due < 0 || d->next_stats < due))
		due = d->next_stats;
	if (due < 0)
		return -1;
	return due > now ? (long)(due - now) : 0;
}

/* Poll for POLLOUT on the socket holding the counter, and for signals. */
static int
demo_wait(struct demo *d, int64_t deadline)
{
	size_t i;

	for (i = 0; i < d->nsocks; i++)
		d->items[1 + 2 * i].events = i == d->pos ? ZMQ_POLLOUT : 0;
	if (zmq_poll(d->items, (int)(2 + 2 * d->nsocks),
	    demo_timeout(d, deadline)) == -1 && errno != EINTR) {
		warnx("zmq_poll: %s", zmq_strerror(errno));
		return -1;
	}
	if (d->items[0].revents & ZMQ_POLLIN)
		signals_drain();
	for (i = 0; i < d->nsocks; i++)
		if (d->items[2 + 2 * i].revents & ZMQ_POLLIN)
			sock_monitor_read(&d->socks[i]);
	if (d->items[DEMO_ZAP_ITEM(d)].revents & ZMQ_POLLIN)
		zap_serve(&d->zap, d->socks, d->nsocks);
	if (d->opt->stats_ms && clock_mono_ms() >= d->next_stats) {
		demo_stats(d);
		d->next_stats = clock_mono_ms() + d->opt->stats_ms;
	}
	return 0;
}

/* Set up the poll set: the signal pipe, then each socket and monitor. */
static void
demo_setup_items(struct demo *d)
{
	size_t i, n = 2 + 2 * d->nsocks;

	d->items = xmalloc(n * sizeof(*d->items));
	memset(d->items, 0, n * sizeof(*d->items));
	d->items[0].fd = signals_fd();
	d->items[0].events = ZMQ_POLLIN;
	for (i = 0; i < d->nsocks; i++) {
		d->items[1 + 2 * i].socket = d->socks[i].handle;
		d->items[2 + 2 * i].socket = d->socks[i].monitor;
		d->items[2 + 2 * i].events = ZMQ_POLLIN;
	}
	d->items[DEMO_ZAP_ITEM(d)].socket = d->zap.handle;
	d->items[DEMO_ZAP_ITEM(d)].fd = -1;
	d->items[DEMO_ZAP_ITEM(d)].events = ZMQ_POLLIN;
}

/* Refuse a socket the demo cannot send on. */
static void
demo_check_specs(const struct options *opt)
{
	size_t i;

	for (i = 0; i < opt->nspecs; i++)
		if (!opt->specs[i]->type->can_send)
			errx(ZC_USAGE, "--demo-server cannot send on '%s'",
			    opt->specs[i]->text);
}

/* Send one value when due; 1 once -c values have gone, -1 on an error. */
static int
demo_step(struct demo *d, int64_t now)
{
	if (d->pos == d->nsocks && now >= d->next_tick)
		demo_tick(d);
	if (d->pos == d->nsocks)
		return 0;
	if (demo_send(d) == -1)
		return -1;
	if (d->pos < d->nsocks)
		return 0;
	d->next_tick = clock_mono_ms() + d->opt->interval;
	d->value++;
	return d->opt->count && d->value >= d->opt->count;
}

/* Emit until -c, -W or a signal ends it; returns the run's status. */
static int
demo_loop(struct demo *d, int64_t deadline)
{
	int64_t now;
	int rc;

	while (!signals_caught) {
		now = clock_mono_ms();
		if (deadline >= 0 && now >= deadline)
			return d->opt->count ? ZC_TIMEOUT : ZC_OK;
		if ((rc = demo_step(d, now)) != 0)
			return rc == 1 ? ZC_OK : ZC_RUNTIME;
		if (demo_wait(d, deadline) == -1)
			return ZC_RUNTIME;
	}
	return ZC_OK;
}

/* Emit 0, 1, 2... every interval until -c, -W or a signal ends it. */
int
demo_run(struct options *opt)
{
	struct demo d;
	void *ctx;
	int64_t deadline = -1, now;
	int status;

	if (opt->nspecs == 0)
		demo_default_sockets(opt);
	demo_check_specs(opt);
	if ((ctx = sock_ctx_new(opt->nspecs, opt->io_threads)) == NULL)
		err(ZC_RUNTIME, "zmq_ctx_new");
	memset(&d, 0, sizeof(d));
	d.opt = opt;
	d.start = clock_mono_ms();	/* -W counts from before the sockets */
	d.nsocks = opt->nspecs;
	sock_conf_init(&d.conf, opt);
	if ((zap_needed(opt->specs, opt->nspecs) && zap_open(ctx,
	    &d.zap) == -1) || (d.socks = sock_open_all(ctx, opt->specs,
	    opt->nspecs, &d.conf)) == NULL) {
		zap_close(&d.zap);
		zmq_ctx_term(ctx);
		return ZC_RUNTIME;
	}
	demo_setup_items(&d);
	d.pos = d.nsocks;
	d.next_tick = clock_mono_ms() + opt->interval;
	d.next_stats = d.start + opt->stats_ms;
	if (opt->timeout_ms)
		deadline = d.start + opt->timeout_ms;
	status = demo_loop(&d, deadline);
	if (opt->stats)
		demo_stats(&d);
	now = clock_mono_ms();
	sock_cap_linger(d.socks, d.nsocks, deadline < 0 ? -1 :
	    deadline > now ? deadline - now : 0);
	free(d.text);
	free(d.items);
	sock_close_all(&d.socks, d.nsocks);
	zap_close(&d.zap);
	zmq_ctx_term(ctx);
	return status;
}
