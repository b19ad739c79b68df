#!/bin/sh
# stdin as the source of messages: many lines in order, binary bytes, a
# last line without its delimiter, empty lines, a 16 MiB line, -0, -D with
# one and several bytes (also across a read boundary) and -F splitting a
# line into frames. Every peer is a receiving zmqcat PULL bound to a free
# loopback port; what it prints is compared byte for byte.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# send_e NAME INPUT ARGS...: send with -e, which must exit 0.
send_e() {
	send "$@" -e
	is "$SST" 0 "$1: sender -e status 0"
}

# 1. 100000 lines arrive whole and in order.
seq 1 100000 >"$TMP/seq.exp"
recv seq -c 100000
send_e seq '|seq 1 100000'
recv_done seq "got 100000 messages"
same_bytes "$TMP/seq.out" "$TMP/seq.exp" "seq: output is exactly seq 1 100000"

# 2. Every byte but NUL and newline, 16 to a line, then all 254 in one
# line: byte-exact (the receiver prints each message and a newline).
fmt=""
i=1
while [ $i -le 255 ]; do
	[ $i -ne 10 ] && fmt="$fmt\\$(printf %03o $i)"
	i=$((i + 1))
done
printf "$fmt" >"$TMP/bytes"
is "$(wc -c <"$TMP/bytes" | tr -d ' ')" 254 "bin: 254 distinct bytes made"
fold -b -w 16 "$TMP/bytes" >"$TMP/bin.exp"
echo >>"$TMP/bin.exp"
cat "$TMP/bytes" >>"$TMP/bin.exp"
echo >>"$TMP/bin.exp"
nbin=$(wc -l <"$TMP/bin.exp" | tr -d ' ')
recv bin -c "$nbin"
send_e bin "$TMP/bin.exp"
recv_done bin "got $nbin messages"
same_bytes "$TMP/bin.out" "$TMP/bin.exp" "bin: bytes 0x01..0xff arrive byte-exact"

# 3. A last line without a newline is sent; an empty line is an empty
# message.
recv last -c 2
printf 'a\nlast' >"$TMP/last.in"
send_e last "$TMP/last.in"
recv_done last "got 2 messages"
printf 'a\nlast\n' >"$TMP/last.exp"
same_bytes "$TMP/last.out" "$TMP/last.exp" "last: a line without a newline is sent"

recv empty -c 4 -f '[%s]\n'
printf 'a\n\nb\n\n' >"$TMP/empty.in"
send_e empty "$TMP/empty.in"
recv_done empty "got 4 messages"
printf '[a]\n[]\n[b]\n[]\n' >"$TMP/empty.exp"
same_bytes "$TMP/empty.out" "$TMP/empty.exp" "empty: empty lines are empty messages"

# 4. A 16 MiB line is one message of 16777216 bytes, followed by another.
{ head -c 16777216 /dev/zero | tr '\0' x; echo; echo end; } >"$TMP/big.in"
recv bigsize -c 2 -f '%S\n'
send_e bigsize "$TMP/big.in"
recv_done bigsize "got 2 messages"
is "$(cat "$TMP/bigsize.out")" "16777216
3" "bigsize: one message of 16777216 bytes, then one of 3"

recv bigbytes -c 2
send_e bigbytes \
    "|head -c 16777216 /dev/zero | tr '\\0' x | { cat; echo; echo end; }"
recv_done bigbytes "got 2 messages"
same_bytes "$TMP/bigbytes.out" "$TMP/big.in" "bigbytes: the 16 MiB line arrives byte-exact"

# 5. -0: NUL-delimited input, any other byte (newline included) passes.
recv nul -c 3
printf 'a\0b\0c\nd\0' >"$TMP/nul.in"
send_e nul "$TMP/nul.in" -0
recv_done nul "got 3 messages"
printf 'a\nb\nc\nd\n' >"$TMP/nul.exp"
same_bytes "$TMP/nul.out" "$TMP/nul.exp" "nul: -0 splits at NUL only"

recv nulout -c 2 -0
printf 'a\nb\n' >"$TMP/nulout.in"
send_e nulout "$TMP/nulout.in"
recv_done nulout "got 2 messages"
printf 'a\0b\0' >"$TMP/nulout.exp"
same_bytes "$TMP/nulout.out" "$TMP/nulout.exp" \
    "nulout: a receiver with -0 ends each message with NUL"

# 6. -D with two bytes: CR LF splits, a lone LF or CR does not.
recv crlf -c 5 -0
printf 'a\r\nb c\r\nd\ne\r\n\r\nf\r' >"$TMP/crlf.in"
send_e crlf "$TMP/crlf.in" -D '\r\n'
recv_done crlf "got 5 messages"
printf 'a\0b c\0d\ne\0\0f\r\0' >"$TMP/crlf.exp"
same_bytes "$TMP/crlf.out" "$TMP/crlf.exp" \
    "crlf: -D CR LF splits at CR LF only, output follows the receiver's -0"

# 7. -D '--': a single dash does not split, '----' is an empty message,
# the tail without a delimiter is sent; the receiver prints its own -D.
recv dash -c 4 -D '|'
printf 'one--two-three----x' >"$TMP/dash.in"
send_e dash "$TMP/dash.in" -D '--'
recv_done dash "got 4 messages"
printf 'one|two-three||x|' >"$TMP/dash.exp"
same_bytes "$TMP/dash.out" "$TMP/dash.exp" \
    "dash: -D '--' splits at '--' only, output follows the receiver's -D"

# ... and a '--' cut in two by the end of the first 64 KiB read of a file.
{ head -c 65535 /dev/zero | tr '\0' y; printf -- '--z--'; } >"$TMP/straddle.in"
recv straddle -c 2 -f '%S\n'
send_e straddle "$TMP/straddle.in" -D '--'
recv_done straddle "got 2 messages"
is "$(cat "$TMP/straddle.out")" "65535
1" "straddle: a delimiter across a read boundary still splits"

# ... and 100000 messages through a pipe, wherever the reads cut them.
recv dashseq -c 100000
send_e dashseq "|seq 1 100000 | sed 's/\$/--/' | tr -d '\\n'" -D '--'
recv_done dashseq "got 100000 messages"
same_bytes "$TMP/dashseq.out" "$TMP/seq.exp" \
    "dashseq: 100000 '--'-delimited messages arrive whole and in order"

# 8. -F on input splits each line into frames; without -F a TAB stays.
recv frames -c 4 -f '%F:%1,%2\n'
printf 'a\tb\tc\nx\n\ty\n\n' >"$TMP/frames.in"
send_e frames "$TMP/frames.in" -F '\t'
recv_done frames "got 4 messages"
printf '3:a,b\n1:x,\n2:,y\n1:,\n' >"$TMP/frames.exp"
same_bytes "$TMP/frames.out" "$TMP/frames.exp" "frames: -F TAB splits lines into frames"

recv noframes -c 1 -f '%F:%1\n'
printf 'a\tb\n' >"$TMP/noframes.in"
send_e noframes "$TMP/noframes.in"
recv_done noframes "got 1 message"
printf '1:a\tb\n' >"$TMP/noframes.exp"
same_bytes "$TMP/noframes.out" "$TMP/noframes.exp" "noframes: without -F a line is one frame"

done_testing
