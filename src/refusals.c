/*
 * The refused-peer log, rate-limited: the first refusal from a socket's
 * peer address is a line; the next ones within the interval are only
 * counted, and said in one line ("refused N more from ADDR, the last
 * ...") when the interval is over, and at the end. It never stops
 * logging: a flood of keys from one address costs a line an interval,
 * and a later intruder from another address still gets its line. Memory
 * is bounded: a fixed number of addresses is remembered; when all of
 * them had a line within the interval, the rest share one entry per
 * socket ("from other addresses"). Pure: it writes lines to an outbuf.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refusals.h"
#include "xmalloc.h"

/* Start an empty log of at most max addresses, a line each an interval
 * (ms). */
void
refusals_init(struct refusals *r, size_t max, int64_t interval)
{
	memset(r, 0, sizeof(*r));
	r->max = max > 0 ? max : 1;
	r->interval = interval;
	r->addrs = xmalloc(r->max * sizeof(*r->addrs));
	memset(r->addrs, 0, r->max * sizeof(*r->addrs));
}

/* Append a string to the log. */
static void
refusals_put(struct outbuf *ob, const char *s)
{
	outbuf_put(ob, s, strlen(s));
}

/* A peer's address as the log names it. */
static const char *
refusals_addr(const char *addr)
{
	return addr[0] != '\0' ? addr : "an unknown address";
}

/* The line of a refusal said on its own: who, from where, why. */
static void
refusals_line(struct outbuf *ob, const struct refusal *f)
{
	refusals_put(ob, "zmqcat: ");
	refusals_put(ob, f->sock);
	refusals_put(ob, ": refused ");
	refusals_put(ob, f->who);
	refusals_put(ob, " from ");
	refusals_put(ob, refusals_addr(f->addr));
	refusals_put(ob, " (");
	refusals_put(ob, f->why);
	refusals_put(ob, ")\n");
}

/* Say how many e counted since its last line, and the last of them;
 * nothing when it counted none. */
static void
refusals_say(struct refusals *r, struct outbuf *ob, struct refusals_entry *e,
    int64_t now)
{
	char n[32];

	if (e->more == 0)
		return;
	snprintf(n, sizeof(n), "%llu", (unsigned long long)e->more);
	refusals_put(ob, "zmqcat: ");
	refusals_put(ob, e->sock);
	refusals_put(ob, ": refused ");
	refusals_put(ob, n);
	refusals_put(ob, " more from ");
	refusals_put(ob, e->addr != NULL ? refusals_addr(e->addr) :
	    "other addresses");
	refusals_put(ob, ", the last ");
	refusals_put(ob, e->last);
	refusals_put(ob, "\n");
	e->more = 0;
	e->since = now;
	r->npending--;
}

/* Remember f as the last refusal e counted: who, why, and from where
 * when e stands for more than one address. */
static void
refusals_keep_last(struct refusals_entry *e, const struct refusal *f)
{
	const char *addr = e->addr == NULL ? refusals_addr(f->addr) : NULL;
	size_t len;

	free(e->last);
	len = strlen(f->who) + strlen(f->why) + 4 +
	    (addr != NULL ? strlen(addr) + 6 : 0);
	e->last = xmalloc(len);
	if (addr != NULL)
		snprintf(e->last, len, "%s from %s (%s)", f->who, addr, f->why);
	else
		snprintf(e->last, len, "%s (%s)", f->who, f->why);
}

/* Forget what e stands for (its count said first) and make it f's. */
static void
refusals_take(struct refusals *r, struct outbuf *ob, struct refusals_entry *e,
    const struct refusal *f, int64_t now)
{
	refusals_say(r, ob, e, now);
	free(e->sock);
	free(e->addr);
	free(e->last);
	e->sock = xstrdup(f->sock);
	e->addr = xstrdup(f->addr);
	e->last = NULL;
	e->more = 0;
	e->since = now - r->interval;	/* its first refusal is a line */
}

/* The entry of the addresses of socket sock without a place. */
static struct refusals_entry *
refusals_others(struct refusals *r, const char *sock, int64_t now)
{
	struct refusals_entry *e;
	size_t i;

	for (i = 0; i < r->nothers; i++)
		if (strcmp(r->others[i].sock, sock) == 0)
			return &r->others[i];
	r->others = xrealloc(r->others, (r->nothers + 1) * sizeof(*r->others));
	e = &r->others[r->nothers++];
	memset(e, 0, sizeof(*e));
	e->sock = xstrdup(sock);
	e->since = now - r->interval;
	return e;
}

/*
 * The entry that counts f: its address's; else a free place, or the
 * place of an address whose line is an interval old (its count, if any,
 * said first: forgetting it then changes nothing a user sees); else, all
 * being busy, the socket's entry for the other addresses.
 */
static struct refusals_entry *
refusals_find(struct refusals *r, struct outbuf *ob, const struct refusal *f,
    int64_t now)
{
	struct refusals_entry *e, *spare = NULL;
	size_t i;

	for (i = 0; i < r->max; i++) {
		e = &r->addrs[i];
		if (e->sock == NULL || now - e->since >= r->interval) {
			if (spare == NULL || spare->sock != NULL)
				spare = e;
			if (e->sock == NULL)
				continue;
		}
		if (strcmp(e->sock, f->sock) == 0 &&
		    strcmp(e->addr, f->addr) == 0)
			return e;
	}
	if (spare == NULL)
		return refusals_others(r, f->sock, now);
	refusals_take(r, ob, spare, f, now);
	return spare;
}

/* Log one refusal at now (monotonic ms): a line if its address had none
 * for an interval, else counted, to be said (refusals_tick). */
void
refusals_note(struct refusals *r, struct outbuf *ob, const struct refusal *f,
    int64_t now)
{
	struct refusals_entry *e = refusals_find(r, ob, f, now);

	if (e->more == 0 && now - e->since >= r->interval) {
		refusals_line(ob, f);
		e->since = now;
		return;
	}
	if (e->more++ == 0)
		r->npending++;
	refusals_keep_last(e, f);
}

/* Say the counts whose interval is over at now, or with all every count
 * (at the end). */
void
refusals_tick(struct refusals *r, struct outbuf *ob, int64_t now, int all)
{
	size_t i;

	if (r->npending == 0)
		return;		/* each turn comes here: cheaply */
	for (i = 0; i < r->max; i++)
		if (all || now - r->addrs[i].since >= r->interval)
			refusals_say(r, ob, &r->addrs[i], now);
	for (i = 0; i < r->nothers; i++)
		if (all || now - r->others[i].since >= r->interval)
			refusals_say(r, ob, &r->others[i], now);
}

/* When the next count is due (monotonic ms), or -1 when none waits. */
int64_t
refusals_due(const struct refusals *r)
{
	const struct refusals_entry *e;
	int64_t due = -1;
	size_t i;

	if (r->npending == 0)
		return -1;
	for (i = 0; i < r->max + r->nothers; i++) {
		e = i < r->max ? &r->addrs[i] : &r->others[i - r->max];
		if (e->more > 0 && (due == -1 || e->since + r->interval < due))
			due = e->since + r->interval;
	}
	return due;
}

/* Forget every refusal; counts not said are lost, so say them first
 * (refusals_tick with all). Accepts NULL. */
void
refusals_free(struct refusals *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->max + r->nothers; i++) {
		struct refusals_entry *e = i < r->max ? &r->addrs[i] :
		    &r->others[i - r->max];

		free(e->sock);
		free(e->addr);
		free(e->last);
	}
	free(r->addrs);
	free(r->others);
	memset(r, 0, sizeof(*r));
}
