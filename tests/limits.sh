#!/bin/sh
# Limits and sizes: no input crashes zmqcat or is cut silently. Over-long
# socket names and endpoints are usage errors saying which limit was
# passed; long values load whole; many sockets are named quickly.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# rep N STR: STR repeated N times.
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'
}

# usage_error DESC EXPECTED-STDERR ARGS...: status 2, the exact message
# (with $TMP/ taken out), nothing on stdout.
usage_error() {
	_desc=$1 _want=$2
	shift 2
	zc "$@" >"$TMP/ue.out" 2>"$TMP/ue.err" </dev/null
	is "$?:$(wc -c <"$TMP/ue.out" | tr -d ' ')" "2:0" \
		"$_desc: exit status 2, nothing on stdout"
	is "$(sed "s|$TMP/||g" "$TMP/ue.err")" "$_want" "$_desc: the message"
}

a100=$(rep 100 a)
n64=$(rep 64 n)

# 1. Socket names: at most 64 characters, from -s and from --config.
zc -s "$n64=PULL:bind:tcp://*:1" --dump-config >"$TMP/n64.json"
grep -qF "\"name\": \"$n64\"" "$TMP/n64.json"
ok $? "a 64-character socket name is taken"
usage_error "a 65-character name" \
	"zmqcat: bad socket name '${n64}n' (at most 64 characters)" \
	-s "${n64}n=PULL:bind:tcp://*:1" --dump-config
usage_error "a 5000-character name, quoted cut" \
	"zmqcat: bad socket name '$a100...' (at most 64 characters)" \
	-s "$(rep 50 "$a100")=PULL:bind:tcp://*:1" --dump-config
printf '{ "sockets": [ { "name": "%s", "type": "PULL", "bind": "tcp://*:1" } ] }\n' \
	"$(rep 50 "$a100")" >"$TMP/longname.json"
usage_error "a 5000-character name in a file" \
	"zmqcat: longname.json: sockets[0].name: bad socket name '$a100...' (at most 64 characters)" \
	--config "$TMP/longname.json"

# Endpoints: at most 1024 characters.
ep1024="tcp://$(rep 1016 h):1"
zc -s "PULL:bind:$ep1024" --dump-config >"$TMP/e1024.json"
is "$?:$(grep -c "\"$ep1024\"" "$TMP/e1024.json")" "0:1" \
	"a 1024-character endpoint is taken"
usage_error "a 1025-character endpoint" \
	"zmqcat: bad endpoint 'tcp://$(rep 94 h)...' in 'PULL:bind:tcp://$(rep 84 h)...' (at most 1024 characters)" \
	-s "PULL:bind:tcp://$(rep 1017 h):1" --dump-config
printf '{ "sockets": [ { "type": "PULL", "bind": [ "tcp://%s:1" ] } ] }\n' \
	"$(rep 50 "$a100")" >"$TMP/longep.json"
usage_error "a 5000-character endpoint in a file" \
	"zmqcat: longep.json: sockets[0].bind: bad endpoint 'tcp://$(rep 94 a)...' (at most 1024 characters)" \
	--config "$TMP/longep.json"

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
# NAME:NAME route was cut and named no socket), and two PUSH sockets whose
# names differ past the 121st character no longer share one route.
r64=$(rep 64 r)
zc -s "$r64=REP:bind:tcp://*:1" --echo --dump-config >"$TMP/echo.json" 2>"$TMP/echo.err"
is "$?:$(cat "$TMP/echo.err")" "0:" "--echo with a 64-character REP name"
is "$(sed -n 's/.*"\(from\|to\)": "\(.*\)".*/\2/p' "$TMP/echo.json" | tr '\n' ' ')" \
	"$r64 stdout $r64 $r64 " "and its routes: to stdout and to itself"
x121=$(rep 121 x)
usage_error "PUSH sockets named X and Xz (X of 121; X got every line twice)" \
	"zmqcat: bad socket name '$(rep 100 x)...' (at most 64 characters)" \
	-s "$x121=PUSH:bind:tcp://*:1" -s "${x121}z=PUSH:bind:tcp://*:2" --dump-config
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

# 2. Endpoints are checked before any socket opens: a port is * or 0 to
# 65535 (tcp, ws, wss, udp; IPv6 and SOURCE;DEST forms), and the
# transport one libzmq knows.
usage_error "a port over 65535 (exited 0 silently)" \
	"zmqcat: bad endpoint 'tcp://127.0.0.1:99999' in 'PULL:bind:tcp://127.0.0.1:99999' (port '99999': want * or 0 to 65535)" \
	-s PULL:bind:tcp://127.0.0.1:99999 -W 0.2
usage_error "a bad port on the source side" \
	"zmqcat: bad endpoint 'tcp://127.0.0.1:65536;[::1]:1' in 'PUSH:>tcp://127.0.0.1:65536;[::1]:1' (port '65536': want * or 0 to 65535)" \
	-s 'PUSH:>tcp://127.0.0.1:65536;[::1]:1'
usage_error "an unknown transport (exited 1)" \
	"zmqcat: bad endpoint '>tcp://a:1' in 'PULL:@>tcp://a:1' (unknown transport '>tcp'; want tcp, ipc, inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm)" \
	-s 'PULL:@>tcp://a:1'
printf '{ "sockets": [ { "type": "PULL", "connect": [ "tcp://h:1", "ws://h:x/p" ] } ] }\n' \
	>"$TMP/port.json"
usage_error "a bad port in a file" \
	"zmqcat: port.json: sockets[0].connect: bad endpoint 'ws://h:x/p' (port 'x': want * or 0 to 65535)" \
	--config "$TMP/port.json"
zc -s 'PULL:bind:tcp://[::1]:65535,tcp://*:*,ws://*:0/a:b' \
	-s 'PUSH:connect:tcp://eth0:0;h:1,udp://h:1,ipc:///a:99999,inproc://x:y' \
	--dump-config >/dev/null 2>"$TMP/good.err"
is "$?:$(cat "$TMP/good.err")" "0:" "good ports, IPv6, source addresses and paths pass"

done_testing
