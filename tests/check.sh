#!/bin/sh
# --stamp and --check: a clean stream, a pyzmq sender that skips, repeats
# and swaps sequence numbers on purpose (exact counts, status 1), two
# streams, -J, nothing stamped, a REQ/REP round trip; the usage errors.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# report NAME: the receiver's --check lines, latencies cut off.
report() {
	sed -n 's/^zmqcat: check \([^:]*: .*\)/\1/p; /^zmqcat: check:/p' \
	    "$TMP/$1.err" | sed 's/; latency .*//; s/ ([0-9]* msg\/s, [0-9.]* MB\/s)//'
}

# A zmqcat --stamp sender and a --check receiver: clean, status 0; the
# stamp frame is gone from what is printed.
recv clean -c 200 --check
zc -s "PUSH:connect:$EP" -m 'x %N' --stamp --repeat 200 </dev/null \
    >"$TMP/clean.gout" 2>&1
is "$?:$(cat "$TMP/clean.gout")" "0:" "--stamp: the sender exits 0"
wait_exit "$RPID"
is "$ST" 0 "--check: a clean stream, status 0"
seq 0 199 | sed 's/^/x /' | cmp -s - "$TMP/clean.out"
ok $? "the stamp frame is taken off: x 0 .. x 199 as sent"
report clean >"$TMP/clean.rep"
grep -Eqx 'pull stream [0-9a-f]{16}: 200 msgs, 0 lost, 0 duplicated, 0 reordered' \
    "$TMP/clean.rep"
ok $? "one stream: 200 msgs, none lost ($(cat "$TMP/clean.rep"))"
grep -Eq '; latency us min [0-9.]+ p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ p99.9 [0-9.]+ max [0-9.]+$' \
    "$TMP/clean.err"
ok $? "and its latency: min, p50, p90, p99, p99.9, max"

# --stats=SECS: the streams every period too, their rates over it.
recv per -c 60 --check --stats=0.2 -J
zc -s "PUSH:connect:$EP" -m x --stamp --repeat 60 --rate 100 </dev/null \
    >"$TMP/per.gout" 2>&1
wait_exit "$RPID"
is "$ST" 0 "--check --stats=0.2 -J: a clean paced stream, status 0"
grep -c '^{"check":"pull",.*"period_msgs":' "$TMP/per.err" >"$TMP/per.n"
ok "$([ "$(cat "$TMP/per.n")" -ge 1 ]; echo $?)" \
    "a report each period, with its messages ($(cat "$TMP/per.n") of them)"
tail -n 1 "$TMP/per.err" | grep -q '^{"check":"pull",.*"msgs":60,"bytes":60,"lost":0,'
ok $? "and the last, for the whole run, without period counts"

if need_pyzmq "--check against a pyzmq sender"; then
	# 0 1 2 4 4 3 5 8: 3 and then 6, 7 skipped, 4 twice, 3 late.
	recv faults -c 8 --check -f '%F %s\n'
	py_bg "$TMP/f.out" "$TMP/f.err" stamp_push.py "$EP" 00000000000000aa \
	    0,1,2,4,4,3,5,8
	wait_exit "$PY_PID"
	is "$ST" 0 "the pyzmq sender handed its 8 over"
	wait_exit "$RPID"
	is "$ST" 1 "--check: a stream with faults, status 1"
	is "$(report faults)" "pull stream 00000000000000aa: 8 msgs, 2 lost, 1 duplicated, 1 reordered
zmqcat: check: 2 lost, 1 duplicated, 1 reordered" \
	    "exact counts: 6 and 7 lost, 4 twice, 3 late; and one line saying so"
	is "$(sort -u "$TMP/faults.out")" "1 m" "each printed without its stamp"

	# Two streams on one socket, apart; -J reports them as JSON.
	recv two -c 5 --check -J
	py_bg "$TMP/a.out" "$TMP/a.err" stamp_push.py "$EP" 1 0,1,2
	wait_exit "$PY_PID"
	py_bg "$TMP/b.out" "$TMP/b.err" stamp_push.py "$EP" 2 7,9
	wait_exit "$PY_PID"
	wait_exit "$RPID"
	is "$ST" 1 "two streams, one with a gap: status 1"
	is "$(grep '^{"check"' "$TMP/two.err" | sed 's/"latency_ns":{[^}]*}/L/')" \
	    '{"check":"pull","stream":"0000000000000001","msgs":3,"bytes":3,"lost":0,"duplicated":0,"reordered":0,L}
{"check":"pull","stream":"0000000000000002","msgs":2,"bytes":2,"lost":1,"duplicated":0,"reordered":0,L}' \
	    "-J: a JSON object per stream, apart"
	grep '^{"check"' "$TMP/two.err" | head -n 1 | grep -Eq \
	    '"latency_ns":\{"min":[0-9]+,"p50":[0-9]+,"p90":[0-9]+,"p99":[0-9]+,"p99.9":[0-9]+,"max":[0-9]+\}'
	ok $? "-J: latency_ns with min, p50 .. p99.9, max"

	# Nothing stamped: said, status 1.
	recv none -c 2 --check
	py_bg "$TMP/n.out" "$TMP/n.err" stamp_push.py "$EP" 1 -,-
	wait_exit "$PY_PID"
	wait_exit "$RPID"
	is "$ST:$(grep -v ' bound ' "$TMP/none.err")" \
	    "1:zmqcat: check: no stamped message came (2 without a stamp)" \
	    "nothing stamped: status 1, said"
fi

# A round trip: the REQ stamps its requests, a REP echoes every frame, the
# REQ checks the replies: the latency is the round trip.
zc_bg "$TMP/rep.out" "$TMP/rep.err" -v -s 'REP:bind:tcp://127.0.0.1:*' --echo
rpid=$ZC_PID
rep=$(bound_endpoint "$TMP/rep.err" rep)
zc -s "REQ:connect:$rep" -m ping --stamp --check --repeat 5 \
    >"$TMP/req.out" 2>"$TMP/req.err" </dev/null
is "$?:$(tr '\n' ' ' <"$TMP/req.out")" "0:ping ping ping ping ping " \
    "REQ --stamp --check through an echoing REP: five replies, status 0"
report req >"$TMP/req.rep"
grep -Eqx 'req stream [0-9a-f]{16}: 5 msgs, 0 lost, 0 duplicated, 0 reordered' \
    "$TMP/req.rep"
ok $? "the round trip is checked ($(cat "$TMP/req.rep"))"
term_ok "$rpid" "the REP ends at SIGTERM, status 0"

# --check-seq: the application's own numbers, in each form; no stamp.
# numbered NAME RECV-ARGS -- SEND-ARGS: a receiver --check-seq'ing what a
# zmqcat sender sends; its status in ST, its report by report.
numbered() {
	_nn=$1
	shift
	_ra=""
	while [ "$1" != -- ]; do _ra="$_ra $1"; shift; done
	shift
	# shellcheck disable=SC2086
	recv "$_nn" $_ra
	zc -s "PUSH:connect:$EP" "$@" </dev/null >"$TMP/$_nn.gout" 2>&1
	wait_exit "$RPID"
}
printf '1\n2\n4\n3\n3\n' >"$TMP/lines"
recv text -c 5 --check-seq text
zc -s "PUSH:connect:$EP" <"$TMP/lines" >"$TMP/text.gout" 2>&1
wait_exit "$RPID"
is "$ST:$(report text)" "1:pull numbers: 5 msgs, 0 lost, 1 duplicated, 1 reordered
zmqcat: check: 0 lost, 1 duplicated, 1 reordered" \
    "--check-seq text: lines 1 2 4 3 3: 3 late, then again; status 1"
is "$(tr '\n' ' ' <"$TMP/text.out")" "1 2 4 3 3 " "the messages are printed whole"
numbered u32 -c 3 -f '%1\n' --check-seq 3:u32le -- -F '|' \
    -m 'hashblock|h|\x00\x00\x00\x00' -m 'hashblock|h|\x01\x00\x00\x00' \
    -m 'hashblock|h|\x03\x00\x00\x00'
is "$ST:$(report u32)" "1:pull numbers: 3 msgs, 1 lost, 0 duplicated, 0 reordered
zmqcat: check: 1 lost, 0 duplicated, 0 reordered" \
    "--check-seq 3:u32le (Bitcoin Core's notifications): 0 1 3, one lost"
numbered u64 -c 2 --check-seq u64be -- -F '|' \
    -m 'x|\x00\x00\x00\x00\x00\x00\x01\x05' \
    -m 'x|\x00\x00\x00\x00\x00\x00\x01\x06'
is "$ST:$(report u64)" "0:pull numbers: 2 msgs, 0 lost, 0 duplicated, 0 reordered" \
    "--check-seq u64be: 261 262 in the last frame, clean, status 0"
numbered json -c 4 --check-seq 'json=.s.n' -- -m '{"s":{"n":%N}}' --repeat 4
is "$ST:$(report json)" "0:pull numbers: 4 msgs, 0 lost, 0 duplicated, 0 reordered" \
    "--check-seq json=.s.n: 0 to 3, clean"
numbered nonum -c 2 --check-seq 1:u32be -- -m ab --repeat 2
is "$ST:$(grep -v ' bound ' "$TMP/nonum.err")" \
    "1:zmqcat: check: no numbered message came (2 without a number)" \
    "--check-seq 1:u32be on 2-byte messages: none numbered, status 1"

# Usage errors.
zc -s PUSH:connect:tcp://h:1 --stamp >"$TMP/u.out" 2>&1 </dev/null
is "$?:$(cat "$TMP/u.out")" \
    "2:zmqcat: --stamp marks what -m, --file or --size send: give one of them" \
    "usage: --stamp without a generator"
zc -s PUSH:connect:tcp://h:1 -m x --check >"$TMP/u.out" 2>&1 </dev/null
is "$?:$(cat "$TMP/u.out")" \
    "2:zmqcat: --check counts what sockets receive, but no route takes any from a socket" \
    "usage: --check with nothing received"
zc -s PULL:bind:tcp://127.0.0.1:1 --check-seq 0:text >"$TMP/u.out" 2>&1 \
    </dev/null
is "$?:$(cat "$TMP/u.out")" \
    "2:zmqcat: --check-seq: bad sequence spec '0:text': a frame is 1 to 64, or last (want [FRAME:]text, u32le, u32be, u64le, u64be or json=.PATH)" \
    "usage: a bad --check-seq"
zc --demo-server --check >"$TMP/u.out" 2>&1 </dev/null
is "$?:$(cat "$TMP/u.out")" \
    "2:zmqcat: --check does nothing with --demo-server, which only sends its counter" \
    "usage: --check with --demo-server"

done_testing
