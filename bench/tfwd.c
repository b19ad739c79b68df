/*
 * tfwd IN OUT [COUNT]
 *
 * The tuned C forwarder (bench/forward.sh, bench/instr.sh): a PULL on IN
 * and a PUSH on OUT ("@ADDR" binds, ">ADDR" connects; a bound address is
 * said on stderr as "tfwd: pull bound ADDR"); a zmq_poll loop that waits
 * for POLLIN on the PULL, then moves every message libzmq has, frame by
 * frame (zmq_msg_recv with ZMQ_DONTWAIT until EAGAIN, zmq_msg_send
 * taking the frame over, ZMQ_RCVMORE carried as ZMQ_SNDMORE), the way a
 * careful hand-written forwarder drains. With COUNT it exits after
 * COUNT messages (letting the PUSH deliver them); without, it runs until
 * SIGTERM or SIGINT.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zmq.h>

/* Exit at once: a flag could be missed by a blocking send. */
static void
on_signal(int sig)
{
	(void)sig;
	_exit(0);
}

/* Bind ("@ADDR") or connect (">ADDR") s, and say so; exits on failure. */
static void
attach(void *s, const char *name, const char *arg)
{
	char last[256];
	size_t len = sizeof(last);
	int rc;

	rc = arg[0] == '@' ? zmq_bind(s, arg + 1) : zmq_connect(s, arg + 1);
	if (rc == -1 || (arg[0] != '@' && arg[0] != '>')) {
		fprintf(stderr, "tfwd: %s: %s: %s\n", name, arg,
		    zmq_strerror(zmq_errno()));
		exit(1);
	}
	if (arg[0] == '@') {
		zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len);
		fprintf(stderr, "tfwd: %s bound %s\n", name, last);
	}
}

/* Move one whole message from in to out; 0 when in has none. */
static int
move(void *in, void *out, zmq_msg_t *m)
{
	int more, flags = ZMQ_DONTWAIT;

	do {
		if (zmq_msg_recv(m, in, flags) == -1) {
			if (zmq_errno() == EAGAIN && flags != 0)
				return 0;
			exit(1);
		}
		flags = 0;	/* the rest of a message is there at once */
		more = zmq_msg_more(m);
		if (zmq_msg_send(m, out, more ? ZMQ_SNDMORE : 0) == -1)
			exit(1);
	} while (more);
	return 1;
}

int
main(int argc, char **argv)
{
	long long count = -1, n = 0;
	zmq_pollitem_t item;
	void *ctx, *in, *out;
	zmq_msg_t m;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: tfwd @IN|>IN @OUT|>OUT [COUNT]\n");
		return 2;
	}
	if (argc == 4)
		count = atoll(argv[3]);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	ctx = zmq_ctx_new();
	in = zmq_socket(ctx, ZMQ_PULL);
	out = zmq_socket(ctx, ZMQ_PUSH);
	attach(in, "pull", argv[1]);
	attach(out, "push", argv[2]);
	item.socket = in;
	item.events = ZMQ_POLLIN;
	zmq_msg_init(&m);
	while (count < 0 || n < count) {
		if (zmq_poll(&item, 1, -1) == -1)
			return 1;
		while ((count < 0 || n < count) && move(in, out, &m))
			n++;
	}
	zmq_msg_close(&m);
	zmq_close(in);
	zmq_close(out);
	zmq_ctx_term(ctx);
	return 0;
}
