#!/bin/sh
# Security under attack, and secrets kept:
#  1. a CURVE server with --curve-allow takes 200 connection attempts
#     with unlisted keys (a pyzmq flood) while a listed client streams:
#     nothing of the attackers is delivered, --stats counts exactly 200
#     refusals, the log says so (loosely: its format is rate-limited),
#     and the listed stream keeps flowing (no stall of the main loop:
#     its longest gap, and its rate with and without the attack);
#  2. no secret (CURVE secret key, PLAIN password) in anything a set of
#     runs prints: -v, -vv, --monitor, --stats (table and -J),
#     --dump-config, refusals, and the error messages of bad keys, key
#     files, allow-lists, users files and --config files.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"
require_pyzmq
if ! pyzmq_ok curve; then
	if [ "${ZMQCAT_REQUIRE_INTEROP:-0}" = 1 ]; then
		ok 1 "pyzmq with CURVE (ZMQCAT_REQUIRE_INTEROP=1)"
		done_testing
	fi
	skip_all "pyzmq without CURVE"
fi

pub() { sed -n 's/^public: //p' "$1"; }
sec() { sed -n 's/^secret: //p' "$1"; }
for k in srv a b; do
	zc --keygen </dev/null >"$TMP/$k.key" 2>/dev/null
	chmod 600 "$TMP/$k.key"
done
grep '^public: ' "$TMP/srv.key" >"$TMP/srv.pub"
SP=$(pub "$TMP/srv.key") SS=$(sec "$TMP/srv.key")
AP=$(pub "$TMP/a.key") AS=$(sec "$TMP/a.key")
BP=$(pub "$TMP/b.key") BS=$(sec "$TMP/b.key")
echo "$AP" >"$TMP/allow.txt"

# 1. The flood. The listed client a (seq_push.py, CURVE) sends N numbers
# at RATE a second; zmqcat prints each with its arrival time in ms. A
# third of the way in, many_push.py opens 200 CURVE clients with keys of
# their own, each trying once. zmqcat's --stats (every 0.2 s) says when
# all 200 were refused. Under valgrind: a slower stream, the same 200.
N=6000 RATE=2000
[ "$ZC_SLOW" -gt 1 ] && N=1500 RATE=500
zc_bg "$TMP/fl.out" "$TMP/fl.err" -s 'PULL:bind:tcp://127.0.0.1:*' -v \
    --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt" \
    --stats=0.2 -f '%t %s\n'
fz=$ZC_PID
EP=$(bound_endpoint "$TMP/fl.err" pull)
py_bg "$TMP/fa.out" "$TMP/fa.err" seq_push.py "$EP" 1 $N --rate $RATE \
    "--curve=$SP,$AP,$AS" --timeout "$(slow 10)"
fa=$PY_PID
wait_lines "$TMP/fl.out" $((N / 3))
t_atk=$(now_ms)
py_bg "$TMP/fm.out" "$TMP/fm.err" many_push.py "$EP" 200 "$(slow 10)" "$SP"
fm=$PY_PID
wait_for "$TMP/fl.err" '^pull +PULL +([0-9]+ +){7}200 +[0-9]+ +[0-9.]+$'
ok $? "flood: --stats counts the 200 refusals"
t_end=$(now_ms)
wait_exit "$fa"
is "$ST:$(cat "$TMP/fa.err")" "0:" "flood: the listed client sent all $N"
kill "$fm" 2>/dev/null
wait_lines "$TMP/fl.out" $N
term_ok "$fz" "flood: the server ends at SIGTERM, status 0"
is "$(cut -d ' ' -f 2 "$TMP/fl.out" | awk '$1 != NR { bad++ }
    END { print NR, bad + 0 }')" "$N 0" \
    "flood: exactly the listed client's $N messages, in order: none of the attackers'"
is "$(stat_col refused pull "$TMP/fl.err"):$(stat_col in pull "$TMP/fl.err")" \
    "200:$N" "flood: --stats at the end: 200 refused, $N in"
n=$(grep -c '^zmqcat: pull: .*refused' "$TMP/fl.err")
ok "$([ "$n" -ge 1 ] && [ "$n" -le 200 ]; echo $?)" \
    "flood: the refusals are logged ($n lines for 200; at most one each)"
# the stream while attacked: its longest gap between two messages, and
# its rate in the attack against the half second before it
gap=$(awk -v a="$t_atk" -v e="$t_end" '
    NR > 1 && $1 >= a && p <= e && $1 - p > g { g = $1 - p }
    { p = $1 } END { print g + 0 }' "$TMP/fl.out")
before=$(awk -v a="$t_atk" '$1 >= a - 500 && $1 < a' "$TMP/fl.out" | wc -l)
during=$(awk -v a="$t_atk" -v e="$t_end" '$1 >= a && $1 <= e' "$TMP/fl.out" |
    wc -l)
span=$((t_end - t_atk))
echo "# flood: the 200 refused in $span ms; stream $((before * 2))/s before," \
    "$((during * 1000 / (span > 0 ? span : 1)))/s during; longest gap $gap ms"
ok "$([ "$gap" -le $((1000 * ZC_SLOW)) ]; echo $?)" \
    "flood: the listed stream kept flowing (longest gap $gap ms, at most $((1000 * ZC_SLOW)))"

# 2. The sweep: every output of the runs below goes to $TMP/sw/NAME.
mkdir "$TMP/sw"
# run NAME WANT ARGS...: zmqcat ARGS, bounded, stdin empty; stdout and
# stderr both in $TMP/sw/NAME; the status must be WANT. (Usage errors,
# WANT 2, run without valgrind: a second each there, and the normal
# and ASan runs of the suite check their memory.)
run() {
	_rn=$1 _want=$2
	shift 2
	if [ "$_want" = 2 ]; then
		bounded "$ZMQCAT" "$@" </dev/null >"$TMP/sw/$_rn" 2>&1
	else
		zc "$@" </dev/null >"$TMP/sw/$_rn" 2>&1
	fi
	is "$?" "$_want" "sweep $_rn: status $_want"
}
printf 'alice:Al1ce-s3cret-pw\n' >"$TMP/users.txt"
printf 'alice:Al1ce-s3cret-pw\n' >"$TMP/alice.cred"
chmod 600 "$TMP/users.txt" "$TMP/alice.cred"
PW=Al1ce-s3cret-pw BADPW=Wr0ng-s3cret-pw
echo hi >"$TMP/hi"
echo '{"frames":["hi"]}' >"$TMP/hi.json"

# a CURVE server, every kind of output on, the secret given literally
zc_bg "$TMP/sw/server" "$TMP/sw/server.err" -s 'PULL:bind:tcp://127.0.0.1:*' \
    -vv --monitor --stats --curve-server "$SS" --curve-allow "$TMP/allow.txt"
sv=$ZC_PID
EP=$(bound_endpoint "$TMP/sw/server.err" pull)
zc -s "PUSH:connect:$EP" -vv --monitor --stats --curve-client "$SP" \
    --curve-key "$AS" --linger $((1000 * ZC_SLOW)) <"$TMP/hi" \
    >"$TMP/sw/client-a" 2>&1
is "$?" 0 "sweep client-a (literal keys, -vv --monitor --stats): status 0"
zc -s "PUSH:connect:$EP" -vv --monitor --stats -J --curve-client "$SP" \
    --curve-key "$BS" --linger $((500 * ZC_SLOW)) <"$TMP/hi.json" \
    >"$TMP/sw/client-b" 2>&1
is "$?" 1 "sweep client-b (unlisted, -J): refused, status 1"
wait_lines "$TMP/sw/server" 1
term_ok "$sv" "sweep server: SIGTERM, status 0"
grep -qF "refused CURVE key $BP" "$TMP/sw/server.err"
ok $? "sweep server: the refusal names b's public key"

# a PLAIN server; a right and a wrong password
zc_bg "$TMP/sw/plain" "$TMP/sw/plain.err" -s 'PULL:bind:tcp://127.0.0.1:*' \
    -vv --monitor --stats -J --plain-users "$TMP/users.txt"
pv=$ZC_PID
EP=$(bound_endpoint "$TMP/sw/plain.err" pull)
zc -s "PUSH:connect:$EP" -vv --plain-client "alice:$PW" \
    --linger $((1000 * ZC_SLOW)) <"$TMP/hi" >"$TMP/sw/plain-ok" 2>&1
is "$?" 0 "sweep plain-ok: status 0"
zc -s "PUSH:connect:$EP" -vv --plain-client "alice:$BADPW" \
    --linger $((500 * ZC_SLOW)) <"$TMP/hi" >"$TMP/sw/plain-bad" 2>&1
is "$?" 1 "sweep plain-bad (wrong password): status 1"
term_ok "$pv" "sweep plain server: SIGTERM, status 0"

# --dump-config with secrets literal and from files
run dump-lit 0 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "$SS" \
    -s 'PUSH:connect:tcp://127.0.0.1:1' --curve-client "$SP" --curve-key "$AS" \
    -s 'DEALER:connect:tcp://127.0.0.1:1' --plain-client "alice:$PW" \
    --dump-config -v
run dump-file 0 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "@$TMP/srv.key" \
    --curve-allow "$TMP/allow.txt" -s 'PUSH:connect:tcp://127.0.0.1:1' \
    --curve-client "@$TMP/srv.pub" --curve-key "@$TMP/a.key" \
    -s 'DEALER:connect:tcp://127.0.0.1:1' --plain-client "@$TMP/alice.cred" \
    --dump-config
printf '{"sockets":[{"type":"PULL","bind":["tcp://127.0.0.1:1"],"curve_server":"%s"}]}\n' \
    "$SS" >"$TMP/lit.json"
run config-lit 0 --config "$TMP/lit.json" --dump-config -vv

# bad keys and files that hold a secret: the errors must not echo it
run key-long 2 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "${SS}x"
run key-short 2 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "${SS%?}"
run key-char 2 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "${SS%?}~"
run ckey-long 2 -s 'PUSH:connect:tcp://127.0.0.1:1' --curve-client "$SP" \
    --curve-key "${AS}AB"
printf 'secret: %sjunk\n' "$SS" >"$TMP/bad.key"
chmod 600 "$TMP/bad.key"
run keyfile-bad 2 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "@$TMP/bad.key"
printf '%s\nsecret: %s\n' "$AP" "$AS" >"$TMP/allow-bad.txt"
run allow-secret 2 -s 'PULL:bind:tcp://127.0.0.1:1' --curve-server "$SS" \
    --curve-allow "$TMP/allow-bad.txt"
printf '%s\n' "$SS" >"$TMP/srv-secret-only.pub"
run wrong-file 0 -s 'PUSH:connect:tcp://127.0.0.1:1' -W 0.1 -v \
    --curve-client "@$TMP/srv-secret-only.pub" --curve-key "$AS"
printf 'alice%s\n' "$PW" >"$TMP/users-bad.txt"
chmod 600 "$TMP/users-bad.txt"
run users-bad 2 -s 'PULL:bind:tcp://127.0.0.1:1' --plain-users "$TMP/users-bad.txt"
run plain-nocolon 2 -s 'PUSH:connect:tcp://127.0.0.1:1' --plain-client "alice$PW"
printf '{"sockets":[{"type":"PULL","bind":["tcp://127.0.0.1:1"],"curve_server":"%sQ"}]}\n' \
    "$SS" >"$TMP/bad.json"
run config-bad 2 --config "$TMP/bad.json"
chmod 644 "$TMP/a.key"
run keyfile-open 0 -s 'PUSH:connect:tcp://127.0.0.1:1' -W 0.1 \
    --curve-client "$SP" --curve-key "@$TMP/a.key" -v
chmod 600 "$TMP/a.key"

# Every run said something (the sweep reads real output), and none of
# it holds a secret.
is "$(for f in "$TMP"/sw/*; do [ -s "$f" ] || echo "${f##*/}"; done |
    grep -v -e '^plain$' -e '^server$' | tr '\n' ' ')" "" \
    "sweep: every run printed something (errors, -v notes, the config)"
for s in SS AS BS PW BADPW; do
	eval "v=\$$s"
	found=$(grep -lF -- "$v" "$TMP"/sw/* | sed 's|.*/||' | tr '\n' ' ')
	is "$found" "" "sweep: the secret $s appears in no output"
done
# the parts of secrets a bad key cut: the first 20 characters
for s in SS AS; do
	eval "v=\$$s"
	v=$(printf '%s' "$v" | cut -c 1-20)
	found=$(grep -lF -- "$v" "$TMP"/sw/* | sed 's|.*/||' | tr '\n' ' ')
	is "$found" "" "sweep: not even the first half of $s"
done

done_testing
