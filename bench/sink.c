/*
 * sink ENDPOINT COUNT
 *
 * The minimal C baseline for zmqcat's receive side: a PULL socket that
 * BINDS ENDPOINT (tcp://127.0.0.1:* picks a free port; the address bound
 * is printed on stderr as "sink: pull bound ADDR", like zmqcat -v), then
 * for each of COUNT messages does zmq_msg_recv + fwrite(data) +
 * fputc('\n') to stdout (stdio's default buffering), and exits.
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
	long long count, i;
	int zero = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: sink ENDPOINT COUNT\n");
		return 2;
	}
	count = atoll(argv[2]);
	ctx = zmq_ctx_new();
	s = zmq_socket(ctx, ZMQ_PULL);
	zmq_setsockopt(s, ZMQ_LINGER, &zero, sizeof(zero));
	if (zmq_bind(s, argv[1]) == -1) {
		fprintf(stderr, "sink: bind %s: %s\n", argv[1],
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, last, &len);
	fprintf(stderr, "sink: pull bound %s\n", last);

	zmq_msg_init(&m);
	for (i = 0; i < count; i++) {
		if (zmq_msg_recv(&m, s, 0) == -1) {
			fprintf(stderr, "sink: recv: %s\n",
			    zmq_strerror(zmq_errno()));
			return 1;
		}
		fwrite(zmq_msg_data(&m), 1, zmq_msg_size(&m), stdout);
		fputc('\n', stdout);
	}
	zmq_msg_close(&m);
	if (fflush(stdout) == EOF)
		return 1;
	zmq_close(s);
	zmq_ctx_term(ctx);
	return 0;
}
