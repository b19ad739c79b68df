#!/bin/sh
# ws:// as a socket endpoint (libzmq's ZWS 2.0 transport), both ways with
# pyzmq: zmqcat binds ws://127.0.0.1:*/PATH (-v says the port it got)
# and a pyzmq PUSH sends it binary multipart messages, printed
# byte-exact; a pyzmq PULL binds ws:// and zmqcat connects and sends it
# stdin, every line in order. A ws:// host that does not resolve fails
# at once (libzmq resolves it when connecting).
#
# Needs PYTHON_ZMQ: a python3 that can `import zmq`. Without one the file
# is skipped, or fails when ZMQCAT_REQUIRE_INTEROP=1.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

T=$(slow 10)

# A wildcard port with a path: -v says the port and the path.
zc -v -s 'PULL:bind:ws://127.0.0.1:*/zmq' -W 0.1 >"$TMP/v.out" 2>"$TMP/v.err"
grep -Eq '^zmqcat: pull bound ws://127\.0\.0\.1:[1-9][0-9]*/zmq$' "$TMP/v.err"
ok $? "-v: a ws://127.0.0.1:*/zmq bind says its port and path"
echo x | zc -s 'PUSH:connect:ws://no-such-host.invalid:1' -W 5 \
    >"$TMP/nr.out" 2>"$TMP/nr.err"
is "$?:$(head -n 1 "$TMP/nr.err")" \
    "1:zmqcat: push: cannot connect ws://no-such-host.invalid:1: Invalid argument" \
    "a ws:// host that does not resolve: an error at once, status 1"

require_pyzmq

# 1. pyzmq PUSH connects to zmqcat's ws:// PULL: multipart, binary frames.
nmsg=$("$PYTHON_ZMQ" "$PY/push_frames.py" --count)
zc_bg "$TMP/f.out" "$TMP/f.err" -s 'PULL:bind:ws://127.0.0.1:*/zmq' -v \
    -c "$nmsg" -W $((2 * T)) -f '%F %S %x\n'
ep=$(bound_endpoint "$TMP/f.err" pull)
bounded "$PYTHON_ZMQ" "$PY/push_frames.py" "$ep" hex "$TMP/f.exp" $T \
    </dev/null
is $? 0 "push_frames.py over ws:// sent $nmsg messages"
wait_exit "$ZC_PID"
is "$ST" 0 "zmqcat PULL on ws://: got $nmsg, status 0"
same_bytes "$TMP/f.out" "$TMP/f.exp" "zmqcat PULL on ws://: byte-exact"

# 2. zmqcat PUSH connects to pyzmq's ws:// PULL: stdin lines, in order.
py_bg "$TMP/l.out" "$TMP/l.err" pull.py 'ws://127.0.0.1:*' 500 $T
pull=$PY_PID
ep=$(py_endpoint "$TMP/l.err" pull.py pull)
seq 1 500 | zc -s "PUSH:connect:$ep" -e >"$TMP/l.zc" 2>&1
is "$?:$(cat "$TMP/l.zc")" "0:" "seq 1 500 | zmqcat -s PUSH:connect:ws:// -e: status 0, quiet"
wait_exit "$pull"
is "$ST" 0 "pull.py on ws:// got 500 messages"
seq 1 500 | sed "s/.*/[b'&']/" >"$TMP/l.exp"
same_bytes "$TMP/l.out" "$TMP/l.exp" "pull.py on ws:// got 1..500 in order"

done_testing
