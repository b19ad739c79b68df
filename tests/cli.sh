#!/bin/sh
# The command line: help, version, the option table; endpoints libzmq
# refuses (status 1, naming the endpoint); and the paths that only
# print, into a full device: status 1. Usage errors are in usage.sh.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

ep='tcp://127.0.0.1:*'

# What passes zmqcat's own checks (usage.sh) and libzmq still refuses is
# a runtime error (1) naming the endpoint.
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
[ "$(wc -l <"$TMP/out")" -le 48 ]
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
