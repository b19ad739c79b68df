/* --stats: counts per socket and per route, as a table on stderr. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "envelope.h"
#include "keys.h"
#include "output.h"

#include "stats.h"

/* The widest of the names in a column, so the table lines up. */
static int
stats_width(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes)
{
	size_t i, w = 6;

	for (i = 0; i < nnodes; i++)
		if (nodes[i]->zs != NULL && strlen(nodes[i]->name) > w)
			w = strlen(nodes[i]->name);
	for (i = 0; i < nroutes; i++)
		if (strlen(routes[i]->from) + strlen(routes[i]->to) + 1 > w)
			w = strlen(routes[i]->from) + strlen(routes[i]->to) + 1;
	return (int)w;
}

/* Append a formatted piece of the JSON report. */
static void __attribute__((format(printf, 2, 3)))
stats_put(struct outbuf *ob, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	outbuf_put(ob, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* One report as one JSON object on one line, for -J. */
static void
stats_print_json(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms)
{
	struct outbuf ob;
	size_t i;
	int first = 1;

	outbuf_init(&ob, STDERR_FILENO, 4096);
	stats_put(&ob, "{\"stats\":{\"elapsed_ms\":%" PRId64 ",\"sockets\":[",
	    elapsed_ms);
	for (i = 0; i < nnodes; i++) {
		const struct zsock *zs = nodes[i]->zs;

		if (zs == NULL)
			continue;
		stats_put(&ob, "%s{\"name\":", first ? "" : ",");
		first = 0;
		envelope_put_string(&ob, zs->spec->name, strlen(zs->spec->name));
		stats_put(&ob, ",\"type\":\"%s\",\"peers\":%d,\"in\":%" PRIu64
		    ",\"bytes_in\":%" PRIu64 ",\"out\":%" PRIu64 ",\"bytes_out\":%"
		    PRIu64 ",\"held\":%" PRIu64 ",\"dropped\":%" PRIu64
		    ",\"refused\":%" PRIu64 "}", zs->spec->type->name, zs->peers,
		    zs->nrecv, zs->bytes_in, zs->nsent, zs->bytes_out,
		    nodes[i]->nheld, nodes[i]->ndropped, zs->nrefused);
	}
	outbuf_put(&ob, "],\"routes\":[", 12);
	for (i = 0; i < nroutes; i++) {
		const struct route *r = routes[i];

		stats_put(&ob, "%s{\"from\":", i ? "," : "");
		envelope_put_string(&ob, r->from, strlen(r->from));
		outbuf_put(&ob, ",\"to\":", 6);
		envelope_put_string(&ob, r->to, strlen(r->to));
		stats_put(&ob, ",\"msgs\":%" PRIu64 ",\"bytes\":%" PRIu64
		    ",\"held\":%" PRIu64 ",\"dropped\":%" PRIu64 "}", r->nmsgs,
		    r->nbytes, r->nheld, r->ndropped);
	}
	outbuf_put(&ob, "]}}\n", 4);
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

/* Print one report: a line per socket, then a line per route; with -J,
 * one JSON object instead. */
void
stats_print(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    int json)
{
	int w = stats_width(nodes, nnodes, routes, nroutes);
	int lists = stats_any_list(nodes, nnodes);
	char name[256];
	size_t i;

	if (json) {
		stats_print_json(nodes, nnodes, routes, nroutes, elapsed_ms);
		return;
	}
	fprintf(stderr, "zmqcat: stats after %" PRId64 ".%03d s\n",
	    elapsed_ms / 1000, (int)(elapsed_ms % 1000));
	fprintf(stderr, "%-*s %-6s %5s %7s %9s %7s %9s %6s %7s%s\n", w,
	    "socket", "type", "peers", "in", "bytes-in", "out", "bytes-out",
	    "held", "dropped", lists ? " refused" : "");
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
		fputc('\n', stderr);
	}
	if (nroutes == 0)
		return;		/* the demo server has none */
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
