/*
 * blast ENDPOINT COUNT SIZE [curve SERVER_PUBLIC_FILE CLIENT_KEY_FILE]
 * blast ENDPOINT COUNT SIZE [plain USER:PASSWORD]
 *
 * The load generator: a PUSH socket that CONNECTS to ENDPOINT (the
 * receiver under test binds) and sends COUNT messages of SIZE bytes each,
 * as fast as blocking zmq_send allows. The payload is printable ('a',
 * 'b', ... repeating) and holds no newline. Linger is infinite, so blast
 * returns only once libzmq has handed every message to the peer; run it
 * under timeout(1) if the peer might die (or refuses the handshake).
 *
 * Optionally the socket is a CURVE client (bench/curve.sh): the server's
 * public key from SERVER_PUBLIC_FILE, the client's secret key (its public
 * key is derived from it) from CLIENT_KEY_FILE; both in the format of
 * `zmqcat --keygen`: lines "public: KEY" / "secret: KEY", or one bare
 * 40-character Z85 key. Or a PLAIN client with USER:PASSWORD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

/*
 * Read the Z85 key labelled LABEL ("public" or "secret") from PATH into
 * KEY (41 bytes); a bare 40-character line counts for either label.
 */
static int
read_key(const char *path, const char *label, char *key)
{
	FILE *f;
	char line[256], *p;
	size_t n, ll = strlen(label);
	int found = 0;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	while (!found && fgets(line, sizeof line, f) != NULL) {
		n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
		    line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		p = line;
		if (strncmp(p, label, ll) == 0 && p[ll] == ':') {
			p += ll + 1;
			while (*p == ' ' || *p == '\t')
				p++;
		} else if (strchr(p, ':') != NULL && strlen(p) != 40)
			continue;	/* another label */
		if (strlen(p) == 40) {
			memcpy(key, p, 41);
			found = 1;
		}
	}
	fclose(f);
	if (!found)
		fprintf(stderr, "blast: %s: no %s key\n", path, label);
	return found ? 0 : -1;
}

static int
set_str(void *s, int opt, const char *what, const char *val)
{
	if (zmq_setsockopt(s, opt, val, strlen(val)) == 0)
		return 0;
	fprintf(stderr, "blast: %s: %s\n", what, zmq_strerror(zmq_errno()));
	return -1;
}

/* Make S a CURVE or PLAIN client as argv[4..] say; 0, or -1. */
static int
security(void *s, int argc, char **argv)
{
	char srv[41], sec[41], pub[41], *colon;

	if (argc == 7 && strcmp(argv[4], "curve") == 0) {
		if (read_key(argv[5], "public", srv) == -1 ||
		    read_key(argv[6], "secret", sec) == -1)
			return -1;
		if (zmq_curve_public(pub, sec) == -1) {
			fprintf(stderr, "blast: %s: bad secret key\n", argv[6]);
			return -1;
		}
		return set_str(s, ZMQ_CURVE_SERVERKEY, "CURVE server key", srv) |
		    set_str(s, ZMQ_CURVE_PUBLICKEY, "CURVE public key", pub) |
		    set_str(s, ZMQ_CURVE_SECRETKEY, "CURVE secret key", sec);
	}
	if (argc == 6 && strcmp(argv[4], "plain") == 0 &&
	    (colon = strchr(argv[5], ':')) != NULL) {
		*colon = '\0';
		if (set_str(s, ZMQ_PLAIN_USERNAME, "PLAIN user", argv[5]) == -1 ||
		    set_str(s, ZMQ_PLAIN_PASSWORD, "PLAIN password",
		    colon + 1) == -1)
			return -1;
		return 0;
	}
	fprintf(stderr, "usage: blast ENDPOINT COUNT SIZE "
	    "[curve SERVER_PUBLIC_FILE CLIENT_KEY_FILE | plain USER:PASSWORD]\n");
	return -1;
}

int
main(int argc, char **argv)
{
	void *ctx, *s;
	char *buf;
	long long count, i;
	long size, j;

	if (argc != 4 && argc != 6 && argc != 7) {
		fprintf(stderr, "usage: blast ENDPOINT COUNT SIZE "
		    "[curve SERVER_PUBLIC_FILE CLIENT_KEY_FILE | "
		    "plain USER:PASSWORD]\n");
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
	if (argc > 4 && security(s, argc, argv) == -1)
		return 2;
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
