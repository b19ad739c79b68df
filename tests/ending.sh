#!/bin/sh
# Ending a run: -c, -W, -T (and status 3 when they cut a --count short),
# SIGTERM and SIGINT keeping what was received, ending by itself once
# there is nothing left to do, linger when no peer ever comes, -e giving
# up on a full queue without a peer, a closed stdout (| head), and -e
# with a peer. Every peer is another zmqcat.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

seq 1 10 >"$TMP/ten"
seq 1 5 >"$TMP/five"
seq 1 3 >"$TMP/three"
printf '1\n2\n' >"$TMP/two"
seq 1 1000 >"$TMP/thousand"
seq 1 100000 >"$TMP/seq100k"

# 1. -c 3 stops after 3 messages though 10 are sent.
recv count -c 3
send count "$TMP/ten" -e
is "$SST" 0 "count: sender -e status 0"
wait_exit "$RPID"
is "$ST" 0 "count: -c 3 ends the receiver with status 0"
same_bytes "$TMP/count.out" "$TMP/three" "count: exactly 3 messages printed"
quiet count "nothing on stderr"

# 2. -W: the whole run is bounded; status 3 only when --count is not met.
t0=$(now_ms)
zc -s 'PULL:bind:tcp://127.0.0.1:*' -W 0.5 </dev/null \
    >"$TMP/w.out" 2>"$TMP/w.err"
is $? 0 "-W 0.5 with nothing sent and no -c: status 0"
took 450 5000 "$t0" "-W 0.5: ends after half a second"
is "$(cat "$TMP/w.out")" "" "-W 0.5: nothing on stdout"
is "$(cat "$TMP/w.err")" "" "-W 0.5: nothing on stderr"

# (-W: time for a sender to start and send its 2, then the wait for 3
# more, which never come)
W=$(slow 1)
t0=$(now_ms)
recv wcount -c 5 -W "$W"
send wcount "$TMP/two" -e
is "$SST" 0 "wcount: sender -e status 0"
wait_exit "$RPID"
is "$ST" 3 "wcount: -c 5 -W $W with 2 messages: status 3"
took 900 8000 "$t0" "wcount: ends when -W runs out"
same_bytes "$TMP/wcount.out" "$TMP/two" "wcount: the 2 messages were printed"
quiet wcount "no error on stderr"

# 3. -T: idle time, not run time. Alone it ends after 0.5 s (status 0);
# fed a message every 200 ms for a second it ends -T after the last one:
# status 0 without -c, 3 with a -c that was not reached. That -T must
# outlast the sender's start-up and its 200 ms gaps on a busy machine
# (and more under valgrind); a -T counted from the start would end the
# run before the last message.
t0=$(now_ms)
zc -s 'PULL:bind:tcp://127.0.0.1:*' -T 0.5 </dev/null \
    >"$TMP/t.out" 2>"$TMP/t.err"
is $? 0 "-T 0.5 with nothing sent and no -c: status 0"
took 450 5000 "$t0" "-T 0.5: ends after half a second"
is "$(cat "$TMP/t.out" "$TMP/t.err")" "" "-T 0.5: prints nothing"

seq 0 4 >"$TMP/demo.exp"
IDLE=$(slow 1.5)	# room for the sender to start on a loaded machine
for c in "" 10; do
	name=idle${c:+c}
	t0=$(now_ms)
	recv $name -T "$IDLE" ${c:+-c $c}
	zc --demo-server --interval 200 -c 5 -s "PUSH:connect:$EP" \
	    </dev/null >"$TMP/$name.dout" 2>"$TMP/$name.derr"
	is $? 0 "$name: demo server sent 0..4, one every 200 ms"
	wait_exit "$RPID"
	want=0
	[ -n "$c" ] && want=3
	is "$ST" "$want" "$name: -T $IDLE${c:+ -c $c} ends with status $want"
	took 1700 6000 "$t0" "$name: ends -T after the last message, not before"
	same_bytes "$TMP/$name.out" "$TMP/demo.exp" "$name: got 0..4"
	quiet $name "no error on stderr"
done

# 4. SIGTERM and SIGINT end a receiver with status 0, all it received on
# stdout: once idle (exactly what was sent), and in the middle of a
# stream (exactly seq 1 K, K lines whole, nothing cut).
seq 1 3000000 >"$TMP/big"
for sig in TERM INT; do
	name=idle$sig
	recv $name
	send $name "$TMP/thousand" -e
	is "$SST" 0 "$name: sender -e status 0"
	wait_lines "$TMP/$name.out" 1000
	kill -$sig "$RPID"
	wait_exit "$RPID"
	is "$ST" 0 "$name: SIG$sig ends an idle receiver with status 0"
	same_bytes "$TMP/$name.out" "$TMP/thousand" "$name: all 1000 messages printed"
	quiet $name "nothing on stderr"

	name=busy$sig
	recv $name
	"$ZMQCAT" -s "PUSH:connect:$EP" -e --linger 100 <"$TMP/big" \
	    >/dev/null 2>&1 &
	spid=$!
	track $spid
	wait_lines "$TMP/$name.out" 1000
	kill -$sig "$RPID"
	wait_exit "$RPID"
	is "$ST" 0 "$name: SIG$sig ends a busy receiver with status 0"
	k=$(wc -l <"$TMP/$name.out" | tr -d ' ')
	seq 1 "$k" >"$TMP/$name.exp"
	ok "$([ "$k" -ge 1000 ]; echo $?)" "$name: got at least 1000 lines ($k)"
	same_bytes "$TMP/$name.out" "$TMP/$name.exp" \
	    "$name: stdout is exactly seq 1 $k, no message cut or lost"
	quiet $name "nothing on stderr"
	kill "$spid" 2>/dev/null
	wait_exit "$spid"
done

# 5. Nothing left to do: no -e, stdin ends, no socket can receive; it
# exits 0 by itself, like cat, and the messages arrive.
recv cat -c 2
send cat "$TMP/two"
is "$SST" 0 "cat: PUSH without -e ends by itself at the end of stdin, status 0"
wait_exit "$RPID"
is "$ST" 0 "cat: receiver got 2 messages"
same_bytes "$TMP/cat.out" "$TMP/two" "cat: both messages arrived"

# 6. No peer ever: linger bounds the wait at the end; status 1, and what
# was not delivered is reported. The port is one a zmqcat bound, then
# left.
recv gone
kill "$RPID"
wait_exit "$RPID"
is "$ST" 0 "gone: a port bound and freed ($EP)"
t0=$(now_ms)
zc -s "PUSH:connect:$EP" <"$TMP/three" >"$TMP/nopeer.out" \
    2>"$TMP/nopeer.err"
st=$?
ms1=$(since "$t0")
is "$st" 1 "nopeer: no peer within the default linger: status 1 (124: hung)"
took 900 5000 "$t0" "nopeer: ends after about 1000 ms"
is "$(cat "$TMP/nopeer.err")" \
    "zmqcat: push: no peer connected within 1000 ms; 3 messages not delivered" \
    "nopeer: stderr says 3 messages not delivered within 1000 ms"
is "$(cat "$TMP/nopeer.out")" "" "nopeer: nothing on stdout"

t0=$(now_ms)
zc -s "PUSH:connect:$EP" --linger 200 <"$TMP/three" \
    >"$TMP/linger.out" 2>"$TMP/linger.err"
st=$?
ms2=$(since "$t0")
is "$st" 1 "linger: --linger 200 with no peer: status 1"
is "$(cat "$TMP/linger.err")" \
    "zmqcat: push: no peer connected within 200 ms; 3 messages not delivered" \
    "linger: stderr says 3 messages not delivered within 200 ms"
ok "$([ "$HAVE_MS" = 0 ] || [ "$ms2" -lt "$ms1" ]; echo $?)" \
    "linger: --linger 200 ends sooner ($ms2 ms) than the default ($ms1 ms)"

# 7. -e with no peer and more input than the queue holds: it gives up
# after the linger time instead of hanging.
t0=$(now_ms)
seq 1 100000 | zc -s "PUSH:connect:$EP" -e >"$TMP/hwm.out" 2>"$TMP/hwm.err"
st=$?
is "$st" 1 "hwm: -e, full queue, no peer: status 1 (124: hung)"
took 900 6000 "$t0" "hwm: gives up after the linger time"
ok "$(grep -Eqx 'zmqcat: stdin: [0-9]+ messages not sent: push had no peer for 1000 ms' \
    "$TMP/hwm.err"; echo $?)" "hwm: stderr says how many messages were not sent, and why"
is "$(cat "$TMP/hwm.out")" "" "hwm: nothing on stdout"

# 8. A closed stdout: a receiver fed a stream, piped into head -n 3,
# ends quietly with status 0 once head has gone. (ipc, so no -v is
# needed to learn the endpoint, and stderr must stay empty.)
EP=ipc://$TMP/head.sock
: >"$TMP/head.err"
{
	"$ZMQCAT" -s "PULL:bind:$EP" </dev/null 2>"$TMP/head.err" &
	echo $! >"$TMP/head.pid"
	wait $!
	echo $? >"$TMP/head.st"
} | head -n 3 >"$TMP/head.out" &
hpid=$!
track $hpid
wait_for "$TMP/head.pid" '^[0-9]+$' && track "$(cat "$TMP/head.pid")"
wait_sock "$TMP/head.sock"
ok $? "head: receiver bound $EP"
t0=$(now_ms)
"$ZMQCAT" -s "PUSH:connect:$EP" -e --linger 100 <"$TMP/seq100k" \
    >/dev/null 2>&1 &
spid=$!
track $spid
wait_exit "$hpid"
is "$ST" 0 "head: the pipeline ends, head status 0"
wait_for "$TMP/head.st" '^[0-9]+$'
took 0 3000 "$t0" "head: the pipeline ends quickly"
is "$(cat "$TMP/head.st" 2>/dev/null)" 0 "head: zmqcat exits 0 when stdout closes"
is "$(cat "$TMP/head.out")" "1
2
3" "head: head printed 1 2 3"
is "$(cat "$TMP/head.err")" "" "head: nothing on zmqcat's stderr"
kill "$spid" 2>/dev/null
wait_exit "$spid"

# 9. -e with a peer: exits 0 once all is sent, and all of it arrives.
recv eof -c 5
send eof "$TMP/five" -e
is "$SST" 0 "eof: seq 5 | zmqcat -e exits 0"
wait_exit "$RPID"
is "$ST" 0 "eof: receiver got 5 messages"
same_bytes "$TMP/eof.out" "$TMP/five" "eof: 1..5 arrived in order"
quiet eof "nothing on stderr"

done_testing
