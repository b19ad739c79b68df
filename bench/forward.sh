#!/usr/bin/env bash
# bench/forward.sh: zmqcat as a PULL -> PUSH forwarder, against libzmq's
# zmq_proxy() and a tuned hand-written forwarder (tfwd: drains until EAGAIN).
#
#   blast (PUSH, connects IN) -> FORWARDER -> drain (PULL, binds OUT)
#
#   FORWARDER, PULL binding IN and PUSH connecting to drain's OUT, one of:
#     zmqcat -v -s PULL:bind:IN -s PUSH:connect:OUT -r pull:push
#     bench/bin/proxy   @IN >OUT     (zmq_proxy(pull, push, NULL))
#     bench/bin/tfwd    @IN >OUT     (zmq_poll, then every message until EAGAIN)
#
# blast connects and drain binds (bench/blast.c, bench/drain.c), so the
# forwarder binds its PULL and connects its PUSH. IN and OUT are
# tcp://127.0.0.1:* (the ports are read from the "... bound ADDR" lines) or
# ipc:// paths in a temporary directory.
#
# A rate is N / (time from starting blast to the exit of drain once it has
# counted N messages holding N * SIZE bytes). blast is told to send SLACK
# messages more than N and is stopped once drain is done: a PUSH that
# closes over ipc:// can lose the tail of what it sent when its peer is
# behind (libzmq 4.3, zeromq/libzmq#4660: up to a few thousand 16-byte
# messages here), and those must not be any of the N counted.
#
# Every case runs REPEAT rounds; in each round the three forwarders run
# once, in turn (zmqcat, zmq_proxy, tfwd). The table gives each one's
# MEDIAN rate with the MIN-MAX of its rounds (the noise), the MEDIAN of
# the per-round ratios zmqcat / tfwd and zmqcat / zmq_proxy (each round's
# zmqcat run over the other's in the same round) with their min-max, the
# median CPU time per message of each forwarder (user + system of all
# its threads, from /proc/PID/stat just before it is stopped) and the
# HIGHEST peak RSS (VmHWM); before it, the command, the machine, the
# load average at the start and the end, and the commit; after it, issue
# 13's wall goals for forwarding, met or not.
#
# Environment:
#   BENCH_FWD_N16        messages of 16 bytes per run        (default 2000000)
#   BENCH_FWD_N1K        messages of 1024 bytes per run      (default 500000)
#   BENCH_FWD_REPEAT     rounds (runs of each forwarder) per case (default 7)
#   BENCH_FWD_TRANSPORTS which transports, in order          (default "tcp ipc")
#   BENCH_FWD_SLACK      messages blast sends beyond N       (default 20000)
#   BENCH_TIMEOUT        seconds any one process may run     (default 120)
#   ZMQCAT               the binary under test (default: the repo's ./zmqcat)
#   CC                   C compiler for the helpers          (default cc)
#
# Needs: bash 5.1 or later, cc, pkg-config and libzmq's headers, timeout(1)
# from coreutils, and Linux's /proc.

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N16=${BENCH_FWD_N16:-2000000}
N1K=${BENCH_FWD_N1K:-500000}
REPEAT=${BENCH_FWD_REPEAT:-7}
TRANSPORTS=${BENCH_FWD_TRANSPORTS:-tcp ipc}
SLACK=${BENCH_FWD_SLACK:-20000}
TMO=${BENCH_TIMEOUT:-120}
CC=${CC:-cc}
ME=forward.sh
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
KINDS="zmqcat proxy tfwd"
WAIT_TICKS=200			# x 0.05 s: how long a process may take to bind
TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)


# ---------------------------------------------------------------- checks

for v in N16:BENCH_FWD_N16 N1K:BENCH_FWD_N1K REPEAT:BENCH_FWD_REPEAT \
    TMO:BENCH_TIMEOUT; do
	name=${v%%:*}
	val=${!name}
	case $val in
	''|*[!0-9]*|0) die "${v#*:} must be a positive integer (got '$val')" ;;
	esac
done
case $SLACK in
''|*[!0-9]*) die "BENCH_FWD_SLACK must be a number (got '$SLACK')" ;;
esac
for t in $TRANSPORTS; do
	case $t in
	tcp|ipc) ;;
	*) die "BENCH_FWD_TRANSPORTS: unknown transport '$t' (tcp, ipc)" ;;
	esac
done
[ -n "${TRANSPORTS// /}" ] || die "BENCH_FWD_TRANSPORTS is empty"
bench_need_tools
[ -r /proc/self/stat ] || die "/proc is needed (CPU time and peak RSS)"

# ---------------------------------------------------------------- build

bench_build blast drain proxy tfwd

# ---------------------------------------------------------------- plumbing

bench_plumbing fwd
bench_copy_zmqcat


# The PID of the program timeout(1) (PID $1) runs, waited for (bounded).
child_of() {
	local i kid
	for ((i = 0; i < WAIT_TICKS; i++)); do
		kid=$(cat "/proc/$1/task/$1/children" 2>/dev/null) ||
			kid=$(ps -o pid= --ppid "$1" 2>/dev/null)
		kid=${kid%% *}
		kid=${kid// /}
		if [ -n "$kid" ]; then
			echo "$kid"
			return 0
		fi
		kill -0 "$1" 2>/dev/null || break
		sleep 0.05
	done
	return 1
}

# "CPU_US RSS_KIB" of a running PID: user + system CPU of all its
# threads (clock ticks) in microseconds, and its peak RSS (VmHWM).
usage_of() {
	local pid=$1 stat rest ticks hwm
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	rest=${stat##*) }	# past "(comm) ": field 3 onwards
	# shellcheck disable=SC2086
	set -- $rest
	ticks=$(( ${12} + ${13} ))	# fields 14 utime, 15 stime
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
	echo "$(( ticks * 1000000 / TICKS )) ${hwm:-0}"
}

# ---------------------------------------------------------------- one run

RUNNO=0

# run_fwd KIND TRANSPORT SIZE N: set RATE, CPU (us) and RSS (KiB), or
# fail. Not to be run in a subshell: the PIDs it starts must reach the
# trap's list.
run_fwd() {
	local kind=$1 tr=$2 size=$3 n=$4
	local derr=$TMP/drain.err ferr=$TMP/fwd.err berr=$TMP/blast.err
	local dpid fpid fkid bpid in out oaddr iaddr t0 t1 drc frc brc use
	local early id rc waitfor

	RUNNO=$((RUNNO + 1))
	if [ "$tr" = tcp ]; then
		in='tcp://127.0.0.1:*'
		out='tcp://127.0.0.1:*'
	else
		in=ipc://$TMP/in-$RUNNO.ipc
		out=ipc://$TMP/out-$RUNNO.ipc
	fi
	: >"$derr"
	: >"$ferr"
	: >"$berr"

	# 1. drain binds OUT and checks it got n messages of n * size bytes
	timeout -k 5 "$TMO" "$BIN/drain" "$out" "$n" $((n * size)) \
	    >/dev/null 2>"$derr" </dev/null &
	dpid=$!
	PIDS+=("$dpid")
	oaddr=$(wait_line "$derr" "$dpid" "pull bound") ||
		{ stop_pid "$dpid"; return 1; }

	# 2. the forwarder binds IN and connects to drain
	case $kind in
	zmqcat)
		timeout -k 5 "$TMO" "$ZBIN" -v -s "PULL:bind:$in" \
		    -s "PUSH:connect:$oaddr" -r pull:push \
		    >/dev/null 2>"$ferr" </dev/null & ;;
	*)
		timeout -k 5 "$TMO" "$BIN/$kind" "@$in" ">$oaddr" \
		    >/dev/null 2>"$ferr" </dev/null & ;;
	esac
	fpid=$!
	PIDS+=("$fpid")
	if ! iaddr=$(wait_line "$ferr" "$fpid" "pull bound") ||
	    ! fkid=$(child_of "$fpid"); then
		say "forward.sh: $kind did not start"
		stop_pid "$fpid"
		stop_pid "$dpid"
		return 1
	fi

	# 3. blast connects to IN and sends; the clock runs until drain exits.
	# A forwarder that ends, or a blast that fails, before drain is done
	# ends the run at once rather than leaving drain to its timeout.
	t0=$(now_us)
	timeout -k 5 "$TMO" "$BIN/blast" "$iaddr" $((n + SLACK)) "$size" \
	    >/dev/null 2>"$berr" </dev/null &
	bpid=$!
	PIDS+=("$bpid")
	drc="" frc="" brc="" early=""
	waitfor=("$dpid" "$fpid" "$bpid")
	while [ -z "$drc" ] && [ -z "$early" ]; do
		id=""
		wait -n -p id "${waitfor[@]}"; rc=$?
		case $id in
		"$dpid") drc=$rc ;;
		"$fpid") frc=$rc; early=1 ;;
		"$bpid")
			brc=$rc
			waitfor=("$dpid" "$fpid")
			[ "$rc" = 0 ] || early=1 ;;
		*) early=1 ;;
		esac
	done
	t1=$(now_us)

	# 4. the forwarder's CPU and peak RSS while it still runs, then stop
	# it (TERM to the program itself: all three exit 0 on it), and
	# blast, which may still be sending its slack (then timeout(1) ends
	# with 128 + TERM)
	use=""
	if [ -z "$frc" ]; then
		use=$(usage_of "$fkid") || use=""
		kill -TERM "$fkid" 2>/dev/null
		wait "$fpid"; frc=$?
	fi
	forget "$fpid"
	if [ -z "$brc" ]; then
		kill -TERM "$bpid" 2>/dev/null
		wait "$bpid"; brc=$?
		[ "$brc" = 143 ] && brc=0
	fi
	forget "$bpid"
	if [ -z "$drc" ]; then
		stop_pid "$dpid"
		drc="stopped"
	fi
	forget "$dpid"
	if [ "$drc" != 0 ] || [ "$brc" != 0 ] || [ -z "$use" ] ||
	    [ "$frc" != 0 ]; then
		[ -n "$use" ] || frc="$frc, had ended before drain"
		say "forward.sh: $kind $tr ${size}B run failed (drain $drc," \
		    "blast $brc, forwarder $frc)"
		sed 's/^/    drain: /' "$derr" >&2
		sed 's/^/    forwarder: /' "$ferr" >&2
		sed 's/^/    blast: /' "$berr" >&2
		return 1
	fi
	RATE=$(rate "$n" $((t1 - t0)))
	read -r CPU RSS <<<"$use"
}

# ---------------------------------------------------------------- main

FAILED=0
ROWS=()
RATE="" RSS="" CPU=""


# bench TRANSPORT SIZE N: REPEAT rounds, each running the three
# forwarders in turn; add a row "tr size n", then for each kind
# "rate_med rate_min rate_max cpu_med rss_max", then for proxy and tfwd
# "ratio_med ratio_min ratio_max rounds" (the per-round ratios zmqcat /
# that forwarder, over the rounds where both ran).
bench() {
	local tr=$1 size=$2 n=$3 kind r row base
	local -A rates=() cpus=() peak=() got=() ratios=() pairs=()

	for ((r = 1; r <= REPEAT; r++)); do
		got=()
		for kind in $KINDS; do
			RATE="" RSS="" CPU=""
			if ! run_fwd "$kind" "$tr" "$size" "$n" || [ -z "$RATE" ]; then
				FAILED=1
				say "  $tr ${size}B $kind round $r/$REPEAT: FAILED"
				continue
			fi
			CPU=$(( CPU * 1000 / n ))	# ns per message
			say "  $tr ${size}B $kind round $r/$REPEAT: $RATE msg/s," \
			    "CPU $CPU ns/msg, peak RSS $RSS KiB"
			got[$kind]=$RATE
			rates[$kind]="${rates[$kind]:-} $RATE"
			cpus[$kind]="${cpus[$kind]:-} $CPU"
			keep_highest peak "$kind" "$RSS"
		done
		[ -n "${got[zmqcat]:-}" ] || continue
		for base in proxy tfwd; do
			[ -n "${got[$base]:-}" ] || continue
			ratios[$base]="${ratios[$base]:-} $(ratio "${got[zmqcat]}" "${got[$base]}")"
			pairs[$base]=$(( ${pairs[$base]:-0} + 1 ))
		done
	done
	row="$tr $size $n"
	for kind in $KINDS; do
		# shellcheck disable=SC2086
		row="$row $(med_range ${rates[$kind]:-})"
		# shellcheck disable=SC2086
		row="$row $(med_range ${cpus[$kind]:-} | cut -d ' ' -f 1) ${peak[$kind]:-0}"
	done
	for base in proxy tfwd; do
		# shellcheck disable=SC2086
		row="$row $(med_range ${ratios[$base]:-}) ${pairs[$base]:-0}"
	done
	ROWS+=("$row")
}

LOAD0=$(loadavg)
DATE0=$(date -u '+%Y-%m-%d %H:%M UTC')
START=$(now_us)
say "zmqcat forwarding bench: $(nproc) CPUs, load average $LOAD0, libzmq" \
    "$(pkg-config --modversion libzmq), N16=$N16 N1K=$N1K REPEAT=$REPEAT" \
    "SLACK=$SLACK," \
    "transports: $TRANSPORTS, binary $ZMQCAT ($ZID)"
for tr in $TRANSPORTS; do
	bench "$tr" 16 "$N16"
	bench "$tr" 1024 "$N1K"
done
say "total $(( ($(now_us) - START) / 1000000 )) s"

echo
echo "Command: \`$(bench_command BENCH_FWD_N16 BENCH_FWD_N1K BENCH_FWD_REPEAT \
    BENCH_FWD_TRANSPORTS BENCH_FWD_SLACK)\`, started $DATE0," \
    "$(( ($(now_us) - START) / 1000000 )) s"
echo
bench_context "$LOAD0"
echo
echo "| transport | size | N | zmqcat msg/s median (min-max) | zmq_proxy msg/s median (min-max) | tfwd msg/s median (min-max) | zmqcat / tfwd, median of rounds (min-max) | zmqcat / zmq_proxy, median of rounds (min-max) | CPU ns/msg median, zmqcat / proxy / tfwd | peak RSS MiB zmqcat / proxy / tfwd |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
GOALS=()
for row in "${ROWS[@]}"; do
	# zmqcat 4-8, proxy 9-13, tfwd 14-18; ratios: / proxy 19-22, / tfwd 23-26
	awk -v row="$row" '
	function rng(m, lo, hi) {
		return m > 0 ? sprintf("%.0f (%.0f-%.0f)", m, lo, hi) : "FAIL"
	}
	function rat(m, lo, hi, k) {
		return k > 0 ? sprintf("%.2f (%.2f-%.2f)", m, lo, hi) : "n/a"
	}
	BEGIN {
		split(row, f, " ")
		printf "| %s | %d B | %d | %s | %s | %s | %s | %s | %d / %d / %d | %.1f / %.1f / %.1f |\n",
		    f[1], f[2], f[3], rng(f[4], f[5], f[6]),
		    rng(f[9], f[10], f[11]), rng(f[14], f[15], f[16]),
		    rat(f[23], f[24], f[25], f[26]), rat(f[19], f[20], f[21], f[22]),
		    f[7], f[12], f[17], f[8] / 1024, f[13] / 1024, f[18] / 1024
	}'
	read -ra f <<<"$row"
	GOALS+=("$(goal_line "${f[0]} ${f[1]} B: zmqcat / tfwd" 1.00 \
	    "forward >= 1.0x the tuned C forwarder" "${f[@]:22:4}")")
	GOALS+=("$(goal_line "${f[0]} ${f[1]} B: zmqcat / zmq_proxy" 2.00 \
	    "forward >= 2.0x zmq_proxy()" "${f[@]:18:4}")")
done
echo
echo "msg/s: median of the rounds, min-max in brackets (the noise), from the" \
     "start of blast to the exit of drain after N messages."
echo "zmqcat / other: each round's zmqcat rate over the other forwarder's in" \
     "the same round (zmqcat, zmq_proxy, tfwd run in turn); median of the" \
     "rounds, min-max."
echo "CPU ns/msg: user+system CPU of the forwarder (all its threads), median" \
     "of the rounds. Peak RSS: VmHWM, highest of the rounds."
echo
echo "Goals (issue 13, wall throughput, median of the per-round ratios):"
for g in "${GOALS[@]}"; do
	echo "- $g"
done
exit "$FAILED"
