/*
 * source ENDPOINT
 *
 * The minimal C baseline for zmqcat's send side: a PUSH socket that
 * CONNECTS to ENDPOINT, reads stdin with getline(3) and sends each line,
 * without its newline, with a blocking zmq_send. Linger is infinite, so it
 * returns once everything has been handed to the peer.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <zmq.h>

int
main(int argc, char **argv)
{
	void *ctx, *s;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: source ENDPOINT < lines\n");
		return 2;
	}
	ctx = zmq_ctx_new();
	s = zmq_socket(ctx, ZMQ_PUSH);
	if (zmq_connect(s, argv[1]) == -1) {
		fprintf(stderr, "source: connect %s: %s\n", argv[1],
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			n--;
		if (zmq_send(s, line, (size_t)n, 0) == -1) {
			fprintf(stderr, "source: send: %s\n",
			    zmq_strerror(zmq_errno()));
			return 1;
		}
	}
	free(line);
	zmq_close(s);
	zmq_ctx_term(ctx);
	return 0;
}
