#!/usr/bin/env bash
# bench/fds.sh: zmqcat's CPU when a bound socket is out of file descriptors.
#
#   (ulimit -n 32; zmqcat -s PULL:bind:tcp://127.0.0.1:* -v -W SECS [ARGS])
#   with 40 idle PUSH peers (one zmqcat, 40 sockets) connected to it
#
# libzmq's accept of the connections that find no fd fails, and it tries
# again at once, again and again. For each binary given (default: the
# repo's ./zmqcat), without and with --monitor: /usr/bin/time's user+sys
# over the fixed -W run, the CPU ticks (1/100 s) of each thread one
# second before its end, its peak RSS, and how many lines it wrote on
# stderr. A run that does not end by itself 10 s after -W is killed
# ("terminated by signal 9": the deadlock of zmqcat 8a43d64's parent).
#
#   bench/fds.sh [BINARY...]      SECS=5 FDS=32 PEERS=40 by default

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SECS=${SECS:-5}
FDS=${FDS:-32}
PEERS=${PEERS:-40}
[ $# -gt 0 ] || set -- "$(dirname "$HERE")/zmqcat"
T=$(mktemp -d "${TMPDIR:-/tmp}/zmqcat-fds.XXXXXX")
trap 'rm -rf "$T"' EXIT

# one BINARY ARGS...: one run; prints its figures
one() {
	local z=$1 ep args="" i r zp th t
	shift
	: >"$T/err"
	(ulimit -n "$FDS" && exec /usr/bin/time -o "$T/time" \
	    -f '%U+%S s CPU, %e s wall, peak RSS %M KB' \
	    timeout -s KILL $((SECS + 10)) "$z" -s 'PULL:bind:tcp://127.0.0.1:*' -v -W "$SECS" "$@" \
	    >/dev/null 2>"$T/err" </dev/null) &
	r=$!
	for ((i = 0; i < 200; i++)); do
		grep -q '^zmqcat: pull bound ' "$T/err" && break
		sleep 0.05
	done
	ep=$(sed -n 's/^zmqcat: pull bound //p' "$T/err")
	for ((i = 1; i <= PEERS; i++)); do
		args="$args -s p$i=PUSH:connect:$ep"
	done
	# shellcheck disable=SC2086
	sleep $((SECS + 2)) | "$z" $args -W $((SECS + 1)) >/dev/null 2>&1 &
	sleep $((SECS - 1))
	zp=$(pgrep -P "$(pgrep -P "$r" -n)" -n)	# time, timeout, zmqcat
	th=""
	for t in /proc/"$zp"/task/*; do
		th="$th $(cat "$t/comm")=$(awk '{ print $14 + $15 }' "$t/stat")"
	done
	wait "$r"
	wait
	echo "  $(cat "$T/time"); ticks by thread at $((SECS - 1)) s:$th;" \
	    "$(wc -l <"$T/err") lines on stderr"
}

for z in "$@"; do
	echo "$z:"
	one "$z"
	echo "$z --monitor:"
	one "$z" --monitor
done
