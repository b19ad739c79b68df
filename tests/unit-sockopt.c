/* Table-driven tests of the socket option table and its value parser. */
#include "config.h"

#include <string.h>
#include <zmq.h>

#include "../src/sockopt.h"
#include "../src/status.h"
#include "tap.h"

#define KEY "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"

static const struct {
	const char	*arg;
	int		 id;
	long long	 num;
	const char	*bytes;		/* NULL for numeric kinds */
} good[] = {
	{ "sndhwm=1000", ZMQ_SNDHWM, 1000, NULL },
	{ "ZMQ_RCVHWM=0", ZMQ_RCVHWM, 0, NULL },
	{ "LINGER=0", ZMQ_LINGER, 0, NULL },
	{ "zmq_linger=250", ZMQ_LINGER, 250, NULL },
	{ "routing_id=abc", ZMQ_ROUTING_ID, 0, "abc" },
	{ "metadata=X-Service:weather", 95, 0, "X-Service:weather" },
	{ "metadata=X-a:b:c", 95, 0, "X-a:b:c" },
	{ "conflate=1", ZMQ_CONFLATE, 1, NULL },
	{ "conflate=true", ZMQ_CONFLATE, 1, NULL },
	{ "immediate=off", ZMQ_IMMEDIATE, 0, NULL },
	{ "reconnect_ivl=100", ZMQ_RECONNECT_IVL, 100, NULL },
	{ "reconnect_ivl=-1", ZMQ_RECONNECT_IVL, -1, NULL },
	{ "reconnect_ivl_max=5000", ZMQ_RECONNECT_IVL_MAX, 5000, NULL },
	{ "maxmsgsize=-1", ZMQ_MAXMSGSIZE, -1, NULL },
	{ "maxmsgsize=10000000000", ZMQ_MAXMSGSIZE, 10000000000LL, NULL },
	{ "affinity=3", ZMQ_AFFINITY, 3, NULL },
	{ "sndbuf=-1", ZMQ_SNDBUF, -1, NULL },
	{ "rcvbuf=65536", ZMQ_RCVBUF, 65536, NULL },
	{ "sndtimeo=10", ZMQ_SNDTIMEO, 10, NULL },
	{ "rcvtimeo=-1", ZMQ_RCVTIMEO, -1, NULL },
	{ "ipv6=1", ZMQ_IPV6, 1, NULL },
	{ "tcp_keepalive=1", ZMQ_TCP_KEEPALIVE, 1, NULL },
	{ "heartbeat_ivl=1000", ZMQ_HEARTBEAT_IVL, 1000, NULL },
	{ "heartbeat_timeout=3000", ZMQ_HEARTBEAT_TIMEOUT, 3000, NULL },
	{ "heartbeat_ttl=6000", ZMQ_HEARTBEAT_TTL, 6000, NULL },
	{ "req_relaxed=yes", ZMQ_REQ_RELAXED, 1, NULL },
	{ "req_correlate=1", ZMQ_REQ_CORRELATE, 1, NULL },
	{ "router_mandatory=1", ZMQ_ROUTER_MANDATORY, 1, NULL },
	{ "probe_router=1", ZMQ_PROBE_ROUTER, 1, NULL },
	{ "xpub_verbose=1", ZMQ_XPUB_VERBOSE, 1, NULL },
	{ "invert_matching=1", ZMQ_INVERT_MATCHING, 1, NULL },
	{ "subscribe=", ZMQ_SUBSCRIBE, 0, "" },
	{ "subscribe=weather", ZMQ_SUBSCRIBE, 0, "weather" },
	{ "unsubscribe=a=b", ZMQ_UNSUBSCRIBE, 0, "a=b" },
	{ "curve_server=1", ZMQ_CURVE_SERVER, 1, NULL },
	{ "curve_serverkey=" KEY, ZMQ_CURVE_SERVERKEY, 0, KEY },
	{ "curve_publickey=" KEY, ZMQ_CURVE_PUBLICKEY, 0, KEY },
	{ "curve_secretkey=" KEY, ZMQ_CURVE_SECRETKEY, 0, KEY },
	{ "plain_server=1", ZMQ_PLAIN_SERVER, 1, NULL },
	{ "plain_username=admin", ZMQ_PLAIN_USERNAME, 0, "admin" },
	{ "plain_password=secret", ZMQ_PLAIN_PASSWORD, 0, "secret" },
	{ "zap_domain=global", ZMQ_ZAP_DOMAIN, 0, "global" },
};

static const struct {
	const char	*arg;
	const char	*err;
} bad[] = {
	{ "sndhwm", "bad socket option 'sndhwm' (want OPT=VALUE)" },
	{ "sndhwn=1", "unknown socket option 'sndhwn' (see --list-sockopts)" },
	{ "=1", "unknown socket option '' (see --list-sockopts)" },
	/* an unknown name may be a misspelt secret one: its value, or an
	 * argument without '=' that is no option's name, is not shown */
	{ "curve_secretkye=" KEY, "unknown socket option 'curve_secretkye' "
	    "(see --list-sockopts)" },
	{ "plain_pasword=hunter2", "unknown socket option 'plain_pasword' "
	    "(see --list-sockopts)" },
	{ "curve_secretkey:" KEY, "bad socket option: no '=' (want "
	    "OPT=VALUE; not shown, in case it holds a secret)" },
	{ "curve_secretkey", "bad socket option 'curve_secretkey' (want "
	    "OPT=VALUE)" },
	{ "sndhwm=", "bad value '' for sndhwm in 'sndhwm=' "
	    "(want an integer from 0 to 2147483647)" },
	{ "sndhwm=-1", "bad value '-1' for sndhwm in 'sndhwm=-1' "
	    "(want an integer from 0 to 2147483647)" },
	{ "sndhwm=10k", "bad value '10k' for sndhwm in 'sndhwm=10k' "
	    "(want an integer from 0 to 2147483647)" },
	{ "sndhwm=99999999999", "bad value '99999999999' for sndhwm in "
	    "'sndhwm=99999999999' (want an integer from 0 to 2147483647)" },
	{ "linger=-1", "bad value '-1' for linger in 'linger=-1' "
	    "(want an integer from 0 to 2147483647)" },
	{ "conflate=2", "bad value '2' for conflate in 'conflate=2' "
	    "(want 0, 1, true, false, yes, no, on or off)" },
	{ "routing_id=", "bad value '' for routing_id in 'routing_id=' "
	    "(want 1 to 255 bytes)" },
	{ "metadata=Service:weather", "bad value 'Service:weather' for "
	    "metadata in 'metadata=Service:weather' (want X-NAME:VALUE, the "
	    "name up to 255 bytes)" },
	{ "metadata=x-a:b", "bad value 'x-a:b' for metadata in "
	    "'metadata=x-a:b' (want X-NAME:VALUE, the name up to 255 bytes)" },
	{ "metadata=X-:b", "bad value 'X-:b' for metadata in "
	    "'metadata=X-:b' (want X-NAME:VALUE, the name up to 255 bytes)" },
	{ "metadata=X-a:", "bad value 'X-a:' for metadata in "
	    "'metadata=X-a:' (want X-NAME:VALUE, the name up to 255 bytes)" },
	{ "metadata=X-a", "bad value 'X-a' for metadata in "
	    "'metadata=X-a' (want X-NAME:VALUE, the name up to 255 bytes)" },
	{ "curve_serverkey=short", "bad value 'short' for curve_serverkey in "
	    "'curve_serverkey=short' (want a 40-character Z85 key)" },
	{ "curve_secretkey=short", "bad value '...' for curve_secretkey in "
	    "'curve_secretkey' (want a 40-character Z85 key)" },
	{ "heartbeat_ttl=7000000", "bad value '7000000' for heartbeat_ttl in "
	    "'heartbeat_ttl=7000000' (want an integer from 0 to 6553599)" },
};

/* Good values parse to the right option and value. */
static void
test_good(void)
{
	struct sockopt_val v;
	char err[ZC_ERRLEN];
	size_t i;
	int ok;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ok = sockopt_parse(good[i].arg, &v, err, sizeof(err)) == 0 &&
		    v.def->id == good[i].id && (good[i].bytes ?
		    v.bytes && strcmp(v.bytes, good[i].bytes) == 0 &&
		    v.len == strlen(good[i].bytes) : v.num == good[i].num);
		tap_ok(ok, "parses '%s'", good[i].arg);
		if (!ok)
			tap_diag("error: %s", err);
		sockopt_val_clear(&v);
	}
}

/* Bad names and values are refused with a message quoting them. */
static void
test_bad(void)
{
	struct sockopt_val v;
	char err[ZC_ERRLEN];
	size_t i;
	int ok;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ok = sockopt_parse(bad[i].arg, &v, err, sizeof(err)) == -1 &&
		    strcmp(err, bad[i].err) == 0;
		tap_ok(ok, "refuses '%s'", bad[i].arg);
		if (!ok)
			tap_diag("got '%s'", err);
		sockopt_val_clear(&v);
	}
}

/* The table covers every option the issue names and is sorted. */
static void
test_table(void)
{
	static const char *const required[] = { "sndhwm", "rcvhwm", "linger",
	    "routing_id", "subscribe", "unsubscribe", "conflate", "immediate",
	    "reconnect_ivl", "reconnect_ivl_max", "maxmsgsize", "sndbuf",
	    "rcvbuf", "sndtimeo", "rcvtimeo", "ipv6", "tcp_keepalive",
	    "heartbeat_ivl", "heartbeat_timeout", "heartbeat_ttl",
	    "req_relaxed", "req_correlate", "router_mandatory", "probe_router",
	    "xpub_verbose", "invert_matching", "curve_server",
	    "curve_publickey", "curve_secretkey", "curve_serverkey",
	    "plain_server", "plain_username", "plain_password", "zap_domain" };
	const struct sockopt_def *t;
	size_t i, n;
	int sorted = 1;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		tap_ok(sockopt_lookup(required[i]) != NULL, "table has %s",
		    required[i]);
	t = sockopt_table(&n);
	for (i = 1; i < n; i++)
		if (strcmp(t[i - 1].name, t[i].name) >= 0)
			sorted = 0;
	tap_ok(sorted, "table is sorted by name, without repeats");
	tap_ok(sockopt_lookup("ZMQ_SNDHWM") == sockopt_lookup("sndhwm"),
	    "ZMQ_ prefix and case do not matter");
	tap_ok(strcmp(sockopt_kind_name(sockopt_lookup("curve_serverkey")->kind),
	    "z85key") == 0, "keys are listed as z85key");
	tap_ok(sockopt_is_secret(sockopt_lookup("plain_password")) &&
	    !sockopt_is_secret(sockopt_lookup("plain_username")),
	    "passwords are secret, user names are not");
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	test_good();
	test_bad();
	test_table();
	return tap_done();
}
