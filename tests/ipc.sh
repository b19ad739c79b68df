#!/bin/sh
# Nothing sent over ipc is lost at the close (libzmq issue 4660: a
# receiver behind its high-water mark takes the sender's close for an
# error and drops what is still in the socket). zmqcat holds each ipc
# connection open until its peer has read everything: `-e` delivers all
# of stdin, a route all it took, and when a peer stops reading, the run
# says what may be lost and exits 1, never 0. The receivers here keep a
# high-water mark of 10, so they are behind when the sender closes.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

N=200000
RUNS=3
if [ "$ZC_SLOW" -gt 1 ]; then	# valgrind: a tenth, once
	N=20000
	RUNS=1
fi
seq 1 $N >"$TMP/msgs"
# The closes below wait only until the peer has read everything; the
# linger bounds that wait, so it is long here for a slow (valgrinded)
# forwarder to drain a full socket, and costs nothing when it is fast.
LINGER=$(slow 10000)

# receiver NAME EP ARGS...: a zmqcat PULL bound at EP, RCVHWM 10, until
# it has N messages or has been idle 2 s; sets RPID.
receiver() {
	_n=$1 _ep=$2
	shift 2
	zc_bg "$TMP/$_n.out" "$TMP/$_n.err" -s "PULL:bind:$_ep" -o rcvhwm=10 \
	    -c $N -T "$(slow 2)" "$@"
	RPID=$ZC_PID
	wait_sock "${_ep#ipc://}"
}

# 1. -e: every line of stdin arrives, run after run.
i=0
while [ $i -lt $RUNS ]; do
	i=$((i + 1))
	receiver e$i "ipc://$TMP/e$i.sock"
	zc -s "PUSH:connect:ipc://$TMP/e$i.sock" -e --linger "$LINGER" \
	    <"$TMP/msgs" \
	    >"$TMP/e$i.sout" 2>"$TMP/e$i.serr"
	is "$?:$(cat "$TMP/e$i.sout" "$TMP/e$i.serr")" "0:" \
	    "-e run $i: the sender ends with status 0, quietly"
	wait_exit "$RPID"
	is "$ST" 0 "-e run $i: the receiver got its $N messages"
	same_bytes "$TMP/e$i.out" "$TMP/msgs" "-e run $i: all $N, in order"
done

# 2. A route through a forwarder with HWM 10 both ways, ended by -c:
# all it took went on.
receiver fr "ipc://$TMP/fr.sock"
fin=$ZC_PID
zc_bg "$TMP/fw.out" "$TMP/fw.err" -s "PULL:bind:ipc://$TMP/fw.sock" \
    -s "PUSH:connect:ipc://$TMP/fr.sock" -o sndhwm=10 -r pull:push -c $N \
    --linger "$LINGER"
fw=$ZC_PID
wait_sock "$TMP/fw.sock"
zc -s "PUSH:connect:ipc://$TMP/fw.sock" -e --linger "$LINGER" <"$TMP/msgs"
is "$?" 0 "route: the sender ends with status 0"
wait_exit "$fw"
is "$ST:$(cat "$TMP/fw.err")" "0:" "route: -c $N ends the forwarder with status 0"
RPID=$fin
wait_exit "$RPID"
is "$ST" 0 "route: the receiver got its $N messages"
same_bytes "$TMP/fr.out" "$TMP/msgs" "route: all $N, in order"

# 3. A peer that stops reading: what it did not read may be lost, so the
# sender says so and fails, after the linger. (A thousand lines: all fit
# in the socket, so the sender does not wait for room first.)
seq 1 1000 >"$TMP/few"
receiver st "ipc://$TMP/st.sock"
kill -STOP "$RPID"
zc -s "PUSH:connect:ipc://$TMP/st.sock" -e --linger 300 <"$TMP/few" \
    >"$TMP/st.sout" 2>"$TMP/st.serr"
is "$?" 1 "a stopped peer: the sender ends with status 1"
grep -Eqx 'zmqcat: push: the peer had not read the last [0-9]+ bytes sent over ipc when the linger ran out; they may be lost' \
    "$TMP/st.serr"
ok $? "a stopped peer: the sender says what may be lost"
kill -CONT "$RPID"
kill "$RPID"
wait_exit "$RPID"

done_testing
