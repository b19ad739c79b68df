#!/usr/bin/env bash
# bench/run.sh: zmqcat against minimal C programs on loopback TCP.
#
#   receive side: blast (PUSH, connects) -> zmqcat -s PULL:bind:... -c N >/dev/null
#                 blast (PUSH, connects) -> bench/bin/sink (PULL, binds) >/dev/null
#   send side:    zmqcat -s PUSH:connect:... -e < file -> bench/bin/drain (PULL, binds)
#                 bench/bin/source (PUSH, connects) < file -> bench/bin/drain
#
# Each case runs BENCH_REPEAT times (zmqcat and the minimal program take
# turns). A rate is N / (time from starting the peer that sends, to the exit
# of the receiver that has counted N messages); the table shows the BEST
# rate of the runs with the MEDIAN in brackets, the LOWEST CPU time per
# message of the program under test (user+system, all threads; steadier
# than the rate on a busy machine) and the HIGHEST peak RSS.
#
# Environment:
#   BENCH_N16      messages of 16 bytes        (default 2000000)
#   BENCH_N1K      messages of 1024 bytes      (default 500000)
#   BENCH_REPEAT   runs of each case           (default 3)
#   BENCH_TIMEOUT  seconds any one process may run before it is killed (300)
#   ZMQCAT         the binary under test       (default: the repo's ./zmqcat)
#   CC             C compiler for the helpers  (default cc)
#
# Needs: cc, pkg-config and libzmq's headers, GNU time as /usr/bin/time
# (Debian: apt-get install -y time), timeout(1) from coreutils.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N16=${BENCH_N16:-2000000}
N1K=${BENCH_N1K:-500000}
REPEAT=${BENCH_REPEAT:-3}
TMO=${BENCH_TIMEOUT:-300}
CC=${CC:-cc}
ME=run.sh
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
WAIT_TICKS=200			# x 0.05 s: how long a receiver may take to bind


# ---------------------------------------------------------------- checks

for v in N16:BENCH_N16 N1K:BENCH_N1K REPEAT:BENCH_REPEAT TMO:BENCH_TIMEOUT; do
	name=${v%%:*}
	val=${!name}
	case $val in
	''|*[!0-9]*|0) die "${v#*:} must be a positive integer (got '$val')" ;;
	esac
done
[ -x "$ZMQCAT" ] || die "no zmqcat binary at $ZMQCAT (build it, or set ZMQCAT)"
if [ ! -x /usr/bin/time ]; then
	die "/usr/bin/time (GNU time) is missing; it measures peak RSS." \
	    "On Debian/Ubuntu: apt-get install -y time"
fi
/usr/bin/time -f '%M %U %S' -o /dev/null true 2>/dev/null ||
	die "/usr/bin/time does not take -f/-o; GNU time is needed" \
	    "(Debian: apt-get install -y time)"
command -v timeout >/dev/null || die "timeout(1) from coreutils is missing"

# ---------------------------------------------------------------- build

bench_build blast sink source drain

# ---------------------------------------------------------------- plumbing

bench_plumbing bench

# "RSS CPU" from a /usr/bin/time -o file (its last line): peak RSS in
# KiB and user+system CPU time in microseconds.
usage_of() {
	tail -n 1 "$1" 2>/dev/null |
	    awk 'NF == 3 { printf "%d %.0f\n", $1, ($2 + $3) * 1e6; exit }'
}

# ---------------------------------------------------------------- one run

# run_recv KIND SIZE N: set RATE and RSS, or fail. Not to be run in a
# subshell: the PIDs it starts must reach the trap's list.
run_recv() {
	local kind=$1 size=$2 n=$3 err=$TMP/recv.err rss=$TMP/recv.rss
	local rpid bpid addr t0 t1 rrc brc

	: >"$err"
	rm -f "$rss"
	if [ "$kind" = zmqcat ]; then
		timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
		    "$ZMQCAT" -v -s 'PULL:bind:tcp://127.0.0.1:*' -c "$n" \
		    >/dev/null 2>"$err" </dev/null &
	else
		timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
		    "$BIN/sink" 'tcp://127.0.0.1:*' "$n" \
		    >/dev/null 2>"$err" </dev/null &
	fi
	rpid=$!
	PIDS+=("$rpid")
	addr=$(wait_line "$err" "$rpid" " bound ") || { stop_pid "$rpid"; return 1; }
	t0=$(now_us)
	timeout -k 5 "$TMO" "$BIN/blast" "$addr" "$n" "$size" </dev/null &
	bpid=$!
	PIDS+=("$bpid")
	wait "$rpid"; rrc=$?
	t1=$(now_us)
	forget "$rpid"
	wait "$bpid"; brc=$?
	forget "$bpid"
	if [ "$rrc" != 0 ] || [ "$brc" != 0 ]; then
		say "run.sh: $kind receive run failed (receiver $rrc, blast $brc)"
		sed 's/^/    /' "$err" >&2
		return 1
	fi
	RATE=$(rate "$n" $((t1 - t0)))
	read -r RSS CPU <<<"$(usage_of "$rss")"
}

# run_send KIND SIZE N FILE: set RATE and RSS, or fail (as run_recv).
run_send() {
	local kind=$1 size=$2 n=$3 file=$4
	local derr=$TMP/drain.err serr=$TMP/send.err rss=$TMP/send.rss
	local dpid spid addr t0 t1 drc src

	: >"$derr"
	: >"$serr"
	rm -f "$rss"
	timeout -k 5 "$TMO" "$BIN/drain" 'tcp://127.0.0.1:*' "$n" \
	    $((n * size)) >/dev/null 2>"$derr" </dev/null &
	dpid=$!
	PIDS+=("$dpid")
	addr=$(wait_line "$derr" "$dpid" " bound ") || { stop_pid "$dpid"; return 1; }
	t0=$(now_us)
	if [ "$kind" = zmqcat ]; then
		timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
		    "$ZMQCAT" -s "PUSH:connect:$addr" -e \
		    <"$file" >/dev/null 2>"$serr" &
	else
		timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
		    "$BIN/source" "$addr" <"$file" >/dev/null 2>"$serr" &
	fi
	spid=$!
	PIDS+=("$spid")
	wait "$dpid"; drc=$?
	t1=$(now_us)
	forget "$dpid"
	wait "$spid"; src=$?
	forget "$spid"
	if [ "$drc" != 0 ] || [ "$src" != 0 ]; then
		say "run.sh: $kind send run failed (drain $drc, sender $src)"
		sed 's/^/    drain: /' "$derr" >&2
		sed 's/^/    sender: /' "$serr" >&2
		return 1
	fi
	RATE=$(rate "$n" $((t1 - t0)))
	read -r RSS CPU <<<"$(usage_of "$rss")"
}

# ---------------------------------------------------------------- input

# A file of N lines of SIZE printable bytes (no newline inside a line).
make_input() {
	local size=$1 n=$2 file=$3 line
	line=$(yes abcdefghijklmnopqrstuvwxyz | tr -d '\n' | head -c "$size")
	yes "$line" | head -n "$n" >"$file" || return 1
	[ "$(wc -l <"$file")" -eq "$n" ]
}

# ---------------------------------------------------------------- main

FAILED=0
ROWS=()
RATE="" RSS="" CPU=""


# bench SIDE SIZE N: run both kinds REPEAT times, taking turns; add a row
# "side size n  zbest zmed zcpu zrss  mbest mmed mcpu mrss".
bench() {
	local side=$1 size=$2 n=$3 file="" kind r ok row
	local -A rates=() cpu=() peak=()

	if [ "$side" = send ]; then
		file=$TMP/in-$size.txt
		say "generating $n lines of $size bytes"
		make_input "$size" "$n" "$file" || die "cannot write $file"
	fi
	for ((r = 1; r <= REPEAT; r++)); do
		for kind in zmqcat minimal; do
			RATE="" RSS="" CPU=""
			if [ "$side" = recv ]; then
				run_recv "$kind" "$size" "$n"; ok=$?
			else
				run_send "$kind" "$size" "$n" "$file"; ok=$?
			fi
			if [ "$ok" -ne 0 ] || [ -z "$RATE" ] || [ -z "$CPU" ]; then
				FAILED=1
				say "  $side ${size}B $kind run $r/$REPEAT: FAILED"
				continue
			fi
			CPU=$(( CPU * 1000 / n ))	# ns per message
			say "  $side ${size}B $kind run $r/$REPEAT: $RATE msg/s," \
			    "CPU $CPU ns/msg, peak RSS $RSS KiB"
			rates[$kind]="${rates[$kind]:-} $RATE"
			keep_lowest cpu "$kind" "$CPU"
			keep_highest peak "$kind" "$RSS"
		done
	done
	[ -n "$file" ] && rm -f "$file"
	row="$side $size $n"
	for kind in zmqcat minimal; do
		# shellcheck disable=SC2086
		row="$row $(best_median ${rates[$kind]:-}) ${cpu[$kind]:-0} ${peak[$kind]:-0}"
	done
	ROWS+=("$row")
}

say "zmqcat bench: $(nproc) CPUs, libzmq $(pkg-config --modversion libzmq)," \
    "N16=$N16 N1K=$N1K REPEAT=$REPEAT, binary $ZMQCAT"
bench recv 16 "$N16"
bench recv 1024 "$N1K"
bench send 16 "$N16"
bench send 1024 "$N1K"

echo
echo "| side | size | N | zmqcat msg/s best (median) | minimal C msg/s best (median) | zmqcat / minimal, best (median) | CPU ns/msg zmqcat / minimal | zmqcat peak RSS | minimal peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
	awk -v row="$row" 'BEGIN {
		split(row, f, " ")
		what = f[1] == "recv" ? "receive (PULL -> stdout)" \
		    : "send (stdin -> PUSH)"
		zb = f[4]; zm = f[5]; zc = f[6]; zr = f[7]
		mb = f[8]; mm = f[9]; mc = f[10]; mr = f[11]
		rb = mb > 0 ? sprintf("%.2f", zb / mb) : "n/a"
		rm = mm > 0 ? sprintf("%.2f", zm / mm) : "n/a"
		printf "| %s | %d B | %d | %s (%s) | %s (%s) | %s (%s) | %d / %d | %.1f MiB | %.1f MiB |\n",
		    what, f[2], f[3], zb ? zb : "FAIL", zm, mb ? mb : "FAIL", mm,
		    rb, rm, zc, mc, zr / 1024, mr / 1024
	}'
done
echo
echo "msg/s: best and median of $REPEAT runs, counted from the start of the" \
     "sending peer to the exit of the receiver."
echo "CPU ns/msg: user+system CPU of the program under test (zmqcat or the" \
     "minimal one; all its threads), lowest of the runs."
echo "Peak RSS: highest of the runs (GNU time %M)."
echo "Goal: zmqcat / minimal >= 0.90, zmqcat peak RSS < 10 MiB."
exit "$FAILED"
