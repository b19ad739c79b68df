# fish completion for zmqcat(1): options, socket specs
# ([NAME=]TYPE:MODE:ENDPOINT), socket options (from zmqcat --list-sockopts),
# routes between the sockets on the line, files and input modes.

# The current token, without a --long= in front.
function __zmqcat_token
    set -l tok (commandline -ct)
    set -q tok[1]; or set tok ''
    string replace -r -- '^--[a-z-]+=' '' "$tok"
end

# __zmqcat_pick TOKEN PREFIX SUFFIX WORD...: PREFIX+WORD for each that
# begins with TOKEN; a single one gets SUFFIX (PULL -> PULL:).
function __zmqcat_pick
    set -l tok $argv[1]
    set -l pfx $argv[2]
    set -l suf $argv[3]
    set -l re '^'(string escape --style=regex -- "$tok")
    set -l m
    for w in $argv[4..-1]
        string match -qr -- $re "$pfx$w"; and set -a m "$pfx$w"
    end
    if test (count $m) -eq 1
        echo "$m[1]$suf"
    else
        for w in $m
            echo $w
        end
    end
end

# __zmqcat_socknames recv|send|all: the names zmqcat gives the sockets of
# the -s options on the line (NAME=, else the type in lower case, then
# pull2, pull3...), those that can receive, or send, or all of them.
function __zmqcat_socknames
    set -l alltypes PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER ROUTER PAIR STREAM
    set -l toks (commandline -opc)
    set -l names
    set -l types
    set -l i 2
    while test $i -le (count $toks)
        set -l w $toks[$i]
        set -l spec
        switch $w
            case -s --socket
                set i (math $i + 1)
                test $i -le (count $toks); and set spec $toks[$i]
            case '--socket=*'
                set spec (string replace -- '--socket=' '' $w)
            case '-s?*'
                set spec (string sub -s 3 -- $w)
            case --
                break
        end
        set i (math $i + 1)
        set -q spec[1]; or continue
        set -l name ''
        if string match -qr -- '^[^:]*=' $spec
            set name (string replace -r -- '=.*' '' $spec)
            set spec (string replace -r -- '^[^=]*=' '' $spec)
        end
        string match -q -- '*:*' $spec; or continue
        set -l type (string upper -- (string replace -r -- ':.*' '' $spec))
        contains -- $type $alltypes; or continue
        set -a names "$name"
        set -a types (string lower -- $type)
    end
    # Default names, as spec_assign_names gives them.
    for i in (seq (count $names))
        test -n "$names[$i]"; and continue
        set -l name $types[$i]
        set -l k 2
        while contains -- $name $names
            set name $types[$i]$k
            set k (math $k + 1)
        end
        set names[$i] $name
    end
    for i in (seq (count $names))
        switch $argv[1]:$types[$i]
            case recv:pub recv:push send:sub send:pull
                continue
        end
        echo $names[$i]
    end
end

# A -s value: [NAME=]TYPE:MODE:ENDPOINT[,ENDPOINT...].
function __zmqcat_spec
    set -l tok (__zmqcat_token)
    set -l pfx ''
    set -l rest $tok
    if string match -qr -- '^[^:=]*=' $rest
        set pfx (string match -r -- '^[^:=]*=' $rest)
        set rest (string replace -r -- '^[^:=]*=' '' $rest)
    end
    if not string match -q -- '*:*' $rest
        set -l types PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER ROUTER PAIR STREAM
        string match -qr -- '^[a-z]' $rest; and set types (string lower -- $types)
        __zmqcat_pick $tok $pfx : $types
        return
    end
    set -l type (string replace -r -- ':.*' '' $rest)
    set rest (string replace -r -- '^[^:]*:' '' $rest)
    set pfx "$pfx$type:"
    if not string match -qr -- '^[@>]' $rest
        if not string match -q -- '*:*' $rest
            __zmqcat_pick $tok $pfx '' bind: connect:
            return
        end
        set pfx "$pfx"(string replace -r -- ':.*' '' $rest):
        set rest (string replace -r -- '^[^:]*:' '' $rest)
    end
    # After the last comma, with its own @ or > in the short form.
    set -l last (string replace -r -- '.*,' '' $rest)
    set pfx "$pfx"(string sub -l (math (string length -- "$rest") - (string length -- "$last")) -- "$rest")
    string match -qr -- '^[@>]' $last; and set pfx "$pfx"(string sub -l 1 -- $last)
    __zmqcat_pick $tok $pfx '' tcp:// ipc:// inproc:// ws://
end

# A -o value: OPT=VAL, the names from zmqcat --list-sockopts.
function __zmqcat_sockopt
    set -l tok (__zmqcat_token)
    set -l bin (commandline -opc)[1]
    command -q -- $bin; or set bin zmqcat
    command -q -- $bin; or return
    set -l lines (command $bin --list-sockopts 2>/dev/null)
    if string match -q -- '*=*' $tok
        set -l name (string split -m 1 = -- $tok)[1]
        if contains -- "$name bool" $lines
            printf '%s\n' $name=true $name=false
        end
        return
    end
    for l in $lines
        set -l kv (string split -m 1 ' ' -- $l)
        printf '%s=\t%s\n' $kv[1] $kv[2]
    end
end

# A -r value: FROM:TO[,KEY=VALUE...].
function __zmqcat_route
    set -l tok (__zmqcat_token)
    if not string match -q -- '*:*' $tok
        __zmqcat_pick $tok '' : (__zmqcat_socknames recv) stdin
        return
    end
    set -l from (string split -m 1 : -- $tok)[1]
    set -l to (string split -m 1 : -- $tok)[2]
    if not string match -q -- '*,*' $to
        __zmqcat_pick $tok "$from:" '' (__zmqcat_socknames send) stdout
        return
    end
    # format= takes the rest of the rule, commas and all.
    string match -q -- '*,format=*' ,(string replace -r -- '^[^,]*,' '' $to); and return
    set -l pfx (string replace -r -- '[^,]*$' '' $tok)
    __zmqcat_pick $tok $pfx '' prefix= match= json= format= drop
end

# A KEY|@FILE or USER:PASS|@FILE value: file names after an '@' (or for
# an empty token, with the '@' put in front); nothing for a key or a
# password typed in.
function __zmqcat_atfile
    set -l tok (__zmqcat_token)
    test -z "$tok"; or string match -q -- '@*' $tok; or return
    for p in (__fish_complete_path (string sub -s 2 -- "$tok"))
        echo "@$p"
    end
end

complete -c zmqcat -f
complete -c zmqcat -s s -l socket -x -a '(__zmqcat_spec)' -d 'Add a socket [NAME=]TYPE:MODE:ENDPOINT'
complete -c zmqcat -l subscribe -x -d 'Subscribe the SUB before it to TOPIC'
complete -c zmqcat -s o -l sockopt -x -a '(__zmqcat_sockopt)' -d 'Set a libzmq option of the socket before it'
complete -c zmqcat -l list-sockopts -d 'List the socket option names and types'
complete -c zmqcat -l linger -x -d 'Linger for every socket, in MS'
complete -c zmqcat -l io-threads -x -d 'libzmq I/O threads, 1 to 64'
complete -c zmqcat -s r -l route -x -a '(__zmqcat_route)' -d 'Add a route FROM:TO'
complete -c zmqcat -l echo -d 'A REP answers each request with itself'
complete -c zmqcat -l timeout-reply -x -d 'Reopen a REQ that had no reply in MS'
complete -c zmqcat -l exec -x -a '(__fish_complete_command)' -d 'A co-process as a peer, [NAME=]CMD'
complete -c zmqcat -l exec-each -x -a '(__fish_complete_command)' -d 'A command run per message, [NAME=]CMD'
complete -c zmqcat -l exec-max -x -d '--exec-each commands at once'
complete -c zmqcat -l exec-timeout -x -d 'Kill an --exec-each command after MS'
complete -c zmqcat -l exec-json -d 'Commands read -J envelopes'
complete -c zmqcat -l exec-restart -d 'Start a co-process that ended again'
complete -c zmqcat -l config -r -F -d 'Add a topology file'
complete -c zmqcat -l dump-config -d 'Print the topology as JSON'
complete -c zmqcat -s f -l format -x -d 'Output format'
complete -c zmqcat -s J -l json -d 'One JSON object per message, out and in'
complete -c zmqcat -l input -x -a 'raw json hex base64 z85' -d 'How stdin is decoded'
complete -c zmqcat -l replay -r -F -d 'Send a -J capture'
complete -c zmqcat -l replay-timing -d 'Keep the gaps of the --replay capture'
complete -c zmqcat -s D -l delimiter -x -d 'Message delimiter'
complete -c zmqcat -s 0 -d 'NUL as the message delimiter'
complete -c zmqcat -s F -l frame-delimiter -x -d 'Frame delimiter'
complete -c zmqcat -s c -l count -x -d 'Stop after N messages a route took'
complete -c zmqcat -s e -l exit-on-eof -d 'Stop once stdin has ended and is sent'
complete -c zmqcat -s W -l timeout -x -d 'Run at most SECS'
complete -c zmqcat -s T -l idle-timeout -x -d 'Stop after SECS without a message'
complete -c zmqcat -l demo-server -d 'The PUSH 5557 / PUB 5556 counter emitter'
complete -c zmqcat -l interval -x -d 'MS between messages (the demo server: 1000)'
complete -c zmqcat -l repeat-delay -x -d 'SECS between messages (--interval in seconds)'
complete -c zmqcat -s m -l message -x -d 'Send TEXT instead of stdin (repeatable)'
complete -c zmqcat -l file -r -F -d 'Send all of FILE as one message'
complete -c zmqcat -l size -x -d 'Pad each message to BYTES'
complete -c zmqcat -l repeat -x -d 'Send the messages N times (0: forever)'
complete -c zmqcat -l rate -x -d 'Messages a second'
complete -c zmqcat -l stamp -d 'Add a frame with stream, number and send time'
complete -c zmqcat -l check -d 'Count loss, duplicates, reordering and latency'
complete -c zmqcat -l check-seq -x -a 'text u32le u32be u64le u64be json=.' -d 'Check the application sequence numbers'
complete -c zmqcat -l monitor -d 'Socket events on stderr'
complete -c zmqcat -l meta -d 'Peer properties on -J envelopes (--meta=X-NAME,...)'
complete -c zmqcat -l fail-fast -d 'A failed connect ends the run'
complete -c zmqcat -l stats -d 'Counts per socket and route on stderr (--stats=SECS)'
complete -c zmqcat -l wait-peers -x -d 'Hold stdin until the sockets it feeds have N peers'
complete -c zmqcat -l keygen -d 'Print a new CURVE keypair'
complete -c zmqcat -l curve-server -x -a '(__zmqcat_atfile)' -d 'Our CURVE secret key, KEY or @FILE'
complete -c zmqcat -l curve-client -x -a '(__zmqcat_atfile)' -d 'The CURVE server public key, KEY or @FILE'
complete -c zmqcat -l curve-key -x -a '(__zmqcat_atfile)' -d 'Our CURVE client secret key, KEY or @FILE'
complete -c zmqcat -l curve-allow -r -F -d 'Admit only the client public keys in FILE'
complete -c zmqcat -l plain-users -r -F -d 'PLAIN server: USER:PASSWORD lines in FILE'
complete -c zmqcat -l plain-client -x -a '(__zmqcat_atfile)' -d 'PLAIN login, USER:PASS or @FILE'
complete -c zmqcat -s v -l verbose -d 'More on stderr'
complete -c zmqcat -s q -l quiet -d 'Errors only on stderr'
complete -c zmqcat -s V -l version -d 'Print the versions'
complete -c zmqcat -s h -l help -d 'Print the help'
complete -c zmqcat -l probe -x -a 'tcp:// ipc:// ws://' -d 'Say what listens at an endpoint'
