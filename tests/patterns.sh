#!/bin/sh
# zmqcat in the classic ZeroMQ patterns, against pyzmq peers: a request
# broker (ROUTER/DEALER) between REQ clients and REP workers, an
# XSUB/XPUB forwarder, the PULL -> PUB worker with format=, and
# backpressure: a slow consumer behind a full PUSH loses nothing, and a
# drop route loses only what it counts.
#
# Needs PYTHON_ZMQ: a python3 that can `import zmq`. Without one the file
# is skipped, or fails when ZMQCAT_REQUIRE_INTEROP=1.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

require_pyzmq

# What verbose_only leaves out here too: --monitor's events and the
# --stats table.
NOTES='^zmqcat: [0-9:.]* [a-z0-9_-]+: (listening|accepted|handshake succeeded|disconnected|closed|monitor stopped)( |$)|^zmqcat: stats after |^(socket|route|peer) |^[a-z][a-z0-9_:-]* +[A-Z]* +[0-9 .]+$'

T=$((10 * ZC_SLOW))	# seconds a peer may wait for progress
any='tcp://127.0.0.1:*'

# 1. A request broker: ROUTER for the clients, DEALER for the workers.
# Three REQ clients send 100 requests each (b"ID-N"); two REP workers
# answer b"re:" + request. Every client gets exactly its own 100 replies,
# in order; the workers together saw each request exactly once.
zc_bg "$TMP/br.out" "$TMP/br.err" -s "ROUTER:bind:$any" -s "DEALER:bind:$any" \
    -r router:dealer -r dealer:router -v --monitor
broker=$ZC_PID
fe=$(bound_endpoint "$TMP/br.err" router)
be=$(bound_endpoint "$TMP/br.err" dealer)
ok "$([ -n "$fe" ] && [ -n "$be" ]; echo $?)" \
    "broker bound ROUTER $fe and DEALER $be"
py_bg "$TMP/w1.out" "$TMP/w1.err" rep_worker.py "$be" $((2 * T))
w1=$PY_PID
py_bg "$TMP/w2.out" "$TMP/w2.err" rep_worker.py "$be" $((2 * T))
w2=$PY_PID
wait_count "$TMP/br.err" "^zmqcat: ${TS}dealer: handshake succeeded " 2
ok $? "broker: both workers connected to the DEALER"
clients=""
for c in a b c; do
	py_bg "$TMP/c$c.out" "$TMP/c$c.err" req_client.py "$fe" "$c" 100 $T
	clients="$clients $PY_PID"
done
set -- $clients
for c in a b c; do
	wait_exit "$1"
	shift
	is "$ST" 0 "broker: client $c got 100 right replies, status 0"
	seq 0 99 | sed "s/^/re:$c-/" >"$TMP/c$c.exp"
	same_bytes "$TMP/c$c.out" "$TMP/c$c.exp" \
	    "broker: client $c got re:$c-0 .. re:$c-99, its own, in order"
	is "$(cat "$TMP/c$c.err")" "" "broker: client $c says nothing on stderr"
done
for w in $w1 $w2; do
	term_ok "$w" "broker: a worker ends with status 0 on SIGTERM"
done
n1=$(wc -l <"$TMP/w1.out" | tr -d ' ')
n2=$(wc -l <"$TMP/w2.out" | tr -d ' ')
ok "$([ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; echo $?)" \
    "broker: the DEALER shared the work ($n1 and $n2 requests)"
sort "$TMP/ca.exp" "$TMP/cb.exp" "$TMP/cc.exp" | sed 's/^re://' >"$TMP/req.exp"
sort "$TMP/w1.out" "$TMP/w2.out" >"$TMP/req.got"
same_bytes "$TMP/req.got" "$TMP/req.exp" \
    "broker: the workers saw all 300 requests, each exactly once"
term_ok "$broker" "broker: SIGTERM ends it with status 0"
is "$(cat "$TMP/br.out")" "" "broker: nothing on stdout"
is "$(verbose_only "$TMP/br.err" "$NOTES")" "" "broker: no error on stderr"

# 2. An XSUB/XPUB forwarder: subscriptions go up (xpub:xsub), messages
# down (xsub:xpub). A pyzmq PUB on the XSUB side publishes topics A, B
# and C on and on; pyzmq SUBs on the XPUB side, subscribed to A and to B,
# each get 200 messages of their topic only. The forwarder also tees to
# stdout: C never shows there, as nobody subscribed to it upstream.
zc_bg "$TMP/fw.out" "$TMP/fw.err" -s "XSUB:bind:$any" -s "XPUB:bind:$any" \
    -r xsub:xpub -r xpub:xsub -r xsub:stdout -v
fw=$ZC_PID
up=$(bound_endpoint "$TMP/fw.err" xsub)
down=$(bound_endpoint "$TMP/fw.err" xpub)
ok "$([ -n "$up" ] && [ -n "$down" ]; echo $?)" \
    "forwarder bound XSUB $up and XPUB $down"
py_bg "$TMP/sA.out" "$TMP/sA.err" sub.py "$down" A 200 $T
sa=$PY_PID
py_bg "$TMP/sB.out" "$TMP/sB.err" sub.py "$down" B 200 $T
sb=$PY_PID
py_bg "$TMP/pub.out" "$TMP/pub.err" pub_topics.py "$up" A,B,C $((2 * T))
pub=$PY_PID
for t in A B; do
	case $t in A) p=$sa ;; B) p=$sb ;; esac
	wait_exit "$p"
	is "$ST" 0 "forwarder: the SUB for $t got 200 messages, status 0"
	is "$(grep -Evc "^$t [1-9][0-9]*\$" "$TMP/s$t.out")" 0 \
	    "forwarder: the SUB for $t saw only '$t N' messages"
	is "$(wc -l <"$TMP/s$t.out" | tr -d ' ')" 200 \
	    "forwarder: the SUB for $t printed 200 lines"
	ok "$(sed 's/.* //' "$TMP/s$t.out" | awk '
	    NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { exit bad }'
	    echo $?)" "forwarder: the SUB for $t got them in order"
done
term_ok "$pub" "forwarder: the publisher ends with status 0 on SIGTERM"
term_ok "$fw" "forwarder: SIGTERM ends it with status 0"
is "$(grep -c '^C ' "$TMP/fw.out")" 0 \
    "forwarder: topic C, never subscribed, never crossed it"
ok "$(grep -q '^A ' "$TMP/fw.out" && grep -q '^B ' "$TMP/fw.out"; echo $?)" \
    "forwarder: its xsub:stdout tee saw topics A and B"
is "$(verbose_only "$TMP/fw.err" "$NOTES")" "" "forwarder: no error on stderr"

# 3. The classic worker: tasks from a pyzmq PUSH, results published as
# 'result1 Processed: TASK' to a pyzmq SUB subscribed to result1. The
# peer warms the path up with its own tasks until a result comes back
# (the slow joiner), then sends 50 tasks and wants all 50 results in
# order.
py_bg "$TMP/te.out" "$TMP/te.err" task_ends.py "$any" "$any" result1 50 $T
te=$PY_PID
push_ep=$(py_endpoint "$TMP/te.err" task_ends push)
sub_ep=$(py_endpoint "$TMP/te.err" task_ends sub)
ok "$([ -n "$push_ep" ] && [ -n "$sub_ep" ]; echo $?)" \
    "task_ends.py bound PUSH $push_ep and SUB $sub_ep"
zc_bg "$TMP/wk.out" "$TMP/wk.err" -s "PULL:connect:$push_ep" \
    -s "PUB:connect:$sub_ep" -r 'pull:pub,format=result1 Processed: %s' -v
wk=$ZC_PID
wait_exit "$te"
is "$ST" 0 "worker: task_ends.py got all 50 results, status 0"
seq 1 50 | sed 's/^/result1 Processed: task-/' >"$TMP/te.exp"
same_bytes "$TMP/te.out" "$TMP/te.exp" \
    "worker: 'result1 Processed: task-N' for N = 1..50, in order"
term_ok "$wk" "worker: SIGTERM ends zmqcat with status 0"
is "$(cat "$TMP/wk.out")" "" "worker: zmqcat prints nothing"
is "$(verbose_only "$TMP/wk.err" "$NOTES")" "" "worker: no error on zmqcat's stderr"

# 4. Backpressure, nothing dropped: 100000 numbered messages from a
# pyzmq PUSH through `-r pull:push` with sndhwm=10 to a pyzmq PULL that
# is slow for its first 20000 (and keeps little in flight: rcvhwm 100,
# a 16 KiB receive buffer). zmqcat holds what the PUSH cannot take
# and stops reading the PULL meanwhile: the consumer gets 1..100000 in
# order. zmqcat is ended with SIGTERM once the consumer has everything.
N=100000
py_bg "$TMP/bp.out" "$TMP/bp.err" slow_pull.py "$any" --expect $N \
    --slow-until 20000 --slow-every 1000 --slow-sleep 0.05 --rcvhwm 100 \
    --rcvbuf 16384 --timeout $T
cons=$PY_PID
cep=$(py_endpoint "$TMP/bp.err" slow_pull pull)
zc_bg "$TMP/bz.out" "$TMP/bz.err" -s "PULL:bind:$any" -s "PUSH:connect:$cep" \
    -o sndhwm=10 -r pull:push --stats -v
bz=$ZC_PID
ep=$(bound_endpoint "$TMP/bz.err" pull)
py_bg "$TMP/pp.out" "$TMP/pp.err" push_count.py "$ep" $N $T
prod=$PY_PID
wait_exit "$prod"
is "$ST" 0 "backpressure: the producer handed over all $N messages"
wait_exit "$cons"
is "$ST" 0 "backpressure: the consumer got $N messages, status 0"
is "$(cat "$TMP/bp.out")" \
    "count=$N first=1 last=$N increasing=yes consecutive=yes" \
    "backpressure: the consumer got exactly 1..$N, in order"
term_ok "$bz" "backpressure: SIGTERM ends zmqcat with status 0"
is "$(stat_col msgs pull:push "$TMP/bz.err") $(stat_col bytes pull:push "$TMP/bz.err")" \
    "$N 488895" "backpressure: --stats: pull:push carried $N messages"
held=$(stat_col held pull:push "$TMP/bz.err")
ok "$([ "${held:-0}" -gt 0 ] &&
    [ "$(stat_col dropped pull:push "$TMP/bz.err")" = 0 ]; echo $?)" \
    "backpressure: --stats: messages were held (${held:-?}), none dropped"
is "$(verbose_only "$TMP/bz.err" "$NOTES")" "" "backpressure: no error on zmqcat's stderr"

# 5. Backpressure with a drop route: the consumer (as small as above)
# reads 1000, stops for a second, then drains what is there, and ends
# once nothing more has come for half a second. zmqcat (-c $N, so it
# ends by itself once everything came in; a long linger so what it did
# queue reaches the consumer) drops what the full PUSH cannot take and
# counts it: delivered + dropped = sent.
py_bg "$TMP/dp.out" "$TMP/dp.err" slow_pull.py "$any" --pause-after 1000 \
    --pause 1 --idle "$(slow 0.5)" --rcvhwm 100 --rcvbuf 16384 --timeout $T
cons=$PY_PID
cep=$(py_endpoint "$TMP/dp.err" slow_pull pull)
zc_bg "$TMP/dz.out" "$TMP/dz.err" -s "PULL:bind:$any" -s "PUSH:connect:$cep" \
    -o sndhwm=10 -r pull:push,drop --stats -v -c $N --linger $((1000 * T))
dz=$ZC_PID
ep=$(bound_endpoint "$TMP/dz.err" pull)
py_bg "$TMP/dpp.out" "$TMP/dpp.err" push_count.py "$ep" $N $T
prod=$PY_PID
wait_exit "$prod"
is "$ST" 0 "drop: the producer handed over all $N messages"
wait_exit "$dz"
is "$ST" 0 "drop: -c $N ends zmqcat with status 0"
wait_exit "$cons"
is "$ST" 0 "drop: the consumer drained and ended, status 0"
got=$(sed -n 's/^count=\([0-9]*\) .*/\1/p' "$TMP/dp.out")
ok "$(grep -q ' increasing=yes ' "$TMP/dp.out"; echo $?)" \
    "drop: what the consumer got is in order ($(cat "$TMP/dp.out"))"
is "$(stat_col in pull "$TMP/dz.err")" $N "drop: --stats: the PULL took in all $N"
msgs=$(stat_col msgs pull:push "$TMP/dz.err")
dropped=$(stat_col dropped pull:push "$TMP/dz.err")
: "${msgs:=0}" "${dropped:=0}"
is "$msgs" "${got:-none}" "drop: --stats: pull:push delivered what the consumer got"
is "$((${got:-0} + dropped))" $N \
    "drop: delivered ${got:-?} + dropped $dropped = $N sent"
ok "$([ "$dropped" -gt 0 ] &&
    [ "$(stat_col held pull:push "$TMP/dz.err")" = 0 ]; echo $?)" \
    "drop: the route dropped and held nothing"
is "$(verbose_only "$TMP/dz.err" "$NOTES")" "" "drop: no error on zmqcat's stderr"

# 6. -c with a message held: big messages, small socket buffers and a
# consumer that stays slow to the end keep the PUSH full (sndhwm=1), so
# the last of the N messages -c counts is received while the PUSH cannot
# take it, and is held. It was received, so it must still go out along
# pull:push (backpressure must not lose a message): --stats must show
# all N delivered. (What the consumer itself gets is not counted here:
# libzmq may cut what is still in its own buffers when a socket closes
# on a full TCP connection.)
N=300
py_bg "$TMP/hc.out" "$TMP/hc.err" slow_pull.py "$any" --slow-until 1000000 \
    --slow-every 1 --slow-sleep 0.002 --rcvhwm 1 --rcvbuf 4096 --idle "$(slow 0.5)" \
    --timeout $T
cons=$PY_PID
cep=$(py_endpoint "$TMP/hc.err" slow_pull pull)
zc_bg "$TMP/hz.out" "$TMP/hz.err" -s "PULL:bind:$any" -s "PUSH:connect:$cep" \
    -o sndhwm=1 -o sndbuf=4096 -r pull:push --stats -v -c $N
hz=$ZC_PID
ep=$(bound_endpoint "$TMP/hz.err" pull)
py_bg "$TMP/hp.out" "$TMP/hp.err" push_count.py "$ep" $N $T 10000
prod=$PY_PID
wait_exit "$prod"
is "$ST" 0 "held at -c: the producer handed over all $N messages"
wait_exit "$hz"
is "$ST" 0 "held at -c: -c $N ends zmqcat with status 0"
is "$(stat_col in pull "$TMP/hz.err")" $N \
    "held at -c: --stats: the PULL took in all $N"
is "$(stat_col msgs pull:push "$TMP/hz.err"):$(stat_col dropped pull:push "$TMP/hz.err")" \
    "$N:0" \
    "held at -c: --stats: pull:push delivered all $N, dropped none"
is "$(verbose_only "$TMP/hz.err" "$NOTES")" "" "held at -c: no error on zmqcat's stderr"
wait_exit "$cons"
is "$ST" 0 "held at -c: the consumer drained and ended, status 0"
ok "$(grep -q ' increasing=yes ' "$TMP/hc.out"; echo $?)" \
    "held at -c: the consumer got its messages in order ($(cat "$TMP/hc.out"))"

done_testing
