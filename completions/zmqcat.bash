# bash completion for zmqcat(1)                            -*- shell-script -*-
#
# Works with bash-completion (its _init_completion and _filedir are used
# when loaded) and without it (plain COMP_WORDS, COMP_CWORD, COMP_LINE).
# Socket specs and routes are colon-separated (PULL:bind:tcp://...,
# pull:stdout), and bash splits words at ':', '=' and '@' (those of them
# in COMP_WORDBREAKS): the words are joined again here and the replies
# cut to the part after the last of those, which is all bash replaces.
#
# The lists below are unquoted on purpose where used: they are words.
# shellcheck disable=SC2046,SC2086,SC2295

# Every option, short and long (tests/completion.sh checks this list
# against --help, the man page and the option table).
_zmqcat_opts='-s --socket --subscribe -o --sockopt --list-sockopts --linger
	--io-threads
	-r --route --echo --timeout-reply --exec --exec-each --exec-max
	--exec-timeout --exec-json --exec-restart --config --dump-config
	-f --format -J --json --input --replay --replay-timing
	-D --delimiter -0 -F --frame-delimiter
	-m --message --file --size --repeat --repeat-delay --rate --stamp
	--check --check-seq --probe --meta --fail-fast
	-c --count -e --exit-on-eof -W --timeout -T --idle-timeout
	--monitor --stats --wait-peers --keygen
	--curve-server --curve-client --curve-key --curve-allow
	--plain-users --plain-client
	--demo-server --interval -v --verbose -q --quiet
	-V --version -h --help'
_zmqcat_types='PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER ROUTER PAIR STREAM'
_zmqcat_inputs='raw json hex base64 z85'
_zmqcat_transports='tcp:// ipc:// inproc:// ws://'
_zmqcat_route_keys='prefix= match= json= format= drop'

# _zmqcat_nospace: no space after the completion (bash 4+).
_zmqcat_nospace() {
	compopt -o nospace 2>/dev/null
}

# _zmqcat_isbreak WORD: WORD is a run of ':', '=' and '@' (where bash
# split a spec, a route or OPT=VAL).
_zmqcat_isbreak() {
	[[ -n $1 && -z ${1//[:=@]/} ]]
}

# _zmqcat_words: set words, cword, cur and prev from COMP_WORDS, joining
# what bash split at ':', '=' and '@' (only where no blank separates the
# pieces); cur ends at the cursor.
_zmqcat_words() {
	local line=${COMP_LINE:-} i w pos=0 blank joinable=0 n
	words=() cword=0 cur='' prev=''
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		blank=0
		while [[ ${line:pos:1} == [[:space:]] ]]; do
			((pos++))
			blank=1
		done
		n=${#words[@]}
		if ((i > 1 && !blank && n > 1)) && [[ ${line:pos:${#w}} == "$w" ]] &&
		    { ((joinable)) || _zmqcat_isbreak "$w"; }; then
			words[n - 1]+=$w
		else
			words[n]=$w
			n=$((n + 1))
		fi
		if ((i == COMP_CWORD)); then
			cword=$((n - 1))
			# The current word up to the cursor only.
			if [[ -n $line ]] && ((COMP_POINT >= pos)); then
				cur=${words[n - 1]:0:${#words[n - 1]}-${#w}}
				cur+=${line:pos:COMP_POINT-pos}
			else
				cur=${words[n - 1]}
			fi
		fi
		_zmqcat_isbreak "$w" && joinable=1 || joinable=0
		pos=$((pos + ${#w}))
	done
	if ((COMP_CWORD >= ${#COMP_WORDS[@]})); then
		words[${#words[@]}]=''
		cword=$((${#words[@]} - 1))
	fi
	((cword > 0)) && prev=${words[cword - 1]}
	return 0
}

# _zmqcat_dequote WORD: WORD without the quotes around it.
_zmqcat_dequote() {
	local w=$1
	case $w in
	\'*\') w=${w:1:${#w}-2} ;;
	\"*\") w=${w:1:${#w}-2} ;;
	\'* | \"*) w=${w:1} ;;
	esac
	printf '%s' "$w"
}

# _zmqcat_socknames FILTER: the names of the sockets given with -s on the
# line, as zmqcat names them (NAME=, else the type in lower case, then
# pull2, pull3...). FILTER "recv" keeps those that can receive, "send"
# those that can send, "" all of them.
_zmqcat_socknames() {
	local i w spec type name k n=0 t
	local -a names=() lowtypes=()
	for ((i = 1; i < ${#words[@]}; i++)); do
		((i == cword)) && continue
		w=${words[i]}
		spec=''
		case $w in
		-s | --socket)
			((i + 1 == cword || i + 1 >= ${#words[@]})) && continue
			spec=${words[i + 1]}
			i=$((i + 1))
			;;
		--socket=*) spec=${w#--socket=} ;;
		-s?*) spec=${w#-s} ;;
		--) break ;;
		*) continue ;;
		esac
		spec=$(_zmqcat_dequote "$spec")
		name=''
		if [[ $spec == *=* && ( $spec != *:* || ${spec%%=*} != *:* ) ]]; then
			name=${spec%%=*}
			spec=${spec#*=}
		fi
		[[ $spec == *:* ]] || continue
		type=$(printf '%s' "${spec%%:*}" | tr '[:lower:]' '[:upper:]')
		case " $_zmqcat_types " in
		*" $type "*) ;;
		*) continue ;;
		esac
		names[n]=$name
		lowtypes[n]=$(printf '%s' "$type" | tr '[:upper:]' '[:lower:]')
		n=$((n + 1))
	done
	# Default names, as spec_assign_names gives them.
	for ((i = 0; i < n; i++)); do
		[[ -n ${names[i]} ]] && continue
		name=${lowtypes[i]}
		k=2
		while [[ " ${names[*]} " == *" $name "* ]]; do
			name=${lowtypes[i]}$k
			k=$((k + 1))
		done
		names[i]=$name
	done
	for ((i = 0; i < n; i++)); do
		t=${lowtypes[i]}
		case $1 in
		recv) [[ $t == pub || $t == push ]] && continue ;;
		send) [[ $t == sub || $t == pull ]] && continue ;;
		esac
		printf '%s\n' "${names[i]}"
	done
}

# _zmqcat_sockopts: "name kind" lines from zmqcat --list-sockopts, asked
# of the zmqcat on the command line and kept for the next time.
_zmqcat_sockopts() {
	local bin=${words[0]:-zmqcat}
	bin=${bin/#\~/$HOME}
	if [[ -z ${_zmqcat_sockopt_cache:-} || ${_zmqcat_sockopt_bin:-} != "$bin" ]]; then
		_zmqcat_sockopt_cache=$("$bin" --list-sockopts 2>/dev/null) ||
		    _zmqcat_sockopt_cache=$(command zmqcat --list-sockopts 2>/dev/null)
		_zmqcat_sockopt_bin=$bin
	fi
	printf '%s\n' "$_zmqcat_sockopt_cache"
}

# _zmqcat_add PREFIX WORDS...: reply PREFIX+W for each W that, with the
# prefix, begins with $cur.
_zmqcat_add() {
	local p=$1 w
	shift
	for w in "$@"; do
		[[ $p$w == "$cur"* ]] && COMPREPLY[${#COMPREPLY[@]}]=$p$w
	done
}

# _zmqcat_pick PREFIX SUFFIX WORDS...: like _zmqcat_add, but a single
# match gets SUFFIX (and no space), so a list shows the bare words and a
# unique one goes on at once (PULL -> PULL:).
_zmqcat_pick() {
	local p=$1 s=$2
	shift 2
	_zmqcat_add "$p" "$@"
	if ((${#COMPREPLY[@]} == 1)); then
		COMPREPLY[0]+=$s
		_zmqcat_nospace
	fi
}

# _zmqcat_spec: complete a -s value, [NAME=]TYPE:MODE:ENDPOINT[,...].
_zmqcat_spec() {
	local p='' rest type mode eps last lead
	rest=$cur
	if [[ $rest == *=* && ( $rest != *:* || ${rest%%=*} != *:* ) ]]; then
		p=${rest%%=*}=
		rest=${rest#*=}
	fi
	if [[ $rest != *:* ]]; then
		# The type, in the case the user began it in.
		if [[ $rest == [a-z]* ]]; then
			_zmqcat_pick "$p" : $(printf '%s' "$_zmqcat_types" |
			    tr '[:upper:]' '[:lower:]')
		else
			_zmqcat_pick "$p" : $_zmqcat_types
		fi
		return
	fi
	type=${rest%%:*}
	rest=${rest#*:}
	p+=$type:
	case $rest in
	[@\>]*)
		# Short form: each endpoint may carry its own @ or >.
		;;
	*:*)
		mode=${rest%%:*}
		p+=$mode:
		rest=${rest#*:}
		;;
	*)
		_zmqcat_add "$p" bind: connect:
		_zmqcat_nospace
		return
		;;
	esac
	eps=$rest
	last=${eps##*,}
	p+=${eps:0:${#eps}-${#last}}
	lead=''
	[[ $last == [@\>]* ]] && lead=${last:0:1}
	_zmqcat_add "$p$lead" $_zmqcat_transports
	_zmqcat_nospace
}

# _zmqcat_route: complete a -r value, FROM:TO[,KEY=VALUE...].
_zmqcat_route() {
	local from to p
	if [[ $cur != *:* ]]; then
		_zmqcat_pick '' : $(_zmqcat_socknames recv) stdin
		return
	fi
	from=${cur%%:*}
	to=${cur#*:}
	if [[ $to != *,* ]]; then
		_zmqcat_add "$from:" $(_zmqcat_socknames send) stdout
		return
	fi
	# format= takes the rest of the rule, commas and all.
	[[ ,${to#*,} == *,format=* ]] && return
	p=${cur%,*},
	_zmqcat_add "$p" $_zmqcat_route_keys
	_zmqcat_nospace
}

# _zmqcat_sockopt: complete a -o value, OPT=VAL.
_zmqcat_sockopt() {
	local name kind line
	if [[ $cur == *=* ]]; then
		name=${cur%%=*}
		while read -r line; do
			[[ ${line%% *} == "$name" ]] && kind=${line#* }
		done < <(_zmqcat_sockopts)
		[[ ${kind:-} == bool ]] && _zmqcat_add "$name=" true false
		return
	fi
	_zmqcat_add '' $(_zmqcat_sockopts | while read -r name kind; do
		[[ -n $name ]] && printf '%s= ' "$name"
	done)
	_zmqcat_nospace
}

# _zmqcat_files: file names, by _filedir when bash-completion is loaded.
_zmqcat_files() {
	if declare -F _filedir >/dev/null 2>&1; then
		_filedir
		return
	fi
	local f
	compopt -o filenames 2>/dev/null
	while IFS= read -r f; do
		COMPREPLY[${#COMPREPLY[@]}]=$f
	done < <(compgen -f -- "$cur")
}

# _zmqcat_atfiles: a KEY|@FILE or USER:PASS|@FILE value: nothing to offer
# for a key or a password typed in, file names after an '@' (or for an
# empty word, with the '@' put in front).
_zmqcat_atfiles() {
	local f q
	[[ -z $cur || $cur == @* ]] || return 0
	while IFS= read -r f; do
		[[ -d $f ]] && f+=/
		printf -v q '%q' "$f"
		COMPREPLY[${#COMPREPLY[@]}]=@$q
	done < <(compgen -f -- "${cur#@}")
	# A directory goes on into its files.
	((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]] &&
	    _zmqcat_nospace
	return 0
}

# _zmqcat_trim: bash replaces only the text after the last ':', '=' or '@'
# of the word (those of them in COMP_WORDBREAKS; '@' is one only while
# shopt hostcomplete is on, as bash-completion turns it off), so give it
# just that part of every reply. The word is --opt=$cur when split is true.
_zmqcat_trim() {
	local set='' word=$cur pre='' i
	$split && word=$prev=$cur
	[[ $COMP_WORDBREAKS == *:* ]] && set+=':'
	[[ $COMP_WORDBREAKS == *=* ]] && set+='='
	[[ $COMP_WORDBREAKS == *@* ]] && set+='@'
	if [[ -n $set && $word == *[$set]* ]]; then
		pre=${word%"${word##*[$set]}"}
		# A last '@' stays in what bash replaces (readline's
		# rl_special_prefixes): PUSH:@t gives @tcp://.
		pre=${pre%@}
	fi
	for i in "${!COMPREPLY[@]}"; do
		$split && COMPREPLY[i]=$prev=${COMPREPLY[i]}
		COMPREPLY[i]=${COMPREPLY[i]#"$pre"}
	done
}

_zmqcat() {
	local cur prev words cword split=false quote=''
	COMPREPLY=()
	# bash-completion, when loaded, completes redirections and $variables.
	# Its words are not used: it cannot rejoin them at '@' (2.11).
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -n := || return 0
	fi
	_zmqcat_words
	if [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
		split=true
	fi
	# A quoted word: bash replaces it from after the quote, unsplit.
	case $cur in
	\'* | \"*)
		quote=${cur:0:1}
		cur=${cur:1}
		;;
	esac

	case $prev in
	-s | --socket) _zmqcat_spec ;;
	-o | --sockopt) _zmqcat_sockopt ;;
	-r | --route) _zmqcat_route ;;
	--input) _zmqcat_add '' $_zmqcat_inputs ;;
	--config | --replay | --file | --curve-allow | --plain-users)
		_zmqcat_files
		;;
	--curve-server | --curve-client | --curve-key | --plain-client)
		_zmqcat_atfiles
		;;
	--subscribe | --linger | --io-threads | --timeout-reply | -f | \
	    --exec | --exec-each | --exec-max | --exec-timeout | \
	    --format | -D | --delimiter | -F | --frame-delimiter | -c | \
	    --count | -W | --timeout | -T | --idle-timeout | --interval | \
	    --wait-peers | -m | --message | --size | --repeat | \
	    --repeat-delay | --rate)
		# Free text or a number: nothing to offer.
		;;
	--check-seq)
		_zmqcat_add '' text u32le u32be u64le u64be json=.
		;;
	--probe)
		_zmqcat_nospace
		_zmqcat_add '' tcp:// ipc:// ws://
		;;
	*)
		# --stats=SECS, or a value given to an option that takes none.
		$split && return 0
		_zmqcat_add '' $_zmqcat_opts
		;;
	esac
	[[ -z $quote ]] && _zmqcat_trim
	return 0
}

complete -F _zmqcat zmqcat
