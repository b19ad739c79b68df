/* stdout as a sink: messages rendered through a format, buffered, and
 * flushed before the loop waits. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "log.h"
#include "node_stdout.h"
#include "outbuf.h"
#include "waitset.h"
#include "xmalloc.h"

#define NODE_STDOUT_BUF	65536

struct node_stdout {
	struct node		 node;
	struct node_stdout_conf	 c;
	struct outbuf		 out;
	int			 told;		/* a write error was said */
};

/*
 * Watch stdout for no event: poll(2) still reports POLLERR once the
 * reader of a pipe has gone, so `| head` ends the run without waiting
 * for one more message to write.
 */
static void
node_stdout_want(struct node *n, struct waitset *ws)
{
	if (((struct node_stdout *)n)->c.watch)
		waitset_fd(ws, n, 0, STDOUT_FILENO, 0);
}

/* The reader has gone: the run ends quietly. */
static void
node_stdout_ready(struct node *n, int tag, short revents)
{
	struct node_stdout *s = (struct node_stdout *)n;

	(void)tag;
	if (!(revents & ZMQ_POLLERR))
		return;
	log_msg(LOG_INFO, "stdout closed");
	s->out.closed = 1;
	*n->halt = n->quiet = 1;
}

/* A write failed or the reader went: stop, quietly for a closed pipe,
 * with the error said once otherwise. */
static void
node_stdout_check(struct node_stdout *s)
{
	struct node *n = &s->node;

	if (s->out.closed) {
		*n->halt = n->quiet = 1;
		return;
	}
	if (!s->out.error)
		return;
	if (!s->told) {
		errno = s->out.error;
		warn("stdout");
		s->told = 1;
	}
	n->failed = 1;
	*n->halt = 1;
}

/* Flush before the loop waits, so nothing sits in the buffer while the
 * program is idle. */
static void
node_stdout_idle(struct node *n)
{
	struct node_stdout *s = (struct node_stdout *)n;

	if (outbuf_flush(&s->out) == -1)
		node_stdout_check(s);
}

/* Print a message through the route's format, or -f's with -D after. */
static int
node_stdout_offer(struct node *n, struct msg *m, const struct format *fmt,
    int last)
{
	struct node_stdout *s = (struct node_stdout *)n;

	(void)last;
	format_render(fmt != NULL ? fmt : s->c.fmt, m, &s->out);
	if (fmt == NULL && s->c.add_delim)
		outbuf_put(&s->out, s->c.delim, s->c.dlen);
	if (s->out.closed || s->out.error)
		node_stdout_check(s);
	return 1;
}

/* Flush what is left and free the node. */
static void
node_stdout_destroy(struct node *n)
{
	struct node_stdout *s = (struct node_stdout *)n;

	outbuf_free(&s->out);
	free(s);
}

static const struct node_ops node_stdout_ops = {
	.want = node_stdout_want,
	.ready = node_stdout_ready,
	.idle = node_stdout_idle,
	.offer = node_stdout_offer,
	.destroy = node_stdout_destroy,
};

/* A node for stdout; conf->fmt outlives it. */
struct node *
node_stdout_new(const struct node_stdout_conf *conf)
{
	struct node_stdout *s = xmalloc(sizeof(*s));
	struct node *n = &s->node;

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	outbuf_init(&s->out, STDOUT_FILENO, NODE_STDOUT_BUF);
	node_init(n, &node_stdout_ops, "stdout", "STDOUT");
	n->flags = NODE_SINK;
	return n;
}
