/*
 * proxy IN OUT
 *
 * A forwarder for bench/forward.sh built on libzmq's own zmq_proxy(): a
 * PULL socket on IN (the frontend) and a PUSH socket on OUT (the
 * backend), no capture socket. Each endpoint is "@ADDR" to bind or
 * ">ADDR" to connect, as in zmqcat's specs. A bound address is printed on
 * stderr as "proxy: pull bound ADDR" / "proxy: push bound ADDR" (the
 * address really bound, so tcp://127.0.0.1:* gives the port), a connect
 * as "proxy: push connecting to ADDR".
 *
 * It runs until SIGTERM or SIGINT, on which it exits 0 at once (_exit
 * from the handler: a flag could be missed by a zmq_proxy() that is
 * between two blocking calls when the signal lands).
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
			fprintf(stderr, "proxy: %s: bind %s: %s\n", name,
			    arg + 1, zmq_strerror(zmq_errno()));
			return -1;
		}
		if (zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len) == -1)
			snprintf(last, sizeof(last), "%s", arg + 1);
		fprintf(stderr, "proxy: %s bound %s\n", name, last);
		return 0;
	}
	if (arg[0] == '>') {
		if (zmq_connect(s, arg + 1) == -1) {
			fprintf(stderr, "proxy: %s: connect %s: %s\n", name,
			    arg + 1, zmq_strerror(zmq_errno()));
			return -1;
		}
		fprintf(stderr, "proxy: %s connecting to %s\n", name, arg + 1);
		return 0;
	}
	fprintf(stderr, "proxy: %s: endpoint must start with @ (bind) or > "
	    "(connect): %s\n", name, arg);
	return -1;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	void *ctx, *in, *out;
	int zero = 0, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: proxy @|>IN @|>OUT\n");
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
	rc = zmq_proxy(in, out, NULL);
	if (rc == -1 && zmq_errno() != EINTR && zmq_errno() != ETERM) {
		fprintf(stderr, "proxy: zmq_proxy: %s\n",
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	zmq_close(in);
	zmq_close(out);
	zmq_ctx_term(ctx);
	return 0;
}
