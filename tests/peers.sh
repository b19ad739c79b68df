#!/bin/sh
# Knowing the other end while a run goes on: --fail-fast (a refused,
# unresolvable, missing or mismatched endpoint ends the run with why, at
# once; a good one does not; a bound socket's failing client does not),
# --monitor's times and condensed retry loops, and --stats' peer list
# (text and -J).

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# ff NAME ENDPOINT WHY: a PUSH connecting to ENDPOINT with --fail-fast
# ends with status 1 long before its -W, saying WHY (an ERE).
ff() {
	_t0=$(now_ms)
	echo x | zc -s "PUSH:connect:$2" --fail-fast -W $((10 * ZC_SLOW)) \
	    >"$TMP/$1.out" 2>"$TMP/$1.err"
	is "$?" 1 "fail-fast $1: status 1"
	_ms=$(since "$_t0")
	ok "$([ "$_ms" -lt $((5000 * ZC_SLOW)) ]; echo $?)" \
	    "fail-fast $1: ends at once, not at -W (took $_ms ms)"
	ok "$(grep -Eqx "zmqcat: push: cannot connect to $2: $3 \\(--fail-fast\\)" \
	    "$TMP/$1.err"; echo $?)" "fail-fast $1: says why"
	[ $? = 0 ] || sed 's/^/#   /' "$TMP/$1.err"
	# the line may not have been read yet, or not have gone
	_lost='push: no peer connected \(--fail-fast\); 1 message not delivered'
	_unsent='stdin: 1 message not sent: the run ended first'
	ok "$(sed -n 2p "$TMP/$1.err" |
	    grep -Eqx "zmqcat: ($_lost|$_unsent)"; echo $?)" \
	    "fail-fast $1: and what was not delivered"
}

# 1. A port nothing listens on, a host that does not resolve, an ipc
# path with no socket.
ff refused tcp://127.0.0.1:1 'connect: Connection refused'
ff unresolved tcp://nohost.invalid:5555 "cannot resolve 'nohost\\.invalid': .*"
ff noipc "ipc://$TMP/none.sock" 'connect: No such file or directory'

# 2. A socket of another kind hangs up during the handshake: a PULL at a
# PUB.
zc_fed pub 'wait_for "$TMP/pub.gate" "^end\$"' -s 'PUB:bind:tcp://127.0.0.1:*' -v
PUB=$ZC_PID
EP=$(bound_endpoint "$TMP/pub.err" pub)
zc -s "PULL:connect:$EP" --fail-fast -W $((10 * ZC_SLOW)) </dev/null \
    >"$TMP/mis.out" 2>"$TMP/mis.err"
is "$?" 1 "fail-fast mismatch: a PULL at a PUB: status 1"
# (which side sees the mismatch first decides which words)
ok "$(grep -Eqx "zmqcat: pull: cannot connect to $EP: (the peer hung up \
during the handshake: another socket type or mechanism\?|handshake failed \
\(.+\)) \(--fail-fast\)" "$TMP/mis.err"; echo $?)" \
    "fail-fast mismatch: says the handshake failed"
[ $? = 0 ] || sed 's/^/#   /' "$TMP/mis.err"

# 3. A good endpoint: --fail-fast changes nothing.
zc -s "SUB:connect:$EP" --fail-fast -W 0.5 </dev/null >"$TMP/good.out" \
    2>"$TMP/good.err"
is "$?:$(cat "$TMP/good.err")" "0:" \
    "fail-fast good: a SUB at the PUB runs to -W, status 0, silent"
echo end >"$TMP/pub.gate"
wait_exit "$PUB"
is "$ST" 0 "fail-fast: the PUB ends with status 0"

# 4. --fail-fast is for our connects: a bound socket goes on when a
# client of the wrong kind comes and goes.
recv bound --fail-fast -c 1
zc -s "SUB:connect:$EP" -W 0.5 </dev/null >"$TMP/wrong.out" 2>&1
echo hi | zc -s "PUSH:connect:$EP" >"$TMP/right.out" 2>&1
recv_done bound "took the PUSH's message after the SUB"
is "$(cat "$TMP/bound.out")" "hi" "fail-fast bound: the message came"

# 5. --monitor: each line starts with the time of day; a dead endpoint's
# retries are one line and a count, not a line each try.
zc -s 'PULL:connect:tcp://127.0.0.1:1' --monitor -W 1.5 </dev/null \
    >"$TMP/mon.out" 2>"$TMP/mon.err"
is "$?" 0 "monitor: -W ends the run, status 0"
is "$(grep -Evc "^zmqcat: $TS" "$TMP/mon.err")" 0 \
    "monitor: every line has its time, HH:MM:SS.mmm"
is "$(mon "$TMP/mon.err" | sed 's/(next try in [0-9]* ms)/(next try in N ms)/;
    s/[0-9][0-9]* more like it$/K more like it/')" \
    "zmqcat: pull: connect delayed tcp://127.0.0.1:1
zmqcat: pull: closed tcp://127.0.0.1:1
zmqcat: pull: connect retried tcp://127.0.0.1:1 (next try in N ms)
zmqcat: pull: connect retried tcp://127.0.0.1:1 (next try in N ms), K more like it
zmqcat: pull: monitor stopped" \
    "monitor: the retry loop is condensed into one line with a count"
zc -s 'PULL:connect:tcp://127.0.0.1:1' --monitor -J -W 0.3 </dev/null \
    >"$TMP/monj.out" 2>"$TMP/monj.err"
is "$(grep -Evc '^\{"event":"[a-z_]*","socket":"pull","time":[0-9]{13}[,}]' \
    "$TMP/monj.err")" 0 "monitor -J: every event has its \"time\" in ms"

# 6. --stats lists the peers: a bound socket's accepted one (in), a
# connecting one's (out), with the mechanism; -J as peer_list.
zc_bg "$TMP/srv.out" "$TMP/srv.err" -s 'PULL:bind:tcp://127.0.0.1:*' -v \
    --stats=0.2
SRV=$ZC_PID
EP=$(bound_endpoint "$TMP/srv.err" pull)
zc_fed cli 'wait_for "$TMP/cli.gate" "^end\$"' -s "PUSH:connect:$EP" \
    --stats=0.2 -J
CLI=$ZC_PID
wait_for "$TMP/srv.err" '^peer pull +in +127\.0\.0\.1:[0-9]+ ' >/dev/null
ok $? "stats: the server lists its accepted peer"
wait_for "$TMP/cli.err" '"peer_list":\[\{"address":"127\.0\.0\.1:' >/dev/null
ok $? "stats -J: the client lists its peer"
port=${EP##*:}
ok "$(grep -Eq "^peer pull +in +127\\.0\\.0\\.1:[0-9]+ +$TS?[0-9:.]+ +NULL\$" \
    "$TMP/srv.err"; echo $?)" "stats: peer, socket, in, address, since, NULL"
ok "$(grep -Eq "\"peer_list\":\\[\\{\"address\":\"127\\.0\\.0\\.1:$port\",\"since\":[0-9]{13},\"mechanism\":\"NULL\",\"accepted\":false\\}\\]" \
    "$TMP/cli.err"; echo $?)" "stats -J: address (the server's port), since, mechanism, accepted"
echo end >"$TMP/cli.gate"
wait_exit "$CLI"
is "$ST" 0 "stats: the client ends with status 0"
term_ok "$SRV" "stats: SIGTERM ends the server with status 0"

done_testing
