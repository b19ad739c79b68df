#!/bin/sh
# --demo-server, the classic poller example's emitter, against a zmqcat
# client printing 'Via PULL: n' / 'Via SUB: n' like the example's client.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

any='tcp://127.0.0.1:*'

# check_classic FILE: PULL lines are 0, 1, 2... from 0; SUB lines are
# consecutive (a SUB may miss the first values: the slow joiner).
check_classic() {
	is "$(grep -Evc '^Via (PULL|SUB): [0-9]+$' "$1")" 0 \
		"every line reads 'Via PULL: n' or 'Via SUB: n'"
	grep '^Via PULL' "$1" | sed 's/.*: //' >"$TMP/pull.seq"
	seq 0 $(($(wc -l <"$TMP/pull.seq") - 1)) | cmp -s - "$TMP/pull.seq"
	ok $? "PULL sees 0, 1, 2... in order"
	grep '^Via SUB' "$1" | sed 's/.*: //' >"$TMP/sub.seq"
	first=$(head -n 1 "$TMP/sub.seq")
	[ -s "$TMP/sub.seq" ] &&
		seq "$first" $((first + $(wc -l <"$TMP/sub.seq") - 1)) |
		cmp -s - "$TMP/sub.seq"
	ok $? "SUB sees consecutive values"
}

zc_bg "$TMP/d.out" "$TMP/d.err" --demo-server --interval 50 -v \
	-s "PUSH:bind:$any" -s "PUB:bind:$any"
demo=$ZC_PID
push_ep=$(bound_endpoint "$TMP/d.err" push)
pub_ep=$(bound_endpoint "$TMP/d.err" pub)
ok $? "the demo server binds its PUSH ($push_ep) and PUB ($pub_ep)"

zc -s "PULL:connect:$push_ep" -s "SUB:connect:$pub_ep" -f 'Via %T: %s\n' \
	-c 12 >"$TMP/c.out" 2>"$TMP/c.err" </dev/null
is "$?" 0 "the classic client exits 0 after -c 12"
is "$(wc -l <"$TMP/c.out" | tr -d ' ')" 12 "it printed 12 lines"
check_classic "$TMP/c.out"
grep -q '^Via SUB' "$TMP/c.out"
ok $? "messages come through both sockets"

# A second client joins late: the PUSH round-robins, the PUB reaches both.
term_ok "$demo" "SIGTERM ends the demo server with status 0"
is "$(wc -c <"$TMP/d.out" | tr -d ' ')" 0 "the demo server prints nothing on stdout"

# The counter waits for a PULL: started long before its client, the
# demo server still hands it 0 first. Its first --stats line, 50 ms (5
# intervals) into its run, with nothing sent yet, makes the gap: a
# counter that did not wait would have sent its 3 values by then.
zc_bg "$TMP/h.out" "$TMP/h.err" --demo-server --interval 10 -c 3 -v \
	--stats=0.05 -s "PUSH:bind:$any" -s "PUB:bind:$any"
demo=$ZC_PID
push_ep=$(bound_endpoint "$TMP/h.err" push)
wait_for "$TMP/h.err" '^push +PUSH( +0){7} +0 +0\.00$'
zc -s "PULL:connect:$push_ep" -c 3 >"$TMP/h.pull" 2>&1 </dev/null
is "$(tr '\n' ' ' <"$TMP/h.pull")" "0 1 2 " \
	"a late PULL still gets 0, 1, 2: the PUSH held the counter"
wait_exit "$demo"
is "$ST" 0 "the demo server stops by itself after -c 3"

# --interval paces the counter.
zc_bg "$TMP/i.out" "$TMP/i.err" --demo-server --interval 200 -c 4 -v \
	-s "PUSH:bind:$any"
demo=$ZC_PID
push_ep=$(bound_endpoint "$TMP/i.err" push)
start=$(date +%s%N)
zc -s "PULL:connect:$push_ep" -c 4 >"$TMP/i.pull" 2>&1 </dev/null
elapsed=$((($(date +%s%N) - start) / 1000000))
is "$(tr '\n' ' ' <"$TMP/i.pull")" "0 1 2 3 " "four values at --interval 200"
[ "$elapsed" -ge 600 ]
ok $? "the values are paced, not sent at once (${elapsed} ms for 4)"
wait_exit "$demo"
is "$ST" 0 "the demo server exits 0"

# The default sockets, the classic ports 5557 and 5556, when they are free.
zc_bg "$TMP/def.out" "$TMP/def.err" --demo-server --interval 20 -c 5 -v
demo=$ZC_PID
if wait_for "$TMP/def.err" 'pub bound' 2>/dev/null; then
	is "$(grep ' bound ' "$TMP/def.err")" "zmqcat: push bound tcp://0.0.0.0:5557
zmqcat: pub bound tcp://0.0.0.0:5556" "by default it binds PUSH 5557 and PUB 5556"
	zc -s PULL:connect:tcp://localhost:5557 -s SUB:connect:tcp://localhost:5556 \
		-f 'Via %T: %s\n' -T "$(slow 0.3)" >"$TMP/def.c" 2>&1 </dev/null
	is "$(grep '^Via PULL' "$TMP/def.c" | tr '\n' ' ')" \
		"Via PULL: 0 Via PULL: 1 Via PULL: 2 Via PULL: 3 Via PULL: 4 " \
		"the classic client command line works unchanged"
	wait_exit "$demo"
	is "$ST" 0 "the default demo server stops after -c 5"
else
	wait_exit "$demo"
	echo "# ports 5556/5557 are busy here: $(cat "$TMP/def.err")"
	ok 0 "# SKIP ports 5556/5557 busy"
fi

done_testing
