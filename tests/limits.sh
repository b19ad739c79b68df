#!/bin/sh
# Limits and sizes: no input crashes zmqcat or is cut silently. Names and
# endpoints up to their limits are taken (the usage errors past them are
# in usage.sh); long values load whole; many sockets are named quickly.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

n64=$(rep 64 n)

# 1. Socket names: at most 64 characters; endpoints at most 1024.
zc -s "$n64=PULL:bind:tcp://*:1" --dump-config >"$TMP/n64.json"
grep -qF "\"name\": \"$n64\"" "$TMP/n64.json"
ok $? "a 64-character socket name is taken"
ep1024="tcp://$(rep 1016 h):1"
zc -s "PULL:bind:$ep1024" --dump-config >"$TMP/e1024.json"
is "$?:$(grep -c "\"$ep1024\"" "$TMP/e1024.json")" "0:1" \
	"a 1024-character endpoint is taken"

# Many long endpoints in a file (they overran a fixed buffer and crashed
# zmqcat): all are kept, and the dump loads back to the same.
awk -v dir="$TMP" 'BEGIN {
	printf "{ \"sockets\": [ { \"type\": \"PULL\", \"bind\": [";
	for (i = 0; i < 100; i++) {
		s = "";
		for (j = 0; j < 990 - length(dir); j++) s = s "p";
		printf "%s\"ipc://%s/%s%d\"", i ? ", " : "", dir, s, i;
	}
	printf "] } ] }\n";
}' >"$TMP/many.json"
zc --config "$TMP/many.json" --dump-config >"$TMP/many1.json" 2>"$TMP/many.err"
is "$?:$(cat "$TMP/many.err")" "0:" "100 endpoints of 1000 characters load"
is "$(grep -c '"ipc://' "$TMP/many1.json")" 100 "and all 100 are dumped"
zc --config "$TMP/many1.json" --dump-config >"$TMP/many2.json"
is "$?:$(cmp "$TMP/many1.json" "$TMP/many2.json" && echo same)" "0:same" \
	"and the dump loads back to the same"

# 4. Default routes are made from the names, not from text in a 128-byte
# buffer: a REP named with 64 characters answers itself with --echo (its
# NAME:NAME route was cut and named no socket), and two PUSH sockets with
# long names that differ at the end no longer share one route.
r64=$(rep 64 r)
zc -s "$r64=REP:bind:tcp://*:1" --echo --dump-config >"$TMP/echo.json" 2>"$TMP/echo.err"
is "$?:$(cat "$TMP/echo.err")" "0:" "--echo with a 64-character REP name"
is "$(sed -n 's/.*"\(from\|to\)": "\(.*\)".*/\2/p' "$TMP/echo.json" | tr '\n' ' ')" \
	"$r64 stdout $r64 $r64 " "and its routes: to stdout and to itself"
zc -s "${n64}=PUSH:bind:tcp://*:1" -s "$(rep 63 n)z=PUSH:bind:tcp://*:2" \
	--dump-config >"$TMP/two.json"
is "$(grep -A1 '"from": "stdin"' "$TMP/two.json" | sed -n 's/.*"to": "\(.*\)".*/\1/p' | tr '\n' ' ')" \
	"$n64 $(rep 63 n)z " "two PUSH sockets with long names each get their own route"

# 9. Default names for thousands of sockets come quickly (4000 took 92 s):
# 10 unnamed PULLs, one named pull3, 3990 more unnamed; the defaults count
# pull, pull2, pull4, ... and skip the given pull3. The dump must finish
# within zc's own bound.
set -f
zc $(rep 10 '-s PULL:bind:tcp://*:1 ') -s 'pull3=PULL:bind:tcp://*:2' \
	$(rep 3990 '-s PULL:bind:tcp://*:1 ') --dump-config >"$TMP/n4000.json"
st=$?
set +f
is "$st" 0 "--dump-config of 4001 sockets finishes"
sed -n 's/^      "name": "\(.*\)",$/\1/p' "$TMP/n4000.json" >"$TMP/n4000.got"
awk 'BEGIN { k = 1
	for (i = 0; i < 4001; i++) {
		if (i == 10) { print "pull3"; continue }
		if (k == 3) k++
		print k == 1 ? "pull" : "pull" k; k++
	} }' >"$TMP/n4000.want"
same_bytes "$TMP/n4000.got" "$TMP/n4000.want" \
	"they are named pull, pull2, pull4 ... pull4001, and the given pull3"
is "$(grep -c '"to": "stdout"' "$TMP/n4000.json")" 4001 "each has its default route"

# 2. Ports from * and 0 to 65535 (tcp, ws, wss, udp; IPv6 and SOURCE;DEST
# forms) and paths with colons pass the endpoint checks.
zc -s 'PULL:bind:tcp://[::1]:65535,tcp://*:*,ws://*:0/a:b' \
	-s 'PUSH:connect:tcp://eth0:0;h:1,udp://h:1,ipc:///a:99999,inproc://x:y' \
	--dump-config >/dev/null 2>"$TMP/good.err"
is "$?:$(cat "$TMP/good.err")" "0:" "good ports, IPv6, source addresses and paths pass"

done_testing
