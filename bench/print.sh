#!/usr/bin/env bash
# bench/print.sh: what zmqcat's output modes cost when printing received
# messages, against its raw output measured in the same run.
#
#   bench/bin/blast (PUSH, connects) ->
#       zmqcat -v -s 'PULL:bind:tcp://127.0.0.1:*' -c N [MODE] > /dev/null
#
# MODE, one of (BENCH_PRINT_MODES picks and orders them; raw always runs):
#   raw       (no option: the body, then a newline; the baseline)
#   tokens    -f '%n %T %F %S %N %t %s\n'
#   hex       -f '%x\n'
#   json      -J            (one JSON envelope per line)
#   base64    -f '%b\n'
#   strftime  -f '%{%H:%M:%S.%f}t %s\n'
#
# A rate is N / (time from starting blast to the exit of zmqcat once it has
# counted N messages). Every size runs REPEAT rounds; in each round every
# mode runs once, the modes taking turns (the order shifts by one each
# round, so no mode always comes first). The table gives the BEST rate with
# the MEDIAN in brackets, the ratio mode / raw (best over best, median over
# median, raw from the same run of this script), and the LOWEST CPU time of
# zmqcat per message (user + system, all threads; GNU time) with its ratio
# to raw's. Before any timing, each mode prints two messages to a file and
# must give two lines, so a mode that prints nothing cannot look fast.
#
# Environment:
#   BENCH_PRINT_N16     messages of 16 bytes per run        (default 2000000)
#   BENCH_PRINT_N1K     messages of 1024 bytes per run      (default 500000)
#   BENCH_PRINT_REPEAT  rounds (runs of each mode per size) (default 3)
#   BENCH_PRINT_SIZES   message sizes in bytes, in order    (default "16 1024")
#   BENCH_PRINT_MODES   modes, in order (default "raw tokens hex json base64
#                       strftime"; raw is added first when missing)
#   BENCH_TIMEOUT       seconds any one process may run     (default 120)
#   ZMQCAT              the binary under test (default: the repo's ./zmqcat;
#                       copied to a temporary directory at the start, so a
#                       rebuild during the run does not mix two binaries)
#   CC                  C compiler for blast                (default cc)
#
# Needs: bash 5.1 or later, cc, pkg-config and libzmq's headers, timeout(1)
# from coreutils. GNU time as /usr/bin/time for the CPU columns (without
# it they show n/a).

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N16=${BENCH_PRINT_N16:-2000000}
N1K=${BENCH_PRINT_N1K:-500000}
REPEAT=${BENCH_PRINT_REPEAT:-3}
SIZES=${BENCH_PRINT_SIZES:-16 1024}
MODES=${BENCH_PRINT_MODES:-raw tokens hex json base64 strftime}
TMO=${BENCH_TIMEOUT:-120}
CC=${CC:-cc}
ME=print.sh
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
WAIT_TICKS=200			# x 0.05 s: how long zmqcat may take to bind


# The zmqcat options of a mode (one per line, for mapfile), or fail.
mode_args() {
	case $1 in
	raw) ;;
	tokens) printf '%s\n' -f '%n %T %F %S %N %t %s\n' ;;
	hex) printf '%s\n' -f '%x\n' ;;
	json) printf '%s\n' -J ;;
	base64) printf '%s\n' -f '%b\n' ;;
	strftime) printf '%s\n' -f '%{%H:%M:%S.%f}t %s\n' ;;
	*) return 1 ;;
	esac
}

# How a mode reads in the table (markdown code, not shell expansions).
# shellcheck disable=SC2016
mode_label() {
	case $1 in
	raw) echo 'raw (default, `%s` + newline)' ;;
	json) echo '`-J`' ;;
	*) echo "\`-f '$(mode_args "$1" | sed -n 2p)'\`" ;;
	esac
}

# ---------------------------------------------------------------- checks

for v in N16:BENCH_PRINT_N16 N1K:BENCH_PRINT_N1K REPEAT:BENCH_PRINT_REPEAT \
    TMO:BENCH_TIMEOUT; do
	name=${v%%:*}
	val=${!name}
	case $val in
	''|*[!0-9]*|0) die "${v#*:} must be a positive integer (got '$val')" ;;
	esac
done
for s in $SIZES; do
	case $s in
	''|*[!0-9]*|0) die "BENCH_PRINT_SIZES: '$s' is not a positive size" ;;
	esac
done
[ -n "${SIZES// /}" ] || die "BENCH_PRINT_SIZES is empty"
list="raw"
for m in $MODES; do
	mode_args "$m" >/dev/null ||
		die "BENCH_PRINT_MODES: unknown mode '$m'" \
		    "(raw tokens hex json base64 strftime)"
	case " $list " in
	*" $m "*) ;;
	*) list="$list $m" ;;
	esac
done
MODES=$list
bench_need_tools
bench_timecmd

# ---------------------------------------------------------------- build

bench_build blast

# ---------------------------------------------------------------- plumbing

bench_plumbing print


bench_copy_zmqcat


# ---------------------------------------------------------------- one run

# run_print MODE SIZE N OUT: zmqcat in MODE receives N messages of SIZE
# bytes from blast, writing to OUT; set RATE (msg/s) and CPU (us, or
# empty), or fail. Not to be run in a subshell: the PIDs it starts must
# reach the trap's list.
run_print() {
	local mode=$1 size=$2 n=$3 out=$4
	local zerr=$TMP/zmqcat.err berr=$TMP/blast.err cpuf=$TMP/zmqcat.cpu
	local zpid bpid addr t0 t1 zrc brc id rc waitfor args tcmd=()

	mapfile -t args < <(mode_args "$mode")
	: >"$zerr"
	: >"$berr"
	rm -f "$cpuf"
	[ "${#TIMECMD[@]}" -gt 0 ] && tcmd=("${TIMECMD[@]}" -o "$cpuf")
	timeout -k 5 "$TMO" "${tcmd[@]}" "$ZBIN" -v \
	    -s 'PULL:bind:tcp://127.0.0.1:*' -c "$n" "${args[@]}" \
	    >"$out" 2>"$zerr" </dev/null &
	zpid=$!
	PIDS+=("$zpid")
	addr=$(wait_line "$zerr" "$zpid" "pull bound") || { stop_pid "$zpid"; return 1; }

	# The clock runs from starting blast to the exit of zmqcat. If blast
	# fails first, or zmqcat ends with an error, the run ends at once
	# instead of waiting for the timeout.
	t0=$(now_us)
	timeout -k 5 "$TMO" "$BIN/blast" "$addr" "$n" "$size" \
	    >/dev/null 2>"$berr" </dev/null &
	bpid=$!
	PIDS+=("$bpid")
	zrc="" brc="" t1=""
	waitfor=("$zpid" "$bpid")
	while [ -z "$zrc" ] || [ -z "$brc" ]; do
		id=""
		wait -n -p id "${waitfor[@]}"; rc=$?
		case $id in
		"$zpid")
			t1=$(now_us)
			zrc=$rc
			forget "$zpid"
			waitfor=("$bpid")
			[ "$rc" = 0 ] || { stop_pid "$bpid"; brc=stopped; } ;;
		"$bpid")
			brc=$rc
			forget "$bpid"
			waitfor=("$zpid")
			[ "$rc" = 0 ] || { stop_pid "$zpid"; zrc=stopped; } ;;
		*)	# nothing left to wait for (should not happen)
			stop_pid "$zpid"; stop_pid "$bpid"
			zrc=${zrc:-lost} brc=${brc:-lost} ;;
		esac
	done
	if [ "$zrc" != 0 ] || [ "$brc" != 0 ] || [ -z "$t1" ]; then
		say "print.sh: $mode ${size}B run failed (zmqcat $zrc, blast $brc)"
		sed 's/^/    zmqcat: /' "$zerr" >&2
		sed 's/^/    blast: /' "$berr" >&2
		return 1
	fi
	RATE=$(rate "$n" $((t1 - t0)))
	CPU=""
	[ "${#TIMECMD[@]}" -gt 0 ] && CPU=$(cpu_of "$cpuf")
	return 0
}

# ---------------------------------------------------------------- main

FAILED=0
ROWS=()
RATE="" CPU=""


# Smoke test: every mode prints 2 messages of 16 bytes as 2 lines.
smoke() {
	local mode out=$TMP/smoke.out lines
	for mode in $MODES; do
		if ! run_print "$mode" 16 2 "$out"; then
			die "$mode: zmqcat does not run in this mode"
		fi
		lines=$(wc -l <"$out")
		[ "$lines" -eq 2 ] ||
			die "$mode: 2 messages gave $lines lines of output"
		say "  $mode: $(head -n 1 "$out")"
	done
	rm -f "$out"
}

# bench SIZE N: REPEAT rounds of every mode, taking turns; add a row per
# mode, "mode size n best median cpu_ns" (cpu_ns -1 when unknown).
bench() {
	local size=$1 n=$2 r k mode ns
	local -a order
	read -r -a order <<<"$MODES"
	local -A rates=() cpu=()

	for ((r = 0; r < REPEAT; r++)); do
		for ((k = 0; k < ${#order[@]}; k++)); do
			mode=${order[(k + r) % ${#order[@]}]}
			RATE="" CPU=""
			if ! run_print "$mode" "$size" "$n" /dev/null ||
			    [ -z "$RATE" ]; then
				FAILED=1
				say "  ${size}B $mode run $((r + 1))/$REPEAT: FAILED"
				continue
			fi
			rates[$mode]="${rates[$mode]:-} $RATE"
			ns=n/a
			if [ -n "$CPU" ]; then
				ns=$(( CPU * 1000 / n ))
				keep_lowest cpu "$mode" "$ns"
			fi
			say "  ${size}B $mode run $((r + 1))/$REPEAT: $RATE msg/s," \
			    "CPU $ns ns/msg"
		done
	done
	for mode in $MODES; do
		# shellcheck disable=SC2086
		ROWS+=("$mode $size $n $(best_median ${rates[$mode]:-}) ${cpu[$mode]:--1}")
	done
}

START=$(now_us)
say "zmqcat print bench: $(nproc) CPUs, libzmq $(pkg-config --modversion libzmq)," \
    "N16=$N16 N1K=$N1K REPEAT=$REPEAT, sizes: $SIZES, modes: $MODES"
say "binary $ZMQCAT ($ZID)"
say "checking every mode:"
smoke
for size in $SIZES; do
	bench "$size" "$(count_for "$size")"
done
say "total $(( ($(now_us) - START) / 1000000 )) s"

echo
echo "| mode | size | N | msg/s best (median) | mode / raw, best (median) | CPU ns/msg | CPU mode / raw |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
	read -r mode size n best med cpu <<<"$row"
	base=""
	for r2 in "${ROWS[@]}"; do
		read -r m2 s2 _ b2 d2 c2 <<<"$r2"
		[ "$m2" = raw ] && [ "$s2" = "$size" ] && base="$b2 $d2 $c2"
	done
	read -r rb rm rc <<<"$base"
	# the label by the environment: awk -v would turn its \n into a newline
	LABEL=$(mode_label "$mode") awk -v size="$size" -v n="$n" \
	    -v b="$best" -v m="$med" -v c="$cpu" -v rb="$rb" -v rm="$rm" \
	    -v rc="$rc" 'BEGIN {
		qb = rb > 0 && b > 0 ? sprintf("%.2f", b / rb) : "n/a"
		qm = rm > 0 && m > 0 ? sprintf("%.2f", m / rm) : "n/a"
		cs = c >= 0 ? c : "n/a"
		qc = c > 0 && rc > 0 ? sprintf("%.2f", c / rc) : "n/a"
		printf "| %s | %d B | %d | %s (%s) | %s (%s) | %s | %s |\n",
		    ENVIRON["LABEL"], size, n, b ? b : "FAIL", m, qb, qm, cs, qc
	}'
done
echo
echo "msg/s: best and median of $REPEAT runs, from the start of blast to the" \
     "exit of zmqcat after N messages (output to /dev/null)."
echo "mode / raw: the mode's rate over raw's in this run (best over best," \
     "median over median)."
echo "CPU ns/msg: user+system CPU of zmqcat (all its threads), lowest of the" \
     "runs; CPU mode / raw: that over raw's (above 1: the mode costs more)."
for row in "${ROWS[@]}"; do
	read -r mode size n best med cpu <<<"$row"
	if [ "$mode" != json ] || [ "$size" != 16 ]; then continue; fi
	for r2 in "${ROWS[@]}"; do
		read -r m2 s2 _ b2 d2 _ <<<"$r2"
		if [ "$m2" != raw ] || [ "$s2" != 16 ]; then continue; fi
		awk -v b="$best" -v m="$med" -v rb="$b2" -v rm="$d2" 'BEGIN {
			if (!(rb > 0 && rm > 0 && b > 0)) {
				print "Goal: -J / raw >= 0.50 at 16 B: no figures"
				exit
			}
			printf "Goal: -J / raw >= 0.50 at 16 B: %.2f best, %.2f median: %s\n",
			    b / rb, m / rm,
			    (b / rb >= 0.5 && m / rm >= 0.5 ? "met" : "NOT met")
		}'
	done
done
exit "$FAILED"
