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
# Every case runs REPEAT times, the three forwarders taking turns; the
# table gives the BEST rate with the MEDIAN in brackets, the ratio zmqcat /
# the faster of the other two (on the best rates, and on the medians), the
# LOWEST CPU time per message of each forwarder (user + system of all its
# threads, from /proc/PID/stat just before it is stopped) and the HIGHEST
# peak RSS (VmHWM).
#
# Environment:
#   BENCH_FWD_N16        messages of 16 bytes per run        (default 2000000)
#   BENCH_FWD_N1K        messages of 1024 bytes per run      (default 500000)
#   BENCH_FWD_REPEAT     runs of each forwarder per case     (default 3)
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
REPEAT=${BENCH_FWD_REPEAT:-3}
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
		timeout -k 5 "$TMO" "$ZMQCAT" -v -s "PULL:bind:$in" \
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


# bench TRANSPORT SIZE N: run the three forwarders REPEAT times, taking
# turns; add a row "tr size n" then "best median cpu rss" for each kind.
bench() {
	local tr=$1 size=$2 n=$3 kind r row
	local -A rates=() cpu=() peak=()

	for ((r = 1; r <= REPEAT; r++)); do
		for kind in $KINDS; do
			RATE="" RSS="" CPU=""
			if ! run_fwd "$kind" "$tr" "$size" "$n" || [ -z "$RATE" ]; then
				FAILED=1
				say "  $tr ${size}B $kind run $r/$REPEAT: FAILED"
				continue
			fi
			CPU=$(( CPU * 1000 / n ))	# ns per message
			say "  $tr ${size}B $kind run $r/$REPEAT: $RATE msg/s," \
			    "CPU $CPU ns/msg, peak RSS $RSS KiB"
			rates[$kind]="${rates[$kind]:-} $RATE"
			keep_lowest cpu "$kind" "$CPU"
			keep_highest peak "$kind" "$RSS"
		done
	done
	row="$tr $size $n"
	for kind in $KINDS; do
		# shellcheck disable=SC2086
		row="$row $(best_median ${rates[$kind]:-}) ${cpu[$kind]:-0} ${peak[$kind]:-0}"
	done
	ROWS+=("$row")
}

START=$(now_us)
say "zmqcat forwarding bench: $(nproc) CPUs, libzmq" \
    "$(pkg-config --modversion libzmq), N16=$N16 N1K=$N1K REPEAT=$REPEAT" \
    "SLACK=$SLACK," \
    "transports: $TRANSPORTS, binary $ZMQCAT"
for tr in $TRANSPORTS; do
	bench "$tr" 16 "$N16"
	bench "$tr" 1024 "$N1K"
done
say "total $(( ($(now_us) - START) / 1000000 )) s"

echo
echo "| transport | size | N | zmqcat msg/s best (median) | zmq_proxy msg/s best (median) | tfwd msg/s best (median) | zmqcat / faster other, best (median) | CPU ns/msg zmqcat / proxy / tfwd | peak RSS MiB zmqcat / proxy / tfwd |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
	awk -v row="$row" 'BEGIN {
		split(row, f, " ")
		zb = f[4]; zm = f[5]; pb = f[8]; pm = f[9]; fb = f[12]; fm = f[13]
		ob = pb > fb ? pb : fb
		om = pm > fm ? pm : fm
		rb = ob > 0 && zb > 0 ? sprintf("%.2f", zb / ob) : "n/a"
		rm = om > 0 && zm > 0 ? sprintf("%.2f", zm / om) : "n/a"
		printf "| %s | %d B | %d | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %d / %d / %d | %.1f / %.1f / %.1f |\n",
		    f[1], f[2], f[3],
		    zb ? zb : "FAIL", zm, pb ? pb : "FAIL", pm, fb ? fb : "FAIL", fm,
		    rb, rm, f[6], f[10], f[14], f[7] / 1024, f[11] / 1024, f[15] / 1024
	}'
done
echo
echo "msg/s: best and median of $REPEAT runs, from the start of blast to the" \
     "exit of drain after N messages."
echo "zmqcat / faster other: zmqcat's rate over the higher of zmq_proxy's and" \
     "tfwd's (best over best, median over median)."
echo "CPU ns/msg: user+system CPU of the forwarder (all its threads), lowest" \
     "of the runs. Peak RSS: VmHWM, highest of the runs."
echo "Goal: zmqcat / faster other >= 0.90."
exit "$FAILED"
