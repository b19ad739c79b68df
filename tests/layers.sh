#!/bin/sh
# The modules of src/ depend on each other without a cycle: a module is
# a .c and its .h (node_sock.c and node_sock.h are node_sock); it depends
# on every module whose header either of them includes. A cycle fails,
# naming the modules on it.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

SRC=$TESTS_SRCDIR/../src

# The edges "A B" (A includes B's header), one a line, sorted.
for f in "$SRC"/*.c "$SRC"/*.h; do
	m=$(basename "$f")
	m=${m%.*}
	sed -n 's/^#include "\([a-z_0-9]*\)\.h".*/\1/p' "$f" |
	    while read -r d; do
		[ "$d" = "$m" ] || [ "$d" = config ] || echo "$m $d"
	    done
done | sort -u >"$TMP/edges"

ok "$([ -s "$TMP/edges" ]; echo $?)" \
    "read $(wc -l <"$TMP/edges" | tr -d ' ') dependencies between modules"

# tsort(1) says "input contains a loop" and names its members on stderr.
tsort "$TMP/edges" >"$TMP/order" 2>"$TMP/loops"
is "$(sed -n 's/^tsort: //p' "$TMP/loops" | grep -v 'input contains a loop' |
    tr '\n' ' ')" "" "no module depends on itself through others"
if [ -s "$TMP/loops" ]; then
	sed 's/^/# /' "$TMP/loops"
fi

done_testing
