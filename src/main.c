/* zmqcat: socat and netcat for ZeroMQ. */
#include "config.h"

#include <err.h>

#include "loop.h"
#include "options.h"
#include "probe.h"
#include "signals.h"
#include "status.h"
#include "topo.h"
#include "xmalloc.h"

/* Parse the command line, run the loop or the demo server, clean up. */
int
main(int argc, char **argv)
{
	struct options opt;
	int status;

	/* first, so a signal at start-up is handled like any other */
	if (signals_install() == -1)
		err(ZC_RUNTIME, "signals");
	options_parse(&opt, argc, argv);
	if (opt.nprobes > 0) {
		status = probe_run(opt.probes, opt.probe_keys, opt.nprobes,
		    opt.timeout_ms > 0 ? opt.timeout_ms : PROBE_TIMEOUT_MS,
		    opt.json);
		options_free(&opt);
		return status;
	}
	if (opt.dump_config) {
		status = topo_dump(&opt, stdout) == 0 ? ZC_OK : ZC_RUNTIME;
		options_free(&opt);
		xfflush_stdout();
		return status;
	}
	status = loop_run(&opt);
	options_free(&opt);
	return status;
}
