/* Table-driven tests of the refused-peer log: a line per socket and
 * address an interval, the rest counted, bounded memory, never a stop. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/outbuf.h"
#include "../src/refusals.h"
#include "tap.h"

#define WHY	" (not in the allow-list)"
#define R(sock, n, addr) \
	"zmqcat: " sock ": refused CURVE key K" #n " from " addr WHY "\n"
#define MORE(sock, n, addr, k) \
	"zmqcat: " sock ": refused " #n " more from " addr \
	", the last CURVE key K" #k WHY "\n"
#define OTHERS(sock, n, k, addr) \
	"zmqcat: " sock ": refused " #n " more from other addresses, " \
	"the last CURVE key K" #k " from " addr WHY "\n"

/*
 * Steps, separated by spaces: "ADDRKEY@MS" is a refusal of key KKEY
 * from ADDR (a..d: 127.0.0.1..4 on socket pull; A: 127.0.0.1 on socket
 * sub; u: an unknown address) at MS; ".@MS" says the counts due,
 * "!@MS" every count (the end). The log: max places, interval 1000 ms.
 */
static const struct {
	size_t		 max;
	const char	*steps;
	const char	*text;
	const char	*what;
} cases[] = {
	{ 4, "a1@0 a2@10 a3@20 !@30",
	    R("pull", 1, "127.0.0.1") MORE("pull", 2, "127.0.0.1", 3),
	    "one address: the first is a line, the rest counted, said at "
	    "the end with the last" },
	{ 4, "a1@0 a2@1 b3@2 !@3",
	    R("pull", 1, "127.0.0.1") R("pull", 3, "127.0.0.2")
	    MORE("pull", 1, "127.0.0.1", 2),
	    "another address gets its own line at once" },
	{ 4, "a1@0 A2@1 !@2",
	    R("pull", 1, "127.0.0.1") R("sub", 2, "127.0.0.1"),
	    "another socket, the same address: its own line" },
	{ 4, "a1@0 a2@10 .@999 .@1000 a3@1001 .@1999 .@2000 a4@3001 !@3002",
	    R("pull", 1, "127.0.0.1") MORE("pull", 1, "127.0.0.1", 2)
	    MORE("pull", 1, "127.0.0.1", 3) R("pull", 4, "127.0.0.1"),
	    "the count is due an interval after the line; a refusal an "
	    "interval after the last line is a line again" },
	{ 4, "a1@0 a2@1000 a3@1001 !@1002",
	    R("pull", 1, "127.0.0.1") R("pull", 2, "127.0.0.1")
	    MORE("pull", 1, "127.0.0.1", 3),
	    "a refusal an interval on, none counted before: a line" },
	{ 4, "a1@0 a2@1 .@500 !@501 !@502",
	    R("pull", 1, "127.0.0.1") MORE("pull", 1, "127.0.0.1", 2),
	    "nothing due before the interval; the end says each count once" },
	{ 2, "a1@0 b2@1 c3@2 c4@3 d5@4 !@5",
	    R("pull", 1, "127.0.0.1") R("pull", 2, "127.0.0.2")
	    R("pull", 3, "127.0.0.3") OTHERS("pull", 2, 5, "127.0.0.4"),
	    "every place busy: the other addresses share one count, "
	    "naming the last's address" },
	{ 2, "a1@0 b2@1 c3@1001 a4@1002 !@1003",
	    R("pull", 1, "127.0.0.1") R("pull", 2, "127.0.0.2")
	    R("pull", 3, "127.0.0.3") R("pull", 4, "127.0.0.1"),
	    "a place an interval old is taken by a new address" },
	{ 1, "a1@0 a2@1 b3@1500 !@1501",
	    R("pull", 1, "127.0.0.1") MORE("pull", 1, "127.0.0.1", 2)
	    R("pull", 3, "127.0.0.2"),
	    "a place taken says its count first" },
	{ 4, "u1@0 u2@1 !@2",
	    "zmqcat: pull: refused CURVE key K1 from an unknown address" WHY
	    "\nzmqcat: pull: refused 1 more from an unknown address, the "
	    "last CURVE key K2" WHY "\n",
	    "an unknown address" },
};

static const struct {
	char		 c;
	const char	*sock;
	const char	*addr;
} addrs[] = {
	{ 'a', "pull", "127.0.0.1" },
	{ 'b', "pull", "127.0.0.2" },
	{ 'c', "pull", "127.0.0.3" },
	{ 'd', "pull", "127.0.0.4" },
	{ 'A', "sub", "127.0.0.1" },
	{ 'u', "pull", "" },
};

/* Note a refusal of key "K<key>" from addr on sock at now. */
static void
note(struct refusals *r, struct outbuf *ob, const char *sock,
    const char *addr, unsigned long key, int64_t now)
{
	struct refusal f;
	char who[64];

	snprintf(who, sizeof(who), "CURVE key K%lu", key);
	f.sock = sock;
	f.addr = addr;
	f.who = who;
	f.why = "not in the allow-list";
	refusals_note(r, ob, &f, now);
}

/* Run one case's steps into ob, NUL-terminated. */
static void
run_case(struct outbuf *ob, size_t max, const char *steps)
{
	struct refusals r;
	const char *p = steps;
	unsigned long key;
	size_t i;
	long t;
	char c;

	refusals_init(&r, max, 1000);
	ob->len = 0;
	while (*p != '\0') {
		c = *p++;
		key = c == '.' || c == '!' ? 0 : strtoul(p, (char **)&p, 10);
		t = strtol(p + 1, (char **)&p, 10);
		while (*p == ' ')
			p++;
		if (c == '.' || c == '!') {
			refusals_tick(&r, ob, t, c == '!');
			continue;
		}
		for (i = 0; addrs[i].c != c; i++)
			;
		note(&r, ob, addrs[i].sock, addrs[i].addr, key, t);
	}
	refusals_free(&r);
	outbuf_put(ob, "", 1);
}

/* The refusals the log's lines stand for: 1 a line, N a count line. */
static uint64_t
total(const char *text, size_t *lines)
{
	const char *p;
	uint64_t n = 0;

	*lines = 0;
	for (p = text; (p = strstr(p, ": refused ")) != NULL; p++) {
		p += strlen(": refused ");
		(*lines)++;
		n += strncmp(p, "CURVE", 5) == 0 ? 1 : strtoull(p, NULL, 10);
	}
	return n;
}

/*
 * A flood: nref refusals, each of another key, from naddr addresses in
 * turn, 100 a millisecond (places for 256 addresses, a line an address
 * each 10 s); then an intruder from a new address at when (ms; the
 * flood took nref / 100). Every refusal is in a line or a count; lines are few; the
 * intruder's key is in a line of its own at once.
 */
static void
flood(unsigned long nref, unsigned long naddr, int64_t when, size_t maxlines)
{
	struct refusals r;
	struct outbuf ob;
	char addr[32];
	unsigned long i;
	size_t lines, before;
	uint64_t n;
	int ok;

	outbuf_init(&ob, -1, 1024);
	refusals_init(&r, REFUSALS_ADDRS, REFUSALS_INTERVAL_MS);
	for (i = 0; i < nref; i++) {
		snprintf(addr, sizeof(addr), "10.%lu.%lu.%lu",
		    (i % naddr) >> 16, ((i % naddr) >> 8) & 255, i % naddr & 255);
		note(&r, &ob, "pull", addr, i + 1, (int64_t)(i / 100));
		if (i % 100 == 99)
			refusals_tick(&r, &ob, (int64_t)(i / 100), 0);
	}
	outbuf_put(&ob, "", 1);
	ob.len--;
	total(ob.buf, &before);
	tap_ok(before <= maxlines && r.nothers <= 1, "flood of %lu keys from "
	    "%lu address(es): %zu lines (at most %zu), places for %zu + %zu",
	    nref, naddr, before, maxlines, r.max, r.nothers);
	note(&r, &ob, "pull", "192.0.2.1", 0, when);
	outbuf_put(&ob, "", 1);
	ok = strstr(ob.buf, R("pull", 0, "192.0.2.1")) != NULL;
	tap_ok(ok, "flood of %lu from %lu: an intruder from a new address at "
	    "%lld ms gets a line at once", nref, naddr, (long long)when);
	ob.len--;
	refusals_tick(&r, &ob, when + 1, 1);
	outbuf_put(&ob, "", 1);
	n = total(ob.buf, &lines);
	tap_ok(n == nref + 1, "flood of %lu from %lu: the lines and counts add "
	    "up to every refusal (%llu, want %lu)", nref, naddr,
	    (unsigned long long)n, nref + 1);
	refusals_free(&r);
	outbuf_free(&ob);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	struct refusals r;
	struct outbuf ob;
	size_t i;
	int ok;

	outbuf_init(&ob, -1, 256);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&ob, cases[i].max, cases[i].steps);
		ok = strcmp(ob.buf, cases[i].text) == 0;
		tap_ok(ok, "%s", cases[i].what);
		if (!ok)
			tap_diag("got '%s'", ob.buf);
	}
	/* when a count is due: an interval after its address's line */
	refusals_init(&r, 4, 1000);
	ok = refusals_due(&r) == -1;
	note(&r, &ob, "pull", "127.0.0.1", 1, 5000);
	ok = ok && refusals_due(&r) == -1;
	note(&r, &ob, "pull", "127.0.0.2", 2, 5300);
	note(&r, &ob, "pull", "127.0.0.2", 3, 5400);
	note(&r, &ob, "pull", "127.0.0.1", 4, 5500);
	ok = ok && refusals_due(&r) == 6000;
	refusals_tick(&r, &ob, 6000, 0);
	ok = ok && refusals_due(&r) == 6300;
	refusals_tick(&r, &ob, 6300, 0);
	tap_ok(ok && refusals_due(&r) == -1, "a count is due an interval "
	    "after its address's line; none without one");
	refusals_free(&r);
	refusals_free(NULL);
	outbuf_free(&ob);
	/* floods, from one address and from more than there are places,
	 * past the 10 000 refusals after which the old log stopped */
	flood(20000, 1, 199, 1);
	flood(20000, 1000, 200 + REFUSALS_INTERVAL_MS, REFUSALS_ADDRS + 1);
	return tap_done();
}
