#!/bin/sh
# Under pressure: a bound PULL out of file descriptors (ulimit -n 32 in
# a subshell, 40 idle peers) keeps serving the peer it has, says once
# that it is out of file descriptors and names the limit, and --monitor
# condenses libzmq's endless failing accepts ("N more like it"), as text
# and as JSON (a "count" member). A flood of CURVE clients with keys not
# in --curve-allow, all from one address: one line, the rest counted; an
# intruder from another address still gets its line at once, a listed
# client is still served, and the lines and counts add up to --stats'
# refused.
#
# Every peer is zmqcat; no sleep synchronizes, every wait is bounded.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

any='tcp://127.0.0.1:*'
FDS=32		# the receiver's file descriptors (soft limit)
IDLE=40		# idle peers: more than it can take
N=1000		# messages from the live peer

seq 1 "$N" >"$TMP/seq"

# starved NAME ARGS...: a zmqcat PULL bound to a free port, -v
# --monitor ARGS, with at most $FDS file descriptors (the soft limit, so
# that valgrind keeps its own above it); stdout and stderr in
# $TMP/NAME.out and .err; sets RPID and EP.
starved() {
	_rn=$1
	shift
	: >"$TMP/$_rn.out"
	: >"$TMP/$_rn.err"
	(ulimit -Sn "$FDS" && exec ${ZMQCAT_WRAPPER:-} "$ZMQCAT" \
	    -s "PULL:bind:$any" -v --monitor "$@") \
	    >"$TMP/$_rn.out" 2>"$TMP/$_rn.err" </dev/null &
	RPID=$!
	track "$RPID"
	EP=$(bound_endpoint "$TMP/$_rn.err" pull)
	ok "$([ -n "$EP" ]; echo $?)" "$_rn: bound ${EP:-nothing} with ulimit -n $FDS"
	: "${EP:=tcp://127.0.0.1:1}"
}

# idle NAME: one zmqcat with $IDLE PUSH sockets connected to $EP that
# send nothing (its stdin stays open until $TMP/NAME.gate says end).
idle() {
	_in=$1
	set --
	_i=0
	while [ "$_i" -lt "$IDLE" ]; do
		_i=$((_i + 1))
		set -- "$@" -s "i$_i=PUSH:connect:$EP"
	done
	zc_fed "$_in" "wait_for \"\$TMP/$_in.gate\" '^end\$'" "$@"
}

# live NAME: a zmqcat PUSH connected to $EP that sends 1..$N once
# $TMP/NAME.gate says go, and ends (-e) when all are sent.
live() {
	zc_fed "$1" "wait_for \"\$TMP/$1.gate\" '^go\$'; cat \"\$TMP/seq\"" \
	    -s "PUSH:connect:$EP" -e
	LPID=$ZC_PID
}

# The warning, exact but for the limit valgrind may lower for itself.
if [ -n "${ZMQCAT_WRAPPER:-}" ]; then
	limit='[0-9]+'
else
	limit=$FDS
fi
FD_WARN="^zmqcat: pull: out of file descriptors \\(ulimit -n is $limit\\): more connections wait until one is free\$"

# 1. Text. The live peer connects first, then the idle ones take every
# file descriptor left: libzmq's accept fails, again and again.
starved fd
live fdl
wait_for "$TMP/fd.err" "^zmqcat: ${TS}pull: handshake succeeded "
idle fdi
wait_for "$TMP/fd.err" "$FD_WARN"
ok $? "fd: a warning says it is out of file descriptors and names the limit"
wait_for "$TMP/fd.err" "^zmqcat: ${TS}pull: accept failed $EP \\(Too many open files\\)\$"
ok $? "fd: --monitor shows a failing accept"
echo go >"$TMP/fdl.gate"
wait_exit "$LPID"
is "$ST" 0 "fd: the live peer sent its $N messages, status 0"
wait_lines "$TMP/fd.out" "$N"
same_bytes "$TMP/fd.out" "$TMP/seq" "fd: the receiver got all $N, in order, none twice"
term_ok "$RPID" "fd: SIGTERM ends the receiver with status 0"
echo end >"$TMP/fdi.gate"
is "$(grep -Ec "$FD_WARN" "$TMP/fd.err")" 1 "fd: the warning is said once"
af=$(grep -c "^zmqcat: ${TS}pull: accept failed " "$TMP/fd.err")
ok "$([ "$af" -ge 2 ] && [ "$af" -le 200 ]; echo $?)" \
    "fd: failing accepts condensed to $af lines (2 to 200)"
ok "$(grep -Eq "^zmqcat: ${TS}pull: accept failed $EP \\(Too many open files\\), [1-9][0-9]* more like it\$" \
    "$TMP/fd.err"; echo $?)" "fd: the repeats are counted: 'N more like it'"
n=$(wc -l <"$TMP/fd.err" | tr -d ' ')
ok "$([ "$n" -le 400 ]; echo $?)" "fd: stderr has $n lines (at most 400)"

# 2. The same as JSON (-J): the repeats in a "count" member.
starved fdj -J
live fdjl
wait_for "$TMP/fdj.err" '^\{"event":"handshake_succeeded","socket":"pull",'
idle fdji
wait_for "$TMP/fdj.err" "$FD_WARN"
ok $? "fdj: the warning, under -J too"
wait_for "$TMP/fdj.err" '^\{"event":"accept_failed","socket":"pull",.*"count":[1-9][0-9]*\}$'
ok $? "fdj: the repeats are counted in a \"count\" member"
echo go >"$TMP/fdjl.gate"
wait_exit "$LPID"
is "$ST" 0 "fdj: the live peer sent its $N messages, status 0"
wait_lines "$TMP/fdj.out" "$N"
n=$(grep -c '"event":"accept_failed"' "$TMP/fdj.err")
term_ok "$RPID" "fdj: SIGTERM ends the receiver with status 0"
echo end >"$TMP/fdji.gate"
is "$(wc -l <"$TMP/fdj.out" | tr -d ' ')" "$N" "fdj: the receiver got all $N"
ok "$([ "$n" -ge 2 ] && [ "$n" -le 200 ]; echo $?)" \
    "fdj: failing accepts condensed to $n objects (2 to 200)"

# 3. Refusals. A server with an allow-list of one key; $FLOOD clients
# with keys of their own (one zmqcat, a socket each) from 127.0.0.1;
# then an intruder from 127.0.0.2 and the listed client.
FLOOD=60
Z85='[]0-9a-zA-Z.:+=^!/*?&<>()[{}@%$#-]'
for k in srv ok bad; do
	zc --keygen </dev/null >"$TMP/$k.key"
	sed -n 's/^public: //p' "$TMP/$k.key" >"$TMP/$k.pub"
done
cp "$TMP/ok.pub" "$TMP/allow.txt"
zc_bg "$TMP/ref.out" "$TMP/ref.err" -s "PULL:bind:$any" -v \
    --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt" --stats
RPID=$ZC_PID
EP=$(bound_endpoint "$TMP/ref.err" pull)
ok "$([ -n "$EP" ]; echo $?)" "ref: bound ${EP:-nothing}"
: "${EP:=tcp://127.0.0.1:1}"
set --
i=0
while [ "$i" -lt "$FLOOD" ]; do
	i=$((i + 1))
	set -- "$@" -s "f$i=PUSH:connect:$EP" --curve-client "@$TMP/srv.pub"
done
zc_fed flood "wait_for \"\$TMP/flood.gate\" '^end\$'" --monitor "$@"
FPID=$ZC_PID
wait_count "$TMP/flood.err" \
    "^zmqcat: ${TS}f[0-9]+: handshake failed .*refused by the authenticator, status 400" \
    "$FLOOD"
ok $? "ref: all $FLOOD flood clients were refused"
kill "$FPID" 2>/dev/null
wait_exit "$FPID"
first="zmqcat: pull: refused CURVE key $Z85{40} from 127\\.0\\.0\\.1 \\(not in the allow-list\\)"
is "$(grep -Ecx "$first" "$TMP/ref.err")" 1 \
    "ref: the flood from one address is one line naming a key and 127.0.0.1, the rest counted"
BADP=$(cat "$TMP/bad.pub")
echo intruder | zc -s "PUSH:connect:tcp://127.0.0.2:0;${EP#tcp://}" \
    --curve-client "@$TMP/srv.pub" --curve-key "@$TMP/bad.key" \
    --linger $((300 * ZC_SLOW)) >/dev/null 2>&1
wait_for "$TMP/ref.err" "^zmqcat: pull: refused CURVE key .* from 127\\.0\\.0\\.2 "
is "$(grep ' from 127\.0\.0\.2 ' "$TMP/ref.err")" \
    "zmqcat: pull: refused CURVE key $BADP from 127.0.0.2 (not in the allow-list)" \
    "ref: an intruder from another address gets its line at once, naming its key"
printf 'a\nb\nc\n' >"$TMP/abc"
zc -s "PUSH:connect:$EP" --curve-client "@$TMP/srv.pub" \
    --curve-key "@$TMP/ok.key" -e <"$TMP/abc" >/dev/null 2>&1
is $? 0 "ref: the listed client sent, status 0"
wait_lines "$TMP/ref.out" 3
same_bytes "$TMP/ref.out" "$TMP/abc" "ref: the listed client's messages arrived"
term_ok "$RPID" "ref: SIGTERM ends the server with status 0"
more=$(sed -n "s/^zmqcat: pull: refused \([0-9]*\) more from 127\.0\.0\.1, the last CURVE key .* (not in the allow-list)\$/\1/p" \
    "$TMP/ref.err" | awk '{ n += $1 } END { print n + 0 }')
ok "$([ "$more" -ge $((FLOOD - 1)) ]; echo $?)" \
    "ref: the rest of the flood is counted: $more more (want $((FLOOD - 1)) or more)"
lines=$(grep -c '^zmqcat: pull: refused ' "$TMP/ref.err")
ok "$([ "$lines" -le 6 ]; echo $?)" "ref: $lines refusal lines in all (at most 6)"
is "$((more + $(grep -Ec '^zmqcat: pull: refused CURVE key ' "$TMP/ref.err")))" \
    "$(stat_col refused pull "$TMP/ref.err")" \
    "ref: the lines and counts add up to --stats' refused"

done_testing
