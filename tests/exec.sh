#!/bin/sh
# A command as a peer (--exec-each, --exec): REQ clients (pyzmq) against
# one-line REP and ROUTER services, failures and timeouts, the
# environment, a co-process filter in a PUSH/PULL pipeline, a
# co-process that dies or is restarted, no fd or process left behind.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

require_pyzmq
any='tcp://127.0.0.1:*'

# notes_only FILE: FILE without -v's bind, route and start notes, nor
# the --stats table at its end.
notes_only() {
	sed '/^zmqcat: stats after/,$d' "$1" >"$1.notes"
	verbose_only "$1.notes" '[a-z]+: started '
}

# req NAME EP ID COUNT: a pyzmq REQ client (req_client.py, MODE show)
# sends COUNT requests ID-0 ... to EP, one after the other's reply; its output
# ("REQUEST REPLY" lines) in $TMP/NAME.out; RST its status.
req() {
	bounded "$PYTHON_ZMQ" "$PY/req_client.py" "$2" "$3" "$4" \
	    "$((ZC_WAIT * ZC_SLOW))" show >"$TMP/$1.out" 2>"$TMP/$1.err"
	RST=$?
}

# expect_replies COUNT ID PREFIX: the lines "ID-n PREFIXID-n", n < COUNT.
expect_replies() {
	awk -v n="$1" -v id="$2" -v p="$3" \
	    'BEGIN { for (i = 0; i < n; i++) printf "%s-%d %s%s-%d\n", id, i, p, id, i }'
}

# 1. The one-line service: a REP whose every request a command answers.
zc_bg "$TMP/rep.out" "$TMP/rep.err" -v -s "REP:bind:$any" \
    --exec-each 'sed s/^/re:/' --stats
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/rep.err" rep)
req r1 "$ep" a 50
is "$RST" 0 "rep: the REQ got 50 replies, status 0"
expect_replies 50 a re: >"$TMP/r1.exp"
same_bytes "$TMP/r1.out" "$TMP/r1.exp" \
    "rep: each reply is the command's output, its newline taken off"
term_ok "$srv" "rep: SIGTERM ends the service with status 0"
is "$(stat_col runs exec "$TMP/rep.err"):$(stat_col failures exec \
    "$TMP/rep.err")" "50:0" "rep: --stats counts 50 runs, no failure"
is "$(notes_only "$TMP/rep.err")" "" "rep: nothing else on stderr"

# 2. A command that prints nothing, one that fails, one that is too
# slow: each request is answered all the same (a REP must answer to go
# on), with what the command printed; the failure is said and counted,
# and the run's status is then 1.
zc_bg "$TMP/fail.out" "$TMP/fail.err" -v -s "REP:bind:$any" --stats \
    --exec-each 'exec=r=$(cat); case $r in
	x-0) ;;
	x-1) echo "half of $r"; echo oops >&2; exit 3 ;;
	x-2) echo "slow $r"; exec sleep 30 ;;
	*) echo "ok $r" ;;
	esac' --exec-timeout "$((300 * ZC_SLOW))"
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/fail.err" rep)
req r2 "$ep" x 4
is "$RST" 0 "fail: the REQ got all 4 replies"
printf 'x-0 \nx-1 half of x-1\nx-2 slow x-2\nx-3 ok x-3\n' >"$TMP/r2.exp"
same_bytes "$TMP/r2.out" "$TMP/r2.exp" \
    "fail: nothing, a failed command's and a killed one's output, then on"
kill -TERM "$srv"
wait_exit "$srv"
is "$ST" 1 "fail: the failures make the status 1"
is "$(notes_only "$TMP/fail.err")" \
"zmqcat: exec: oops
zmqcat: exec: message 2: 'r=\$(cat); case \$r in
	x-0) ;;
	x-1) echo \"half of \$r\"; echo oops >&2; exit 3 ;;
	x-2) echo \"slow \$r\"; exec sleep 30 ;;
	*) echo \"ok \$r\" ;;
	esac' exited with status 3
zmqcat: exec: message 3: 'r=\$(cat); case \$r in
	x-0) ;;
	x-1) echo \"half of \$r\"; echo oops >&2; exit 3 ;;
	x-2) echo \"slow \$r\"; exec sleep 30 ;;
	*) echo \"ok \$r\" ;;
	esac' took more than $((300 * ZC_SLOW)) ms; killed" \
    "fail: its stderr passed on, the failure and the timeout said"
is "$(stat_col runs exec "$TMP/fail.err"):$(stat_col failures exec \
    "$TMP/fail.err"):$(stat_col timeouts exec "$TMP/fail.err")" "4:1:1" \
    "fail: --stats counts 4 runs, 1 failure, 1 timeout"

# 2b. -c 1 ends the run after the first request, but its command still
# answers it (within the linger): then the run ends, status 0. Past the
# linger, the command is killed and that is said, status 1.
zc_bg "$TMP/c1.out" "$TMP/c1.err" -v -s "REP:bind:$any" -c 1 \
    --exec-each 'sleep 0.3; sed s/^/re:/'
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/c1.err" rep)
req c1 "$ep" c 1
is "$RST:$(cat "$TMP/c1.out")" "0:c-0 re:c-0" "-c 1: the last request answered"
wait_exit "$srv"
is "$ST" 0 "-c 1: then the run ends, status 0"
zc_bg "$TMP/c2.out" "$TMP/c2.err" -v -s "REP:bind:$any" -c 1 --linger 100 \
    --exec-each 'exec sleep 30'
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/c2.err" rep)
"$PYTHON_ZMQ" "$PY/req_client.py" "$ep" d 1 "$((ZC_WAIT * ZC_SLOW))" show \
    >/dev/null 2>&1 &
track $!
wait_exit "$srv"
is "$ST" 1 "-c 1 --linger 100, a command that takes longer: status 1"
is "$(notes_only "$TMP/c2.err")" "zmqcat: exec: the run ended with 1 command running (killed) and 0 replies not handed on" \
    "-c 1 --linger 100: the lost reply said"

# 3. A ROUTER with --exec-max 2: x-0's command waits (bounded) until
# y-0's has run, so y's reply comes back first, and each goes to the
# client that asked (the routing id kept with the command).
rm -f "$TMP/mark" "$TMP/xgo"
zc_bg "$TMP/rt.out" "$TMP/rt.err" -v -s "ROUTER:bind:$any" --exec-max 2 \
    --exec-each "exec=r=\$(cat); if [ \"\$r\" = x-0 ]; then touch '$TMP/xgo'
	i=0; while [ ! -e '$TMP/mark' ] && [ \$i -lt $((500 * ZC_SLOW)) ]; do
		sleep 0.01; i=\$((i + 1)); done
	[ -e '$TMP/mark' ] && echo after y
	else touch '$TMP/mark'; fi; echo \"re:\$r\""
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/rt.err" router)
"$PYTHON_ZMQ" "$PY/req_client.py" "$ep" x 1 "$((ZC_WAIT * ZC_SLOW))" show \
    >"$TMP/rx.out" 2>"$TMP/rx.err" &
rx=$!
track "$rx"
wait_until "x-0's command to start" test -e "$TMP/xgo"
req ry "$ep" y 3
is "$RST" 0 "router: the second client got its 3 replies"
wait_exit "$rx"
is "$ST" 0 "router: the first client got its reply"
is "$(cat "$TMP/ry.out")" "y-0 re:y-0
y-1 re:y-1
y-2 re:y-2" "router: the second client's replies are its own"
is "$(cat "$TMP/rx.out")" "x-0 after y
re:x-0" "router: the first client's reply came after the second's command, to it"
term_ok "$srv" "router: SIGTERM ends it with status 0"
is "$(notes_only "$TMP/rt.err")" "" "router: nothing on stderr"

# 4. The environment: where the message came from.
zc_bg "$TMP/env.out" "$TMP/env.err" -v -s "ROUTER:bind:$any" \
    --exec-each 'env | grep -E "^ZMQCAT_(SOCKET|TYPE|PEER|ROUTING_ID|FRAMES|SEQ)=" | sort'
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/env.err" router)
req env "$ep" e 2
is "$RST" 0 "env: the REQ got its replies"
sed 's/ZMQCAT_ROUTING_ID=00[0-9a-f]\{8\}$/ZMQCAT_ROUTING_ID=ID/' \
    "$TMP/env.out" >"$TMP/env.got"
printf '%s\n' "e-0 ZMQCAT_FRAMES=1" ZMQCAT_PEER=127.0.0.1 \
    ZMQCAT_ROUTING_ID=ID ZMQCAT_SEQ=1 ZMQCAT_SOCKET=router \
    ZMQCAT_TYPE=ROUTER "e-1 ZMQCAT_FRAMES=1" ZMQCAT_PEER=127.0.0.1 \
    ZMQCAT_ROUTING_ID=ID ZMQCAT_SEQ=2 ZMQCAT_SOCKET=router \
    ZMQCAT_TYPE=ROUTER >"$TMP/env.exp"
same_bytes "$TMP/env.got" "$TMP/env.exp" \
    "env: socket, type, peer, routing id (hex), body frames, number"
term_ok "$srv" "env: SIGTERM ends it with status 0"

# 5. --exec-json: the command reads the message's -J envelope.
printf 'a\tb\n' | zc -F '\t' --exec-json -r stdin:exec -r exec:stdout \
    --exec-each 'cat' >"$TMP/js.out" 2>"$TMP/js.err"
is "$?:$(cat "$TMP/js.err")" "0:" "exec-json: status 0, nothing on stderr"
is "$(sed 's/"time":[0-9]*/"time":T/' "$TMP/js.out")" \
    '{"socket":"stdin","type":"STDIN","frames":["a","b"],"time":T}' \
    "exec-json: the command read the message's one envelope"

# 6. A co-process filter as a pipeline stage: 100 000 lines from a PUSH
# through PULL -> grep --line-buffered (which starts a second late, so
# its pipe fills and the PULL is held) -> PUSH, to a PULL: every line
# that matches, once, in order.
recv pipe -c 40951
zc_bg "$TMP/flt.out" "$TMP/flt.err" -v -s "PULL:bind:$any" \
    -s "PUSH:connect:$EP" --exec 'sleep 1; exec grep --line-buffered 5'
flt=$ZC_PID
fep=$(bound_endpoint "$TMP/flt.err" pull)
EP0=$EP EP=$fep
send pipe "|seq 100000" -e
EP=$EP0
is "$SST" 0 "pipe: the sender sent 100 000 lines, status 0"
wait_exit "$RPID"
is "$ST" 0 "pipe: the receiver got 40951 lines, status 0"
seq 100000 | grep 5 >"$TMP/pipe.exp"
same_bytes "$TMP/pipe.out" "$TMP/pipe.exp" \
    "pipe: every matching line, once, in order"
term_ok "$flt" "pipe: SIGTERM ends the filter with status 0"
is "$(notes_only "$TMP/flt.err")" "" "pipe: nothing on the filter's stderr"

# 7. A co-process that dies while the run goes on ends it, status 1.
zc_fed die 'echo one; sleep 30' --exec 'read l; echo "got $l"; exit 4' \
    -r stdin:exec -r exec:stdout
wait_exit "$ZC_PID"
is "$ST" 1 "die: status 1"
is "$(cat "$TMP/die.out")" "got one" "die: what it printed went on first"
is "$(cat "$TMP/die.err")" "zmqcat: exec: 'read l; echo \"got \$l\"; exit 4' exited with status 4 while the run went on" \
    "die: said, with the command and its status"

# 8. --exec-restart: a co-process that ends after each line is started
# again (no sooner than a second after its last start); the next line
# waits for it. The last reads the end of stdin: its end is no failure.
zc_fed rs 'echo 1; wait_count "$TMP/rs.err" "starting it again" 1;
	echo 2; wait_count "$TMP/rs.err" "starting it again" 2; echo 3' \
    --exec-restart --exec 'if read l; then echo "got $l"; fi' \
    -r stdin:exec -r exec:stdout
wait_exit "$ZC_PID"
is "$ST" 0 "restart: status 0"
is "$(cat "$TMP/rs.out")" "got 1
got 2
got 3" "restart: each line went to a new one"
is "$(cat "$TMP/rs.err")" "zmqcat: exec: 'if read l; then echo \"got \$l\"; fi' exited with status 0; starting it again
zmqcat: exec: 'if read l; then echo \"got \$l\"; fi' exited with status 0; starting it again" \
    "restart: each end while the run went on said"

# 9. No fd and no child left behind after 1000 commands.
zc_bg "$TMP/fd.out" "$TMP/fd.err" -v -s "REP:bind:$any" --exec-each cat
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/fd.err" rep)
req fd0 "$ep" w 1
fd0=$(ls "/proc/$srv/fd" | wc -l)
req fd1 "$ep" f 1000
is "$RST:$(wc -l <"$TMP/fd1.out")" "0:1000" "fd: 1000 requests answered"
fd1=$(ls "/proc/$srv/fd" | wc -l)
is "$fd1" "$fd0" "fd: as many fds open after 1000 commands as after 1"
is "$(ps -o pid= --ppid "$srv" | wc -l)" 0 "fd: no child left, not even a zombie"
term_ok "$srv" "fd: SIGTERM ends it with status 0"

# 10. SIGTERM: running commands (and what they started) are killed and
# reaped, a co-process too.
: >"$TMP/pgids"
zc_bg "$TMP/tm.out" "$TMP/tm.err" -v -s "PULL:bind:$any" --exec-max 3 \
    --exec-each "echo \$\$ >>'$TMP/pgids'; sleep 30 & sleep 30" \
    --exec "co=echo \$\$ >>'$TMP/pgids'; sleep 30" -r pull:exec -r pull:co
srv=$ZC_PID
ep=$(bound_endpoint "$TMP/tm.err" pull)
printf '1\n2\n3\n' | zc -s "PUSH:connect:$ep" -e
wait_lines "$TMP/pgids" 4
ok $? "term: three commands and the co-process run"
term_ok "$srv" "term: SIGTERM ends it with status 0"
# (killed, a command's own children are the init's to reap: zombies
# that are not ours do not count)
left=""
for g in $(cat "$TMP/pgids"); do
	ps -e -o pgid=,stat= | awk -v g="$g" '$1 == g && $2 !~ /^Z/' |
	    grep -q . && left="$left $g"
done
is "$left" "" "term: no process of their groups is left running"

# 11. The run ends (-c) while a co-process holds what it took: its input
# ends, and what it writes still goes on (within the linger); one that
# does not end at the end of its input is stopped, said, status 1.
zc_bg "$TMP/ce.out" "$TMP/ce.err" -v -s "PULL:bind:$any" \
    --exec 'grep --line-buffered ERROR' -r pull:exec -r exec:stdout -c 3
ce=$ZC_PID
ep=$(bound_endpoint "$TMP/ce.err" pull)
printf 'a ERROR 1\nb ok\nc ERROR 2\n' | zc -s "PUSH:connect:$ep" -e
wait_exit "$ce"
is "$ST:$(cat "$TMP/ce.out")" "0:a ERROR 1
c ERROR 2" "end: -c 3 ends the run, the filter's output of all 3 still comes"
zc_bg "$TMP/cs.out" "$TMP/cs.err" -v -s "PULL:bind:$any" \
    --exec 'sleep 30' -r pull:exec -r exec:stdout -c 1 --linger 200
cs=$ZC_PID
ep=$(bound_endpoint "$TMP/cs.err" pull)
echo a | zc -s "PUSH:connect:$ep" -e
wait_exit "$cs"
is "$ST:$(notes_only "$TMP/cs.err")" "1:zmqcat: exec: 'sleep 30' was still \
running when the run ended (its input had ended); stopped, what it had not \
written is lost" "end: a co-process that does not end is stopped, said, status 1"

done_testing
