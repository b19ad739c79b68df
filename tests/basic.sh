#!/bin/sh
# Sockets talking over real loopback: bound ports on -v, PUSH to PULL,
# PUB/SUB topics, multipart frames, formats, ROUTER ids, two sockets in
# one poll loop.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

any='tcp://127.0.0.1:*'

# publish EP: in the background, a zmqcat PUB connected to EP publishes
# "info 1", "alert 2", "info 3" ... on and on, so that a SUB that joins
# late still gets its share without a sleep.
publish() {
	seq 1 2000000 | awk '{ print ($1 % 2 ? "info " : "alert ") $1; fflush() }' |
	    ${ZMQCAT_WRAPPER:-} "$ZMQCAT" -s "PUB:connect:$1" >/dev/null 2>&1 &
	track $!
}

# A PULL on a free port; -v tells which.
zc_bg "$TMP/p.out" "$TMP/p.err" -s "PULL:bind:$any" -v -c 3
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/p.err" pull)
echo "$ep" | grep -Eq '^tcp://127\.0\.0\.1:[0-9]+$'
ok $? "-v prints the port really bound ($ep)"

printf 'one\ntwo\nthree\n' | zc -s "PUSH:connect:$ep" >"$TMP/s.out" 2>"$TMP/s.err"
is "$?" 0 "PUSH from stdin exits 0 when stdin ends"
wait_exit "$pull"
is "$ST" 0 "PULL -c 3 exits 0"
is "$(cat "$TMP/p.out")" "one
two
three" "PULL prints each message on its own line"
is "$(grep -v ' bound ' "$TMP/p.err")" "" "nothing else on the receiver's stderr"

# czmq-style @ and > and several endpoints on one socket.
zc_bg "$TMP/m.out" "$TMP/m.err" -s "in=PULL:@$any,ipc://$TMP/m.ipc" -v -c 2
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/m.err" in)
wait_for "$TMP/m.err" "in bound ipc://"
ok $? "a socket binds each of its endpoints"
echo tcp | zc -s "PUSH:>$ep" -e
echo ipc | zc -s "PUSH:>ipc://$TMP/m.ipc" -e
wait_exit "$pull"
is "$ST:$(sort "$TMP/m.out" | tr '\n' ' ')" "0:ipc tcp " \
	"messages arrive over both endpoints of a named socket"

# Multipart: -F splits stdin into frames; output joins them with TAB.
zc_bg "$TMP/f.out" "$TMP/f.err" -s "PULL:bind:$any" -v -c 2 \
	-f '%F|%1|%2|%3|%s\n'
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/f.err" pull)
printf 'a:b:c\n:\n' | zc -s "PUSH:connect:$ep" -F : -e
wait_exit "$pull"
is "$ST" 0 "multipart receiver exits 0"
printf '3|a|b|c|a\tb\tc\n2||||\t\n' >"$TMP/f.want"
cmp -s "$TMP/f.out" "$TMP/f.want"
ok $? "frames arrive whole, %s joins them with TAB"

zc_bg "$TMP/g.out" "$TMP/g.err" -s "PULL:bind:$any" -v -c 1 -F ' | ' -D '\n--\n'
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/g.err" pull)
printf 'x\ty\n' | zc -s "PUSH:connect:$ep" -F '\t' -e
wait_exit "$pull"
printf 'x | y\n--\n' >"$TMP/g.want"
cmp -s "$TMP/g.out" "$TMP/g.want"
ok $? "-F and -D change the output delimiters"

# Formats: names, types, counts, sizes, numbers, hex.
zc_bg "$TMP/t.out" "$TMP/t.err" -s "work=PULL:bind:$any" -v -c 2 \
	-f '%N %n %T %F %S %x %%\n'
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/t.err" work)
printf 'hi\n\n' | zc -s "PUSH:connect:$ep" -e
wait_exit "$pull"
is "$(cat "$TMP/t.out")" "1 work PULL 1 2 6869 %
2 work PULL 1 0  %" "format tokens show number, name, type, frames, size, hex"

zc_bg "$TMP/tt.out" "$TMP/tt.err" -s "PULL:bind:$any" -v -c 1 -f '%t\n'
pull=$ZC_PID
ep=$(bound_endpoint "$TMP/tt.err" pull)
before=$(date +%s)
echo x | zc -s "PUSH:connect:$ep" -e
wait_exit "$pull"
after=$(date +%s)
t=$(cat "$TMP/tt.out")
[ $((t / 1000)) -ge "$before" ] && [ $((t / 1000)) -le "$after" ]
ok $? "%t is the receive time in ms since the epoch ($t)"

# PUB/SUB with a topic: only matching messages are printed.
zc_bg "$TMP/sub.out" "$TMP/sub.err" -s "SUB:bind:$any" --subscribe alert -v -c 5
sub=$ZC_PID
ep=$(bound_endpoint "$TMP/sub.err" sub)
publish "$ep"
wait_exit "$sub"
is "$ST" 0 "SUB -c 5 exits 0"
is "$(grep -vc '^alert [0-9]*[02468]$' "$TMP/sub.out")" 0 \
	"--subscribe alert keeps only alerts"
is "$(wc -l <"$TMP/sub.out" | tr -d ' ')" 5 "five alerts printed"

# A SUB with no --subscribe hears everything.
zc_bg "$TMP/all.out" "$TMP/all.err" -s "SUB:bind:$any" -v -c 4
sub=$ZC_PID
ep=$(bound_endpoint "$TMP/all.err" sub)
publish "$ep"
wait_exit "$sub"
grep -q '^info' "$TMP/all.out" && grep -q '^alert' "$TMP/all.out"
ok $? "a SUB without --subscribe gets every topic"

# ROUTER shows the routing id (set with -o routing_id) as the first frame.
zc_bg "$TMP/r.out" "$TMP/r.err" -s "ROUTER:bind:$any" -v -c 1 -f '%1|%2\n'
router=$ZC_PID
ep=$(bound_endpoint "$TMP/r.err" router)
echo hello | zc -s "DEALER:connect:$ep" -o routing_id=abc -e
wait_exit "$router"
is "$(cat "$TMP/r.out")" "abc|hello" "ROUTER prints the DEALER's routing id, then the body"

# Two sockets in one loop: PULL and SUB, each printed with its type.
zc_bg "$TMP/two.out" "$TMP/two.err" -s "PULL:bind:$any" -s "SUB:bind:$any" \
	-v -c 2 -f 'Via %T: %s\n'
both=$ZC_PID
pull_ep=$(bound_endpoint "$TMP/two.err" pull)
sub_ep=$(bound_endpoint "$TMP/two.err" sub)
echo from-push | zc -s "PUSH:connect:$pull_ep" -e
yes from-pub | ${ZMQCAT_WRAPPER:-} "$ZMQCAT" -s "PUB:connect:$sub_ep" >/dev/null 2>&1 &
track $!
wait_exit "$both"
is "$ST" 0 "the two-socket receiver exits 0 after -c 2"
is "$(sort "$TMP/two.out")" "Via PULL: from-push
Via SUB: from-pub" "one loop prints from both sockets"

# REQ/REP in lockstep: the REQ sends a line, prints the reply, then sends
# the next; the REP prints each request and answers with its next line.
printf 'r1\nr2\n' >"$TMP/rep.in"
: >"$TMP/rep.err"
${ZMQCAT_WRAPPER:-} "$ZMQCAT" -s "REP:bind:$any" -v -c 2 -f 'got %s\n' \
	<"$TMP/rep.in" >"$TMP/rep.out" 2>"$TMP/rep.err" &
rep=$!
track "$rep"
ep=$(bound_endpoint "$TMP/rep.err" rep)
printf 'q1\nq2\n' | zc -s "REQ:connect:$ep" -c 2 >"$TMP/req.out" 2>"$TMP/req.err"
is "$?" 0 "REQ exits 0 after two replies"
is "$(cat "$TMP/req.out")" "r1
r2" "REQ prints each reply"
wait_exit "$rep"
is "$ST" 0 "REP exits 0 after two requests"
is "$(cat "$TMP/rep.out")" "got q1
got q2" "REP prints each request"
is "$(cat "$TMP/req.err")" "" "nothing on the REQ's stderr"

# A REQ whose stdin has ended and whose last reply came has nothing left
# to do: it ends by itself, like cat.
zc_bg "$TMP/echo.out" "$TMP/echo.err" -s "REP:bind:$any" --echo -v
echo_rep=$ZC_PID
ep=$(bound_endpoint "$TMP/echo.err" rep)
printf 'a\nb\n' | zc -s "REQ:connect:$ep" >"$TMP/req2.out" 2>"$TMP/req2.err"
is "$?:$(tr '\n' ' ' <"$TMP/req2.out")" "0:a b " \
	"a REQ ends by itself after the reply to its last request"
kill "$echo_rep"
wait_exit "$echo_rep"
is "$ST:$(tr '\n' ' ' <"$TMP/echo.out")" "0:a b " "REP --echo printed each request"

# Idle means idle: with stdin at end of file (a pipe whose writer is
# gone) and nothing arriving, zmqcat sleeps in zmq_poll. This measures
# zmqcat itself, so it runs without the wrapper (valgrind's start-up
# alone costs seconds of CPU).
if [ -x /usr/bin/time ]; then
	true | /usr/bin/time -f '%U %S' -o "$TMP/cpu" \
		"$ZMQCAT" -s "PULL:bind:$any" -W 1 >/dev/null 2>&1
	cpu=$(awk '{ print ($1 + $2) * 1000 }' "$TMP/cpu")
	[ "${cpu%.*}" -lt 300 ]
	ok $? "a second of waiting costs almost no CPU (${cpu} ms)"
else
	ok 0 "# SKIP /usr/bin/time not installed"
fi

done_testing
