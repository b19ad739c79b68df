#!/bin/sh
# Routes between zmqcat processes: a tee, the prefix, match and json
# filters, format= to stdout and to a socket, stdin:stdout, REP --echo,
# ROUTER addressing and router_mandatory, REQ --timeout-reply, and
# --stats adding up. Every peer is a zmqcat. (Bad routes: usage.sh.)

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

any='tcp://127.0.0.1:*'

# 1. A tee: one PULL routed to stdout and to a PUSH; both get everything.
printf 'one\ntwo\nthree\n' >"$TMP/tee.in"
recv teeout -c 3
zc_bg "$TMP/tee.out" "$TMP/tee.err" -s "PULL:bind:$any" \
    -s "PUSH:connect:$EP" -r pull:stdout -r pull:push -v -c 3
tee=$ZC_PID
EP=$(bound_endpoint "$TMP/tee.err" pull)
send tee "$TMP/tee.in" -e
is "$SST" 0 "tee: sender status 0"
wait_exit "$tee"
is "$ST" 0 "tee: -c 3 ends the tee with status 0"
wait_exit "$RPID"
is "$ST" 0 "tee: the PUSH's receiver got 3 messages"
same_bytes "$TMP/tee.out" "$TMP/tee.in" "tee: stdout has all 3 messages"
same_bytes "$TMP/teeout.out" "$TMP/tee.in" "tee: the PUSH delivered all 3 messages"
is "$(verbose_only "$TMP/tee.err")" "" "tee: no error on stderr"

# 2. prefix= on a SUB: the alerts go on to the PUSH, everything to
# stdout. The publisher is a zmqcat XPUB fed through a fifo: it prints
# the SUB's subscription, and only then is it given the messages, so
# none is lost to the slow joiner and the counts are exact.
printf 'alert 1\ninfo 2\nalerting 3\nAlert 4\nxalert 5\nalert\n' >"$TMP/pre.in"
printf 'alert 1\nalerting 3\nalert\n' >"$TMP/pre.exp"
recv prepush -c 3
zc_bg "$TMP/pre.out" "$TMP/pre.err" -s "SUB:bind:$any" \
    -s "PUSH:connect:$EP" -r sub:push,prefix=alert -r sub:stdout -v -c 6
pre=$ZC_PID
ep=$(bound_endpoint "$TMP/pre.err" sub)
zc_fed xpub 'wait_lines "$TMP/xpub.out" 1 && cat "$TMP/pre.in"' \
    -s "XPUB:connect:$ep" -e
xpub=$ZC_PID
wait_exit "$xpub"
is "$ST" 0 "prefix: the XPUB publisher sent its input and ended, status 0"
is "$(head -n 1 "$TMP/xpub.out" | od -An -tx1 | tr -d ' ')" 010a \
    "prefix: the publisher saw the SUB subscribe to everything"
wait_exit "$pre"
is "$ST" 0 "prefix: the SUB got 6 messages, status 0"
same_bytes "$TMP/pre.out" "$TMP/pre.in" "prefix: sub:stdout printed all 6"
wait_exit "$RPID"
is "$ST" 0 "prefix: the PUSH's receiver got 3 messages"
same_bytes "$TMP/prepush.out" "$TMP/pre.exp" \
    "prefix: only the messages starting with 'alert' went to the PUSH"
is "$(verbose_only "$TMP/pre.err")" "" "prefix: no error on stderr"

# 3. match= (POSIX ERE) on the first frame; a message matched travels
# whole, frames and all (-F ';' makes two-frame messages).
printf 'GET /index\nPOST /x\nPUT /abc\nget /y\nGET /a1\nx;GET /z\nGET /q;zzz\nPUT /zz\n' \
    >"$TMP/match.in"
printf 'GET /index\nPUT /abc\nGET /q\tzzz\nPUT /zz\n' >"$TMP/match.exp"
printf 'GET /index\nPOST /x\nPUT /abc\nget /y\nGET /a1\nx\tGET /z\nGET /q\tzzz\nPUT /zz\n' \
    >"$TMP/match.all"
recv matchpush -c 4
zc_bg "$TMP/match.out" "$TMP/match.err" -s "PULL:bind:$any" \
    -s "PUSH:connect:$EP" -r 'pull:push,match=^(GET|PUT) /[a-z]+$' \
    -r pull:stdout -v -c 8
mt=$ZC_PID
EP=$(bound_endpoint "$TMP/match.err" pull)
send match "$TMP/match.in" -e -F ';'
is "$SST" 0 "match: sender status 0"
wait_exit "$mt"
is "$ST" 0 "match: -c 8 ends the router with status 0"
same_bytes "$TMP/match.out" "$TMP/match.all" "match: pull:stdout printed all 8"
wait_exit "$RPID"
is "$ST" 0 "match: the PUSH's receiver got 4 messages"
same_bytes "$TMP/matchpush.out" "$TMP/match.exp" \
    "match: only first frames matching ^(GET|PUT) /[a-z]+\$ went on, whole"

# 4. json=: the last frame parses as JSON and the value at the path is
# equal; a body that is not JSON is skipped, not an error.
cat >"$TMP/json.in" <<'EOF'
{"type":"alert","n":1}
{"type":"info","n":2}
type alert
{"type":"alert","n":3}
{"a":{"type":"alert"}}
[1,2
alerts;{"type":"alert","n":4}
{"type":"alert"};{"type":"info"}
"alert"
EOF
cat >"$TMP/json.exp" <<'EOF'
{"type":"alert","n":1}
{"type":"alert","n":3}
alerts	{"type":"alert","n":4}
EOF
recv jsonpush -c 3
zc_bg "$TMP/json.out" "$TMP/json.err" -s "PULL:bind:$any" \
    -s "PUSH:connect:$EP" -r 'pull:push,json=.type=alert' \
    -r 'pull:stdout,json=.a.type=alert,format=nested %s\n' \
    -r 'pull:stdout,json=.n=3,format=number %s\n' -v -c 4
js=$ZC_PID
EP=$(bound_endpoint "$TMP/json.err" pull)
send json "$TMP/json.in" -e -F ';'
is "$SST" 0 "json: sender status 0"
wait_exit "$js"
is "$ST" 0 "json: -c 4 ends the router after the 4 messages some route took, status 0 (bad JSON is no error)"
wait_exit "$RPID"
is "$ST" 0 "json: the PUSH's receiver got 3 messages"
same_bytes "$TMP/jsonpush.out" "$TMP/json.exp" \
    "json: json=.type=alert passed exactly the alerts (last frame)"
is "$(cat "$TMP/json.out")" 'number {"type":"alert","n":3}
nested {"a":{"type":"alert"}}' \
    "json: a dotted path and a number value match too"
is "$(verbose_only "$TMP/json.err")" "" "json: nothing on stderr for non-JSON bodies"

# 5. format= to stdout: the route's format makes the printed text (and
# no delimiter is added: the format has its own \n); each route of a tee
# has its own format.
recv fmt -c 3 -r 'pull:stdout,format=%N:%n:%s|' \
    -r 'pull:stdout,format=<%F %S>\n'
send fmt "$TMP/tee.in" -e
is "$SST" 0 "format stdout: sender status 0"
wait_exit "$RPID"
is "$ST" 0 "format stdout: -c 3, status 0"
printf '1:pull:one|<1 3>\n2:pull:two|<1 3>\n3:pull:three|<1 5>\n' >"$TMP/fmt.exp"
same_bytes "$TMP/fmt.out" "$TMP/fmt.exp" "format stdout: each route printed its format"

# 6. format= to a socket: the classic worker, PULL tasks published as
# 'result1 Processed: TASK' and read by a SUB subscribed to result1 only.
# A PUB drops what is sent before the subscription arrives, so tasks
# stream in until the SUB has 5 results; they must be in order and in
# exactly that form, and the other route's 'other ...' never shows.
zc_bg "$TMP/res.out" "$TMP/res.err" -s "SUB:bind:$any" --subscribe result1 \
    -v -c 5
sub=$ZC_PID
ep=$(bound_endpoint "$TMP/res.err" sub)
zc_bg "$TMP/wk.out" "$TMP/wk.err" -s "PULL:bind:$any" \
    -s "PUB:connect:$ep" -r 'pull:pub,format=other %s' \
    -r 'pull:pub,format=result1 Processed: %s' -v
wk=$ZC_PID
EP=$(bound_endpoint "$TMP/wk.err" pull)
seq 1 2000000 | ${ZMQCAT_WRAPPER:-} "$ZMQCAT" -s "PUSH:connect:$EP" \
    >/dev/null 2>&1 &
tasks=$!
track $tasks
wait_exit "$sub"
is "$ST" 0 "format socket: the SUB got 5 results, status 0"
is "$(grep -Evc '^result1 Processed: [1-9][0-9]*$' "$TMP/res.out")" 0 \
    "format socket: every result reads 'result1 Processed: TASK'"
is "$(wc -l <"$TMP/res.out" | tr -d ' ')" 5 "format socket: 5 results"
ok "$(sed 's/.* //' "$TMP/res.out" | awk '
    NR > 1 && $1 <= prev { bad = 1 } { prev = $1 } END { exit bad }'; echo $?)" \
    "format socket: tasks in increasing order"
kill "$tasks" 2>/dev/null
wait_exit "$tasks"
term_ok "$wk" "format socket: SIGTERM ends the worker with status 0"
is "$(cat "$TMP/wk.out")" "" "format socket: the worker prints nothing"
is "$(verbose_only "$TMP/wk.err")" "" "format socket: no error on the worker's stderr"

# 7. stdin:stdout is cat: bytes in, the same bytes out; -F splits frames
# that %s joins again; a format applies.
seq 1 5000 >"$TMP/cat.in"
zc -s 'PULL:bind:inproc://unused' -r stdin:stdout <"$TMP/cat.in" \
    >"$TMP/cat.out" 2>"$TMP/cat.err"
is $? 0 "stdin:stdout: ends at the end of stdin, status 0"
same_bytes "$TMP/cat.out" "$TMP/cat.in" "stdin:stdout: output is the input"
is "$(cat "$TMP/cat.err")" "" "stdin:stdout: nothing on stderr"
printf 'a|b\nc\n' | zc -s 'PULL:bind:inproc://unused' -F '|' \
    -r 'stdin:stdout,format=%F [%1] [%2] %s\n' >"$TMP/cat2.out" 2>&1
is $? 0 "stdin:stdout with -F and a format: status 0"
is "$(cat "$TMP/cat2.out")" "2 [a] [b] a|b
1 [c] [] c" "stdin:stdout with -F and a format: frames split and joined"

# 8. REP --echo: each request comes back as the reply, and is printed.
zc_bg "$TMP/echo.out" "$TMP/echo.err" -s "REP:bind:$any" --echo -v -c 3
rep=$ZC_PID
ep=$(bound_endpoint "$TMP/echo.err" rep)
printf 'q1\nq2 two\nq3\n' >"$TMP/echo.in"
zc -s "REQ:connect:$ep" -c 3 <"$TMP/echo.in" >"$TMP/req.out" 2>"$TMP/req.err"
is $? 0 "echo: REQ -c 3 got 3 replies, status 0"
same_bytes "$TMP/req.out" "$TMP/echo.in" "echo: each reply is the request"
is "$(cat "$TMP/req.err")" "" "echo: nothing on the REQ's stderr"
wait_exit "$rep"
is "$ST" 0 "echo: REP --echo -c 3 ends with status 0"
same_bytes "$TMP/echo.out" "$TMP/echo.in" "echo: the REP printed each request"

# A REQ with -e prints the reply to its last request too (section 4:
# each message is sent, its reply printed), then ends.
zc_bg "$TMP/echoe.out" "$TMP/echoe.err" -s "REP:bind:$any" --echo -v -c 2
rep=$ZC_PID
ep=$(bound_endpoint "$TMP/echoe.err" rep)
printf 'q1\nq2\n' | zc -s "REQ:connect:$ep" -e >"$TMP/reqe.out" 2>"$TMP/reqe.err"
is $? 0 "echo -e: REQ -e ends with status 0"
is "$(cat "$TMP/reqe.out")" "q1
q2" "echo -e: REQ -e printed the replies to both requests"
wait_exit "$rep"
is "$ST" 0 "echo -e: the REP answered 2 requests"

# 9. ROUTER addressing: a DEALER with routing_id=abc says hi; once the
# ROUTER has printed 'abc|hi', its stdin gets 'abc|hello', which -F '|'
# splits into the id and the body: the DEALER prints hello.
zc_fed rt 'wait_for "$TMP/rt.out" "^abc[|]hi\$" && echo "abc|hello"' \
    -s "ROUTER:bind:$any" -F '|' -v -e
rt=$ZC_PID
ep=$(bound_endpoint "$TMP/rt.err" router)
echo hi | zc -s "DEALER:connect:$ep" -o routing_id=abc -c 1 \
    >"$TMP/dealer.out" 2>"$TMP/dealer.err"
is $? 0 "router: the DEALER got a reply, status 0"
is "$(cat "$TMP/dealer.out")" "hello" "router: abc|hello reached the DEALER abc as hello"
is "$(cat "$TMP/dealer.err")" "" "router: nothing on the DEALER's stderr"
wait_exit "$rt"
is "$ST" 0 "router: -e ends the ROUTER once its stdin is sent, status 0"
is "$(cat "$TMP/rt.out")" "abc|hi" "router: the ROUTER printed the id, then the body"
is "$(verbose_only "$TMP/rt.err")" "" "router: no error on the ROUTER's stderr"

# router_mandatory: an unknown id is reported, the run goes on (the next
# line is still read), and ends with status 1.
printf 'nobody|hello\nghost|x\n' | zc -s 'ROUTER:bind:tcp://127.0.0.1:*' \
    -o router_mandatory=1 -F '|' -e >"$TMP/rm.out" 2>"$TMP/rm.err"
is $? 1 "router_mandatory: unknown ids: status 1"
is "$(cat "$TMP/rm.err")" \
    "zmqcat: router: no peer with routing id 'nobody'; message dropped
zmqcat: router: no peer with routing id 'ghost'; message dropped" \
    "router_mandatory: each unknown id is reported"
is "$(cat "$TMP/rm.out")" "" "router_mandatory: nothing on stdout"

# 10. REQ --timeout-reply against a ROUTER that never answers (it only
# prints the body frame of each request): each lost reply is reported,
# the socket reopened and the next request still sent; -e waits for the
# last reply (or its timeout) before it ends; status 1.
zc_bg "$TMP/nr.out" "$TMP/nr.err" -s "ROUTER:bind:$any" -r router:stdout \
    -f '%3\n' -v -c 2
nr=$ZC_PID
ep=$(bound_endpoint "$TMP/nr.err" router)
printf 'm1\nm2\n' | zc -s "REQ:connect:$ep" --timeout-reply 300 -e \
    >"$TMP/tr.out" 2>"$TMP/tr.err"
is $? 1 "timeout-reply: a lost reply makes the status 1"
is "$(cat "$TMP/tr.err")" \
    "zmqcat: req: no reply within 300 ms; reopening the socket
zmqcat: req: no reply within 300 ms; reopening the socket" \
    "timeout-reply: each of the two lost replies is reported"
is "$(cat "$TMP/tr.out")" "" "timeout-reply: nothing on stdout"
wait_exit "$nr"
is "$ST" 0 "timeout-reply: the ROUTER got both requests"
is "$(cat "$TMP/nr.out")" "m1
m2" "timeout-reply: the second request was sent after the reopen"

# 11. Bad routes, and --echo with -r, are usage errors: usage.sh.

# 12. --stats on a simple run: 10 messages (11 bytes) in on the PULL, out
# on the PUSH and along pull:push; nothing held or dropped.
recv stpush -c 10
zc_bg "$TMP/st.out" "$TMP/st.err" -s "PULL:bind:$any" \
    -s "PUSH:connect:$EP" -r pull:push --stats -v -c 10
st=$ZC_PID
EP=$(bound_endpoint "$TMP/st.err" pull)
seq 1 10 >"$TMP/ten"
send st "$TMP/ten" -e
wait_exit "$st"
is "$ST" 0 "stats: -c 10 ends the run with status 0"
wait_exit "$RPID"
is "$ST" 0 "stats: the receiver got 10 messages"
is "$(cat "$TMP/st.out")" "" "stats: nothing on stdout"
grep -Eq '^zmqcat: stats after [0-9]+\.[0-9]{3} s$' "$TMP/st.err"
ok $? "stats: a 'zmqcat: stats after S.mmm s' line"
is "$(verbose_only "$TMP/st.err" '^peer ' | sed 1d | awk '{ $3 = ($1 == "route" || NF == 5) ? $3 : "P"; if (NF == 11) NF = 9; print }')" \
"socket type P in bytes-in out bytes-out held dropped
pull PULL P 10 11 0 0 0 0
push PUSH P 0 0 10 11 0 0
route msgs bytes held dropped
pull:push 10 11 0 0" \
    "stats: in, out, bytes and the route's count all add up (peers aside)"

# 13. A full destination holds only its own source: while a's message
# waits for a PUSH that has no peer, b keeps flowing to stdout. At the end
# the held message gets the linger time, then is reported as lost.
zc_bg "$TMP/hold.out" "$TMP/hold.err" -s "a=PULL:bind:ipc://$TMP/a" \
	-s "b=PULL:bind:ipc://$TMP/b" -s "PUSH:bind:ipc://$TMP/nobody" \
	-r a:push -r b:stdout -c 4 --linger 100 -v
hold=$ZC_PID
wait_for "$TMP/hold.err" "b bound"
echo held | zc -s "PUSH:connect:ipc://$TMP/a" -e
printf 'b1\nb2\nb3\n' | zc -s "PUSH:connect:ipc://$TMP/b" -e
wait_exit "$hold"
is "$ST" 1 "a message lost at the end makes the status 1"
is "$(tr '\n' ' ' <"$TMP/hold.out")" "b1 b2 b3 " \
	"the other source kept flowing while a's destination was full"
grep -qx "zmqcat: a: a received message was not delivered: push has no peer" "$TMP/hold.err"
ok $? "the lost message is reported, naming its source"

# 14. SIGTERM while a message is held: the run was asked to stop, so the
# held message is dropped without an error: status 0.
zc_bg "$TMP/term.out" "$TMP/term.err" -s "a=PULL:bind:ipc://$TMP/ta" \
	-s "PUSH:bind:ipc://$TMP/tnobody" -r a:push -J --stats=0.05 -v
term=$ZC_PID
wait_for "$TMP/term.err" "a bound"
echo held | zc -s "PUSH:connect:ipc://$TMP/ta" -e
wait_for "$TMP/term.err" '"from":"a","to":"push","msgs":0,"bytes":0,"held":1'
ok $? "the message is held for the PUSH without a peer"
term_ok "$term" "SIGTERM with a held message: status 0"
grep -qx "zmqcat: a: a received message was dropped at SIGTERM (push has no peer)" "$TMP/term.err"
ok $? "-v notes the dropped message"


# 15. Frames of 9000 bytes through a match= route: the one that matches
# arrives whole, the other is filtered out. (Under AddressSanitizer,
# which CI runs this file with, regexec once read past such a frame and
# aborted the run.)
{ rep 9000 b; echo; rep 9000 a; echo; } >"$TMP/big.in"
rep 9000 a >"$TMP/big.exp"
echo >>"$TMP/big.exp"
recv big -c 1 -r 'pull:stdout,match=^a+$'
send big "$TMP/big.in" -e
is "$SST" 0 "match 9000 B: sender status 0"
wait_exit "$RPID"
is "$ST" 0 "match 9000 B: -c 1 ends the receiver with status 0"
is "$(verbose_only "$TMP/big.err")" "" "match 9000 B: no error on stderr"
same_bytes "$TMP/big.out" "$TMP/big.exp" \
    "match 9000 B: only the frame of a's was printed, whole"

done_testing
