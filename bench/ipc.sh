#!/usr/bin/env bash
# bench/ipc.sh: how many runs lose messages over ipc at the close.
#
#   seq 1 N | zmqcat -s PUSH:connect:ipc://S -e   ->  zmqcat -s PULL:bind:ipc://S
#
# RUNS times for each binary given (default: the repo's ./zmqcat), the
# receiver with a high-water mark of 10 when HWM=10 (the case libzmq
# issue 4660 loses in), else libzmq's default. Prints, per binary, the
# runs that lost messages and how many were lost in all.
#
#   bench/ipc.sh [BINARY...]      N=1000000 RUNS=50 HWM=1000 by default

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
N=${N:-1000000}
RUNS=${RUNS:-50}
HWM=${HWM:-1000}
[ $# -gt 0 ] || set -- "$(dirname "$HERE")/zmqcat"
T=$(mktemp -d "${TMPDIR:-/tmp}/zmqcat-ipc.XXXXXX")
trap 'rm -rf "$T"' EXIT
seq 1 "$N" >"$T/msgs"

for z in "$@"; do
	bad=0 lost=0
	for ((i = 1; i <= RUNS; i++)); do
		rm -f "$T/s.sock"
		"$z" -s "PULL:bind:ipc://$T/s.sock" -o rcvhwm="$HWM" -T 3 \
		    >"$T/out" 2>"$T/err" </dev/null &
		r=$!
		for ((k = 0; k < 200 && ! -S "$T/s.sock"; k++)); do
			sleep 0.05
		done
		"$z" -s "PUSH:connect:ipc://$T/s.sock" -e <"$T/msgs" 2>>"$T/serr"
		st=$?
		wait "$r"
		got=$(wc -l <"$T/out")
		if [ "$got" -ne "$N" ] || [ "$st" -ne 0 ]; then
			bad=$((bad + 1))
			lost=$((lost + N - got))
		fi
	done
	printf '%s: %d of %d runs lost messages (%d in all), N=%d, receiver HWM %d\n' \
	    "$z" "$bad" "$RUNS" "$lost" "$N" "$HWM"
done
