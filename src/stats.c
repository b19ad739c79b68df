/* --stats: counts per socket and per route, as a table on stderr. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "stats.h"

/* The widest of the names in a column, so the table lines up. */
static int
stats_width(const struct zsock *socks, size_t nsocks,
    struct route *const *routes, size_t nroutes)
{
	size_t i, w = 6;

	for (i = 0; i < nsocks; i++)
		if (strlen(socks[i].spec->name) > w)
			w = strlen(socks[i].spec->name);
	for (i = 0; i < nroutes; i++)
		if (strlen(routes[i]->from) + strlen(routes[i]->to) + 1 > w)
			w = strlen(routes[i]->from) + strlen(routes[i]->to) + 1;
	return (int)w;
}

/* Print one report: a line per socket, then a line per route. */
void
stats_print(const struct zsock *socks, size_t nsocks,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms)
{
	int w = stats_width(socks, nsocks, routes, nroutes);
	char name[256];
	size_t i;

	fprintf(stderr, "zmqcat: stats after %" PRId64 ".%03d s\n",
	    elapsed_ms / 1000, (int)(elapsed_ms % 1000));
	fprintf(stderr, "%-*s %-6s %5s %8s %10s %8s %10s %6s %7s\n", w,
	    "socket", "type", "peers", "in", "bytes-in", "out", "bytes-out",
	    "held", "dropped");
	for (i = 0; i < nsocks; i++) {
		const struct zsock *zs = &socks[i];

		fprintf(stderr, "%-*s %-6s %5d %8" PRIu64 " %10" PRIu64
		    " %8" PRIu64 " %10" PRIu64 " %6" PRIu64 " %7" PRIu64 "\n",
		    w, zs->spec->name, zs->spec->type->name, zs->peers,
		    zs->nrecv, zs->bytes_in, zs->nsent, zs->bytes_out,
		    zs->nheld, zs->ndropped);
	}
	fprintf(stderr, "%-*s %-6s %5s %8s %10s %8s %10s %6s %7s\n", w,
	    "route", "", "", "", "", "msgs", "bytes", "held", "dropped");
	for (i = 0; i < nroutes; i++) {
		const struct route *r = routes[i];

		snprintf(name, sizeof(name), "%s:%s", r->from, r->to);
		fprintf(stderr, "%-*s %-6s %5s %8s %10s %8" PRIu64 " %10"
		    PRIu64 " %6" PRIu64 " %7" PRIu64 "\n", w, name, "", "", "",
		    "", r->nmsgs, r->nbytes, r->nheld, r->ndropped);
	}
}
