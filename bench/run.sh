#!/usr/bin/env bash
# bench/run.sh: zmqcat against the tuned C programs doing the same job
# (bench/tsink.c, bench/tsource.c), wall clock, on loopback TCP.
#
#   receive side: blast (PUSH, connects) -> zmqcat -s PULL:bind:... -c N >/dev/null
#                 blast (PUSH, connects) -> bench/bin/tsink (PULL, binds) >/dev/null
#   send side:    zmqcat -s PUSH:connect:... -e < file -> bench/bin/drain (PULL, binds)
#                 bench/bin/tsource (PUSH, connects) < file -> bench/bin/drain
#
# With BENCH_MINIMAL=1 the minimal programs (bench/sink.c, bench/source.c:
# one blocking zmq_msg_recv / getline + zmq_send per message) run too, as
# a second baseline.
#
# Each case runs BENCH_REPEAT rounds; in each round zmqcat and then each
# baseline run once (zmqcat, tuned, zmqcat, tuned, ...). A rate is N /
# (time from starting the peer that sends, to the exit of the receiver
# that has counted N messages). The table gives, per case, each
# program's MEDIAN rate with the MIN-MAX of its rounds (the noise), the
# MEDIAN of the per-round ratios zmqcat / baseline (each round's zmqcat
# run over the baseline run right after it) with their min-max, the
# median CPU time per message of each program (user+system, all
# threads) and the HIGHEST peak RSS; before it, the command, the machine,
# the load average at the start and the end, and the commit; after it,
# issue 13's wall goals, met or not.
#
# Environment:
#   BENCH_N16      messages of 16 bytes        (default 4000000)
#   BENCH_N1K      messages of 1024 bytes      (default 500000)
#   BENCH_REPEAT   rounds of each case         (default 7)
#   BENCH_MINIMAL  1: the minimal programs too (default 0)
#   BENCH_TIMEOUT  seconds any one process may run before it is killed (300)
#   ZMQCAT         the binary under test       (default: the repo's ./zmqcat)
#   CC             C compiler for the helpers  (default cc)
#
# Needs: bash 5.1 or later, cc, pkg-config and libzmq's headers, GNU time
# as /usr/bin/time (Debian: apt-get install -y time), timeout(1) from
# coreutils.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N16=${BENCH_N16:-4000000}
N1K=${BENCH_N1K:-500000}
REPEAT=${BENCH_REPEAT:-7}
MINIMAL=${BENCH_MINIMAL:-0}
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
case $MINIMAL in
0) KINDS="zmqcat tuned" ;;
1) KINDS="zmqcat tuned minimal" ;;
*) die "BENCH_MINIMAL must be 0 or 1 (got '$MINIMAL')" ;;
esac
bench_need_tools
if [ ! -x /usr/bin/time ]; then
	die "/usr/bin/time (GNU time) is missing; it measures peak RSS." \
	    "On Debian/Ubuntu: apt-get install -y time"
fi
/usr/bin/time -f '%M %U %S' -o /dev/null true 2>/dev/null ||
	die "/usr/bin/time does not take -f/-o; GNU time is needed" \
	    "(Debian: apt-get install -y time)"

# ---------------------------------------------------------------- build

bench_build blast tsink tsource drain
[ "$MINIMAL" = 1 ] && bench_build sink source

# ---------------------------------------------------------------- plumbing

bench_plumbing bench
bench_copy_zmqcat

# "RSS CPU" from a /usr/bin/time -o file (its last line): peak RSS in
# KiB and user+system CPU time in microseconds.
usage_of() {
	tail -n 1 "$1" 2>/dev/null |
	    awk 'NF == 3 { printf "%d %.0f\n", $1, ($2 + $3) * 1e6; exit }'
}

# recv_cmd KIND N: the receiver of KIND in CMD (it binds its PULL and
# says "... bound ADDR" on stderr).
recv_cmd() {
	case $1 in
	zmqcat) CMD=("$ZBIN" -v -s 'PULL:bind:tcp://127.0.0.1:*' -c "$2") ;;
	tuned) CMD=("$BIN/tsink" 'tcp://127.0.0.1:*' "$2") ;;
	minimal) CMD=("$BIN/sink" 'tcp://127.0.0.1:*' "$2") ;;
	esac
}

# send_cmd KIND ADDR: the sender of KIND (stdin lines to a PUSH that
# connects to ADDR) in CMD.
send_cmd() {
	case $1 in
	zmqcat) CMD=("$ZBIN" -s "PUSH:connect:$2" -e) ;;
	tuned) CMD=("$BIN/tsource" "$2") ;;
	minimal) CMD=("$BIN/source" "$2") ;;
	esac
}

# ---------------------------------------------------------------- one run

# run_recv KIND SIZE N: set RATE, RSS and CPU, or fail. Not to be run in
# a subshell: the PIDs it starts must reach the trap's list.
run_recv() {
	local kind=$1 size=$2 n=$3 err=$TMP/recv.err rss=$TMP/recv.rss
	local rpid bpid addr t0 t1 rrc brc

	: >"$err"
	rm -f "$rss"
	recv_cmd "$kind" "$n"
	timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
	    "${CMD[@]}" >/dev/null 2>"$err" </dev/null &
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

# run_send KIND SIZE N FILE: set RATE, RSS and CPU, or fail (as run_recv).
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
	send_cmd "$kind" "$addr"
	t0=$(now_us)
	timeout -k 5 "$TMO" /usr/bin/time -f '%M %U %S' -o "$rss" \
	    "${CMD[@]}" <"$file" >/dev/null 2>"$serr" &
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


# bench SIDE SIZE N: REPEAT rounds, each running every kind once in
# turn; add a row "side size n", then for zmqcat and each baseline
# "rate_med rate_min rate_max cpu_med rss_max", then for each baseline
# "ratio_med ratio_min ratio_max rounds" (the per-round ratios zmqcat /
# baseline, over the rounds where both ran).
bench() {
	local side=$1 size=$2 n=$3 file="" kind r ok row base
	local -A rates=() cpus=() peak=() got=() ratios=() pairs=()

	if [ "$side" = send ]; then
		file=$TMP/in-$size.txt
		say "generating $n lines of $size bytes"
		make_input "$size" "$n" "$file" || die "cannot write $file"
	fi
	for ((r = 1; r <= REPEAT; r++)); do
		got=()
		for kind in $KINDS; do
			RATE="" RSS="" CPU=""
			if [ "$side" = recv ]; then
				run_recv "$kind" "$size" "$n"; ok=$?
			else
				run_send "$kind" "$size" "$n" "$file"; ok=$?
			fi
			if [ "$ok" -ne 0 ] || [ -z "$RATE" ] || [ -z "$CPU" ]; then
				FAILED=1
				say "  $side ${size}B $kind round $r/$REPEAT: FAILED"
				continue
			fi
			CPU=$(( CPU * 1000 / n ))	# ns per message
			say "  $side ${size}B $kind round $r/$REPEAT: $RATE msg/s," \
			    "CPU $CPU ns/msg, peak RSS $RSS KiB"
			got[$kind]=$RATE
			rates[$kind]="${rates[$kind]:-} $RATE"
			cpus[$kind]="${cpus[$kind]:-} $CPU"
			keep_highest peak "$kind" "$RSS"
		done
		[ -n "${got[zmqcat]:-}" ] || continue
		for base in ${KINDS#zmqcat }; do
			[ -n "${got[$base]:-}" ] || continue
			ratios[$base]="${ratios[$base]:-} $(ratio "${got[zmqcat]}" "${got[$base]}")"
			pairs[$base]=$(( ${pairs[$base]:-0} + 1 ))
		done
	done
	[ -n "$file" ] && rm -f "$file"
	row="$side $size $n"
	for kind in $KINDS; do
		# shellcheck disable=SC2086
		row="$row $(med_range ${rates[$kind]:-})"
		# shellcheck disable=SC2086
		row="$row $(med_range ${cpus[$kind]:-} | cut -d ' ' -f 1) ${peak[$kind]:-0}"
	done
	for base in ${KINDS#zmqcat }; do
		# shellcheck disable=SC2086
		row="$row $(med_range ${ratios[$base]:-}) ${pairs[$base]:-0}"
	done
	ROWS+=("$row")
}

LOAD0=$(loadavg)
DATE0=$(date -u '+%Y-%m-%d %H:%M UTC')
START=$(now_us)
say "zmqcat bench: $(nproc) CPUs, load average $LOAD0, libzmq" \
    "$(pkg-config --modversion libzmq), N16=$N16 N1K=$N1K REPEAT=$REPEAT" \
    "kinds: $KINDS, binary $ZMQCAT ($ZID)"
bench recv 16 "$N16"
bench recv 1024 "$N1K"
bench send 16 "$N16"
bench send 1024 "$N1K"
say "total $(( ($(now_us) - START) / 1000000 )) s"

echo
echo "Command: \`$(bench_command BENCH_N16 BENCH_N1K BENCH_REPEAT BENCH_MINIMAL)\`," \
     "started $DATE0, $(( ($(now_us) - START) / 1000000 )) s"
echo
bench_context "$LOAD0"
echo
hdr="| side | size | N | zmqcat msg/s median (min-max) | tuned C msg/s median (min-max) | zmqcat / tuned, median of rounds (min-max) |"
sep="|---|---:|---:|---:|---:|---:|"
if [ "$MINIMAL" = 1 ]; then
	hdr="$hdr minimal C msg/s median (min-max) | zmqcat / minimal, median of rounds (min-max) |"
	sep="$sep---:|---:|"
fi
echo "$hdr CPU ns/msg median, zmqcat / tuned$([ "$MINIMAL" = 1 ] && echo " / minimal") | peak RSS MiB, zmqcat / tuned$([ "$MINIMAL" = 1 ] && echo " / minimal") |"
echo "$sep---:|---:|"
GOALS=()
for row in "${ROWS[@]}"; do
	awk -v row="$row" -v minimal="$MINIMAL" '
	function rng(m, lo, hi) {
		return m > 0 ? sprintf("%.0f (%.0f-%.0f)", m, lo, hi) : "FAIL"
	}
	function rat(m, lo, hi, k) {
		return k > 0 ? sprintf("%.2f (%.2f-%.2f)", m, lo, hi) : "n/a"
	}
	BEGIN {
		split(row, f, " ")
		what = f[1] == "recv" ? "receive (PULL -> stdout)" \
		    : "send (stdin -> PUSH)"
		# zmqcat 4-8, tuned 9-13, [minimal 14-18], ratios after
		r = minimal ? 19 : 14
		line = sprintf("| %s | %d B | %d | %s | %s | %s |", what, f[2], f[3],
		    rng(f[4], f[5], f[6]), rng(f[9], f[10], f[11]),
		    rat(f[r], f[r + 1], f[r + 2], f[r + 3]))
		cpu = sprintf("%d / %d", f[7], f[12])
		rss = sprintf("%.1f / %.1f", f[8] / 1024, f[13] / 1024)
		if (minimal) {
			line = line sprintf(" %s | %s |", rng(f[14], f[15], f[16]),
			    rat(f[23], f[24], f[25], f[26]))
			cpu = cpu sprintf(" / %d", f[17])
			rss = rss sprintf(" / %.1f", f[18] / 1024)
		}
		print line, cpu, "|", rss, "|"
	}'
	read -ra f <<<"$row"
	t=$((MINIMAL == 1 ? 18 : 13))	# the ratios zmqcat / tuned
	case ${f[0]}:${f[1]} in
	recv:16) GOALS+=("$(goal_line "receive 16 B: zmqcat / tsink" 1.00 \
	    "print 16 B >= 1.0x tuned C" "${f[@]:t:4}")") ;;
	send:*) GOALS+=("$(goal_line "send ${f[1]} B: zmqcat / tsource" 0.95 \
	    "stdin -> PUSH >= 0.95x" "${f[@]:t:4}")") ;;
	esac
done
echo
echo "msg/s: median of the rounds, min-max in brackets (the noise), counted" \
     "from the start of the sending peer to the exit of the receiver."
echo "zmqcat / baseline: each round's zmqcat rate over the baseline's in the" \
     "same round (run right after it); median of the rounds, min-max."
echo "Tuned C: bench/tsink.c (receive), bench/tsource.c (send)$([ "$MINIMAL" = 1 ] && echo "; minimal C: bench/sink.c, bench/source.c")."
echo "CPU ns/msg: user+system CPU of the program under test (all its" \
     "threads), median of the rounds. Peak RSS: highest of the rounds."
echo
echo "Goals (issue 13, wall throughput, median of the per-round ratios):"
for g in "${GOALS[@]}"; do
	echo "- $g"
done
exit "$FAILED"
