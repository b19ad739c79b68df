# Run by tests/completion.sh: bash complete-driver.bash MODE COMPLETION
# CASES DIR BREAKS. Each line of CASES is a command line (completed at
# its end), then '|' and what it should give, which is ignored here.
# Each line is split as bash splits it for completion (at blanks, then
# into runs of COMP_WORDBREAKS characters, a quoted word whole), _zmqcat
# is called as complete -F calls it, and its replies are printed sorted,
# with " <nospace>" when it asked for no space after them.
#
# MODE is "plain", or the bash_completion file to source first. BREAKS is
# the COMP_WORDBREAKS to use, or "default". The first line out is which
# of ':', '=' and '@' are in COMP_WORDBREAKS.

# shellcheck disable=SC1090,SC2034
if [[ $1 != plain ]]; then
	# bash-completion alone, not what this system adds to it.
	BASH_COMPLETION_COMPAT_DIR=/nonexistent
	BASH_COMPLETION_USER_FILE=/dev/null
	. "$1"
fi
. "$2" || exit 1
complete -p zmqcat >/dev/null || { echo "no complete -F for zmqcat"; exit 1; }
[[ $5 != default ]] && COMP_WORDBREAKS=$5

# compopt only works inside a real completion: record what is asked.
compopt() {
	[[ " $* " == *" -o nospace "* ]] && NOSPACE=1
	return 0
}

# split LINE: set COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT for
# the cursor at the end of LINE.
split() {
	local line=$1 i c tok='' have=0 inq='' brk piece cls prevcls
	local -a toks=()
	for ((i = 0; i < ${#line}; i++)); do
		c=${line:i:1}
		if [[ -n $inq ]]; then
			tok+=$c
			[[ $c == "$inq" ]] && inq=''
			continue
		fi
		case $c in
		' ') ((have)) && toks+=("$tok"); tok='' have=0 ;;
		\' | \") inq=$c tok+=$c have=1 ;;
		*) tok+=$c have=1 ;;
		esac
	done
	((have)) && toks+=("$tok")
	[[ $line == *' ' || -z $line ]] && toks+=('')
	brk=${COMP_WORDBREAKS//[$' \t\n\'"']/}
	COMP_WORDS=()
	for tok in "${toks[@]}"; do
		if [[ -z $tok || $tok == [\'\"]* ]]; then
			COMP_WORDS+=("$tok")
			continue
		fi
		piece='' prevcls=''
		for ((i = 0; i < ${#tok}; i++)); do
			c=${tok:i:1}
			[[ $brk == *"$c"* ]] && cls=b || cls=w
			if [[ -n $prevcls && $cls != "$prevcls" ]]; then
				COMP_WORDS+=("$piece")
				piece=''
			fi
			piece+=$c prevcls=$cls
		done
		COMP_WORDS+=("$piece")
	done
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
}

set=''
for c in : = @; do
	[[ $COMP_WORDBREAKS == *"$c"* ]] && set+=$c
done
printf '%s\n' "$set"
cd "$4" || exit 1
while IFS='|' read -r line _; do
	split "$line"
	COMPREPLY=() NOSPACE=0
	prev=''
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	_zmqcat zmqcat "${COMP_WORDS[COMP_CWORD]}" "$prev"
	out=$( ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" |
	    LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')
	((NOSPACE)) && out+=' <nospace>'
	printf '%s\n' "$out"
done <"$3"
