#!/bin/sh
# A libzmq built without CURVE: every CURVE option, and --keygen, is a
# clear error naming the socket or option, with status 2. The missing
# capability is simulated by preloading tests/nocurve.c, built here.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

command -v "${CC:-cc}" >/dev/null 2>&1 || skip_all "no C compiler to build the preload"
"${CC:-cc}" -shared -fPIC -o "$TMP/nocurve.so" "$TESTS_SRCDIR/nocurve.c" \
    -ldl 2>"$TMP/cc.err" || skip_all "cannot build the preload: $(head -1 "$TMP/cc.err")"

key='rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7'

# nocurve DESCRIPTION EXPECTED-STDERR ARGS...: status 2 and that line,
# run with the CURVE-less libzmq. An ASan build must allow the preload.
nocurve() {
	_desc=$1 _want=$2
	shift 2
	LD_PRELOAD="$TMP/nocurve.so" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    zc "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	is "$?" 2 "$_desc: exit status 2"
	is "$(cat "$TMP/err")" "$_want" "$_desc: says CURVE is missing"
	is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$_desc: nothing on stdout"
}

nocurve "--keygen" \
	"zmqcat: --keygen: this libzmq was built without CURVE" --keygen
nocurve "--curve-server" \
	"zmqcat: pull: CURVE options given, but this libzmq was built without CURVE" \
	-s 'PULL:bind:tcp://127.0.0.1:*' --curve-server "$key"
nocurve "--curve-client" \
	"zmqcat: push: CURVE options given, but this libzmq was built without CURVE" \
	-s 'PUSH:connect:tcp://127.0.0.1:1' --curve-client "$key"

# the same command without the preload gets past the check: the simulated
# lack, not something else, made the runs above fail
zc --keygen >"$TMP/out" 2>"$TMP/err" </dev/null
is "$?" 0 "--keygen works with the real libzmq"

done_testing
