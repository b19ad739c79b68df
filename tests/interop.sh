#!/bin/sh
# Interoperability with pyzmq peers: the classic poller example's Python
# emitter and client against zmqcat, binary multipart frames both ways,
# and stdin lines and frames arriving whole and in order.
#
# Needs PYTHON_ZMQ: a python3 that can `import zmq`. Without one the file
# is skipped, or fails when ZMQCAT_REQUIRE_INTEROP=1.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

require_pyzmq

# check_poller FILE K WHAT: FILE holds exactly K lines of the classic
# client's output; the PULL lines are 0, 1, 2... in order from 0, the SUB
# lines consecutive (a SUB may miss the first values: slow joiner).
check_poller() {
	_f=$1 _k=$2 _what=$3
	is "$(wc -l <"$_f" | tr -d ' ')" "$_k" "$_what: $_k lines"
	is "$(grep -Evc '^Via (PULL|SUB): (0|[1-9][0-9]*)$' "$_f")" 0 \
	    "$_what: every line is 'Via PULL: n' or 'Via SUB: n'"
	_np=$(grep -c '^Via PULL: ' "$_f")
	_ns=$(grep -c '^Via SUB: ' "$_f")
	ok "$([ "$_np" -ge 1 ] && [ "$_ns" -ge 1 ]; echo $?)" \
	    "$_what: both sockets delivered (PULL $_np, SUB $_ns)"
	is "$(sed -n 's/^Via PULL: //p' "$_f" | tr '\n' ' ')" \
	    "$(seq 0 $((_np - 1)) | tr '\n' ' ')" \
	    "$_what: PULL lines are 0, 1, 2... in order"
	ok "$(sed -n 's/^Via SUB: //p' "$_f" | awk '
	    NR > 1 && $1 != prev + 1 { bad = 1 }
	    { prev = $1 }
	    END { exit bad }'; echo $?)" \
	    "$_what: SUB lines are consecutive and increasing"
}

K=12			# lines the classic clients print before stopping
T=$((5 * ZC_SLOW))	# seconds a peer may wait for a message

# 1. The classic Python emitter against zmqcat as the classic client.
py_bg "$TMP/srv.out" "$TMP/srv.err" poller_srv.py \
    'tcp://127.0.0.1:*' 'tcp://127.0.0.1:*' 0.1 100 $((2 * T))
srv=$PY_PID
push_ep=$(py_endpoint "$TMP/srv.err" poller_srv push)
pub_ep=$(py_endpoint "$TMP/srv.err" poller_srv pub)
ok "$([ -n "$push_ep" ] && [ -n "$pub_ep" ]; echo $?)" \
    "poller_srv.py bound PUSH $push_ep and PUB $pub_ep"
zc -s "PULL:connect:$push_ep" -s "SUB:connect:$pub_ep" \
    -f 'Via %T: %s\n' -c $K -W $((2 * T)) >"$TMP/c1.out" 2>"$TMP/c1.err" </dev/null
is $? 0 "zmqcat as the poller client: -c $K ends it with status 0"
is "$(cat "$TMP/c1.err")" "" "zmqcat as the poller client: nothing on stderr"
check_poller "$TMP/c1.out" $K "poller_srv.py -> zmqcat"
kill "$srv" 2>/dev/null
wait "$srv" 2>/dev/null

# 2. zmqcat's demo server against the classic Python client.
zc_bg "$TMP/d2.out" "$TMP/d2.err" --demo-server --interval 100 -W 30 \
    -s 'PUSH:bind:tcp://127.0.0.1:*' -s 'PUB:bind:tcp://127.0.0.1:*' -v
demo=$ZC_PID
push_ep=$(bound_endpoint "$TMP/d2.err" push)
pub_ep=$(bound_endpoint "$TMP/d2.err" pub)
ok "$([ -n "$push_ep" ] && [ -n "$pub_ep" ]; echo $?)" \
    "demo server bound PUSH $push_ep and PUB $pub_ep"
bounded "$PYTHON_ZMQ" "$PY/poller.py" "$push_ep" "$pub_ep" $K $T \
    >"$TMP/p2.out" 2>"$TMP/p2.err" </dev/null
is $? 0 "poller.py against the demo server: stops after $K lines, status 0"
check_poller "$TMP/p2.out" $K "zmqcat --demo-server -> poller.py"
term_ok "$demo" "demo server: SIGTERM ends it with status 0"
is "$(cat "$TMP/d2.out")" "" "demo server: nothing on stdout"

# 3a. pyzmq PUSH: multipart and binary frames, byte-exact at zmqcat PULL.
nmsg=$("$PYTHON_ZMQ" "$PY/push_frames.py" --count)
for mode in hex frames raw nul; do
	# (descriptions avoid backslashes: lib.sh's ok echoes them, and
	# dash's echo would expand them)
	case $mode in
	hex)	set -- -f '%F %S %x\n'; what="-f '%F %S %x'" ;;
	frames)	set -- -f '%F|%1|%2|%3\n'; what="-f '%F|%1|%2|%3'" ;;
	raw)	set -- -F '\x1e' -D '\x1d'; what="-F x1e -D x1d" ;;
	nul)	set -- -0 -F '\n'; what="-0 -F newline" ;;
	esac
	zc_bg "$TMP/f-$mode.out" "$TMP/f-$mode.err" \
	    -s 'PULL:bind:tcp://127.0.0.1:*' -v -c "$nmsg" -W $((2 * T)) "$@"
	pull_ep=$(bound_endpoint "$TMP/f-$mode.err" pull)
	bounded "$PYTHON_ZMQ" "$PY/push_frames.py" "$pull_ep" $mode \
	    "$TMP/f-$mode.exp" $T </dev/null
	is $? 0 "push_frames.py ($mode) sent $nmsg messages"
	wait_exit "$ZC_PID"
	is "$ST" 0 "zmqcat PULL $what: got $nmsg, status 0"
	same_bytes "$TMP/f-$mode.out" "$TMP/f-$mode.exp" \
	    "zmqcat PULL $what: output byte-exact"
done

# 3b. stdin lines to a pyzmq PULL: in order, nothing lost.
for n in 1000 20000; do
	py_bg "$TMP/l$n.out" "$TMP/l$n.err" pull.py 'tcp://127.0.0.1:*' $n $T
	pull=$PY_PID
	ep=$(py_endpoint "$TMP/l$n.err" pull.py pull)
	seq 1 $n | zc -s "PUSH:connect:$ep" -e >"$TMP/l$n.zc" 2>&1
	is $? 0 "seq 1 $n | zmqcat -s PUSH:connect -e: status 0"
	is "$(cat "$TMP/l$n.zc")" "" "seq 1 $n | zmqcat: no output"
	wait_exit "$pull"
	is "$ST" 0 "pull.py got $n messages"
	seq 1 $n | sed "s/.*/[b'&']/" >"$TMP/l$n.exp"
	same_bytes "$TMP/l$n.out" "$TMP/l$n.exp" \
	    "pull.py got 1..$n in order, one frame each"
done

# 4. -F splits stdin lines into frames; without -F a line is one frame;
# -0 makes NUL the message delimiter, any other byte passing through.
# pyzmq_in NAME COUNT INPUT EXPECTED ARGS...: send INPUT (printf format)
# through zmqcat ARGS to a pyzmq PULL; it must get EXPECTED (the repr of
# each message's frames, one per line). NAME labels the tests.
in_n=0
pyzmq_in() {
	_name=$1 _n=$2 _in=$3 _exp=$4
	shift 4
	in_n=$((in_n + 1))
	py_bg "$TMP/in$in_n.out" "$TMP/in$in_n.err" pull.py \
	    'tcp://127.0.0.1:*' "$_n" $T
	_pull=$PY_PID
	_ep=$(py_endpoint "$TMP/in$in_n.err" pull.py pull)
	printf "$_in" | zc "$@" -s "PUSH:connect:$_ep" -e
	is $? 0 "$_name: zmqcat -e sent stdin, status 0"
	wait_exit "$_pull"
	is "$ST" 0 "$_name: pull.py got $_n message(s)"
	is "$(cat "$TMP/in$in_n.out")" "$_exp" "$_name: frames byte-exact"
}
pyzmq_in "-F '|' splits a|b|c" 1 'a|b|c\n' "[b'a', b'b', b'c']" -F '|'
pyzmq_in "no -F: one frame" 1 'a|b\tc\n' "[b'a|b\\tc']"
pyzmq_in "-F '|' with empty frames" 2 'a||\n|b\n' "[b'a', b'', b'']
[b'', b'b']" -F '|'
pyzmq_in "-0: binary stdin" 2 'x\0\377\n\001\0' "[b'x']
[b'\\xff\\n\\x01']" -0

done_testing
