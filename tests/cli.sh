#!/bin/sh
# The command line: help, version, the option table, and every kind of
# bad argument, each with status 2 and one stderr line that names it;
# and the paths that only print, into a full device: status 1.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

ep='tcp://127.0.0.1:*'

# usage_error DESCRIPTION EXPECTED-STDERR ARGS...: status 2, exact line.
usage_error() {
	_desc=$1 _want=$2
	shift 2
	zc "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	_st=$?
	is "$_st" 2 "$_desc: exit status 2"
	is "$(cat "$TMP/err")" "$_want" "$_desc: names the bad argument"
	is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$_desc: nothing on stdout"
}

printf '%s\n' '{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1",' \
    '  "curve_sever": "@srv.key" } ] }' >"$TMP/sec.json"
(umask 077 && echo 'alice:secret' >"$TMP/users")

usage_error "unknown long option" \
	"zmqcat: unknown option '--frobnicate' (see zmqcat --help)" \
	--frobnicate -s "PULL:bind:$ep"
usage_error "unknown short option" \
	"zmqcat: unknown option '-Z' (see zmqcat --help)" -Z
usage_error "missing argument" \
	"zmqcat: option '-s' needs an argument" -s
usage_error "bad socket type" \
	"zmqcat: bad socket type 'PUL' in 'PUL:bind:tcp://*:1'" \
	-s 'PUL:bind:tcp://*:1'
usage_error "bad mode" \
	"zmqcat: bad mode 'bnd' in 'PULL:bnd:tcp://*:1' (want bind, connect, @ or >)" \
	-s 'PULL:bnd:tcp://*:1'
usage_error "empty endpoint" \
	"zmqcat: empty endpoint in 'PULL:bind:'" -s 'PULL:bind:'
usage_error "endpoint without transport" \
	"zmqcat: bad endpoint 'localhost:5557' in 'PUSH:connect:localhost:5557' (expected TRANSPORT://ADDRESS)" \
	-s 'PUSH:connect:localhost:5557'
usage_error "bad socket name" \
	"zmqcat: bad socket name 'In' in 'In=PULL:bind:tcp://*:1' (want [a-z][a-z0-9_-]*, not stdin or stdout)" \
	-s 'In=PULL:bind:tcp://*:1'
usage_error "name used twice" \
	"zmqcat: socket name 'a' used twice ('a=PULL:bind:tcp://*:1' and 'a=SUB:connect:tcp://h:2')" \
	-s 'a=PULL:bind:tcp://*:1' -s 'a=SUB:connect:tcp://h:2'
usage_error "unknown socket option" \
	"zmqcat: unknown socket option 'sndhwn' (see --list-sockopts)" \
	-s "PUSH:bind:$ep" -o sndhwn=1
usage_error "bad socket option value" \
	"zmqcat: bad value 'lots' for sndhwm in 'sndhwm=lots' (want an integer from 0 to 2147483647)" \
	-s "PUSH:bind:$ep" -o sndhwm=lots
usage_error "bad bool value" \
	"zmqcat: bad value 'maybe' for conflate in 'conflate=maybe' (want 0, 1, true, false, yes, no, on or off)" \
	-s "PULL:bind:$ep" -o conflate=maybe
usage_error "bad curve key" \
	"zmqcat: bad value 'abc' for curve_serverkey in 'curve_serverkey=abc' (want a 40-character Z85 key)" \
	-s "PUSH:bind:$ep" -o curve_serverkey=abc
usage_error "socket option before any socket" \
	"zmqcat: -o 'linger=0' must follow the -s it applies to" \
	-o linger=0 -s "PULL:bind:$ep"
usage_error "--subscribe on a PULL" \
	"zmqcat: --subscribe 'x' needs a SUB socket, not 'PULL:bind:tcp://127.0.0.1:*'" \
	-s "PULL:bind:$ep" --subscribe x
usage_error "count of zero" \
	"zmqcat: bad count '0' (want an integer from 1 to 9223372036854775807)" \
	-c 0 -s "PULL:bind:$ep"
usage_error "count not a number" \
	"zmqcat: bad count '10x' (want an integer from 1 to 9223372036854775807)" \
	-c 10x -s "PULL:bind:$ep"
usage_error "negative timeout" \
	"zmqcat: bad timeout '-1' (want seconds > 0, fractions allowed)" \
	-W -1 -s "PULL:bind:$ep"
usage_error "idle timeout not a number" \
	"zmqcat: bad idle timeout 'soon' (want seconds > 0, fractions allowed)" \
	-T soon -s "PULL:bind:$ep"
usage_error "negative linger" \
	"zmqcat: bad linger '-5' (want an integer from 0 to 2147483647)" \
	--linger -5 -s "PULL:bind:$ep"
usage_error "linger out of range" \
	"zmqcat: bad linger '99999999999' (want an integer from 0 to 2147483647)" \
	--linger 99999999999 -s "PULL:bind:$ep"
usage_error "no I/O thread" \
	"zmqcat: bad I/O thread count '0' (want an integer from 1 to 64)" \
	--io-threads 0 -s "PULL:bind:$ep"
usage_error "more I/O threads than 64" \
	"zmqcat: bad I/O thread count '65' (want an integer from 1 to 64)" \
	--io-threads 65 -s "PULL:bind:$ep"
usage_error "bad interval" \
	"zmqcat: bad interval 'fast' (want an integer from 0 to 2147483647)" \
	--demo-server --interval fast
usage_error "bad format token" \
	"zmqcat: -f: bad format token '%q' in 'x%q'" \
	-f 'x%q' -s "PULL:bind:$ep"
usage_error "bad delimiter escape" \
	"zmqcat: -D: bad escape '\\q' in '\\q' (want \\n \\t \\r \\0 \\\\ or \\xNN)" \
	-D '\q' -s "PULL:bind:$ep"
usage_error "empty delimiter" \
	"zmqcat: -F: empty delimiter ''" -F '' -s "PULL:bind:$ep"
usage_error "no socket at all" \
	"zmqcat: no socket given (use -s TYPE:MODE:ENDPOINT, see zmqcat --help)"
usage_error "stray argument" \
	"zmqcat: unexpected argument 'tcp://h:1' (sockets are given with -s)" \
	-s "PULL:bind:$ep" tcp://h:1
# --stats takes its period only with '=': the word after a bare --stats
# is a stray argument, and the message says what was probably meant.
usage_error "--stats with its period as a separate word" \
	"zmqcat: unexpected argument '10'; did you mean --stats=10?" \
	-s "PULL:bind:$ep" --stats 10
usage_error "--stats with a separate period, before -s" \
	"zmqcat: unexpected argument '0.5'; did you mean --stats=0.5?" \
	--stats 0.5 -s "PULL:bind:$ep"
usage_error "a stray argument after --stats=SECS" \
	"zmqcat: unexpected argument '10' (sockets are given with -s)" \
	-s "PULL:bind:$ep" --stats=10 10
usage_error "demo server on a socket that cannot send" \
	"zmqcat: --demo-server cannot send on 'PULL:bind:tcp://127.0.0.1:*'" \
	--demo-server -s "PULL:bind:$ep"

usage_error "--wait-peers on an inproc socket" \
	"zmqcat: --wait-peers: pub has an inproc endpoint, whose peers libzmq does not report" \
	-s 'PUB:bind:inproc://x' --wait-peers 1
usage_error "-o zap_domain on a socket zmqcat checks" \
	"zmqcat: pull: -o zap_domain: zmqcat sets the ZAP domain of a socket with --curve-allow or --plain-users" \
	-s 'PULL:bind:tcp://*:1' -o zap_domain=x --plain-users "$TMP/users"
usage_error "config file with a misspelt security key" \
	"zmqcat: $TMP/sec.json: sockets[0].curve_sever: unknown key (want name, type, bind, connect, options, subscribe, curve_server, curve_client, curve_key, curve_allow, plain_users or plain_client)" \
	--config "$TMP/sec.json"

# An unknown transport is ours to refuse; what passes our checks and
# libzmq still refuses is a runtime error (1) naming the endpoint.
usage_error "unknown transport" \
	"zmqcat: bad endpoint 'foo://x' in 'PULL:connect:foo://x' (unknown transport 'foo'; want tcp, ipc, inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm)" \
	-s 'PULL:connect:foo://x'
zc -s 'PULL:connect:tcp://nohost' >"$TMP/out" 2>"$TMP/err" </dev/null
is "$?" 1 "tcp without a port: exit status 1"
is "$(cat "$TMP/err")" \
	"zmqcat: pull: cannot connect tcp://nohost: Invalid argument" \
	"tcp without a port: names the endpoint and libzmq's reason"

zc_bg "$TMP/b.out" "$TMP/b.err" -s "PULL:bind:$ep" -v
taken=$(bound_endpoint "$TMP/b.err" pull)
ok $? "a zmqcat bound $taken"
zc -s "PULL:bind:$taken" >"$TMP/out" 2>"$TMP/err" </dev/null
is "$?" 1 "address in use: exit status 1"
is "$(cat "$TMP/err")" \
	"zmqcat: pull: cannot bind $taken: Address already in use" \
	"address in use: names the endpoint and libzmq's reason"
kill "$ZC_PID"
wait_exit "$ZC_PID"
is "$ST" 0 "SIGTERM ends an idle zmqcat with status 0"

zc -s "SUB:connect:tcp://127.0.0.1:1" -o ipv6=1 -o maxmsgsize=10 \
	-o routing_id=x -o curve_serverkey='rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7' \
	-W 0.1 >"$TMP/out" 2>"$TMP/err" </dev/null
is "$?:$(cat "$TMP/err")" "0:" "options of every type are accepted by libzmq"

# --io-threads N gives libzmq N I/O threads, each a thread of the process
# (on Linux, an entry of /proc/PID/task): 4 make 3 more than the default,
# for the loop and for the demo server.
if [ -d /proc/self/task ]; then
	for args in "" "--io-threads 4" "--demo-server" \
	    "--demo-server --io-threads 4"; do
		case $args in
		*demo*) sock='PUSH:bind:tcp://127.0.0.1:*' name=push ;;
		*) sock='PULL:bind:tcp://127.0.0.1:*' name=pull ;;
		esac
		zc_bg "$TMP/t.out" "$TMP/t.err" -s "$sock" -v $args
		bound_endpoint "$TMP/t.err" "$name" >/dev/null
		n=$(ls "/proc/$ZC_PID/task" | wc -l)
		kill "$ZC_PID"
		wait_exit "$ZC_PID"
		case $args in
		*io-threads*) is "$((n - base))" 3 \
		    "$args: 3 threads more than without --io-threads" ;;
		*) base=$n ;;
		esac
	done
else
	ok 0 "--io-threads: threads counted # SKIP no /proc/self/task"
	ok 0 "--demo-server --io-threads: threads counted # SKIP no /proc/self/task"
fi

# Help, version and the option table.
zc --help >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "--help exits 0"
grep -q '^usage: zmqcat ' "$TMP/out"
ok $? "--help prints the usage on stdout"
[ "$(wc -l <"$TMP/out")" -le 40 ]
ok $? "--help fits on one screen"
zc -h | cmp -s - "$TMP/out"
ok $? "-h is --help"
zc --version >"$TMP/out"
grep -Eq '^zmqcat [0-9]+\.[0-9]+\.[0-9]+ \(libzmq [0-9]+\.[0-9]+\.[0-9]+, jansson [0-9.]+\)$' "$TMP/out"
ok $? "--version names zmqcat, libzmq and jansson versions"
zc --list-sockopts >"$TMP/out"
grep -qx 'sndhwm int' "$TMP/out" && grep -qx 'curve_serverkey z85key' "$TMP/out" &&
	grep -qx 'conflate bool' "$TMP/out" && grep -qx 'routing_id bytes' "$TMP/out" &&
	grep -qx 'maxmsgsize int64' "$TMP/out"
ok $? "--list-sockopts prints name and type per line"
is "$(grep -cv '^[a-z0-9_]* \(int\|int64\|uint64\|bool\|bytes\|z85key\)$' "$TMP/out")" 0 \
	"--list-sockopts prints nothing else"

# Every path that only prints checks its writes: into a full device it
# says so and exits 1 (it used to exit 0, having printed nothing).
full="zmqcat: stdout: No space left on device"
for args in --help -V --list-sockopts --keygen "--keygen -J" \
    "-s PULL:bind:$ep --dump-config"; do
	if [ ! -w /dev/full ]; then
		ok 0 "$args >/dev/full # SKIP no /dev/full"
		continue
	fi
	if [ "${args%% *}" = --keygen ] && ! zc --keygen >/dev/null 2>&1; then
		ok 0 "$args >/dev/full # SKIP --keygen fails (no CURVE?)"
		continue
	fi
	zc $args </dev/null >/dev/full 2>"$TMP/err"
	is "$?:$(cat "$TMP/err")" "1:$full" "$args >/dev/full: status 1 and why"
done

done_testing
