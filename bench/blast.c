/*
 * blast ENDPOINT COUNT SIZE
 *
 * The load generator: a PUSH socket that CONNECTS to ENDPOINT (the
 * receiver under test binds) and sends COUNT messages of SIZE bytes each,
 * as fast as blocking zmq_send allows. The payload is printable ('a',
 * 'b', ... repeating) and holds no newline. Linger is infinite, so blast
 * returns only once libzmq has handed every message to the peer; run it
 * under timeout(1) if the peer might die.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

int
main(int argc, char **argv)
{
	void *ctx, *s;
	char *buf;
	long long count, i;
	long size, j;

	if (argc != 4) {
		fprintf(stderr, "usage: blast ENDPOINT COUNT SIZE\n");
		return 2;
	}
	count = atoll(argv[2]);
	size = atol(argv[3]);
	if (count < 0 || size < 0) {
		fprintf(stderr, "blast: bad COUNT or SIZE\n");
		return 2;
	}
	if ((buf = malloc(size ? (size_t)size : 1)) == NULL)
		return 1;
	for (j = 0; j < size; j++)
		buf[j] = (char)('a' + j % 26);

	ctx = zmq_ctx_new();
	s = zmq_socket(ctx, ZMQ_PUSH);
	if (zmq_connect(s, argv[1]) == -1) {
		fprintf(stderr, "blast: connect %s: %s\n", argv[1],
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	for (i = 0; i < count; i++)
		if (zmq_send(s, buf, (size_t)size, 0) == -1) {
			fprintf(stderr, "blast: send: %s\n",
			    zmq_strerror(zmq_errno()));
			return 1;
		}
	zmq_close(s);
	zmq_ctx_term(ctx);
	free(buf);
	return 0;
}
