#!/bin/sh
# --monitor, --wait-peers and the peers column of --stats: the events of
# a connect (on both sides), a disconnect when a peer is killed and the
# reconnect to a new peer on the same port (messages flow again), the
# same events as JSON under -J, `monitor stopped` closing each socket's
# events; stdin held until two late subscribers (or pullers) are ready,
# so every one gets message 1; the end of a run that was still waiting;
# peers counted now in --stats. The peers are zmqcat, and pyzmq SUBs
# where python3-zmq is found. (The usage errors: usage.sh.)

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

any='tcp://127.0.0.1:*'
T=$((5 * ZC_SLOW))	# -W for a peer that must outlive the test's steps

# wait_short FILE ERE: wait_for, but for at most 3 s (scaled): for a line
# that comes within milliseconds when all is well, so that a failure
# does not cost the full wait.
wait_short() {
	_zw=$ZC_WAIT
	ZC_WAIT=3
	wait_for "$1" "$2"
	_ws=$?
	ZC_WAIT=$_zw
	return $_ws
}

# peer_of FILE EVENT: the peer port of the first `EVENT ... (peer
# 127.0.0.1:PORT)` line of FILE.
peer_of() {
	mon "$1" | sed -n \
	    "s/^zmqcat: [a-z0-9]*: $2 .* (peer 127\.0\.0\.1:\([0-9]*\))\$/\1/p" |
	    head -n 1
}

# in_range N LO HI: N is a number from LO to HI.
in_range() {
	case $1 in
	''|*[!0-9]*) return 1 ;;
	esac
	[ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

seq 1 10 >"$TMP/ten"

# 1. A connect, on both sides: a bound PUB and a connecting SUB, both
# --monitor. Then the SUB is killed (SIGTERM): the PUB says which peer
# went, naming the same address as when it was accepted; a second SUB is
# accepted as a new peer. The PUB's run ends at the end of its stdin,
# and the SUB left behind says it lost the PUB and is retrying.
zc_fed pub 'wait_for "$TMP/pub.gate" "^end\$"' -s "PUB:bind:$any" -v --monitor
pub=$ZC_PID
EP=$(bound_endpoint "$TMP/pub.err" pub)
ok "$([ -n "$EP" ]; echo $?)" "pub: bound ${EP:-nothing}"
: "${EP:=tcp://127.0.0.1:1}"
wait_for "$TMP/pub.err" "^zmqcat: ${TS}pub: listening "
zc_bg "$TMP/sub1.out" "$TMP/sub1.err" -s "SUB:connect:$EP" --monitor
sub1=$ZC_PID
wait_for "$TMP/sub1.err" "^zmqcat: ${TS}sub: handshake succeeded " &&
    wait_for "$TMP/pub.err" "^zmqcat: ${TS}pub: handshake succeeded "
is "$(mon "$TMP/sub1.err")" "zmqcat: sub: connect delayed $EP
zmqcat: sub: connected $EP
zmqcat: sub: handshake succeeded $EP" \
    "sub1: connect delayed, connected, handshake succeeded, naming $EP"
n1=$(peer_of "$TMP/pub.err" accepted)
ok "$(in_range "$n1" 1 65535 && [ "tcp://127.0.0.1:$n1" != "$EP" ]; echo $?)" \
    "pub: accepted a peer 127.0.0.1:${n1:-?}, not its own port"
is "$(mon "$TMP/pub.err")" "zmqcat: pub bound $EP
zmqcat: pub: listening $EP
zmqcat: pub: accepted $EP (peer 127.0.0.1:$n1)
zmqcat: pub: handshake succeeded $EP (peer 127.0.0.1:$n1)" \
    "pub: listening, accepted (peer), handshake succeeded (peer)"
term_ok "$sub1" "sub1: SIGTERM ends it with status 0"
is "$(mon "$TMP/sub1.err" | sed -n '4,$p')" "zmqcat: sub: monitor stopped" \
    "sub1: monitor stopped is its last line, right after the handshake"
wait_for "$TMP/pub.err" "^zmqcat: ${TS}pub: disconnected "
is "$(mon "$TMP/pub.err" | sed -n '5,$p')" \
    "zmqcat: pub: disconnected $EP (peer 127.0.0.1:$n1)" \
    "pub: disconnected, naming the peer it accepted (127.0.0.1:$n1)"

zc_bg "$TMP/sub2.out" "$TMP/sub2.err" -s "SUB:connect:$EP" --monitor
sub2=$ZC_PID
wait_for "$TMP/sub2.err" "^zmqcat: ${TS}sub: handshake succeeded " &&
    wait_lines "$TMP/pub.err" 7
n2=$(mon "$TMP/pub.err" | sed -n '6p' |
    sed -n 's/.* (peer 127\.0\.0\.1:\([0-9]*\))$/\1/p')
ok "$(in_range "$n2" 1 65535 && [ "$n2" != "$n1" ]; echo $?)" \
    "pub: the second SUB is a new peer (127.0.0.1:${n2:-?})"
is "$(mon "$TMP/pub.err" | sed -n '6,$p')" "zmqcat: pub: accepted $EP (peer 127.0.0.1:$n2)
zmqcat: pub: handshake succeeded $EP (peer 127.0.0.1:$n2)" \
    "pub: the second SUB accepted, handshake succeeded"
echo end >>"$TMP/pub.gate"
wait_exit "$pub"
is "$ST" 0 "pub: ends at the end of its stdin, status 0"
is "$(mon "$TMP/pub.err" | sed -n '8,$p')" "zmqcat: pub: monitor stopped" \
    "pub: monitor stopped is its last line"
wait_for "$TMP/sub2.err" "^zmqcat: ${TS}sub: connect retried "
term_ok "$sub2" "sub2: SIGTERM ends it with status 0"
is "$(mon "$TMP/sub2.err" | sed -n '1,5p' |
    sed 's/(next try in [0-9]* ms)$/(next try in N ms)/')" \
    "zmqcat: sub: connect delayed $EP
zmqcat: sub: connected $EP
zmqcat: sub: handshake succeeded $EP
zmqcat: sub: disconnected $EP
zmqcat: sub: connect retried $EP (next try in N ms)" \
    "sub2: connected, then disconnected and retrying when the PUB ended"
is "$(mon "$TMP/sub2.err" | tail -n 1)" "zmqcat: sub: monitor stopped" \
    "sub2: monitor stopped is its last line"
is "$(cat "$TMP/pub.out" "$TMP/sub1.out" "$TMP/sub2.out")" "" \
    "pub, sub1, sub2: nothing on stdout"

# 2. The reconnect: a connecting PULL (--monitor, reconnect_ivl 250 ms)
# gets "one" from a bound PUSH, which is then killed (SIGKILL: gone
# without a goodbye). The PULL says so and retries until a new PUSH
# binds the same port; it connects again and "two", sent after the
# reconnect, arrives.
zc_fed push1 'echo one; wait_for "$TMP/pull.err" "^zmqcat: ${TS}pull: disconnected "' \
    -s "PUSH:bind:$any" -v
push1=$ZC_PID
EP=$(bound_endpoint "$TMP/push1.err" push)
ok "$([ -n "$EP" ]; echo $?)" "push1: bound ${EP:-nothing}"
: "${EP:=tcp://127.0.0.1:1}"
zc_bg "$TMP/pull.out" "$TMP/pull.err" -s "PULL:connect:$EP" \
    -o reconnect_ivl=250 --monitor -c 2 -W $((4 * T))
pull=$ZC_PID
wait_for "$TMP/pull.out" '^one$'
is "$(mon "$TMP/pull.err")" "zmqcat: pull: connect delayed $EP
zmqcat: pull: connected $EP
zmqcat: pull: handshake succeeded $EP" \
    "pull: connected to push1 and got one"
kill -KILL "$push1"
wait_exit "$push1"
is "$ST" 137 "push1: killed (SIGKILL)"
wait_for "$TMP/pull.err" "^zmqcat: ${TS}pull: connect retried "
# (its stdin ends once the PULL is done, so that the PULL does not see
# it go)
{
	echo two
	wait_for "$TMP/pull.err" '^zmqcat: '"$TS"'pull: monitor stopped$' 2>/dev/null
} | zc -s "PUSH:bind:$EP" -v --wait-peers 1 -e -W $((2 * T)) \
    >"$TMP/push2.out" 2>"$TMP/push2.err"
is "$?" 0 "push2: bound the same port, sent two once the PULL was back, status 0"
is "$(mon "$TMP/push2.out" "$TMP/push2.err")" "zmqcat: push bound $EP
zmqcat: waiting for 1 peer on each socket stdin feeds before reading it
zmqcat: 1 peer ready; reading stdin" \
    "push2: -v says it waited for 1 peer, then read stdin"
wait_exit "$pull"
is "$ST" 0 "pull: -c 2 ends it, status 0"
printf 'one\ntwo\n' >"$TMP/onetwo"
same_bytes "$TMP/pull.out" "$TMP/onetwo" \
    "pull: one before the kill, two after the reconnect"
is "$(mon "$TMP/pull.err" | sed -n '4p')" "zmqcat: pull: disconnected $EP" \
    "pull: disconnected when push1 was killed"
is "$(mon "$TMP/pull.err" | sed -n '5p' |
    sed 's/(next try in [0-9]* ms)$/(next try in N ms)/')" \
    "zmqcat: pull: connect retried $EP (next try in N ms)" \
    "pull: then connect retried (next try in N ms)"
bad=""
for ms in $(mon "$TMP/pull.err" |
    sed -n 's/^zmqcat: pull: connect retried .* (next try in \([0-9]*\) ms)$/\1/p'); do
	in_range "$ms" 250 499 || bad="$bad $ms"
done
is "$bad" "" "pull: every retry is in 250..499 ms (reconnect_ivl 250 and its jitter)"
# between the disconnect and the last retry, only failed attempts
is "$(mon "$TMP/pull.err" | awk -v ep="$EP" '
    /^zmqcat: pull: connect retried / { last = NR }
    { line[NR] = $0 }
    END {
	for (i = 5; i < last; i++) {
	    l = line[i]
	    sub(/ \(next try in [0-9]+ ms\)(, [0-9]+ more like it)?$/, "", l)
	    if (l != "zmqcat: pull: connect retried " ep &&
		l != "zmqcat: pull: connect delayed " ep &&
		l != "zmqcat: pull: closed " ep)
		print l
	}
    }')" "" \
    "pull: while push1 was gone: connect retried, connect delayed, closed only"
is "$(mon "$TMP/pull.err" |
    awk '/^zmqcat: pull: connect retried / { n = NR } { l[NR] = $0 }
    END { for (i = n + 1; i <= NR; i++) print l[i] }')" \
    "zmqcat: pull: connected $EP
zmqcat: pull: handshake succeeded $EP
zmqcat: pull: monitor stopped" \
    "pull: after the last retry: connected again to push2, then monitor stopped"
gone=$EP

# 3. -J: each event one JSON object on stderr, stdout only the data. A
# bound PUSH (-J --monitor -v: its -v line stays text) sends one message
# to a connecting PULL (-J --monitor -c 1); the PUSH's stdin ends once
# the PULL has gone and the PUSH has seen it go.
zc_fed jpush 'echo "{\"frames\":[\"x\"]}"
    wait_for "$TMP/jpush.err" "\"event\":\"disconnected\""' \
    -s "PUSH:bind:$any" -J -v --monitor
jpush=$ZC_PID
EP=$(bound_endpoint "$TMP/jpush.err" push)
ok "$([ -n "$EP" ]; echo $?)" "jpush: bound ${EP:-nothing}"
: "${EP:=tcp://127.0.0.1:1}"
zc -s "PULL:connect:$EP" -J --monitor -c 1 -W $T </dev/null \
    >"$TMP/jpull.out" 2>"$TMP/jpull.err"
is "$?" 0 "jpull: -c 1 ends it, status 0"
is "$(sed 's/"time":[0-9][0-9]*/"time":T/' "$TMP/jpull.out")" \
    '{"socket":"pull","type":"PULL","frames":["x"],"time":T,"peer":"127.0.0.1"}' \
    "jpull: stdout holds only the message, as JSON"
is "$(mon "$TMP/jpull.err")" "{\"event\":\"connect_delayed\",\"socket\":\"pull\",\"endpoint\":\"$EP\"}
{\"event\":\"connected\",\"socket\":\"pull\",\"endpoint\":\"$EP\"}
{\"event\":\"handshake_succeeded\",\"socket\":\"pull\",\"endpoint\":\"$EP\"}
{\"event\":\"monitor_stopped\",\"socket\":\"pull\"}" \
    "jpull: stderr is its events as JSON objects, one per line"
wait_exit "$jpush"
is "$ST" 0 "jpush: ends at the end of its stdin, status 0"
is "$(cat "$TMP/jpush.out")" "" "jpush: nothing on stdout"
jn=$(mon "$TMP/jpush.err" |
    sed -n 's/^{"event":"accepted",.*"peer":"127\.0\.0\.1:\([0-9]*\)"}$/\1/p')
ok "$(in_range "$jn" 1 65535; echo $?)" "jpush: accepted peer 127.0.0.1:${jn:-?}"
is "$(mon "$TMP/jpush.err")" "zmqcat: push bound $EP
{\"event\":\"listening\",\"socket\":\"push\",\"endpoint\":\"$EP\"}
{\"event\":\"accepted\",\"socket\":\"push\",\"endpoint\":\"$EP\",\"peer\":\"127.0.0.1:$jn\"}
{\"event\":\"handshake_succeeded\",\"socket\":\"push\",\"endpoint\":\"$EP\",\"peer\":\"127.0.0.1:$jn\"}
{\"event\":\"disconnected\",\"socket\":\"push\",\"endpoint\":\"$EP\",\"peer\":\"127.0.0.1:$jn\"}
{\"event\":\"monitor_stopped\",\"socket\":\"push\"}" \
    "jpush: the -v line, then JSON events; accepted and disconnected name the peer"

# A port nothing listens on: connect_delayed, closed, connect_retried with
# its retry_ms as a number, until -W; each line parses as a JSON object.
zc -s "PULL:connect:$gone" -o reconnect_ivl=250 -J --monitor -W "$(slow 0.4)" \
    </dev/null >"$TMP/jr.out" 2>"$TMP/jr.err"
is "$?" 0 "jretry: -W ends it, status 0"
is "$(cat "$TMP/jr.out")" "" "jretry: nothing on stdout"
is "$(mon "$TMP/jr.err" | sed -n '1,3p' | sed 's/"retry_ms":[0-9][0-9]*}$/"retry_ms":N}/')" \
    "{\"event\":\"connect_delayed\",\"socket\":\"pull\",\"endpoint\":\"$gone\"}
{\"event\":\"closed\",\"socket\":\"pull\",\"endpoint\":\"$gone\"}
{\"event\":\"connect_retried\",\"socket\":\"pull\",\"endpoint\":\"$gone\",\"retry_ms\":N}" \
    "jretry: connect_delayed, closed, connect_retried with retry_ms"
ms=$(mon "$TMP/jr.err" | sed -n '3s/.*"retry_ms":\([0-9]*\)}$/\1/p')
ok "$(in_range "$ms" 250 499; echo $?)" "jretry: retry_ms $ms is in 250..499"
is "$(mon "$TMP/jr.err" | tail -n 1)" \
    '{"event":"monitor_stopped","socket":"pull"}' \
    "jretry: monitor_stopped is the last event"
PYJ=${PYTHON_ZMQ:-}
[ -z "$PYJ" ] && command -v python3 >/dev/null 2>&1 && PYJ=python3
if [ -n "$PYJ" ]; then
	is "$(cat "$TMP/jpull.err" "$TMP/jr.err" | "$PYJ" -c '
import json, sys
keys = {"event", "socket", "time", "endpoint", "peer", "retry_ms", "status",
        "reason", "count"}
for n, line in enumerate(sys.stdin, 1):
    o = json.loads(line)
    if not isinstance(o, dict) or not {"event", "socket"} <= set(o) \
            or not set(o) <= keys or o["socket"] != "pull" \
            or ("retry_ms" in o and type(o["retry_ms"]) is not int) \
            or type(o.get("time")) is not int:
        print("line %d: %s" % (n, line.rstrip()))
' 2>&1)" "" "jpull, jretry: every stderr line is a JSON event object"
else
	ok 0 "jpull, jretry: every stderr line is a JSON event object # SKIP no python3"
fi

# 4. monitor stopped closes each socket's events, in a run of two.
zc -s "PULL:bind:ipc://$TMP/m1.sock" -s "PUB:bind:ipc://$TMP/m2.sock" \
    --monitor -W 0.3 </dev/null >"$TMP/two.out" 2>"$TMP/two.err"
is "$?" 0 "two sockets: -W 0.3 ends the run, status 0"
is "$(mon "$TMP/two.err" | grep '^zmqcat: pull: ')" \
    "zmqcat: pull: listening ipc://$TMP/m1.sock
zmqcat: pull: monitor stopped" "two sockets: pull: listening ... monitor stopped"
is "$(mon "$TMP/two.err" | grep '^zmqcat: pub: ')" \
    "zmqcat: pub: listening ipc://$TMP/m2.sock
zmqcat: pub: monitor stopped" "two sockets: pub: listening ... monitor stopped"
is "$(mon "$TMP/two.err" | grep -Evc '^zmqcat: (pull|pub): ')" 0 \
    "two sockets: nothing else on stderr"

# 5. --wait-peers 2: stdin is held until two late subscribers are ready
# (their subscriptions in), so both get all of 1..10, message 1 too. The
# second starts only once the publisher has counted the first.
# late_subs NAME START: a PUB that waits for two subscribers, which
# START (sub_zc or sub_py) starts, one after the other.
sub_zc() {	# sub_zc N: a zmqcat SUB taking 10 messages
	zc_bg "$TMP/$wname.s$1.out" "$TMP/$wname.s$1.err" -s "SUB:connect:$EP" \
	    -c 10 -W $T
	SPID=$ZC_PID
}
sub_py() {	# sub_py N: a pyzmq SUB taking 10 messages
	py_bg "$TMP/$wname.s$1.out" "$TMP/$wname.s$1.err" sub.py "$EP" "" 10 $T
	SPID=$PY_PID
}
late_subs() {
	wname=$1
	zc_fed "$wname" 'seq 1 10' -s "PUB:bind:$any" --wait-peers 2 -e -v -W $T
	wpub=$ZC_PID
	EP=$(bound_endpoint "$TMP/$wname.err" pub)
	ok "$([ -n "$EP" ]; echo $?)" "$wname: PUB bound ${EP:-nothing}"
	: "${EP:=tcp://127.0.0.1:1}"
	$2 1
	s1=$SPID
	wait_short "$TMP/$wname.err" '^zmqcat: pub: 1 of 2 peers ready$'
	ok $? "$wname: the PUB counts the first subscriber before the second starts"
	$2 2
	s2=$SPID
	wait_exit "$wpub"
	is "$ST" 0 "$wname: the PUB ended with status 0"
	is "$(cat "$TMP/$wname.err")" "zmqcat: pub bound $EP
zmqcat: waiting for 2 peers on each socket stdin feeds before reading it
zmqcat: pub: 1 of 2 peers ready
zmqcat: 2 peers ready; reading stdin" \
	    "$wname: -v: waiting for 2 peers, 1 of 2, 2 peers ready; reading stdin"
	for k in 1 2; do
		eval "spid=\$s$k"
		wait_exit "$spid"
		is "$ST" 0 "$wname: subscriber $k got 10 messages, status 0"
		same_bytes "$TMP/$wname.s$k.out" "$TMP/ten" \
		    "$wname: subscriber $k got exactly 1..10, 1 included"
	done
}
late_subs wpzc sub_zc
if need_pyzmq "wppy: two pyzmq SUBs"; then
	late_subs wppy sub_py
fi

# PUSH and two late PULLs: all 10 arrive, split between the two.
zc_fed wpush 'seq 1 10' -s "PUSH:bind:$any" --wait-peers 2 -e -v -W $T
wpush=$ZC_PID
EP=$(bound_endpoint "$TMP/wpush.err" push)
ok "$([ -n "$EP" ]; echo $?)" "wpush: PUSH bound ${EP:-nothing}"
: "${EP:=tcp://127.0.0.1:1}"
zc_bg "$TMP/wp1.out" "$TMP/wp1.err" -s "PULL:connect:$EP" -W $T
p1=$ZC_PID
wait_short "$TMP/wpush.err" '^zmqcat: push: 1 of 2 peers ready$'
ok $? "wpush: the PUSH counts the first PULL before the second starts"
zc_bg "$TMP/wp2.out" "$TMP/wp2.err" -s "PULL:connect:$EP" -W $T
p2=$ZC_PID
wait_exit "$wpush"
is "$ST" 0 "wpush: the PUSH ended with status 0"
is "$(mon "$TMP/wpush.err")" "zmqcat: push bound $EP
zmqcat: waiting for 2 peers on each socket stdin feeds before reading it
zmqcat: push: 1 of 2 peers ready
zmqcat: 2 peers ready; reading stdin" \
    "wpush: -v: waiting for 2 peers, 1 of 2, 2 peers ready; reading stdin"
wait_total 10 "$TMP/wp1.out" "$TMP/wp2.out"
kill -TERM "$p1" "$p2"
wait_exit "$p1"
is "$ST" 0 "wpush: PULL 1 ended by SIGTERM, status 0"
wait_exit "$p2"
is "$ST" 0 "wpush: PULL 2 ended by SIGTERM, status 0"
cat "$TMP/wp1.out" "$TMP/wp2.out" | sort -n >"$TMP/wp.all"
same_bytes "$TMP/wp.all" "$TMP/ten" "wpush: 1..10 arrived, each once"
ok "$([ -s "$TMP/wp1.out" ] && [ -s "$TMP/wp2.out" ]; echo $?)" \
    "wpush: split between the two ($(wc -l <"$TMP/wp1.out" | tr -d ' ') and $(wc -l <"$TMP/wp2.out" | tr -d ' '))"
sort -n "$TMP/wp1.out" >"$TMP/wp1.sorted"
sort -n "$TMP/wp2.out" >"$TMP/wp2.sorted"
ok "$(cmp -s "$TMP/wp1.out" "$TMP/wp1.sorted" &&
    cmp -s "$TMP/wp2.out" "$TMP/wp2.sorted"; echo $?)" \
    "wpush: each PULL got its share in order"

# 6. A run that ends while still holding stdin: exit 3 and a line saying
# how far it got. No peer at all (-W, and -T):
seq 1 10 | zc -s "PUB:bind:ipc://$TMP/w0.sock" --wait-peers 2 -W 0.3 \
    >"$TMP/w0.out" 2>"$TMP/w0.err"
is "$?" 3 "nopeer: -W 0.3 while waiting for 2 peers: status 3"
is "$(mon "$TMP/w0.out" "$TMP/w0.err")" \
    "zmqcat: pub: 0 of 2 peers ready when the run ended; stdin was not read" \
    "nopeer: stderr says 0 of 2 peers were ready and stdin was not read"
seq 1 10 | zc -s "PUSH:connect:$gone" --wait-peers 2 -T 0.3 \
    >"$TMP/t0.out" 2>"$TMP/t0.err"
is "$?" 3 "nopeer -T: -T 0.3 while waiting for 2 peers: status 3"
is "$(mon "$TMP/t0.out" "$TMP/t0.err")" \
    "zmqcat: push: 0 of 2 peers ready when the run ended; stdin was not read" \
    "nopeer -T: stderr says 0 of 2 peers were ready"

# One subscriber of two: 1 of 2. (-W: time for one zmqcat to start and
# subscribe, then the wait for the second, which never comes.)
W=$ZC_SLOW
zc_fed w1 'seq 1 10' -s "PUB:bind:ipc://$TMP/w1.sock" --wait-peers 2 -W $W
w1=$ZC_PID
EP=ipc://$TMP/w1.sock
wait_sock "$TMP/w1.sock"
zc_bg "$TMP/w1s.out" "$TMP/w1s.err" -s "SUB:connect:$EP" -W $T
w1s=$ZC_PID
wait_exit "$w1"
is "$ST" 3 "onepeer: -W $W with 1 of 2 subscribers: status 3"
is "$(mon "$TMP/w1.out" "$TMP/w1.err")" \
    "zmqcat: pub: 1 of 2 peers ready when the run ended; stdin was not read" \
    "onepeer: stderr says 1 of 2 peers were ready"
kill -TERM "$w1s"
wait_exit "$w1s"
is "$(cat "$TMP/w1s.out")" "" "onepeer: the subscriber got nothing"

# A PUB cannot tell which peer sent a subscription, so zmqcat takes the
# smaller of two counts: peers past their handshake, and subscriptions.
# One SUB with two topics and an XSUB that never subscribes make 2 and 2:
# stdin is read. The XSUB gets nothing, as it would without the wait (it
# subscribed to nothing); the SUB gets what its topics match, from 1 on.
zc_fed w2 'seq 1 10' -s "PUB:bind:ipc://$TMP/w2.sock" --monitor -v \
    --wait-peers 2 -e -W $T
w2=$ZC_PID
EP=ipc://$TMP/w2.sock
wait_sock "$TMP/w2.sock"
zc_bg "$TMP/w2a.out" "$TMP/w2a.err" -s "SUB:connect:$EP" --subscribe 1 \
    --subscribe 2 --monitor -W $T
w2a=$ZC_PID
wait_for "$TMP/w2a.err" "^zmqcat: ${TS}sub: handshake succeeded "
zc_bg "$TMP/w2b.out" "$TMP/w2b.err" -s "XSUB:connect:$EP" --monitor -W $T
w2b=$ZC_PID
wait_for "$TMP/w2b.err" "^zmqcat: ${TS}xsub: handshake succeeded "
wait_exit "$w2"
is "$ST" 0 "twotopics: a SUB with two topics and a silent XSUB: status 0"
is "$(mon "$TMP/w2.err" | grep -c '^zmqcat: pub: handshake succeeded ')" 2 \
    "twotopics: both peers shook hands with the PUB"
is "$(mon "$TMP/w2.err" | grep -E '^zmqcat: [0-9]+ peers? ready')" \
    "zmqcat: 2 peers ready; reading stdin" \
    "twotopics: two handshakes and two subscriptions: 2 peers ready"
wait_lines "$TMP/w2a.out" 3
is "$(cat "$TMP/w2a.out")" "1
2
10" "twotopics: the SUB got every message its topics match, 1 first"
kill -TERM "$w2a" "$w2b"
wait_exit "$w2a"
wait_exit "$w2b"
is "$(cat "$TMP/w2b.out")" "" "twotopics: the XSUB, subscribed to nothing, got nothing"

# A subscriber that has left counts no more: SUB A subscribes and is
# ended; then an XSUB that never subscribes and a SUB C shake hands: 1 of
# 2 (only C has subscribed), and stdin is not read. (-W: time for the
# three to come and one to go, then the wait for a second subscriber.)
zc_fed w3 'seq 1 10' -s "PUB:bind:ipc://$TMP/w3.sock" --monitor -v \
    --wait-peers 2 -W $((2 * ZC_SLOW))
w3=$ZC_PID
EP=ipc://$TMP/w3.sock
wait_sock "$TMP/w3.sock"
zc_bg "$TMP/w3a.out" "$TMP/w3a.err" -s "SUB:connect:$EP" -W $T
w3a=$ZC_PID
wait_short "$TMP/w3.err" '^zmqcat: pub: 1 of 2 peers ready$' &&
    kill -0 "$w3" 2>/dev/null
st=$?
ok $st "left: SUB A is counted (1 of 2) while the PUB still waits"
kill -TERM "$w3a"
wait_exit "$w3a"
: >"$TMP/w3b.err"
: >"$TMP/w3c.err"
w3b="" w3c=""
# (without the count above there is nothing to test: do not wait)
if [ "$st" = 0 ] && wait_for "$TMP/w3.err" "^zmqcat: ${TS}pub: disconnected "; then
	zc_bg "$TMP/w3b.out" "$TMP/w3b.err" -s "XSUB:connect:$EP" --monitor -W $T
	w3b=$ZC_PID
	wait_for "$TMP/w3b.err" "^zmqcat: ${TS}xsub: handshake succeeded "
	zc_bg "$TMP/w3c.out" "$TMP/w3c.err" -s "SUB:connect:$EP" --monitor -W $T
	w3c=$ZC_PID
	wait_for "$TMP/w3c.err" "^zmqcat: ${TS}sub: handshake succeeded "
fi
wait_exit "$w3"
is "$ST" 3 "left: a SUB that left, a silent XSUB and a SUB: status 3"
is "$(mon "$TMP/w3.err" | grep -c '^zmqcat: pub: handshake succeeded ')" 3 \
    "left: all three peers shook hands with the PUB"
is "$(mon "$TMP/w3.err" | grep -E '^zmqcat: (pub: [0-9]+ of 2|[0-9]+ peers? ready)')" \
    "zmqcat: pub: 1 of 2 peers ready
zmqcat: pub: 0 of 2 peers ready
zmqcat: pub: 1 of 2 peers ready
zmqcat: pub: 1 of 2 peers ready when the run ended; stdin was not read" \
    "left: 1 of 2, 0 of 2 when A left, 1 of 2 with C: the gone SUB is not counted"
for p in $w3b $w3c; do
	kill -TERM "$p"
	wait_exit "$p"
done
is "$(cat "$TMP/w3a.out" "$TMP/w3b.out" "$TMP/w3c.out")" "" \
    "left: stdin was not read: the peers got nothing"

# 7. The usage errors of --wait-peers are in usage.sh.

# 8. --stats: peers connected now. A PULL with two PUSH peers, both
# still connected at the end (their stdin ends once the table is out).
stats_peers() {	# stats_peers NAME ARGS...
	_sn=$1
	shift
	zc_bg "$TMP/$_sn.out" "$TMP/$_sn.err" -s "PULL:bind:$any" -v -c 2 \
	    --stats -W $T "$@"
	_sp=$ZC_PID
	EP=$(bound_endpoint "$TMP/$_sn.err" pull)
	: "${EP:=tcp://127.0.0.1:1}"
	zc_fed "$_sn.a" "echo a; wait_for \"\$TMP/$_sn.err\" '\"stats\"|stats after'" \
	    -s "PUSH:connect:$EP"
	_pa=$ZC_PID
	zc_fed "$_sn.b" "echo b; wait_for \"\$TMP/$_sn.err\" '\"stats\"|stats after'" \
	    -s "PUSH:connect:$EP"
	_pb=$ZC_PID
	wait_exit "$_sp"
	is "$ST" 0 "$_sn: -c 2 ends the PULL, status 0"
	wait_exit "$_pa"
	_sa=$ST
	wait_exit "$_pb"
	is "$_sa $ST" "0 0" "$_sn: both PUSH peers ended, status 0"
}
stats_peers st
is "$(stat_col peers pull "$TMP/st.err")" 2 "st: --stats: peers 2 for the PULL"
is "$(stat_col in pull "$TMP/st.err")" 2 "st: --stats: in 2"
is "$(sort "$TMP/st.out")" "a
b" "st: got a and b"
stats_peers stj -J
ok "$(grep -Fq '{"name":"pull","type":"PULL","peers":2,"in":2,' "$TMP/stj.err"
    echo $?)" "stj: --stats -J: \"peers\":2 for the PULL"
is "$(mon "$TMP/stj.err" | grep -Evc '^zmqcat: pull bound |^\{"stats":')" 0 \
    "stj: nothing else on stderr"

# Connected now, not ever: a third peer that came and went is not counted.
zc_bg "$TMP/sn.out" "$TMP/sn.err" -s "PULL:bind:$any" -v --monitor -c 3 \
    --stats -W $T
sn=$ZC_PID
EP=$(bound_endpoint "$TMP/sn.err" pull)
: "${EP:=tcp://127.0.0.1:1}"
echo gone | zc -s "PUSH:connect:$EP" -e >"$TMP/sn.g" 2>&1
is "$?" 0 "stnow: a PUSH sent gone and left, status 0"
wait_for "$TMP/sn.err" "^zmqcat: ${TS}pull: disconnected "
zc_fed sn.a "echo a; wait_for \"\$TMP/sn.err\" 'stats after'" -s "PUSH:connect:$EP"
sa=$ZC_PID
zc_fed sn.b "echo b; wait_for \"\$TMP/sn.err\" 'stats after'" -s "PUSH:connect:$EP"
sb=$ZC_PID
wait_exit "$sn"
is "$ST" 0 "stnow: -c 3 ends the PULL, status 0"
wait_exit "$sa"
wait_exit "$sb"
is "$(stat_col peers pull "$TMP/sn.err")" 2 \
    "stnow: --stats: peers 2 (the one that left is not counted)"
is "$(stat_col in pull "$TMP/sn.err")" 3 "stnow: --stats: in 3"

done_testing
