/*
 * tsink ENDPOINT COUNT [IDLE]
 *
 * The tuned C baseline for zmqcat's receive side (bench/instr.sh): a
 * PULL that BINDS ENDPOINT ("tsink: pull bound ADDR" on stderr), then
 * turns a zmq_poll loop as a careful hand-written program would: wait
 * for POLLIN, take every message libzmq has with zmq_msg_recv
 * (ZMQ_DONTWAIT) until EAGAIN, write each with a newline into a 64 KiB
 * stdio buffer, and flush before the next blocking wait (so output is
 * never held while the program waits). Exits after COUNT messages.
 * With IDLE, that many more sockets (SUBs bound on tcp://127.0.0.1:*)
 * sit in the poll set, never ready: the cost of idle sockets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <zmq.h>

/* Bind a socket of TYPE on EP; exits on failure. */
static void *
bound(void *ctx, int type, const char *ep, int say)
{
	char last[256];
	size_t len = sizeof(last);
	int zero = 0;
	void *s;

	s = zmq_socket(ctx, type);
	zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
	if (zmq_bind(s, ep) == -1) {
		fprintf(stderr, "tsink: bind %s: %s\n", ep,
		    zmq_strerror(zmq_errno()));
		exit(1);
	}
	zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len);
	if (say)
		fprintf(stderr, "tsink: pull bound %s\n", last);
	return s;
}

int
main(int argc, char **argv)
{
	static char obuf[65536];
	zmq_pollitem_t *items;
	long long count, got = 0;
	void *ctx;
	zmq_msg_t m;
	int i, idle;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: tsink ENDPOINT COUNT [IDLE]\n");
		return 2;
	}
	count = atoll(argv[2]);
	idle = argc == 4 ? atoi(argv[3]) : 0;
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	ctx = zmq_ctx_new();
	zmq_ctx_set(ctx, ZMQ_MAX_SOCKETS, idle + 16);
	items = calloc((size_t)idle + 1, sizeof(*items));
	items[0].socket = bound(ctx, ZMQ_PULL, argv[1], 1);
	items[0].events = ZMQ_POLLIN;
	for (i = 1; i <= idle; i++) {
		items[i].socket = bound(ctx, ZMQ_SUB, "tcp://127.0.0.1:*", 0);
		items[i].events = ZMQ_POLLIN;
	}
	zmq_msg_init(&m);
	while (got < count) {
		if (zmq_poll(items, idle + 1, -1) == -1)
			return 1;
		while (got < count &&
		    zmq_msg_recv(&m, items[0].socket, ZMQ_DONTWAIT) != -1) {
			fwrite(zmq_msg_data(&m), 1, zmq_msg_size(&m), stdout);
			putchar('\n');
			got++;
		}
		if (got < count && zmq_errno() != EAGAIN)
			return 1;
		if (fflush(stdout) == EOF)
			return 1;
	}
	zmq_msg_close(&m);
	for (i = 0; i <= idle; i++)
		zmq_close(items[i].socket);
	free(items);
	zmq_ctx_term(ctx);
	return 0;
}
