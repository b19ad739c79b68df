#!/bin/sh
# One busy socket cannot starve the others, nor stdin: a PULL flooded
# faster than zmqcat can take it (two senders; the receiver renders each
# flood message's -J envelope, and prints a dot for it: "%.0j.\\n"), and
# a message on a second PULL and a line on stdin, sent mid-flood, are
# printed while the flood goes on, not after it. (zmqcat takes at most a
# batch from a source per turn; a loop that drained a source until it
# had nothing would never come back to the others here.)

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# the receiver: -J is several times the cost of sending, so the flood
# keeps its PULL full; its stdin is a FIFO fed by the test
printf '%s\n' '{"frames":["from-stdin"]}' >"$TMP/line"
zc_fed rx 'wait_for "$TMP/go" "^go$"; cat "$TMP/line"; wait_for "$TMP/go" "^end$"' \
    -v -J -s 'busy=PULL:bind:tcp://127.0.0.1:*' \
    -s 'calm=PULL:bind:tcp://127.0.0.1:*' \
    -r 'busy:stdout,format=%.0j.\n' -r calm:stdout -r stdin:stdout \
    -W "$(slow 60)"
rx=$ZC_PID
: >"$TMP/go"
BUSY=$(bound_endpoint "$TMP/rx.err" busy)
CALM=$(bound_endpoint "$TMP/rx.err" calm)
ok $? "the receiver bound busy and calm"

# flood SENDER: an endless stream of lines into busy
flood() {
	yes flood | ${ZMQCAT_WRAPPER:-} "$ZMQCAT" -q \
	    -s "PUSH:connect:$BUSY" >/dev/null 2>&1 &
	track $!
}
# has_bytes FILE N: FILE holds at least N bytes.
has_bytes() {
	[ "$(wc -c <"$1")" -ge "$2" ]
}
flood
flood
wait_until "20000 flood messages" has_bytes "$TMP/rx.out" 20000
ok $? "the flood is printed"

# mid-flood: one message on calm, one line on stdin
echo calm-one | zc -s "PUSH:connect:$CALM" -e
is "$?" 0 "a message sent to calm mid-flood"
echo go >>"$TMP/go"
wait_for "$TMP/rx.out" '"socket":"calm","type":"PULL","frames":\["calm-one"\]'
ok $? "calm's message is printed while the flood lasts"
wait_for "$TMP/rx.out" '"frames":\["from-stdin"\]'
ok $? "stdin's line is printed while the flood lasts"

# and the flood was still on: more of it came after both
n=$(wc -c <"$TMP/rx.out")
wait_until "more flood" has_bytes "$TMP/rx.out" $((n + 1000))
ok $? "the flood went on after them"
echo end >>"$TMP/go"
term_ok "$rx" "SIGTERM ends the receiver with status 0"

done_testing
