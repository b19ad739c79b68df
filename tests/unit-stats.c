/* The --stats JSON report at the limits: every count whole, one line. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/node.h"
#include "../src/route.h"
#include "../src/sock.h"
#include "../src/spec.h"
#include "../src/stats.h"
#include "../src/status.h"
#include "tap.h"

#define NAME64	"a123456789b123456789c123456789d123456789e123456789f123456789" \
		"g123"
#define MAX	"18446744073709551615"

/* The one line stats_print writes to stderr, caught in a file. */
static char *
stats_line(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    const struct stats_since *since)
{
	char path[] = "/tmp/zmqcat-unit-stats.XXXXXX";
	static char buf[8192];
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	ssize_t n;

	if (fd == -1 || saved == -1)
		return NULL;
	unlink(path);
	dup2(fd, STDERR_FILENO);
	stats_print(nodes, nnodes, routes, nroutes, elapsed_ms, since, 1);
	dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* Run the cases; the exit status tells the harness about failures. */
int
main(void)
{
	static const char want[] = "{\"stats\":{\"elapsed_ms\":"
	    "9223372036854775807,\"sockets\":[{\"name\":\"" NAME64 "\","
	    "\"type\":\"ROUTER\",\"peers\":2147483647,\"in\":" MAX
	    ",\"bytes_in\":" MAX ",\"out\":" MAX ",\"bytes_out\":" MAX
	    ",\"held\":" MAX ",\"dropped\":" MAX ",\"refused\":" MAX
	    ",\"msgs_per_s\":0,\"bytes_per_s\":0,\"peer_list\":[]},"
	    "{\"name\":\"pull\",\"type\":\"PULL\",\"peers\":0,\"in\":0,"
	    "\"bytes_in\":0,\"out\":0,\"bytes_out\":0,\"held\":0,"
	    "\"dropped\":0,\"refused\":0,\"msgs_per_s\":0,\"bytes_per_s\":0,"
	    "\"peer_list\":[]}],"
	    "\"routes\":[{\"from\":\"" NAME64
	    "\",\"to\":\"pull\",\"msgs\":" MAX ",\"bytes\":" MAX ",\"held\":"
	    MAX ",\"dropped\":" MAX "}]}}\n";
	char err[ZC_ERRLEN];
	struct zsock socks[2];
	struct node nodes[2], *np[2] = { &nodes[0], &nodes[1] };
	struct route *r;
	const char *got;
	uint64_t msgs[2] = { 0, 0 }, bytes[2] = { 0, 0 };
	struct stats_since since = { msgs, bytes, 0 };

	memset(socks, 0, sizeof(socks));
	memset(nodes, 0, sizeof(nodes));
	socks[0].spec = spec_parse(NAME64 "=ROUTER:bind:tcp://*:1", err,
	    sizeof(err));
	socks[1].spec = spec_parse("pull=PULL:bind:tcp://*:2", err,
	    sizeof(err));
	if (socks[0].spec == NULL || socks[1].spec == NULL) {
		tap_ok(0, "spec_parse: %s", err);
		return tap_done();
	}
	socks[0].peers = INT_MAX;
	socks[0].nrecv = socks[0].bytes_in = socks[0].nsent = UINT64_MAX;
	socks[0].bytes_out = nodes[0].nheld = nodes[0].ndropped = UINT64_MAX;
	socks[0].nrefused = UINT64_MAX;
	r = route_new(NAME64, "pull");
	r->nmsgs = r->nbytes = r->nheld = r->ndropped = UINT64_MAX;
	nodes[0].zs = &socks[0];
	nodes[1].zs = &socks[1];
	nodes[0].name = socks[0].spec->name;
	nodes[1].name = socks[1].spec->name;
	nodes[1].index = 1;
	got = stats_line(np, 2, &r, 1, INT64_MAX, &since);
	tap_ok(got != NULL && strcmp(got, want) == 0, "stats -J: the largest "
	    "counts and a 64-character name, whole, on one line");
	if (got != NULL && strcmp(got, want) != 0)
		tap_diag("got  %s# want %s", got, want);
	got = stats_line(np, 2, NULL, 0, 0, &since);
	tap_ok(got != NULL && strstr(got, "],\"routes\":[]}}\n") != NULL &&
	    strncmp(got, "{\"stats\":{\"elapsed_ms\":0,", 25) == 0,
	    "stats -J: no routes is an empty list");
	/* 30 in and 10 out, 4000 bytes, in the 2 s since 10 and 1000 */
	socks[1].nrecv = 30;
	socks[1].nsent = 10;
	socks[1].bytes_in = 3000;
	socks[1].bytes_out = 1000;
	msgs[1] = 10;
	bytes[1] = 1000;
	since.ms = 2000;
	got = stats_line(&np[1], 1, NULL, 0, 5000, &since);
	tap_ok(got != NULL && strstr(got, ",\"msgs_per_s\":15,"
	    "\"bytes_per_s\":1500,\"peer_list\":[]}") != NULL, "stats -J: the rates since the "
	    "last report: (40 - 10) messages and (4000 - 1000) bytes in 2 s");
	route_destroy(&r);
	spec_destroy(&socks[0].spec);
	spec_destroy(&socks[1].spec);
	return tap_done();
}
