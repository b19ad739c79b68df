#!/usr/bin/env bash
# bench/gen.sh: zmqcat as a traffic generator and as a checker (issue 14)
# against the tuned C sender and receiver of bench/, wall clock, on
# loopback TCP.
#
#   generator: zmqcat -s PUSH:connect:ADDR -m x --size S --repeat N    -> drain
#              bench/bin/blast ADDR N S                                 -> drain
#   stamped:   zmqcat -s PUSH:connect:ADDR -m x --size S --repeat N --stamp
#                                                                       -> drain
#              bench/bin/blast ADDR N S                                 -> drain
#   checker:   zmqcat --stamp (as above) -> zmqcat -v -s 'PULL:bind:...'
#                                          --check -c N -f '%1\n' >/dev/null
#              zmqcat --stamp (as above) -> bench/bin/tsink ... 2N >/dev/null
#
# drain (bench/drain.c) and tsink (bench/tsink.c) count frames, not
# messages: with --stamp a message is two frames (S bytes and the 28 of
# the stamp), so they are told 2N frames (drain: N * (S + 28) bytes). The
# checker's run fails, and gives no figure, unless zmqcat exits 0 and its
# check line says N msgs, 0 lost, 0 duplicated, 0 reordered.
#
# Each case runs BENCH_GEN_REPEAT rounds; in each round zmqcat runs, then
# the baseline (zmqcat, blast, zmqcat, blast, ...). A rate is N / (time
# from starting the sender to the exit of the receiver that has counted
# everything). The table gives, per case, each program's MEDIAN rate with
# the MIN-MAX of its rounds (the noise), the MEDIAN of the per-round
# ratios zmqcat / baseline with their min-max, and the median CPU time
# per message of the program under test (the sender, or the receiver for
# the checker; user+system, all threads); before it, the command, the
# machine, the load average at the start and the end, and the commit;
# after it, issue 14's wall goals, met or not.
#
# Environment:
#   BENCH_GEN_N       messages per run           (default 4000000)
#   BENCH_GEN_SIZE    bytes of each message      (default 16)
#   BENCH_GEN_REPEAT  rounds of each case        (default 7)
#   BENCH_TIMEOUT     seconds any one process may run before it is killed (300)
#   ZMQCAT            the binary under test      (default: the repo's ./zmqcat)
#   CC                C compiler for the helpers (default cc)
#
# Needs: bash 5.1 or later, cc, pkg-config and libzmq's headers,
# timeout(1) from coreutils; GNU time as /usr/bin/time for the CPU
# column (else it says n/a).

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N=${BENCH_GEN_N:-4000000}
SIZE=${BENCH_GEN_SIZE:-16}
REPEAT=${BENCH_GEN_REPEAT:-7}
TMO=${BENCH_TIMEOUT:-300}
CC=${CC:-cc}
ME=gen.sh
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
WAIT_TICKS=200			# x 0.05 s: how long a receiver may take to bind
STAMP=28			# bytes of a --stamp frame (doc/zmqcat.1)

# ---------------------------------------------------------------- checks

for v in N:BENCH_GEN_N SIZE:BENCH_GEN_SIZE REPEAT:BENCH_GEN_REPEAT \
    TMO:BENCH_TIMEOUT; do
	name=${v%%:*}
	val=${!name}
	case $val in
	''|*[!0-9]*|0) die "${v#*:} must be a positive integer (got '$val')" ;;
	esac
done
bench_need_tools
bench_timecmd

# ---------------------------------------------------------------- build

bench_build blast drain tsink

# ---------------------------------------------------------------- plumbing

bench_plumbing gen
bench_copy_zmqcat

# The stamping generator, sending to ADDR (the checker's sender).
stamper() {
	CMD=("$ZBIN" -s "PUSH:connect:$1" -m x --size "$SIZE" --repeat "$N"
	    --stamp)
}

# race RPID SPID: wait for the receiver RPID to exit, or for the sender
# SPID to fail first (then the receiver is stopped: it would wait for
# its timeout otherwise). Sets RRC and SRC (the sender's, or "" if it
# still runs) and T1, the time the receiver ended.
race() {
	local rpid=$1 spid=$2 id rc waitfor=("$1" "$2")

	RRC="" SRC=""
	while [ -z "$RRC" ]; do
		id=""
		wait -n -p id "${waitfor[@]}"; rc=$?
		case $id in
		"$rpid") RRC=$rc ;;
		"$spid")
			SRC=$rc
			waitfor=("$rpid")
			if [ "$rc" != 0 ]; then
				stop_pid "$rpid"
				RRC="stopped"
			fi ;;
		*) RRC="lost"; break ;;
		esac
	done
	T1=$(now_us)
	forget "$rpid"
	if [ -z "$SRC" ]; then
		wait "$spid"; SRC=$?
	fi
	forget "$spid"
}

# ---------------------------------------------------------------- one run

# run_gen KIND: a generator of KIND (zmqcat, stamp: zmqcat --stamp, blast)
# sends N messages to a drain; set RATE and CPU (us, or empty), or fail.
# Not to be run in a subshell: the PIDs it starts must reach the trap's
# list.
run_gen() {
	local kind=$1 derr=$TMP/drain.err serr=$TMP/send.err cpuf=$TMP/send.cpu
	local frames=$N bytes=$((N * SIZE)) dpid spid addr t0 tcmd=()

	: >"$derr"
	: >"$serr"
	rm -f "$cpuf"
	if [ "$kind" = stamp ]; then
		frames=$((2 * N))
		bytes=$((N * (SIZE + STAMP)))
	fi
	timeout -k 5 "$TMO" "$BIN/drain" 'tcp://127.0.0.1:*' "$frames" \
	    "$bytes" >/dev/null 2>"$derr" </dev/null &
	dpid=$!
	PIDS+=("$dpid")
	addr=$(wait_line "$derr" "$dpid" " bound ") || { stop_pid "$dpid"; return 1; }
	case $kind in
	zmqcat) CMD=("$ZBIN" -s "PUSH:connect:$addr" -m x --size "$SIZE"
		    --repeat "$N") ;;
	stamp) stamper "$addr" ;;
	blast) CMD=("$BIN/blast" "$addr" "$N" "$SIZE") ;;
	esac
	[ "${#TIMECMD[@]}" -gt 0 ] && tcmd=("${TIMECMD[@]}" -o "$cpuf")
	t0=$(now_us)
	timeout -k 5 "$TMO" "${tcmd[@]}" "${CMD[@]}" \
	    </dev/null >/dev/null 2>"$serr" &
	spid=$!
	PIDS+=("$spid")
	race "$dpid" "$spid"
	if [ "$RRC" != 0 ] || [ "$SRC" != 0 ]; then
		say "$ME: $kind generator run failed (drain $RRC, sender $SRC)"
		sed 's/^/    drain: /' "$derr" >&2
		sed 's/^/    sender: /' "$serr" >&2
		return 1
	fi
	RATE=$(rate "$N" $((T1 - t0)))
	CPU=""
	[ "${#tcmd[@]}" -gt 0 ] && CPU=$(cpu_of "$cpuf")
	return 0
}

# check_ok ERR: zmqcat's check line in ERR says N msgs, 0 lost, 0
# duplicated, 0 reordered (one stream: one line).
check_ok() {
	local lines
	lines=$(grep -c '^zmqcat: check ' "$1")
	[ "$lines" = 1 ] &&
	    grep -Eq "^zmqcat: check pull stream [0-9a-f]+: $N msgs \(.*\), 0 lost, 0 duplicated, 0 reordered;" "$1"
}

# run_check KIND: the stamping zmqcat sends N messages to a receiver of
# KIND (zmqcat: --check, tsink); set RATE and CPU (of the receiver), or
# fail (as run_gen). zmqcat's check line goes in LATENCY (its p50).
run_check() {
	local kind=$1 rerr=$TMP/recv.err serr=$TMP/send.err cpuf=$TMP/recv.cpu
	local rpid spid addr t0 tcmd=()

	: >"$rerr"
	: >"$serr"
	rm -f "$cpuf"
	case $kind in
	zmqcat) CMD=("$ZBIN" -v -s 'PULL:bind:tcp://127.0.0.1:*' --check
		    -c "$N" -f '%1\n') ;;
	tsink) CMD=("$BIN/tsink" 'tcp://127.0.0.1:*' $((2 * N))) ;;
	esac
	[ "${#TIMECMD[@]}" -gt 0 ] && tcmd=("${TIMECMD[@]}" -o "$cpuf")
	timeout -k 5 "$TMO" "${tcmd[@]}" "${CMD[@]}" \
	    >/dev/null 2>"$rerr" </dev/null &
	rpid=$!
	PIDS+=("$rpid")
	addr=$(wait_line "$rerr" "$rpid" " bound ") || { stop_pid "$rpid"; return 1; }
	stamper "$addr"
	t0=$(now_us)
	timeout -k 5 "$TMO" "${CMD[@]}" </dev/null >/dev/null 2>"$serr" &
	spid=$!
	PIDS+=("$spid")
	race "$rpid" "$spid"
	if [ "$RRC" != 0 ] || [ "$SRC" != 0 ] ||
	    { [ "$kind" = zmqcat ] && ! check_ok "$rerr"; }; then
		say "$ME: $kind checker run failed (receiver $RRC, sender $SRC;" \
		    "zmqcat --check must say $N msgs, 0 lost)"
		sed 's/^/    receiver: /' "$rerr" >&2
		sed 's/^/    sender: /' "$serr" >&2
		return 1
	fi
	RATE=$(rate "$N" $((T1 - t0)))
	CPU=""
	[ "${#tcmd[@]}" -gt 0 ] && CPU=$(cpu_of "$cpuf")
	LATENCY=""
	[ "$kind" = zmqcat ] &&
		LATENCY=$(sed -n 's/^zmqcat: check .* p50 \([0-9.]*\) .*/\1/p' "$rerr")
	return 0
}

# ---------------------------------------------------------------- main

FAILED=0
ROWS=()
RATE="" CPU="" LATENCY=""


# bench CASE A B: REPEAT rounds of CASE (gen, stamp, check), each running
# A (zmqcat) and then B (the baseline); add a row "case", then for A and
# B "rate_med rate_min rate_max cpu_med" (cpu -1: not measured), then
# "ratio_med ratio_min ratio_max rounds" (the per-round ratios A / B,
# over the rounds where both ran).
bench() {
	local what=$1 kind r ok row ratios="" pairs=0 extra
	local -A rates=() cpus=() got=()

	for ((r = 1; r <= REPEAT; r++)); do
		got=()
		for kind in "$2" "$3"; do
			RATE="" CPU="" LATENCY=""
			case $what in
			check) run_check "$kind"; ok=$? ;;
			*) run_gen "$kind"; ok=$? ;;
			esac
			if [ "$ok" -ne 0 ] || [ -z "$RATE" ]; then
				FAILED=1
				say "  $what $kind round $r/$REPEAT: FAILED"
				continue
			fi
			extra=""
			if [ -n "$CPU" ]; then
				CPU=$(( CPU * 1000 / N ))	# ns per message
				cpus[$kind]="${cpus[$kind]:-} $CPU"
				extra=", CPU $CPU ns/msg"
			fi
			[ -n "$LATENCY" ] && extra="$extra, latency p50 $LATENCY us"
			say "  $what $kind round $r/$REPEAT: $RATE msg/s$extra"
			got[$kind]=$RATE
			rates[$kind]="${rates[$kind]:-} $RATE"
		done
		if [ -n "${got[$2]:-}" ] && [ -n "${got[$3]:-}" ]; then
			ratios="$ratios $(ratio "${got[$2]}" "${got[$3]}")"
			pairs=$((pairs + 1))
		fi
	done
	row=$what
	for kind in "$2" "$3"; do
		# shellcheck disable=SC2086
		row="$row $(med_range ${rates[$kind]:-})"
		if [ -n "${cpus[$kind]:-}" ]; then
			# shellcheck disable=SC2086
			row="$row $(med_range ${cpus[$kind]} | cut -d ' ' -f 1)"
		else
			row="$row -1"
		fi
	done
	# shellcheck disable=SC2086
	ROWS+=("$row $(med_range $ratios) $pairs")
}

LOAD0=$(loadavg)
DATE0=$(date -u '+%Y-%m-%d %H:%M UTC')
START=$(now_us)
say "zmqcat generator/checker bench: $(nproc) CPUs, load average $LOAD0," \
    "libzmq $(pkg-config --modversion libzmq), N=$N SIZE=$SIZE" \
    "REPEAT=$REPEAT, binary $ZMQCAT ($ZID)"
bench gen zmqcat blast
bench stamp stamp blast
bench check zmqcat tsink
say "total $(( ($(now_us) - START) / 1000000 )) s"

echo
echo "Command: \`$(bench_command BENCH_GEN_N BENCH_GEN_SIZE BENCH_GEN_REPEAT)\`," \
     "started $DATE0, $(( ($(now_us) - START) / 1000000 )) s"
echo
bench_context "$LOAD0"
echo
echo "| case | N | zmqcat msg/s median (min-max) | baseline | baseline msg/s median (min-max) | zmqcat / baseline, median of rounds (min-max) | CPU ns/msg median, zmqcat / baseline |"
echo "|---|---:|---:|---|---:|---:|---:|"
GOALS=()
for row in "${ROWS[@]}"; do
	# zmqcat 2-5, baseline 6-9, ratios 10-13
	awk -v row="$row" -v n="$N" -v size="$SIZE" '
	function rng(m, lo, hi) {
		return m > 0 ? sprintf("%.0f (%.0f-%.0f)", m, lo, hi) : "FAIL"
	}
	function rat(m, lo, hi, k) {
		return k > 0 ? sprintf("%.2f (%.2f-%.2f)", m, lo, hi) : "n/a"
	}
	function cpu(c) { return c >= 0 ? sprintf("%d", c) : "n/a" }
	BEGIN {
		split(row, f, " ")
		if (f[1] == "gen") {
			what = sprintf("generator: `-m x --size %d --repeat N` -> drain", size)
			base = sprintf("blast, %d B", size)
		} else if (f[1] == "stamp") {
			what = sprintf("generator: `-m x --size %d --repeat N --stamp` -> drain (2 frames, %d B)", size, size + 28)
			base = sprintf("blast, %d B", size)
		} else {
			what = "checker: zmqcat `--stamp` -> `--check -c N -f '"'"'%1\\n'"'"'`"
			base = "tsink (2N frames)"
		}
		printf "| %s | %d | %s | %s | %s | %s | %s / %s |\n", what, n,
		    rng(f[2], f[3], f[4]), base, rng(f[6], f[7], f[8]),
		    rat(f[10], f[11], f[12], f[13]), cpu(f[5]), cpu(f[9])
	}'
	read -ra f <<<"$row"
	case ${f[0]} in
	gen) GOALS+=("$(goal_line "generator ${SIZE} B: zmqcat / blast" 0.90 \
	    "the generator at >= 0.9x the C sender" "${f[@]:9:4}" 14)") ;;
	stamp) GOALS+=("$(goal_line "generator ${SIZE} B with --stamp: zmqcat / blast" \
	    0.90 "the generator, with --stamp, at >= 0.9x the C sender" \
	    "${f[@]:9:4}" 14)") ;;
	check) GOALS+=("$(goal_line "checker ${SIZE} B: zmqcat --check / tsink" 0.80 \
	    "the checker at >= 0.8x the C receiver" "${f[@]:9:4}" 14)") ;;
	esac
done
echo
echo "msg/s: N messages over the time from the sender's start to the exit" \
     "of the receiver (drain, zmqcat -c N, tsink) that has counted them all;" \
     "median of the rounds, min-max in brackets (the noise)."
echo "zmqcat / baseline: each round's zmqcat rate over the baseline's in the" \
     "same round (run right after it); median of the rounds, min-max."
echo "Baselines: bench/blast.c (the tuned sender: blocking zmq_send loop)," \
     "bench/tsink.c (the tuned receiver; it writes both frames of each" \
     "stamped message). The checker's sender is zmqcat --stamp for both."
echo "CPU ns/msg: user+system CPU (all threads) of the program under test:" \
     "the sender for the generator rows, the receiver for the checker;" \
     "median of the rounds."
echo
echo "Goals (issue 14, wall throughput, median of the per-round ratios):"
for g in "${GOALS[@]}"; do
	echo "- $g"
done
exit "$FAILED"
