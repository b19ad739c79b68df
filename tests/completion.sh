#!/bin/sh
# Shell completion: the bash function gives exactly the expected replies
# (with and without bash-completion loaded), fish gives the same words,
# every long option is in --help, the man page and each completion, and
# the zsh and fish files parse.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"
set -f		# the replies hold '*'

top=$(cd "$TESTS_SRCDIR/.." && pwd)
BASH_COMP=$top/completions/zmqcat.bash
ZSH_COMP=$top/completions/_zmqcat
FISH_COMP=$top/completions/zmqcat.fish
SETTINGS_C=$top/src/settings.c
MAN=$top/doc/zmqcat.1

# The completions run "zmqcat --list-sockopts": find the one under test.
case $ZMQCAT in
/*) ;;
*) ZMQCAT=$(pwd)/$ZMQCAT ;;
esac
mkdir "$TMP/bin"
ln -s "$ZMQCAT" "$TMP/bin/zmqcat"
PATH=$TMP/bin:$PATH
export PATH

# Files for --config, --replay, --curve-allow, --plain-users and @FILE.
mkdir "$TMP/files" "$TMP/files/sub"
: >"$TMP/files/cap.json"
: >"$TMP/files/cap2.json"
: >"$TMP/files/notes.txt"

# words: the arguments sorted and unique, on one line.
words() {
	printf '%s\n' "$@" | LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//'
}

# The option table: the .name and the .letter of every row of the
# settings table, from which zmqcat builds getopt's options and --help.
long_opts=$(sed -n '/^static const struct setting table\[\] = {/,/^};/s/.*\.name = "\([^"]*\)".*/\1/p' \
    "$SETTINGS_C")
short_opts=$(sed -n "/^static const struct setting table\\[\\] = {/,/^};/s/.*\\.letter = '\\(.\\)'.*/-\\1/p" \
    "$SETTINGS_C" | tr '\n' ' ')
_nlong=$(echo "$long_opts" | grep -c .)
ok "$([ "$_nlong" -ge 20 ]; echo $?)" "src/settings.c: the table read ($_nlong long options)"
ALL_OPTS=$(words $(echo "$long_opts" | sed 's/^/--/') $short_opts)
SOCKTYPES='DEALER PAIR PUB PULL PUSH REP REQ ROUTER STREAM SUB XPUB XSUB'
SOCKOPTS=$(words $("$ZMQCAT" --list-sockopts | sed 's/ .*/=/'))
ok "$([ -n "$SOCKOPTS" ]; echo $?)" "zmqcat --list-sockopts lists options"

# Sockets for the route cases: pull, pub, pull2 (PUB cannot receive).
S3='-s PULL:bind:tcp://*:1 -s PUB:bind:tcp://*:2 -s PULL:connect:ipc://x'
# Named ones: in, pub, out, pull.
SN='-s in=PULL:bind:tcp://*:1 -s PUB:bind:tcp://*:2 -s out=PUB:connect:tcp://h:3 -s PULL:bind:ipc://y'

# The cases: a command line (completed at its end), then after a '|' the
# sorted replies, and " <nospace>" when no space is to follow.
cat >"$TMP/cases" <<EOF
zmqcat -|$ALL_OPTS
zmqcat |$ALL_OPTS
zmqcat --dump|--dump-config
zmqcat --replay|--replay --replay-timing
zmqcat --sock|--socket --sockopt
zmqcat -J --ech|--echo
zmqcat -s |$SOCKTYPES
zmqcat -s PU|PUB PULL PUSH
zmqcat -s PULL|PULL: <nospace>
zmqcat -s pu|pub pull push
zmqcat -s X|XPUB XSUB
zmqcat -s in=PU|PUB PULL PUSH
zmqcat -s PULL:|bind: connect: <nospace>
zmqcat -s PULL:bi|bind: <nospace>
zmqcat -s PULL:co|connect: <nospace>
zmqcat -s in=PULL:|bind: connect: <nospace>
zmqcat --socket=PULL:|bind: connect: <nospace>
zmqcat -s PULL:bind:|inproc:// ipc:// tcp:// ws:// <nospace>
zmqcat -s PULL:bind:t|tcp:// <nospace>
zmqcat -s in=PULL:connect:|inproc:// ipc:// tcp:// ws:// <nospace>
zmqcat -s PULL:bind:tcp://*:5555,|5555,inproc:// 5555,ipc:// 5555,tcp:// 5555,ws:// <nospace>
zmqcat -s PUSH:@|@inproc:// @ipc:// @tcp:// @ws:// <nospace>
zmqcat -s PUSH:@tcp://h:1,@|@inproc:// @ipc:// @tcp:// @ws:// <nospace>
zmqcat -s 'PUSH:@tcp://h:1,>|PUSH:@tcp://h:1,>inproc:// PUSH:@tcp://h:1,>ipc:// PUSH:@tcp://h:1,>tcp:// PUSH:@tcp://h:1,>ws:// <nospace>
zmqcat --probe |ipc:// tcp:// ws:// <nospace>
zmqcat -s 'PULL:b|PULL:bind: <nospace>
zmqcat -s PULL:bind:tcp://*:5555 -|$ALL_OPTS
zmqcat -o |$SOCKOPTS <nospace>
zmqcat -s SUB:connect:tcp://h:1 -o ling|linger= <nospace>
zmqcat -o routing|routing_id= <nospace>
zmqcat -o linger=|
zmqcat -o conflate=|false true
zmqcat --sockopt=immediate=t|true
zmqcat -r |stdin: <nospace>
zmqcat $S3 -r |pull pull2 stdin
zmqcat $S3 -r pull:|pub stdout
zmqcat $S3 -r pull2:s|stdout
zmqcat $S3 -r st|stdin: <nospace>
zmqcat $S3 --route=stdin:|pub stdout
zmqcat $SN -r |in pull stdin
zmqcat $SN -r in:|out pub stdout
zmqcat -s PULL:bind:ipc://a -s pull2=PULL:bind:ipc://b -s PULL:bind:ipc://c -r |pull pull2 pull3 stdin
zmqcat --socket=DEALER:connect:tcp://h:1 -sROUTER:bind:tcp://*:2 -s PAIR:bind:ipc://p -r pair:|dealer pair router stdout
zmqcat $S3 -r pull:stdout,|stdout,drop stdout,format= stdout,json= stdout,match= stdout,prefix= <nospace>
zmqcat $S3 -r pull:stdout,prefix=a,m|a,match= <nospace>
zmqcat $S3 -r pull:stdout,format=%s,|
zmqcat --config |cap.json cap2.json notes.txt sub
zmqcat --config c|cap.json cap2.json
zmqcat --replay n|notes.txt
zmqcat --config=c|cap.json cap2.json
zmqcat --curve-|--curve-allow --curve-client --curve-key --curve-server
zmqcat --plain|--plain-client --plain-users
zmqcat --curve-allow |cap.json cap2.json notes.txt sub
zmqcat -s PULL:bind:tcp://*:1 --curve-allow c|cap.json cap2.json
zmqcat --plain-users n|notes.txt
zmqcat --plain-users=n|notes.txt
zmqcat -s PULL:bind:tcp://*:1 --curve-server |@cap.json @cap2.json @notes.txt @sub/
zmqcat --curve-server @|@cap.json @cap2.json @notes.txt @sub/
zmqcat --curve-client @c|@cap.json @cap2.json
zmqcat --curve-key @n|@notes.txt
zmqcat --curve-server=@n|@notes.txt
zmqcat --plain-client @s|@sub/ <nospace>
zmqcat --curve-server abc|
zmqcat --plain-client alice:|
zmqcat --wait-peers |
zmqcat --keygen --js|--json
zmqcat --input |base64 hex json raw z85
zmqcat --input j|json
zmqcat --input=b|base64
zmqcat -f |
zmqcat --format |
zmqcat --linger |
zmqcat --io-threads |
zmqcat --io|--io-threads
zmqcat --timeout-reply |
zmqcat -c |
zmqcat -W |
zmqcat -T |
zmqcat -D |
zmqcat -F |
zmqcat --subscribe |
zmqcat --interval |
zmqcat --stats=|
zmqcat --stats --js|--json
zmqcat -v --quie|--quiet
EOF

# keep SET TOKEN: the start of TOKEN that bash leaves in place when the
# characters of SET (some of ':=@') break words: up to the last of them,
# but a last '@' is replaced too (readline's rl_special_prefixes); nothing
# for a quoted token (bash replaces all after the quote).
keep() {
	case $2 in
	\'*|\"*) return ;;
	esac
	[ -n "$1" ] && printf '%s' "$2" | sed "s/[^$1]*\$//; s/@\$//"
}

# expect SET LINE WANT: WANT (the replies where ':', '=' and '@' all
# break words, as in the cases) as they are where only those of SET do.
expect() {
	_tok=${2##* }
	_kd=$(keep ':=@' "$_tok")
	_kv=$(keep "$1" "$_tok")
	_ns=''
	case $3 in *' <nospace>') _ns=' <nospace>' ;; esac
	_e=''
	for _w in ${3% <nospace>}; do
		_full=$_kd$_w
		_e="$_e ${_full#"$_kv"}"
	done
	printf '%s%s\n' "$(words $_e)" "$_ns"
}

# run_bash MODE TAG LABEL BREAKS: every case through bash in MODE (see
# complete-driver.bash).
run_bash() {
	bash --norc --noprofile "$TESTS_SRCDIR/complete-driver.bash" "$1" \
	    "$BASH_COMP" "$TMP/cases" "$TMP/files" "$4" >"$TMP/got.$2" \
	    2>"$TMP/err.$2"
	ok $? "bash ($3): the completion runs"
	is "$(cat "$TMP/err.$2")" "" "bash ($3): nothing on stderr"
	_set=$(sed -n 1p "$TMP/got.$2")
	_n=1
	while IFS='|' read -r _line _want; do
		_n=$((_n + 1))
		is "$(sed -n "${_n}p" "$TMP/got.$2")" \
		    "$(expect "$_set" "$_line" "$_want")" "bash ($3): $_line"
	done <"$TMP/cases"
}

if ! command -v bash >/dev/null 2>&1; then
	ok 0 "bash completion # SKIP no bash"
else
	run_bash plain plain plain default
	# As bash-completion advises some do: ':' (here '=' and '@' too) out
	# of COMP_WORDBREAKS. The replies must then not be cut there.
	run_bash plain nobreaks "plain, COMP_WORDBREAKS without :=@" \
	    "$(printf ' \t\n"'"'"'><;|&(')"
	bc=''
	for f in /usr/share/bash-completion/bash_completion \
	    /usr/local/share/bash-completion/bash_completion; do
		[ -f "$f" ] && { bc=$f; break; }
	done
	if [ -n "$bc" ]; then
		run_bash "$bc" bc "bash-completion" default
	else
		ok 0 "bash with bash-completion # SKIP no bash_completion file"
	fi
fi

# fish_complete LINE: what fish completes LINE to, one word a line,
# with our completion alone (no user configuration where fish can).
fish_complete() {
	(cd "$TMP/files" && XDG_CONFIG_HOME=$TMP/xdg-config \
	    XDG_DATA_HOME=$TMP/xdg-data fish $FISH_NOCONFIG -c \
	    "source '$FISH_COMP'; complete -C '$1'" 2>&1 | sed 's/	.*//')
}

# fish: complete -C gives whole words (it does not split at ':'), so the
# bash replies are compared after the part bash leaves in place. Only the
# cases where the two shells agree by design are run: not the files
# (fish adds its own), the quoted ones, or the bare line (fish offers
# options only after a '-').
if command -v fish >/dev/null 2>&1; then
	FISH_NOCONFIG=''
	fish --no-config -c true >/dev/null 2>&1 && FISH_NOCONFIG=--no-config
	while IFS='|' read -r _line _want; do
		case $_line in
		"zmqcat "|*--config*|*--replay\ *|*\'*)
			continue ;;
		*--curve-[a-z]*[\ =]*|*--plain-[a-z]*[\ =]*)
			continue ;;
		esac
		_cur=${_line##* }
		# bash's replies are what follows the last ':', '=' or '@'.
		_keep=$(keep ':=@' "$_cur")
		_want=$(printf '%s' "$_want" | sed 's/ <nospace>$//')
		_want=$(words $(for w in $_want; do printf '%s\n' "$_keep$w"; done))
		case $_line in *--socket=*|*--route=*|*--sockopt=*)
			_want=$(words $(for w in $_want; do printf '%s\n' "${w#--*=}"; done)) ;;
		esac
		_got=$(fish_complete "$_line")
		case $_line in *--socket=*|*--route=*|*--sockopt=*)
			_got=$(printf '%s\n' "$_got" | sed 's/^--[a-z]*=//') ;;
		esac
		is "$(words $_got)" "$_want" "fish: $_line"
	done <"$TMP/cases"
	is "$(words $(fish_complete 'zmqcat --config c'))" "cap.json cap2.json" \
	    "fish: --config completes file names"
	is "$(words $(fish_complete 'zmqcat --replay n'))" "notes.txt" \
	    "fish: --replay completes file names"
	is "$(words $(fish_complete 'zmqcat --curve-allow c'))" \
	    "cap.json cap2.json" "fish: --curve-allow completes file names"
	is "$(words $(fish_complete 'zmqcat --plain-users n'))" "notes.txt" \
	    "fish: --plain-users completes file names"
	is "$(words $(fish_complete 'zmqcat --curve-server @c'))" \
	    "@cap.json @cap2.json" "fish: --curve-server @ completes file names"
	is "$(words $(fish_complete 'zmqcat --plain-client @s'))" "@sub/" \
	    "fish: --plain-client @ completes file names"
	is "$(words $(fish_complete 'zmqcat --curve-key abc'))" "" \
	    "fish: --curve-key offers nothing for a key typed in"
	is "$(words $(fish_complete 'zmqcat --wait-peers '))" "" \
	    "fish: --wait-peers takes a number"
	is "$(words $(fish_complete 'zmqcat --io-threads '))" "" \
	    "fish: --io-threads takes a number"
else
	ok 0 "fish completion # SKIP no fish"
fi

# --- Every long option everywhere ---------------------------------------

# check_names WHERE NAMES: each option of long_opts is among NAMES, and
# NAMES holds nothing that long_opts lacks.
check_names() {
	_where=$1 _names=$2
	_missing='' _extra=''
	for o in $long_opts; do
		printf '%s\n' "$_names" | grep -qx -- "$o" ||
		    _missing="$_missing --$o"
	done
	for o in $_names; do
		printf '%s\n' "$long_opts" | grep -qx -- "$o" ||
		    _extra="$_extra --$o"
	done
	is "${_missing# }" "" "$_where names every long option"
	is "${_extra# }" "" "$_where names no option zmqcat lacks"
}

help_names=$("$ZMQCAT" --help | grep -o -- '--[a-z][a-z0-9-]*' |
    sed 's/^--//' | sort -u)
check_names "zmqcat --help" "$help_names"

# roff writes --dump-config as \-\-dump\-config. COMING FROM OTHER TOOLS
# names the options of other tools (nngcat's --listen...): not read.
man_names=$(sed '/^\.SH "*COMING FROM OTHER TOOLS/,/^\.SH /d' "$MAN" |
    grep -o '\\-\\-[a-z][a-z0-9]*\(\\-[a-z0-9][a-z0-9]*\)*' |
    sed 's/\\-/-/g; s/^--//' | sort -u)
check_names "doc/zmqcat.1" "$man_names"

# The bash list is the _zmqcat_opts string.
bash_names=$(sed -n "/^_zmqcat_opts='/,/'\$/p" "$BASH_COMP" |
    grep -o -- '--[a-z][a-z0-9-]*' | sed 's/^--//' | sort -u)
check_names "completions/zmqcat.bash" "$bash_names"

# zsh: the _arguments specs, '--name' in them.
zsh_names=$(grep -o -- '--[a-z][a-z0-9-]*' "$ZSH_COMP" | sed 's/^--//' |
    sort -u)
check_names "completions/_zmqcat" "$zsh_names"

# fish: "-l name" on each complete line.
fish_names=$(grep '^complete -c zmqcat ' "$FISH_COMP" |
    grep -o -- '-l [a-z][a-z0-9-]*' | sed 's/^-l //' | sort -u)
check_names "completions/zmqcat.fish" "$fish_names"

# --- Syntax --------------------------------------------------------------

if command -v zsh >/dev/null 2>&1; then
	zsh -n "$ZSH_COMP" 2>"$TMP/zsh.err"
	ok $? "zsh -n completions/_zmqcat"
	sed 's/^/# /' "$TMP/zsh.err"
else
	ok 0 "zsh -n completions/_zmqcat # SKIP no zsh"
fi
if command -v fish >/dev/null 2>&1; then
	fish -n "$FISH_COMP" 2>"$TMP/fish.err"
	ok $? "fish -n completions/zmqcat.fish"
	sed 's/^/# /' "$TMP/fish.err"
else
	ok 0 "fish -n completions/zmqcat.fish # SKIP no fish"
fi
if command -v bash >/dev/null 2>&1; then
	bash -n "$BASH_COMP" 2>"$TMP/bash.err"
	ok $? "bash -n completions/zmqcat.bash"
	sed 's/^/# /' "$TMP/bash.err"
fi

done_testing
