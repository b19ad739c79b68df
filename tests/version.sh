#!/bin/sh
# The version is written once, in configure.ac's AC_INIT; what repeats it
# must agree: zmqcat --version (from config.h), the man page's .TH
# (version and date), debian/changelog's first entry (version and date)
# and NEWS's first entry (version and date).

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

top=$TESTS_SRCDIR/..

# The version AC_INIT gives: AC_INIT([zmqcat], [VERSION], ...).
ver=$(sed -n 's/^AC_INIT(\[zmqcat\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
ok "$(expr "$ver" : '[0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$' >/dev/null
    echo $?)" "configure.ac: AC_INIT's version is X.Y.Z (${ver:-none})"

zc --version >"$TMP/v" 2>&1
is "$?:$(sed -n '1s/ (.*//p' "$TMP/v")" "0:zmqcat $ver" \
    "zmqcat --version says configure.ac's version"

# .TH ZMQCAT 1 DATE "zmqcat VERSION" "User Commands"
th=$(sed -n 's/^\.TH ZMQCAT 1 \([0-9-]*\) "zmqcat \([^"]*\)".*/\2 \1/p' \
    "$top/doc/zmqcat.1")
man_date=${th#* }
is "${th% *}" "$ver" "doc/zmqcat.1: .TH names version $ver"

# The first entry of debian/changelog: "zmqcat (VERSION) DIST; ..." and
# its trailer " -- NAME <MAIL>  Day, DD Mon YYYY HH:MM:SS +ZZZZ".
is "$(sed -n '1s/^zmqcat (\([^)]*\)) .*/\1/p' "$top/debian/changelog")" \
    "$ver" "debian/changelog: the first entry is version $ver"
deb_date=$(sed -n '/^ -- /{p;q;}' "$top/debian/changelog" | awk '{
	n = split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ")
	for (i = 1; i <= n; i++) if ($(NF - 3) == m[i]) mon = i
	if (mon) printf "%s-%02d-%02d\n", $(NF - 2), mon, $(NF - 4)
}')
is "$deb_date" "$man_date" \
    "debian/changelog's date is the man page's (${man_date:-none})"

# NEWS: the first "zmqcat VERSION (DATE)" line.
is "$(grep -m 1 '^zmqcat [0-9]' "$top/NEWS")" "zmqcat $ver ($man_date)" \
    "NEWS: the first entry is version $ver of $man_date"

done_testing
