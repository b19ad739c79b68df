/* --stats: counts per socket and per route, as a table on stderr. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "jsonw.h"
#include "keys.h"
#include "outbuf.h"

#include "stats.h"

/* The widest of the names in a column, so the table lines up. */
static int
stats_width(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes)
{
	size_t i, w = 6;

	for (i = 0; i < nnodes; i++)
		if ((nodes[i]->zs != NULL || nodes[i]->runs != NULL) &&
		    strlen(nodes[i]->name) > w)
			w = strlen(nodes[i]->name);
	for (i = 0; i < nroutes; i++)
		if (strlen(routes[i]->from) + strlen(routes[i]->to) + 1 > w)
			w = strlen(routes[i]->from) + strlen(routes[i]->to) + 1;
	return (int)w;
}

/* A member whose value is a count. */
static void
stats_count(struct jsonw *w, const char *key, uint64_t v)
{
	jsonw_key(w, key);
	jsonw_uint(w, v);
}

/* A socket's messages (in and out) and bytes a second since the last
 * report, in *msgs and *bytes. */
static void
stats_rates(const struct node *n, const struct stats_since *since,
    double *msgs, double *bytes)
{
	const struct zsock *zs = n->zs;
	double secs = (double)since->ms / 1e3;

	*msgs = *bytes = 0;
	if (secs <= 0)
		return;
	*msgs = (double)(zs->nrecv + zs->nsent - since->msgs[n->index]) / secs;
	*bytes = (double)(zs->bytes_in + zs->bytes_out -
	    since->bytes[n->index]) / secs;
}

/* The socket's connections as a "peer_list" member: each peer's
 * address, since when (ms), its mechanism, and whether it is ready
 * (its handshake succeeded, as far as the events tell). */
static void
stats_json_peers(struct jsonw *w, const struct zsock *zs)
{
	const char *mech = sock_mechanism(zs);
	size_t i;

	jsonw_key(w, "peer_list");
	jsonw_array(w);
	for (i = 0; i < zs->nlinks; i++) {
		jsonw_object(w);
		jsonw_key(w, "address");
		jsonw_str(w, zs->links[i].addr);
		stats_count(w, "since", (uint64_t)zs->links[i].since_ms);
		jsonw_key(w, "mechanism");
		jsonw_str(w, mech);
		jsonw_key(w, "accepted");
		jsonw_bool(w, zs->links[i].accepted);
		jsonw_end(w);
	}
	jsonw_end(w);
}

/* One socket's counts, as an object of the report's "sockets" list. */
static void
stats_json_socket(struct jsonw *w, const struct node *n,
    const struct stats_since *since)
{
	const struct zsock *zs = n->zs;
	double msgs, bytes;

	jsonw_object(w);
	jsonw_key(w, "name");
	jsonw_str(w, zs->spec->name);
	jsonw_key(w, "type");
	jsonw_str(w, zs->spec->type->name);
	jsonw_key(w, "peers");
	jsonw_int(w, zs->peers);
	stats_count(w, "in", zs->nrecv);
	stats_count(w, "bytes_in", zs->bytes_in);
	stats_count(w, "out", zs->nsent);
	stats_count(w, "bytes_out", zs->bytes_out);
	stats_count(w, "held", n->nheld);
	stats_count(w, "dropped", n->ndropped);
	stats_count(w, "refused", zs->nrefused);
	stats_rates(n, since, &msgs, &bytes);
	stats_count(w, "msgs_per_s", (uint64_t)(msgs + 0.5));
	stats_count(w, "bytes_per_s", (uint64_t)(bytes + 0.5));
	stats_json_peers(w, zs);
	jsonw_end(w);
}

/* One route's counts, as an object of the report's "routes" list. */
static void
stats_json_route(struct jsonw *w, const struct route *r)
{
	jsonw_object(w);
	jsonw_key(w, "from");
	jsonw_str(w, r->from);
	jsonw_key(w, "to");
	jsonw_str(w, r->to);
	stats_count(w, "msgs", r->nmsgs);
	stats_count(w, "bytes", r->nbytes);
	stats_count(w, "held", r->nheld);
	stats_count(w, "dropped", r->ndropped);
	jsonw_end(w);
}

/* A command peer's mean run time in ms, of the commands that ended. */
static double
stats_mean_ms(const struct node_runs *r)
{
	return r->ended > 0 ? (double)r->total_ms / (double)r->ended : 0;
}

/* One command peer's counts, as an object of the report's "exec" list. */
static void
stats_json_exec(struct jsonw *w, const struct node *n)
{
	const struct node_runs *r = n->runs;

	jsonw_object(w);
	jsonw_key(w, "name");
	jsonw_str(w, n->name);
	jsonw_key(w, "type");
	jsonw_str(w, n->type);
	stats_count(w, "runs", r->runs);
	stats_count(w, "failures", r->failures);
	stats_count(w, "timeouts", r->timeouts);
	stats_count(w, "mean_ms", (uint64_t)(stats_mean_ms(r) + 0.5));
	stats_count(w, "max_ms", (uint64_t)r->max_ms);
	stats_count(w, "held", n->nheld);
	stats_count(w, "dropped", n->ndropped);
	jsonw_end(w);
}

/* Nonzero when some node is a command peer. */
static int
stats_any_exec(struct node *const *nodes, size_t nnodes)
{
	size_t i;

	for (i = 0; i < nnodes; i++)
		if (nodes[i]->runs != NULL)
			return 1;
	return 0;
}

/* The command peers' lines of the table, after the routes'. */
static void
stats_print_execs(struct node *const *nodes, size_t nnodes, int w)
{
	const struct node_runs *r;
	size_t i;

	if (!stats_any_exec(nodes, nnodes))
		return;
	fprintf(stderr, "%-*s %-9s %5s %8s %8s %8s %8s %6s %7s\n", w, "command",
	    "type", "runs", "failures", "timeouts", "mean-ms", "max-ms",
	    "held", "dropped");
	for (i = 0; i < nnodes; i++) {
		if ((r = nodes[i]->runs) == NULL)
			continue;
		fprintf(stderr, "%-*s %-9s %5" PRIu64 " %8" PRIu64 " %8" PRIu64
		    " %8.1f %8" PRId64 " %6" PRIu64 " %7" PRIu64 "\n", w,
		    nodes[i]->name, nodes[i]->type, r->runs, r->failures,
		    r->timeouts, stats_mean_ms(r), r->max_ms, nodes[i]->nheld,
		    nodes[i]->ndropped);
	}
}

/* One report as one JSON object on one line, for -J. */
static void
stats_print_json(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    const struct stats_since *since)
{
	struct outbuf ob;
	struct jsonw w;
	size_t i;

	outbuf_init(&ob, STDERR_FILENO, 4096);
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "stats");
	jsonw_object(&w);
	jsonw_key(&w, "elapsed_ms");
	jsonw_int(&w, elapsed_ms);
	jsonw_key(&w, "sockets");
	jsonw_array(&w);
	for (i = 0; i < nnodes; i++)
		if (nodes[i]->zs != NULL)
			stats_json_socket(&w, nodes[i], since);
	jsonw_end(&w);
	jsonw_key(&w, "routes");
	jsonw_array(&w);
	for (i = 0; i < nroutes; i++)
		stats_json_route(&w, routes[i]);
	jsonw_end(&w);
	if (stats_any_exec(nodes, nnodes)) {
		jsonw_key(&w, "exec");
		jsonw_array(&w);
		for (i = 0; i < nnodes; i++)
			if (nodes[i]->runs != NULL)
				stats_json_exec(&w, nodes[i]);
		jsonw_end(&w);
	}
	jsonw_end(&w);
	jsonw_end(&w);
	if (jsonw_done(&w) == 0)
		outbuf_put(&ob, "\n", 1);
	outbuf_flush(&ob);
	outbuf_free(&ob);
}

/* Nonzero when some socket's peers are checked against a list, so the
 * table needs a column for those refused. */
static int
stats_any_list(struct node *const *nodes, size_t nnodes)
{
	size_t i;

	for (i = 0; i < nnodes; i++)
		if (nodes[i]->zs != NULL &&
		    keys_has_list(&nodes[i]->zs->spec->keys))
			return 1;
	return 0;
}

/* The connected peers, a line each after the tables, when there are
 * some: "peer SOCKET ADDRESS SINCE MECHANISM" (since: the local time
 * the connection was made; in: accepted, out: ours). */
static void
stats_print_peers(struct node *const *nodes, size_t nnodes, int w)
{
	const struct zsock *zs;
	char when[32];
	size_t i, k;
	int header = 0;

	for (i = 0; i < nnodes; i++) {
		if ((zs = nodes[i]->zs) == NULL)
			continue;
		for (k = 0; k < zs->nlinks; k++) {
			if (!header++)
				fprintf(stderr, "peer %-*s %-3s %-24s %-12s %s\n",
				    w, "socket", "dir", "address", "since",
				    "mechanism");
			fprintf(stderr, "peer %-*s %-3s %-24s %-12s %s\n", w,
			    zs->spec->name, zs->links[k].accepted ? "in" :
			    "out", zs->links[k].addr, clock_time_of_day(
			    zs->links[k].since_ms, when, sizeof(when)),
			    sock_mechanism(zs));
		}
	}
}

/* The routes' table: a line per route. */
static void
stats_print_routes(struct route *const *routes, size_t nroutes, int w)
{
	char name[256];
	size_t i;

	fprintf(stderr, "%-*s %-6s %5s %7s %9s %7s %9s %6s %7s\n", w,
	    "route", "", "", "", "", "msgs", "bytes", "held", "dropped");
	for (i = 0; i < nroutes; i++) {
		const struct route *r = routes[i];

		snprintf(name, sizeof(name), "%s:%s", r->from, r->to);
		fprintf(stderr, "%-*s %-6s %5s %7s %9s %7" PRIu64 " %9"
		    PRIu64 " %6" PRIu64 " %7" PRIu64 "\n", w, name, "", "", "",
		    "", r->nmsgs, r->nbytes, r->nheld, r->ndropped);
	}
}

/* Print one report: a line per socket, then a line per route; with -J,
 * one JSON object instead. */
void
stats_print(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    const struct stats_since *since, int json)
{
	int w = stats_width(nodes, nnodes, routes, nroutes);
	int lists = stats_any_list(nodes, nnodes);
	double msgs, bytes;
	size_t i;

	if (json) {
		stats_print_json(nodes, nnodes, routes, nroutes, elapsed_ms,
		    since);
		return;
	}
	fprintf(stderr, "zmqcat: stats after %" PRId64 ".%03d s\n",
	    elapsed_ms / 1000, (int)(elapsed_ms % 1000));
	fprintf(stderr, "%-*s %-6s %5s %7s %9s %7s %9s %6s %7s%s %8s %7s\n",
	    w, "socket", "type", "peers", "in", "bytes-in", "out",
	    "bytes-out", "held", "dropped", lists ? " refused" : "", "msg/s",
	    "MB/s");
	for (i = 0; i < nnodes; i++) {
		const struct zsock *zs = nodes[i]->zs;

		if (zs == NULL)
			continue;
		fprintf(stderr, "%-*s %-6s %5d %7" PRIu64 " %9" PRIu64
		    " %7" PRIu64 " %9" PRIu64 " %6" PRIu64 " %7" PRIu64, w,
		    zs->spec->name, zs->spec->type->name, zs->peers, zs->nrecv,
		    zs->bytes_in, zs->nsent, zs->bytes_out, nodes[i]->nheld,
		    nodes[i]->ndropped);
		if (lists)
			fprintf(stderr, " %7" PRIu64, zs->nrefused);
		stats_rates(nodes[i], since, &msgs, &bytes);
		fprintf(stderr, " %8.0f %7.2f\n", msgs, bytes / 1e6);
	}
	if (nroutes > 0)	/* the demo server has none */
		stats_print_routes(routes, nroutes, w);
	stats_print_execs(nodes, nnodes, w);
	stats_print_peers(nodes, nnodes, w);
}
