/*
 * A libzmq without CURVE, for tests/nocurve.sh: preloaded, this answers
 * zmq_has("curve") with no and asks the real libzmq about the rest.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

int zmq_has(const char *capability);

/* What this libzmq can do, minus CURVE. */
int
zmq_has(const char *capability)
{
	int (*real)(const char *);

	if (strcmp(capability, "curve") == 0)
		return 0;
	real = (int (*)(const char *))dlsym(RTLD_NEXT, "zmq_has");
	return real != NULL ? real(capability) : 0;
}
