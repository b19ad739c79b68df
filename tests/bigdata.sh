#!/bin/sh
# Large data: a 64 MiB frame received and printed intact; a 100 MiB line
# on stdin sent as one message; a message over -o maxmsgsize refused,
# and said. Checked by SHA-256 at both ends. Under valgrind (ZC_SLOW > 1)
# the sizes are an eighth and a tenth: 8 MiB and 10 MiB.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"
require_pyzmq

FRAME_MB=64 LINE_MB=100
if [ "$ZC_SLOW" -gt 1 ]; then
	FRAME_MB=8 LINE_MB=10
fi
sum() { sha256sum | cut -d ' ' -f 1; }

# 1. A frame of 64 MiB of random bytes (NULs and newlines among them)
# from a pyzmq PUSH: zmqcat prints it whole, then the delimiter.
head -c $((FRAME_MB * 1048576)) /dev/urandom >"$TMP/frame"
want=$( { cat "$TMP/frame"; echo; } | sum)
zc_bg "$TMP/f.out" "$TMP/f.err" -s "PULL:bind:ipc://$TMP/f.sock" -c 1 \
    -W "$(slow 20)"
fz=$ZC_PID
wait_sock "$TMP/f.sock"
bounded "$PYTHON_ZMQ" "$PY/big_frame.py" send "ipc://$TMP/f.sock" \
    "$TMP/frame" "$(slow 20)" >"$TMP/fs.out" 2>&1
is "$?:$(cat "$TMP/fs.out")" "0:" "a $FRAME_MB MiB frame sent by pyzmq"
wait_exit "$fz"
is "$ST:$(cat "$TMP/f.err")" "0:" "$FRAME_MB MiB frame: -c 1 ends with status 0, quietly"
is "$(wc -c <"$TMP/f.out" | tr -d ' '):$(sum <"$TMP/f.out")" \
    "$((FRAME_MB * 1048576 + 1)):$want" \
    "$FRAME_MB MiB frame: printed intact (size and SHA-256), then the newline"
rm -f "$TMP/frame" "$TMP/f.out"

# 2. A line of 100 MiB on stdin (random bytes without a newline) is one
# message: a pyzmq PULL gets one frame of that size and checksum.
head -c $((LINE_MB * 1048576)) /dev/urandom | tr '\n' 'n' >"$TMP/line"
want=$(sum <"$TMP/line")
echo >>"$TMP/line"
py_bg "$TMP/l.out" "$TMP/l.err" big_frame.py recv 'tcp://127.0.0.1:*' \
    "$(slow 20)"
lp=$PY_PID
EP=$(py_endpoint "$TMP/l.err" big_frame pull)
zc -s "PUSH:connect:$EP" -e <"$TMP/line" >"$TMP/ls.out" 2>&1
is "$?:$(cat "$TMP/ls.out")" "0:" "a $LINE_MB MiB line on stdin: -e, status 0, quietly"
wait_exit "$lp"
is "$ST:$(cat "$TMP/l.out")" "0:1 $((LINE_MB * 1048576)) $want" \
    "$LINE_MB MiB line: one message of one frame, intact (size and SHA-256)"
rm -f "$TMP/line"

# 3. -o maxmsgsize=1000 and a message of 2000 bytes: libzmq refuses it
# by dropping the connection, with no reason the monitor could tell from
# a peer that left. Nothing is printed; the receiver says what the end
# of a connection may have cost, and still exits 0 (the limit is what
# the user asked for).
rep 2000 a >"$TMP/big2k"
zc_bg "$TMP/m.out" "$TMP/m.err" -s "PULL:bind:ipc://$TMP/m.sock" \
    -o maxmsgsize=1000 -W "$(slow 1)"
mz=$ZC_PID
wait_sock "$TMP/m.sock"
bounded "$PYTHON_ZMQ" "$PY/big_frame.py" send "ipc://$TMP/m.sock" \
    "$TMP/big2k" "$(slow 5)" >"$TMP/ms.out" 2>&1
is "$?" 0 "maxmsgsize: the 2000-byte message was sent (libzmq took it)"
wait_exit "$mz"
is "$(wc -c <"$TMP/m.out" | tr -d ' ')" 0 "maxmsgsize: nothing of it printed"
is "$ST:$(cat "$TMP/m.err")" "0:zmqcat: pull: a connection on ipc://$TMP/m.sock ended: if its peer sent a message over maxmsgsize (1000 bytes), libzmq dropped that message with the connection" \
    "maxmsgsize: the receiver says what the dropped connection may have cost"

done_testing
