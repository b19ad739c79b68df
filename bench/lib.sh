# bench/lib.sh: what the benchmark scripts share. Sourced by run.sh,
# forward.sh, print.sh, gen.sh and the others after they set HERE, BIN,
# CC and ME (their name).
# Bash 5.1 or later.

die() { echo "$ME: $*" >&2; exit 1; }
say() { echo "$*" >&2; }

# bench_build PROG...: compile bench/PROG.c into bench/bin/PROG when the
# binary is missing or older than its source.
bench_build() {
	local prog flags
	command -v pkg-config >/dev/null || die "pkg-config is missing"
	flags=$(pkg-config --cflags --libs libzmq) ||
		die "pkg-config cannot find libzmq (Debian: apt-get install libzmq3-dev)"
	mkdir -p "$BIN" || die "cannot create $BIN"
	for prog in "$@"; do
		if [ ! -x "$BIN/$prog" ] || [ "$HERE/$prog.c" -nt "$BIN/$prog" ]; then
			say "cc -O2 bench/$prog.c -> bench/bin/$prog"
			# shellcheck disable=SC2086
			"$CC" -O2 -Wall -o "$BIN/$prog" "$HERE/$prog.c" $flags ||
				die "cannot build $prog"
		fi
	done
}

# bench_plumbing PREFIX: a temp dir in TMP, the PIDS array of background
# processes, and traps that kill them all on exit or interruption. Every
# process runs under timeout(1), which makes its own process group and
# passes TERM on to it: killing the PIDs kept (those of timeout) ends
# everything under them.
bench_plumbing() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/zmqcat-$1.XXXXXX") || die "mktemp failed"
	PIDS=()
	# only in this shell: the child bash forks for `cmd &` keeps the
	# traps until it execs cmd, and one stopped in that window would
	# run the cleanup itself, killing our processes and deleting $TMP
	trap '[ "$BASHPID" = "$$" ] && bench_cleanup' EXIT
	trap '[ "$BASHPID" = "$$" ] || exit 143; say "$ME: interrupted"; exit 130' \
	    INT TERM HUP
}

# shellcheck disable=SC2317	# called by the trap
bench_cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	rm -rf "$TMP"
}

# Forget a PID once it has been reaped.
forget() {
	local pid keep=()
	for pid in "${PIDS[@]}"; do
		[ "$pid" = "$1" ] || keep+=("$pid")
	done
	PIDS=("${keep[@]}")
}

# Stop one background PID we started (a run that went wrong) and reap it.
stop_pid() {
	kill -TERM "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	forget "$1"
}

# Microseconds on the wall clock (bash 5's EPOCHREALTIME, any locale).
now_us() {
	local t=${EPOCHREALTIME}
	t=${t//[.,]/}
	echo "$t"
}

# The rate of N messages in US microseconds, in messages/s.
rate() {
	awk -v n="$1" -v us="$2" 'BEGIN { printf "%.0f", (us > 0 ? n * 1e6 / us : 0) }'
}

# wait_line ERR PID PAT: wait (bounded by WAIT_TICKS x 0.05 s) until PID
# has written a line containing PAT ("pull bound") to the file ERR; print
# its last word, the address. Fails if PID dies first or takes too long.
wait_line() {
	local err=$1 pid=$2 pat=$3 i addr
	for ((i = 0; i < WAIT_TICKS; i++)); do
		addr=$(awk -v pat="$pat" 'index($0, pat) { print $NF; exit }' "$err")
		if [ -n "$addr" ]; then
			echo "$addr"
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	say "$ME: no '$pat' line; stderr of the process:"
	sed 's/^/    /' "$err" >&2
	return 1
}

# bench_need_tools: bash 5.1 (wait -n -p, EPOCHREALTIME), the binary under
# test, and timeout(1).
bench_need_tools() {
	[ "${BASH_VERSINFO[0]}" -gt 5 ] ||
		{ [ "${BASH_VERSINFO[0]}" -eq 5 ] && [ "${BASH_VERSINFO[1]}" -ge 1 ]; } ||
		die "bash 5.1 or later is needed (wait -n -p, EPOCHREALTIME)"
	[ -x "$ZMQCAT" ] || die "no zmqcat binary at $ZMQCAT (build it, or set ZMQCAT)"
	command -v timeout >/dev/null || die "timeout(1) from coreutils is missing"
}

# bench_timecmd: TIMECMD, GNU time's command for the CPU columns, or empty
# (the columns then say n/a).
bench_timecmd() {
	TIMECMD=()
	if /usr/bin/time -f '%U %S' -o /dev/null true 2>/dev/null; then
		TIMECMD=(/usr/bin/time -f '%U %S')
	else
		say "$ME: no GNU time at /usr/bin/time: CPU columns will be n/a" \
		    "(Debian: apt-get install -y time)"
	fi
}

# bench_copy_zmqcat: copy the binary under test into TMP (ZBIN), so that
# one run measures one binary, and name it (ZID: its date and hash).
bench_copy_zmqcat() {
	cp "$ZMQCAT" "$TMP/zmqcat" || die "cannot copy $ZMQCAT"
	ZBIN=$TMP/zmqcat
	ZID="$(date -u -r "$ZMQCAT" '+%Y-%m-%d %H:%M UTC' 2>/dev/null),"
	ZID="$ZID sha256 $(sha256sum "$ZBIN" 2>/dev/null | cut -c1-12)"
}

# User + system CPU in microseconds from a GNU time -o file (last line).
cpu_of() {
	tail -n 1 "$1" 2>/dev/null |
	    awk 'NF == 2 { printf "%.0f\n", ($1 + $2) * 1e6; exit }'
}

# Best and median of a list of numbers: "BEST MEDIAN" (0 0 when empty).
best_median() {
	printf '%s\n' "$@" | sort -n | awk 'NF { v[n++] = $1 }
	    END { if (!n) { print "0 0"; exit }
		  m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
		  printf "%d %d\n", v[n - 1], m }'
}

# keep_lowest ARRAY KEY VALUE: ARRAY[KEY] becomes VALUE when unset or
# higher (the best CPU time of the runs).
keep_lowest() {
	local -n _kl=$1
	[ -n "${_kl[$2]:-}" ] && [ "${_kl[$2]}" -le "$3" ] || _kl[$2]=$3
}

# keep_highest ARRAY KEY VALUE: the same for the highest (peak RSS).
keep_highest() {
	local -n _kh=$1
	[ "${_kh[$2]:-0}" -ge "$3" ] || _kh[$2]=$3
}

# count_for SIZE: how many messages a run of SIZE bytes sends: N16 at
# 16 B, N1K at 1 KiB, else as many bytes as N1K KiB (at most N16).
count_for() {
	local n
	case $1 in
	16) n=$N16 ;;
	1024) n=$N1K ;;
	*) n=$(( N1K * 1024 / $1 > N16 ? N16 : N1K * 1024 / $1 ))
	   [ "$n" -gt 0 ] || n=1 ;;
	esac
	echo "$n"
}

# med_range NUMBER...: "MEDIAN MIN MAX" of the numbers (decimals kept),
# "0 0 0" when there are none.
med_range() {
	printf '%s\n' "$@" | sort -g | awk 'NF { v[n++] = $1 }
	    END { if (!n) { print "0 0 0"; exit }
		  m = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
		  printf "%.4f %.4f %.4f\n", m, v[0], v[n - 1] }'
}

# ratio A B: A / B with four decimals (for the per-round ratios).
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }'
}

# goal_line WHAT MIN ISSUE MEDIAN LO HI ROUNDS [NUMBER]: one line saying
# whether the median of the per-round ratios (LO-HI, over ROUNDS rounds)
# meets the goal ratio MIN (ISSUE: the goal's words in issue NUMBER, 13
# unless given).
goal_line() {
	awk -v what="$1" -v min="$2" -v issue="$3" -v m="$4" -v lo="$5" \
	    -v hi="$6" -v k="$7" -v no="${8:-13}" 'BEGIN {
		ok = (k > 0 && m >= min) ? "met" : "not met"
		printf "%s %.2f (%.2f-%.2f, %d rounds), goal >= %.2f (issue %s: %s): %s\n",
		    what, m, lo, hi, k, min, no, issue, ok
	}'
}

# loadavg: the 1, 5 and 15 minute load averages.
loadavg() {
	cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo "n/a"
}

# bench_command VAR...: the command that reproduces this run: each VAR
# that is set in the environment as VAR=value, then bench/$ME.
bench_command() {
	local v cmd=""
	for v in "$@"; do
		[ -n "${!v+x}" ] && cmd="$cmd$v=${!v} "
	done
	echo "${cmd}bench/$ME"
}

# bench_context LOAD_AT_START: the lines every wall-clock table is
# preceded by (markdown, on stdout): machine, load average at the start
# and now, the commit of the tree and the binary under test (ZID).
bench_context() {
	local cpu commit
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
	commit=$(git -C "$TOP" describe --always --dirty 2>/dev/null) ||
		commit="not a git tree"
	echo "- machine: $(nproc) CPUs (${cpu:-unknown}), $(uname -sr)," \
	     "libzmq $(pkg-config --modversion libzmq 2>/dev/null)"
	echo "- load average (1, 5, 15 min): $1 at the start, $(loadavg) at the end"
	echo "- tree at commit $commit; zmqcat binary $ZMQCAT ($ZID)"
}
