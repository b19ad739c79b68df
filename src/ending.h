/* The end of a run: when it is over, what is still owed, what was lost,
 * and the exit status. */
#ifndef ZMQCAT_ENDING_H
#define ZMQCAT_ENDING_H

#include <stddef.h>
#include <stdint.h>

#include "forward.h"
#include "node.h"
#include "waitset.h"

/*
 * A run goes through these phases, in order; each ends when its work is
 * done or its time is up (the linger, never past -W), or at a signal.
 */
enum ending_phase {
	ENDING_RUN,	/* sources are read */
	ENDING_DRAIN,	/* over: messages held for a full sink may go */
	ENDING_AWAIT,	/* what sockets queued for a peer that never came
			 * may still find one */
	ENDING_DONE
};

/* The settings that decide when a run ends. */
struct ending_conf {
	long long	 count;		/* -c; 0: no limit */
	int64_t		 timeout_ms;	/* -W; 0: none */
	int64_t		 idle_ms;	/* -T; 0: none */
	int		 linger;
	int		 exit_on_eof;	/* -e */
	int		 timeout_reply;	/* a REQ's, ms; 0: none */
};

struct ending {
	struct ending_conf	  c;
	struct node		**nodes;
	size_t			  nnodes;
	struct forward		 *fwd;
	struct node		 *input;	/* stdin or --replay, or NULL */
	int			 *dsts;		/* room for every node */
	enum ending_phase	  phase;
	int64_t			  end_by;	/* -W: over by then; -1: none */
	int64_t			  last_move;	/* for -T */
	int64_t			  until;	/* the phase's time is up */
	const char		 *ended_by;	/* "-c", "-W", "-T", or NULL */
	int			  gave_up;	/* on the input's held message */
	int64_t			  gave_up_ms;	/* after waiting this long for a
						 * peer */
	int			  stopping;	/* RUN is over, from this turn */
	int			  halt;		/* a node stops the run */
	int			  moved;	/* a message moved this turn */
	int			  timed_out;
	int			  quiet;	/* stdout closed: say little */
	int			  failed;
	uint64_t		  ndelivered;	/* counted messages routed */
};

void ending_stop(struct ending *e, const char *by, int timed_out);
void ending_counted(struct ending *e);

/* Nonzero while sources may be read (inline: the loop asks it for every
 * message). */
static inline int
ending_reading(const struct ending *e)
{
	return e->phase == ENDING_RUN && !e->stopping && !e->halt;
}

/* Nonzero while source n may be read: while the run reads, and while it
 * drains for a node whose commands answer what came in before the end
 * (a REP's last request, with -c). Inline: asked for every message. */
static inline int
ending_reads(const struct ending *e, const struct node *n)
{
	return ending_reading(e) || (e->phase == ENDING_DRAIN && !e->halt &&
	    (n->flags & NODE_ANSWERS));
}

/* Note a message taken from a source; -c ends the run once enough of
 * the counted ones have gone somewhere (a filter may pass many by).
 * Inline: it runs for every message. */
static inline void
ending_count(struct ending *e, const struct node *n, size_t routed)
{
	e->moved = 1;
	if (!(n->flags & NODE_COUNTED))
		return;
	if (routed > 0)
		e->ndelivered++;
	if (e->c.count && e->ndelivered >= (uint64_t)e->c.count)
		ending_counted(e);
}

void ending_init(struct ending *e, const struct ending_conf *c,
    struct node **nodes, size_t nnodes, struct forward *fwd,
    struct node *input, int64_t start);
void ending_moved(struct ending *e);
void ending_abort(struct ending *e);
int ending_may_offer(struct ending *e, const struct node *n);
void ending_want(const struct ending *e, struct waitset *ws);
void ending_turn(struct ending *e, int64_t now);
int ending_done(const struct ending *e);
int ending_status(const struct ending *e);
void ending_free(struct ending *e);

#endif
