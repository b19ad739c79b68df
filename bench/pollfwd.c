/*
 * pollfwd IN OUT
 *
 * The minimal hand-written forwarder for bench/forward.sh: a PULL socket
 * on IN, a PUSH socket on OUT, and a zmq_poll loop that waits for POLLIN
 * on the PULL, then moves one whole message frame by frame with
 * zmq_msg_recv + a blocking zmq_msg_send, carrying ZMQ_RCVMORE over as
 * ZMQ_SNDMORE. One message per poll, no batching, no copy of the data
 * (zmq_msg_send takes the received message over).
 *
 * Endpoints and messages as for proxy.c: "@ADDR" binds, ">ADDR" connects,
 * "pollfwd: pull bound ADDR" on stderr; runs until SIGTERM or SIGINT, on
 * which it exits 0 at once (_exit from the handler).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

static void
on_signal(int sig)
{
	(void)sig;
	_exit(0);
}

/* Bind ("@ADDR") or connect (">ADDR") s, and say so; -1 on failure. */
static int
attach(void *s, const char *name, const char *arg)
{
	char last[256];
	size_t len = sizeof(last);

	if (arg[0] == '@') {
		if (zmq_bind(s, arg + 1) == -1) {
			fprintf(stderr, "pollfwd: %s: bind %s: %s\n", name,
			    arg + 1, zmq_strerror(zmq_errno()));
			return -1;
		}
		if (zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len) == -1)
			snprintf(last, sizeof(last), "%s", arg + 1);
		fprintf(stderr, "pollfwd: %s bound %s\n", name, last);
		return 0;
	}
	if (arg[0] == '>') {
		if (zmq_connect(s, arg + 1) == -1) {
			fprintf(stderr, "pollfwd: %s: connect %s: %s\n", name,
			    arg + 1, zmq_strerror(zmq_errno()));
			return -1;
		}
		fprintf(stderr, "pollfwd: %s connecting to %s\n", name,
		    arg + 1);
		return 0;
	}
	fprintf(stderr, "pollfwd: %s: endpoint must start with @ (bind) or "
	    "> (connect): %s\n", name, arg);
	return -1;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	zmq_pollitem_t item;
	zmq_msg_t m;
	void *ctx, *in, *out;
	int zero = 0, more;

	if (argc != 3) {
		fprintf(stderr, "usage: pollfwd @|>IN @|>OUT\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	ctx = zmq_ctx_new();
	in = zmq_socket(ctx, ZMQ_PULL);
	out = zmq_socket(ctx, ZMQ_PUSH);
	zmq_setsockopt(in, ZMQ_LINGER, &zero, sizeof(zero));
	zmq_setsockopt(out, ZMQ_LINGER, &zero, sizeof(zero));
	if (attach(in, "pull", argv[1]) == -1 ||
	    attach(out, "push", argv[2]) == -1)
		return 1;

	item.socket = in;
	item.fd = 0;
	item.events = ZMQ_POLLIN;
	zmq_msg_init(&m);
	for (;;) {
		item.revents = 0;
		if (zmq_poll(&item, 1, -1) == -1) {
			fprintf(stderr, "pollfwd: zmq_poll: %s\n",
			    zmq_strerror(zmq_errno()));
			return 1;
		}
		if (!(item.revents & ZMQ_POLLIN))
			continue;
		do {
			if (zmq_msg_recv(&m, in, ZMQ_DONTWAIT) == -1) {
				if (zmq_errno() == EAGAIN)
					break;	/* nothing after all */
				fprintf(stderr, "pollfwd: recv: %s\n",
				    zmq_strerror(zmq_errno()));
				return 1;
			}
			more = zmq_msg_more(&m);
			if (zmq_msg_send(&m, out, more ? ZMQ_SNDMORE : 0)
			    == -1) {
				fprintf(stderr, "pollfwd: send: %s\n",
				    zmq_strerror(zmq_errno()));
				return 1;
			}
		} while (more);
	}
}
