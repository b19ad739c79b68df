/*
 * drain ENDPOINT COUNT
 *
 * The peer for the send-side tests: a PULL socket that BINDS ENDPOINT
 * (the address bound is printed on stderr as "drain: pull bound ADDR"),
 * receives COUNT messages, discards them, and exits. With the optional
 * BYTES it also checks the payload: it exits 1 if the COUNT messages did
 * not hold BYTES bytes in all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zmq.h>

int
main(int argc, char **argv)
{
	void *ctx, *s;
	zmq_msg_t m;
	char last[256];
	size_t len = sizeof(last);
	long long count, i, bytes = 0, want = -1;
	int zero = 0;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: drain ENDPOINT COUNT [BYTES]\n");
		return 2;
	}
	count = atoll(argv[2]);
	if (argc == 4)
		want = atoll(argv[3]);
	ctx = zmq_ctx_new();
	s = zmq_socket(ctx, ZMQ_PULL);
	zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
	if (zmq_bind(s, argv[1]) == -1) {
		fprintf(stderr, "drain: bind %s: %s\n", argv[1],
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len);
	fprintf(stderr, "drain: pull bound %s\n", last);

	zmq_msg_init(&m);
	for (i = 0; i < count; i++) {
		if (zmq_msg_recv(&m, s, 0) == -1) {
			fprintf(stderr, "drain: recv: %s\n",
			    zmq_strerror(zmq_errno()));
			return 1;
		}
		bytes += (long long)zmq_msg_size(&m);
	}
	zmq_msg_close(&m);
	zmq_close(s);
	zmq_ctx_term(ctx);
	if (want >= 0 && bytes != want) {
		fprintf(stderr, "drain: got %lld bytes in %lld messages, "
		    "expected %lld\n", bytes, count, want);
		return 1;
	}
	return 0;
}
