/*
 * tsource ENDPOINT < lines
 *
 * The tuned C baseline for zmqcat's send side (bench/instr.sh): a PUSH
 * that CONNECTS to ENDPOINT, reads stdin with read(2) in 64 KiB blocks,
 * finds each line with memchr and sends it, without its newline, with a
 * blocking zmq_send straight from the block (no copy but libzmq's); a
 * line cut by the end of a block is moved to the front first. Linger is
 * infinite, so it returns once everything has been handed over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

/* Send every whole line in buf[0..len); returns the bytes used. */
static size_t
send_lines(void *s, const char *buf, size_t len)
{
	const char *p = buf, *nl;

	while ((nl = memchr(p, '\n', len - (size_t)(p - buf))) != NULL) {
		if (zmq_send(s, p, (size_t)(nl - p), 0) == -1) {
			fprintf(stderr, "tsource: send: %s\n",
			    zmq_strerror(zmq_errno()));
			exit(1);
		}
		p = nl + 1;
	}
	return (size_t)(p - buf);
}

int
main(int argc, char **argv)
{
	static char buf[65536];
	size_t have = 0, used;
	void *ctx, *s;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: tsource ENDPOINT < lines\n");
		return 2;
	}
	ctx = zmq_ctx_new();
	s = zmq_socket(ctx, ZMQ_PUSH);
	if (zmq_connect(s, argv[1]) == -1) {
		fprintf(stderr, "tsource: connect %s: %s\n", argv[1],
		    zmq_strerror(zmq_errno()));
		return 1;
	}
	while ((n = read(0, buf + have, sizeof(buf) - have)) > 0) {
		have += (size_t)n;
		used = send_lines(s, buf, have);
		memmove(buf, buf + used, have - used);
		have -= used;
		if (have == sizeof(buf))	/* a line longer than a block */
			return 1;
	}
	if (have > 0 && zmq_send(s, buf, have, 0) == -1)
		return 1;
	zmq_close(s);
	zmq_ctx_term(ctx);
	return 0;
}
