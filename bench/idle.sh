#!/usr/bin/env bash
# bench/idle.sh: what idle sockets in the poll set cost a busy one. One
# PULL prints N 16-byte messages from bench/bin/blast while K SUBs bound
# on loopback sit idle, for K in IDLE_KS (0 and 100 by default):
#
#   CPU ns/msg       user+sys of zmqcat (all its threads) / N, the median
#                    of IDLE_ROUNDS rounds (GNU time, 10 ms steps)
#   syscalls/msg     strace -f -c, (calls(N2) - calls(N1)) / (N2 - N1),
#                    so start-up (K sockets opened) cancels
#
#   bench/idle.sh [BINARY...]       default: the repo's ./zmqcat
#
# Needs: bash, cc, pkg-config and libzmq's headers, GNU time, strace.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$HERE/bin
CC=${CC:-cc}
ME=idle.sh
N=${IDLE_N:-1000000}
N1=${IDLE_N1:-100000}
N2=${IDLE_N2:-500000}
KS=${IDLE_KS:-0 100}
ROUNDS=${IDLE_ROUNDS:-3}
TMO=${BENCH_TIMEOUT:-300}
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
[ $# -gt 0 ] || set -- "$(dirname "$HERE")/zmqcat"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is missing"
command -v strace >/dev/null || die "strace is missing"
bench_build blast
bench_plumbing idle

# run WRAP... -- BIN K COUNT: BIN prints COUNT messages with K idle SUBs,
# under the wrapper (time or strace) given before --.
run() {
	local wrap=() z k n a p i args=()
	while [ "$1" != -- ]; do wrap+=("$1"); shift; done
	shift
	z=$1 k=$2 n=$3
	for ((i = 0; i < k; i++)); do
		args+=(-s "SUB:bind:tcp://127.0.0.1:*")
	done
	[ "$k" -gt 0 ] && args+=(-r pull:stdout)
	rm -f "$TMP/err"
	timeout "$TMO" "${wrap[@]}" "$z" -v -s 'PULL:bind:tcp://127.0.0.1:*' \
	    "${args[@]}" -c "$n" >/dev/null 2>"$TMP/err" </dev/null &
	p=$!
	PIDS+=("$p")
	for ((i = 0; i < 1200; i++)); do
		a=$(awk '/pull bound/ { print $NF; exit }' "$TMP/err" 2>/dev/null)
		[ -n "$a" ] && break
		sleep 0.05
	done
	[ -n "$a" ] || die "$z did not bind"
	timeout "$TMO" "$BIN/blast" "$a" "$n" 16 || die "blast failed"
	wait "$p" || die "$z ended with status $?"
	forget "$p"
}

# cpu BIN K: the median CPU ns per message over the rounds, in CPU.
cpu() {
	local r all=()
	for ((r = 0; r < ROUNDS; r++)); do
		run /usr/bin/time -f '%U %S' -o "$TMP/time" -- "$1" "$2" "$N"
		all+=("$(awk -v n="$N" '{ printf "%.0f", ($1 + $2) * 1e9 / n }' \
		    "$TMP/time")")
	done
	CPU=$(printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 }
	    END { printf "%s (%s-%s)", v[int((NR + 1) / 2)], v[1], v[NR] }')
}

# calls BIN K COUNT: the system calls of a run, all threads, in CALLS.
calls() {
	run strace -f -c -o "$TMP/st" -- "$1" "$2" "$3"
	CALLS=$(awk '$NF == "total" { print $4 }' "$TMP/st")
}

echo "| binary | idle SUBs | CPU ns/msg, median (min-max) | syscalls/msg |"
echo "|---|---:|---:|---:|"
for z in "$@"; do
	for k in $KS; do
		cpu "$z" "$k"
		calls "$z" "$k" "$N1"
		a=$CALLS
		calls "$z" "$k" "$N2"
		b=$CALLS
		printf '| %s | %s | %s | %s |\n' "$z" "$k" "$CPU" \
		    "$(awk -v a="$a" -v b="$b" -v n=$((N2 - N1)) \
		    'BEGIN { printf "%.3f", (b - a) / n }')"
	done
done
