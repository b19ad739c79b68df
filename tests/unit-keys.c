/* Table-driven tests of CURVE keys, key files, allow-lists and PLAIN users. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/keys.h"
#include "../src/status.h"
#include "tap.h"

/* Real keypairs from zmq_curve_keypair. */
#define PUB1	"g:9T<52b7Xhl[tmcsU%FmcPm*>iHOBvDih=OqNIG"
#define SEC1	"j1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tkV5W"
#define PUB2	"-?xb2JSTV!R!&*HF]i4t&46{0AAXkVLKLi>wq+[W"
#define SEC2	"XypKlH+B5{/9KCu*FoPJA9sUUo@wW$82TganZv)m"
/* Keys whose first character is also syntax somewhere. */
#define SEC_AT	"@ZivB:}2)]y@%B5cK3.]?K+A/ejRhyY^i4)by/}m"
#define PUB_EQ	"=*LSaw$9g[Wjf8Ei>2KGK.qrEhr)qV<:Gy@D=%eq"
#define SEC_PCT	"%e9x=:%E::Be]7w==$+b*WFp/Z)p<zQ7OgKcYxx0"
#define PUB_HASH "h#+Iuosu7V:<p(BxW$iVKz4-Ys!pzakPm59Gai(m"
/*
 * Not keys. '#' is the last Z85 digit (84): a group that starts with it
 * is above 2^32-1, so no key starts with '#', and 40 of them are out of
 * range. '~' is no Z85 character.
 */
#define HASH40	"########################################"
#define HASH1	"#1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tkV5W"
#define PCT5	"%%%%%e9x=:%E::Be]7w==$+b*WFp/Z)p<zQ7OgKc"
#define TILDE	"j1e^DNkFU:~^*[u&WEV.b[]FzZ:GLW6DkV0tkV5W"

/* What --keygen writes, and what grep public makes of it. */
#define KEYGEN	"public: " PUB1 "\nsecret: " SEC1 "\n"

/* A secret certificate as czmq's zcert_save writes it (ZPL). */
#define CZMQ_SECRET \
	"#   ****  Generated on 2024-05-01 10:00:00 by CZMQ  ****\n" \
	"#   ZeroMQ CURVE **Secret** Certificate\n" \
	"#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its " \
	"permissions.\n" \
	"\n" \
	"metadata\n" \
	"    name = \"server\"\n" \
	"curve\n" \
	"    public-key = \"" PUB1 "\"\n" \
	"    secret-key = \"" SEC1 "\"\n"

/* The public certificate zcert_save_public writes beside it. */
#define CZMQ_PUBLIC \
	"#   ****  Generated on 2024-05-01 10:00:00 by CZMQ  ****\n" \
	"#   ZeroMQ CURVE Public Certificate\n" \
	"#   Exchange securely, or use a secure mechanism to verify the " \
	"contents\n" \
	"#   of this file after exchange. Store public certificates in your " \
	"home\n" \
	"#   directory, in the .curve subdirectory.\n" \
	"\n" \
	"metadata\n" \
	"    name = \"server\"\n" \
	"curve\n" \
	"    public-key = \"" PUB1 "\"\n"

static const struct {
	const char	*s;
	int		 valid;
	const char	*what;
} valid[] = {
	{ PUB1, 1, "a public key" },
	{ SEC1, 1, "a secret key" },
	{ SEC_AT, 1, "a key starting with '@'" },
	{ PUB_EQ, 1, "a key starting with '='" },
	{ SEC_PCT, 1, "a key starting with '%' (the largest first digit)" },
	{ PUB_HASH, 1, "a key with '#' inside" },
	{ "", 0, "nothing" },
	{ "g:9T<52b7Xhl[tmcsU%FmcPm*>iHOBvDih=OqNI", 0, "39 characters" },
	{ PUB1 "G", 0, "41 characters" },
	{ PUB1 PUB1, 0, "80 characters" },
	{ "HelloWorld", 0, "10 characters of valid Z85" },
	{ TILDE, 0, "a '~', which is not Z85" },
	{ "j1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tkV5\"", 0,
	    "a '\"', which is not Z85" },
	{ "j1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tkV5 ", 0, "a trailing blank" },
	{ HASH40, 0, "40 '#', a value out of range" },
	{ HASH1, 0, "a leading '#', out of range for its group" },
	{ PCT5, 0, "'%%%%%', a value out of range" },
};

static const struct {
	const char	*text;
	enum keys_want	 want;
	const char	*key;		/* NULL when refused */
	const char	*err;
	const char	*what;
} from_text[] = {
	{ SEC1 "\n", KEYS_SECRET, SEC1, NULL, "a bare key" },
	{ SEC1, KEYS_SECRET, SEC1, NULL, "a bare key without a newline" },
	{ PUB1 "\n", KEYS_PUBLIC, PUB1, NULL, "a bare key, wanted public" },
	{ "  " SEC1 "\t\n", KEYS_SECRET, SEC1, NULL,
	    "a bare key between blanks" },
	{ SEC1 "\r\n", KEYS_SECRET, SEC1, NULL, "a bare key with CRLF" },
	{ SEC1 "   # production\n", KEYS_SECRET, SEC1, NULL,
	    "a bare key and a comment after it" },
	{ KEYGEN, KEYS_PUBLIC, PUB1, NULL, "--keygen's output, wanted public" },
	{ KEYGEN, KEYS_SECRET, SEC1, NULL, "--keygen's output, wanted secret" },
	{ "secret: " SEC1 "\npublic: " PUB1 "\n", KEYS_PUBLIC, PUB1, NULL,
	    "secret: before public:" },
	{ "public: " PUB1 "\r\nsecret: " SEC1 "\r\n", KEYS_SECRET, SEC1, NULL,
	    "labelled lines with CRLF" },
	{ "public: " PUB1 "\n", KEYS_PUBLIC, PUB1, NULL,
	    "grep public of --keygen's output" },
	{ "public:" PUB1 "\n", KEYS_PUBLIC, PUB1, NULL, "public: without a blank" },
	{ "public:\t" PUB1 "\n", KEYS_PUBLIC, PUB1, NULL, "public: and a tab" },
	{ "Public: " PUB1 "\n", KEYS_PUBLIC, PUB1, NULL, "Public: in capitals" },
	{ "public: " PUB1 "  # the server\n", KEYS_PUBLIC, PUB1, NULL,
	    "public: and a comment after the key" },
	{ "public-key = \"" PUB1 "\"\nsecret-key = \"" SEC1 "\"\n", KEYS_SECRET,
	    SEC1, NULL, "czmq's secret-key = \"KEY\"" },
	{ "    public-key = \"" PUB1 "\"\n", KEYS_PUBLIC, PUB1, NULL,
	    "czmq's indented public-key = \"KEY\"" },
	{ CZMQ_SECRET, KEYS_SECRET, SEC1, NULL,
	    "czmq's whole secret certificate, wanted secret" },
	{ CZMQ_SECRET, KEYS_PUBLIC, PUB1, NULL,
	    "czmq's whole secret certificate, wanted public" },
	{ CZMQ_PUBLIC, KEYS_PUBLIC, PUB1, NULL,
	    "czmq's whole public certificate" },
	{ CZMQ_PUBLIC, KEYS_SECRET, NULL, "no secret key in it",
	    "czmq's public certificate has no secret key" },
	{ "[curve]\npublic = " PUB1 "\n", KEYS_PUBLIC, PUB1, NULL,
	    "an INI section and a key" },
	{ "name = server\n" SEC1 "\n", KEYS_SECRET, SEC1, NULL,
	    "some other NAME = VALUE line is passed over" },
	{ "# the server's key\n\n   \n" SEC1 "\n# end\n", KEYS_SECRET, SEC1,
	    NULL, "comments and blank lines around a bare key" },
	{ "# c\r\n\r\n" SEC1 "\r\n", KEYS_SECRET, SEC1, NULL,
	    "comments and blank lines with CRLF" },
	{ PUB_HASH "\n", KEYS_PUBLIC, PUB_HASH, NULL, "a key with '#' inside" },
	{ "public: " PUB_HASH " # laptop\n", KEYS_PUBLIC, PUB_HASH, NULL,
	    "public: a key with '#' inside, and a comment" },
	{ SEC_AT "\n", KEYS_SECRET, SEC_AT, NULL, "a key starting with '@'" },
	{ PUB_EQ "\n", KEYS_PUBLIC, PUB_EQ, NULL, "a key starting with '='" },
	{ "public = " PUB_EQ "\n", KEYS_PUBLIC, PUB_EQ, NULL,
	    "public = a key starting with '='" },
	{ SEC_PCT "\n", KEYS_SECRET, SEC_PCT, NULL, "a key starting with '%'" },
	{ HASH1 "\n" SEC1 "\n", KEYS_SECRET, SEC1, NULL,
	    "a 40-character line starting with '#' is a comment, not a key" },
	{ HASH40 "\n" SEC1 "\n", KEYS_SECRET, SEC1, NULL,
	    "a line of 40 '#' is a comment" },
	{ PUB2 "\npublic: " PUB1 "\n", KEYS_PUBLIC, PUB1, NULL,
	    "a label wins over a bare key" },
	{ PUB1 "\n" PUB2 "\nsecret: " SEC1 "\n", KEYS_SECRET, SEC1, NULL,
	    "two bare keys and the labelled one wanted" },
	{ PUB1 "\n" SEC1 "\n", KEYS_SECRET, NULL,
	    "2 keys and no label: write 'public: KEY' or 'secret: KEY'",
	    "two unlabelled keys" },
	{ PUB1 "\n\n" PUB2 "\n" SEC1 "\n", KEYS_PUBLIC, NULL,
	    "3 keys and no label: write 'public: KEY' or 'secret: KEY'",
	    "three unlabelled keys" },
	{ "public: " PUB1 "\n", KEYS_SECRET, NULL, "no secret key in it",
	    "a public key file, wanted secret" },
	{ "secret: " SEC1 "\n", KEYS_PUBLIC, NULL, "no public key in it",
	    "a secret-only file, wanted public" },
	{ "", KEYS_SECRET, NULL, "no secret key in it", "an empty file" },
	{ "# nothing\n\n", KEYS_PUBLIC, NULL, "no public key in it",
	    "only comments" },
	{ "# c\n\nabc\n", KEYS_SECRET, NULL,
	    "line 3: not a 40-character Z85 key", "a short key on line 3" },
	{ "# c\r\n\r\nabc\r\n", KEYS_SECRET, NULL,
	    "line 3: not a 40-character Z85 key", "a short key on line 3, CRLF" },
	{ SEC1 "G\n", KEYS_SECRET, NULL, "line 1: not a 40-character Z85 key",
	    "41 characters" },
	{ TILDE "\n", KEYS_SECRET, NULL, "line 1: not a 40-character Z85 key",
	    "a bad Z85 character" },
	{ "secret: " TILDE "\n", KEYS_SECRET, NULL,
	    "line 1: not a 40-character Z85 key",
	    "secret: with a bad Z85 character" },
	{ "public: " HASH40 "\n", KEYS_PUBLIC, NULL,
	    "line 1: not a 40-character Z85 key",
	    "public: 40 '#', out of range" },
	{ "public: " PCT5 "\n", KEYS_PUBLIC, NULL,
	    "line 1: not a 40-character Z85 key",
	    "public: a group out of range" },
	{ "public: abc\n", KEYS_PUBLIC, NULL,
	    "line 1: not a 40-character Z85 key", "public: a short key" },
	{ "public:\n", KEYS_PUBLIC, NULL, "line 1: not a 40-character Z85 key",
	    "public: and nothing" },
	{ "public: " PUB1 "\nsecret: " SEC1 " junk\n", KEYS_SECRET, NULL,
	    "line 2: not a 40-character Z85 key", "secret: KEY and junk" },
	{ SEC1 " " SEC2 "\n", KEYS_SECRET, NULL,
	    "line 1: not a 40-character Z85 key", "two keys on one line" },
};

static const struct {
	const char	*text;
	size_t		 n;		/* keys; ignored when refused */
	const char	*keys[3];
	const char	*err;
	const char	*what;
} allow[] = {
	{ PUB1 "\n" PUB2 "\n", 2, { PUB1, PUB2 }, NULL, "two bare keys" },
	{ PUB1, 1, { PUB1 }, NULL, "one key without a newline" },
	{ "public: " PUB1 "\npublic-key = \"" PUB2 "\"\n", 2, { PUB1, PUB2 },
	    NULL, "public: and public-key = lines" },
	{ "# clients\n\n  " PUB1 "  # alice's laptop\n\n# bob\n" PUB2 "\n", 2,
	    { PUB1, PUB2 }, NULL, "comments, blanks and indentation" },
	{ PUB1 "\r\n# c\r\n\r\n" PUB2 "\r\n", 2, { PUB1, PUB2 }, NULL,
	    "CRLF line ends" },
	{ PUB_HASH "\n" PUB_EQ "\n", 2, { PUB_HASH, PUB_EQ }, NULL,
	    "keys with '#' inside and starting with '='" },
	{ "# " PUB1 "\n" PUB2 "\n", 1, { PUB2 }, NULL,
	    "a key commented out" },
	{ PUB1 "\nsecret: " SEC1 "\n", 0, { NULL },
	    "line 2: a secret key does not belong in an allow-list",
	    "a secret: line" },
	{ PUB1 "\n\njunk\n", 0, { NULL },
	    "line 3: want one 40-character Z85 public key per line",
	    "a junk line" },
	{ PUB1 "\r\n\r\njunk\r\n", 0, { NULL },
	    "line 3: want one 40-character Z85 public key per line",
	    "a junk line, CRLF" },
	{ PUB1 "\nname = alice\n", 0, { NULL },
	    "line 2: want one 40-character Z85 public key per line",
	    "a NAME = VALUE line" },
	{ "public: abc\n", 0, { NULL },
	    "line 1: want one 40-character Z85 public key per line",
	    "public: a short key" },
	{ TILDE "\n", 0, { NULL },
	    "line 1: want one 40-character Z85 public key per line",
	    "a bad Z85 character" },
	{ PUB1 " " PUB2 "\n", 0, { NULL },
	    "line 1: want one 40-character Z85 public key per line",
	    "two keys on one line" },
};

static const struct {
	const char	*text;
	size_t		 n;
	const char	*users[3][2];
	const char	*err;
	const char	*what;
} users[] = {
	{ "alice:s3cret\nbob:hunter2\n", 2, { { "alice", "s3cret" },
	    { "bob", "hunter2" } }, NULL, "two users" },
	{ "alice:s3cret", 1, { { "alice", "s3cret" } }, NULL,
	    "one user without a newline" },
	{ "alice:a:b:c\n", 1, { { "alice", "a:b:c" } }, NULL,
	    "a password with ':' in it" },
	{ "alice:pass:\n", 1, { { "alice", "pass:" } }, NULL,
	    "a password ending in ':'" },
	{ "alice::\n", 1, { { "alice", ":" } }, NULL, "the password ':'" },
	{ "alice:pass word\n", 1, { { "alice", "pass word" } }, NULL,
	    "a password with a blank in it" },
	{ "alice:s3cret\r\nbob:hunter2\r\n", 2, { { "alice", "s3cret" },
	    { "bob", "hunter2" } }, NULL, "CRLF line ends" },
	{ "# users\n\n  alice:s3cret\n   \n# bob:old\nbob:new\n", 2,
	    { { "alice", "s3cret" }, { "bob", "new" } }, NULL,
	    "comments, blanks and indentation" },
	{ "alice:1\nbob:2\nalice:3\n", 0, { { NULL } },
	    "line 3: user 'alice' is listed twice", "a user listed twice" },
	{ "alice:s3cret\nbob:\n", 0, { { NULL } },
	    "line 2: want USER:PASSWORD", "an empty password" },
	{ "alice:s3cret\r\nbob:\r\n", 0, { { NULL } },
	    "line 2: want USER:PASSWORD", "an empty password, CRLF" },
	{ "alice\n", 0, { { NULL } }, "line 1: want USER:PASSWORD",
	    "a line without ':'" },
	{ "# c\nalice:x\n\nhunter2\n", 0, { { NULL } },
	    "line 4: want USER:PASSWORD", "a bare password on line 4" },
	{ ":s3cret\n", 0, { { NULL } }, "line 1: want USER:PASSWORD",
	    "an empty user name" },
	{ "al ice:s3cret\n", 0, { { NULL } }, "line 1: want USER:PASSWORD",
	    "a user name with a blank" },
	{ "", 0, { { NULL } }, "no USER:PASSWORD line in it", "an empty file" },
	{ "# nobody\n\n", 0, { { NULL } }, "no USER:PASSWORD line in it",
	    "only comments" },
};

static const struct {
	const char	*s;
	int		 valid;
	const char	*what;
} userpass[] = {
	{ "bob:hunter2", 1, "USER:PASS" },
	{ "bob:a:b", 1, "a password with ':'" },
	{ "bob:pass:", 1, "a password ending in ':'" },
	{ "bob:pass word", 1, "a password with a blank" },
	{ "bob", 0, "no ':'" },
	{ ":hunter2", 0, "no user" },
	{ "b ob:hunter2", 0, "a user with a blank" },
	{ "", 0, "nothing" },
	/* libzmq refuses an empty ZMQ_PLAIN_PASSWORD (EINVAL), and a
	 * --plain-users file cannot hold one: so no client can use it */
	{ "bob:", 0, "an empty password" },
};

/* Users for keys_user_ok. */
#define USERS	"alice:s3cret\nbob:a:b:c\ncarol:x\n"

static const struct {
	const char	*name;
	const char	*pass;
	size_t		 len;
	int		 ok;
	const char	*what;
} logins[] = {
	{ "alice", "s3cret", 6, 1, "the right password" },
	{ "bob", "a:b:c", 5, 1, "the right password with ':'" },
	{ "carol", "x", 1, 1, "a one-character password" },
	{ "alice", "s3creT", 6, 0, "a wrong password of the same length" },
	{ "alice", "S3cret", 6, 0, "a password wrong in its first byte" },
	{ "alice", "s3cre", 5, 0, "a prefix of the password" },
	{ "alice", "s3crets", 7, 0, "the password and one byte more" },
	{ "alice", "s3cret\0", 7, 0, "the password and a NUL" },
	{ "alice", "", 0, 0, "an empty password" },
	{ "alice", "x", 1, 0, "carol's password" },
	{ "Alice", "s3cret", 6, 0, "the user name in other case" },
	{ "dave", "s3cret", 6, 0, "an unknown user" },
	{ "", "s3cret", 6, 0, "an empty user name" },
};

/* Every keys_set case makes its file (if any) in a fresh directory; DIR
 * in arg, path and err stands for that directory. */
static const struct {
	enum keys_opt	 opt;
	const char	*arg;
	const char	*file;		/* name under DIR, or NULL */
	const char	*text;		/* its contents */
	mode_t		 mode;
	const char	*value;		/* key or USER:PASS; NULL for lists */
	size_t		 n;		/* list entries */
	int		 loose;
	const char	*err;		/* NULL when accepted */
	const char	*secret;	/* never in err (DIR substituted) */
	const char	*what;
} sets[] = {
	/* literal values */
	{ KEYS_CURVE_SERVER, SEC1, NULL, NULL, 0, SEC1, 0, 0, NULL, NULL,
	    "--curve-server KEY" },
	{ KEYS_CURVE_CLIENT, PUB1, NULL, NULL, 0, PUB1, 0, 0, NULL, NULL,
	    "--curve-client KEY" },
	{ KEYS_CURVE_KEY, SEC2, NULL, NULL, 0, SEC2, 0, 0, NULL, NULL,
	    "--curve-key KEY" },
	{ KEYS_PLAIN_CLIENT, "bob:hunter2", NULL, NULL, 0, "bob:hunter2", 0, 0,
	    NULL, NULL, "--plain-client USER:PASS" },
	{ KEYS_PLAIN_CLIENT, "bob:a:b", NULL, NULL, 0, "bob:a:b", 0, 0, NULL,
	    NULL, "--plain-client with ':' in the password" },
	{ KEYS_CURVE_SERVER, "j1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tk", NULL,
	    NULL, 0, NULL, 0, 0, "bad key for --curve-server: want 40 Z85 "
	    "characters or @FILE", "j1e^DNkFU:3^*[u&WEV.b[]FzZ:GLW6DkV0tk",
	    "--curve-server with a short key" },
	{ KEYS_CURVE_SERVER, TILDE, NULL, NULL, 0, NULL, 0, 0, "bad key for "
	    "--curve-server: want 40 Z85 characters or @FILE", TILDE,
	    "--curve-server with a bad Z85 character" },
	{ KEYS_CURVE_KEY, HASH40, NULL, NULL, 0, NULL, 0, 0, "bad key for "
	    "--curve-key: want 40 Z85 characters or @FILE", HASH40,
	    "--curve-key with 40 '#'" },
	{ KEYS_CURVE_CLIENT, PUB1 "x", NULL, NULL, 0, NULL, 0, 0, "bad key for "
	    "--curve-client: want 40 Z85 characters or @FILE", NULL,
	    "--curve-client with 41 characters" },
	{ KEYS_CURVE_CLIENT, "", NULL, NULL, 0, NULL, 0, 0, "bad key for "
	    "--curve-client: want 40 Z85 characters or @FILE", NULL,
	    "--curve-client with nothing" },
	{ KEYS_PLAIN_CLIENT, "bobhunter2", NULL, NULL, 0, NULL, 0, 0,
	    "bad --plain-client: want USER:PASSWORD or @FILE", "hunter2",
	    "--plain-client without ':'" },
	{ KEYS_PLAIN_CLIENT, "bob:", NULL, NULL, 0, NULL, 0, 0,
	    "bad --plain-client: want USER:PASSWORD or @FILE", NULL,
	    "--plain-client with an empty password" },
	/* key files */
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", KEYGEN, 0600,
	    SEC1, 0, 0, NULL, NULL, "--curve-server @FILE of --keygen, 600" },
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", KEYGEN, 0644,
	    SEC1, 0, 1, NULL, NULL, "--curve-server @FILE, 644 is loose" },
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", KEYGEN, 0640,
	    SEC1, 0, 1, NULL, NULL, "--curve-server @FILE, 640 is loose" },
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", KEYGEN, 0604,
	    SEC1, 0, 1, NULL, NULL, "--curve-server @FILE, 604 is loose" },
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", KEYGEN, 0400,
	    SEC1, 0, 0, NULL, NULL, "--curve-server @FILE, 400 is not loose" },
	{ KEYS_CURVE_SERVER, "@DIR/server.key", "server.key", CZMQ_SECRET,
	    0600, SEC1, 0, 0, NULL, NULL,
	    "--curve-server @FILE of czmq's secret certificate" },
	{ KEYS_CURVE_CLIENT, "@DIR/server.key", "server.key", KEYGEN, 0644,
	    PUB1, 0, 0, NULL, NULL, "--curve-client @FILE of both keys, 644 "
	    "is fine for a public key" },
	{ KEYS_CURVE_CLIENT, "@DIR/server.pub", "server.pub", "public: " PUB1
	    "\n", 0644, PUB1, 0, 0, NULL, NULL,
	    "--curve-client @FILE of grep public" },
	{ KEYS_CURVE_CLIENT, "@DIR/server.pub", "server.pub", PUB1, 0644,
	    PUB1, 0, 0, NULL, NULL, "--curve-client @FILE of a bare key" },
	{ KEYS_CURVE_CLIENT, "@DIR/server.pub", "server.pub", CZMQ_PUBLIC,
	    0644, PUB1, 0, 0, NULL, NULL,
	    "--curve-client @FILE of czmq's public certificate" },
	{ KEYS_CURVE_KEY, "@DIR/client.key", "client.key", "# me\r\n"
	    "public: " PUB2 "\r\nsecret: " SEC2 "\r\n", 0600, SEC2, 0, 0,
	    NULL, NULL, "--curve-key @FILE with CRLF" },
	{ KEYS_CURVE_KEY, "@DIR/client.key", "client.key", KEYGEN, 0660, SEC1,
	    0, 1, NULL, NULL, "--curve-key @FILE, 660 is loose" },
	{ KEYS_CURVE_SERVER, "@DIR/server.pub", "server.pub", "public: " PUB1
	    "\n", 0644, NULL, 0, 0, "--curve-server: the file named after '@': "
	    "no secret key in it", "server.pub",
	    "--curve-server @FILE without a secret key" },
	{ KEYS_CURVE_SERVER, "@DIR/x.key", "x.key", "abc\n", 0600, NULL, 0, 0,
	    "--curve-server: the file named after '@': line 1: not a "
	    "40-character Z85 key", "x.key",
	    "--curve-server @FILE with a bad line" },
	{ KEYS_CURVE_SERVER, "@DIR/x.key", "x.key", "public: " PUB1
	    "\nsecret: " SEC1 "x\n", 0600, NULL, 0, 0, "--curve-server: the "
	    "file named after '@': line 2: not a 40-character Z85 key", SEC1,
	    "--curve-server @FILE with a bad secret: line" },
	{ KEYS_CURVE_SERVER, "@DIR/x.key", "x.key", PUB1 "\n" SEC1 "\n", 0600,
	    NULL, 0, 0, "--curve-server: the file named after '@': 2 keys and "
	    "no label: write 'public: KEY' or 'secret: KEY'", SEC1,
	    "--curve-server @FILE with two unlabelled keys" },
	{ KEYS_CURVE_KEY, "@DIR/x.key", "x.key", "", 0600, NULL, 0, 0,
	    "--curve-key: the file named after '@': no secret key in it",
	    "x.key", "--curve-key @FILE that is empty" },
	{ KEYS_CURVE_CLIENT, "@DIR/nope.key", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-client: DIR/nope.key: No such file or directory", NULL,
	    "--curve-client @FILE that is missing" },
	{ KEYS_CURVE_SERVER, "@DIR/nope.key", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-server: the file named after '@': No such file or "
	    "directory", "nope.key", "--curve-server @FILE that is missing" },
	{ KEYS_CURVE_SERVER, "@" SEC1 "x", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-server: the file named after '@': No such file or "
	    "directory", SEC1, "--curve-server '@' and a key too long, not "
	    "a file" },
	{ KEYS_CURVE_KEY, "@" SEC2 "x", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-key: the file named after '@': No such file or "
	    "directory", SEC2, "--curve-key '@' and a key too long, not a "
	    "file" },
	{ KEYS_CURVE_SERVER, "@DIR", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-server: the file named after '@': not a regular file",
	    NULL, "--curve-server @DIR, a directory" },
	{ KEYS_CURVE_CLIENT, "@DIR", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-client: DIR: not a regular file", NULL,
	    "--curve-client @DIR, a directory" },
	{ KEYS_CURVE_ALLOW, "/dev/null", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-allow: /dev/null: not a regular file", NULL,
	    "--curve-allow /dev/null, a device" },
	/* PLAIN client files */
	{ KEYS_PLAIN_CLIENT, "@DIR/login", "login", "# me\r\nbob:s3cret\r\n",
	    0600, "bob:s3cret", 0, 0, NULL, NULL,
	    "--plain-client @FILE with a comment and CRLF" },
	{ KEYS_PLAIN_CLIENT, "@DIR/login", "login", "bob:s3cret\n", 0644,
	    "bob:s3cret", 0, 1, NULL, NULL, "--plain-client @FILE, 644 is loose" },
	{ KEYS_PLAIN_CLIENT, "@DIR/login", "login", "hunter2\n", 0600, NULL, 0,
	    0, "--plain-client: the file named after '@': want USER:PASSWORD",
	    "hunter2", "--plain-client @FILE without ':'" },
	{ KEYS_PLAIN_CLIENT, "@DIR/login", "login", "# nobody\n\n", 0600, NULL,
	    0, 0, "--plain-client: the file named after '@': no USER:PASSWORD "
	    "line in it", "login", "--plain-client @FILE of comments only" },
	{ KEYS_PLAIN_CLIENT, "@DIR/nope", NULL, NULL, 0, NULL, 0, 0,
	    "--plain-client: the file named after '@': No such file or "
	    "directory", "nope", "--plain-client @FILE that is missing" },
	{ KEYS_PLAIN_CLIENT, "@hunter2", NULL, NULL, 0, NULL, 0, 0,
	    "--plain-client: the file named after '@': No such file or "
	    "directory", "hunter2", "--plain-client @PASSWORD, not a file" },
	/* lists: always a FILE */
	{ KEYS_CURVE_ALLOW, "DIR/allow.txt", "allow.txt", "# c\n" PUB1 "\n"
	    "public: " PUB2 "\n", 0644, NULL, 2, 0, NULL, NULL,
	    "--curve-allow FILE, 644 is fine for public keys" },
	{ KEYS_CURVE_ALLOW, "DIR/allow.txt", "allow.txt", PUB1 "\n\njunk\n",
	    0644, NULL, 0, 0, "--curve-allow DIR/allow.txt: line 3: want one "
	    "40-character Z85 public key per line", NULL,
	    "--curve-allow FILE with a junk line" },
	{ KEYS_CURVE_ALLOW, "DIR/allow.txt", "allow.txt", "secret: " SEC1 "\n",
	    0644, NULL, 0, 0, "--curve-allow DIR/allow.txt: line 1: a secret "
	    "key does not belong in an allow-list", SEC1,
	    "--curve-allow FILE with a secret: line" },
	{ KEYS_CURVE_ALLOW, "DIR/none.txt", NULL, NULL, 0, NULL, 0, 0,
	    "--curve-allow: DIR/none.txt: No such file or directory", NULL,
	    "--curve-allow FILE that is missing" },
	{ KEYS_PLAIN_USERS, "DIR/users", "users", "alice:s3cret\nbob:x\n",
	    0600, NULL, 2, 0, NULL, NULL, "--plain-users FILE, 600" },
	{ KEYS_PLAIN_USERS, "DIR/users", "users", "alice:s3cret\nbob:x\n",
	    0644, NULL, 2, 1, NULL, NULL, "--plain-users FILE, 644 is loose" },
	{ KEYS_PLAIN_USERS, "DIR/users", "users", "alice:s3cret\nhunter2\n",
	    0600, NULL, 0, 0, "--plain-users: the file it names: line 2: want "
	    "USER:PASSWORD", "hunter2", "--plain-users FILE with a bad line" },
	{ KEYS_PLAIN_USERS, "DIR/users", "users", "alice:s3cret\nalice:p4ss\n",
	    0600, NULL, 0, 0, "--plain-users: the file it names: line 2: user "
	    "'alice' is listed twice", "p4ss",
	    "--plain-users FILE with a user twice" },
	{ KEYS_PLAIN_USERS, "DIR/users", "users", "", 0600, NULL, 0, 0,
	    "--plain-users: the file it names: no USER:PASSWORD line in it",
	    "DIR/users", "--plain-users FILE that is empty" },
	{ KEYS_PLAIN_USERS, "DIR/nope", NULL, NULL, 0, NULL, 0, 0,
	    "--plain-users: the file it names: No such file or directory",
	    "nope", "--plain-users FILE that is missing" },
	{ KEYS_PLAIN_USERS, "alice:hunter2", NULL, NULL, 0, NULL, 0, 0,
	    "--plain-users: the file it names: No such file or directory",
	    "hunter2", "--plain-users USER:PASS, not a file" },
};

static char dir[64];

/* Copy s to out with every "DIR" replaced by the test directory. */
static void
subst(const char *s, char *out, size_t len)
{
	size_t o = 0, dl = strlen(dir);

	while (*s != '\0' && o + dl + 1 < len) {
		if (strncmp(s, "DIR", 3) == 0) {
			memcpy(out + o, dir, dl);
			o += dl;
			s += 3;
		} else
			out[o++] = *s++;
	}
	out[o] = '\0';
}

/* Write len bytes to path with mode; 0 on success. */
static int
write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd, ok;

	unlink(path);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return -1;
	ok = write(fd, data, len) == (ssize_t)len && fchmod(fd, mode) == 0;
	return close(fd) == 0 && ok ? 0 : -1;
}

/* The keyarg an option fills. */
static const struct keyarg *
keyarg_of(const struct keys *k, enum keys_opt opt)
{
	switch (opt) {
	case KEYS_CURVE_SERVER:
		return &k->curve_server;
	case KEYS_CURVE_CLIENT:
		return &k->curve_client;
	case KEYS_CURVE_KEY:
		return &k->curve_key;
	case KEYS_PLAIN_CLIENT:
		return &k->plain_client;
	default:
		return NULL;
	}
}

/* Nonzero when two strings, either possibly NULL, are the same. */
static int
same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Only 40 characters of valid Z85 are keys. */
static void
test_valid(void)
{
	size_t i;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		tap_ok(keys_valid(valid[i].s) == valid[i].valid,
		    "keys_valid: %s is %s", valid[i].what, valid[i].valid ?
		    "a key" : "not a key");
}

/* Key files give the key wanted, or say which line is wrong. */
static void
test_from_text(void)
{
	char key[KEYS_Z85_LEN + 1], err[ZC_ERRLEN];
	size_t i;
	int rc, ok;

	for (i = 0; i < sizeof(from_text) / sizeof(from_text[0]); i++) {
		memset(key, 0, sizeof(key));
		err[0] = '\0';
		rc = keys_from_text(from_text[i].text, from_text[i].want, key,
		    err, sizeof(err));
		if (from_text[i].key != NULL)
			ok = rc == 0 && strcmp(key, from_text[i].key) == 0;
		else
			ok = rc == -1 && strcmp(err, from_text[i].err) == 0;
		tap_ok(ok, "key file: %s (%s): %s", from_text[i].what,
		    from_text[i].want == KEYS_SECRET ? "secret" : "public",
		    from_text[i].key ? "gives the key" : from_text[i].err);
		if (!ok)
			tap_diag("rc %d, key '%s', error '%s'", rc, rc == 0 ?
			    key : "", rc == 0 ? "" : err);
	}
}

/* Allow-lists give their public keys, or refuse a line by number. */
static void
test_allow(void)
{
	struct keys k;
	char err[ZC_ERRLEN];
	size_t i, j;
	int rc, ok;

	for (i = 0; i < sizeof(allow) / sizeof(allow[0]); i++) {
		memset(&k, 0, sizeof(k));
		err[0] = '\0';
		rc = keys_allow_parse(allow[i].text, &k.allow, &k.nallow, err,
		    sizeof(err));
		if (allow[i].err != NULL)
			ok = rc == -1 && strcmp(err, allow[i].err) == 0 &&
			    k.allow == NULL && k.nallow == 0;
		else {
			ok = rc == 0 && k.nallow == allow[i].n;
			for (j = 0; ok && j < allow[i].n; j++)
				ok = strcmp(k.allow[j], allow[i].keys[j]) == 0 &&
				    keys_allowed(&k, allow[i].keys[j]);
		}
		tap_ok(ok, "allow-list: %s: %s", allow[i].what, allow[i].err ?
		    allow[i].err : "its keys");
		if (!ok)
			tap_diag("rc %d, %zu keys, error '%s'", rc, k.nallow,
			    rc == 0 ? "" : err);
		keys_clear(&k);
	}
	/* who is let in */
	memset(&k, 0, sizeof(k));
	rc = keys_allow_parse(PUB1 "\n" PUB2 "\n", &k.allow, &k.nallow, err,
	    sizeof(err));
	tap_ok(rc == 0 && keys_allowed(&k, PUB1) && keys_allowed(&k, PUB2),
	    "keys_allowed: listed keys are let in");
	tap_ok(!keys_allowed(&k, PUB_EQ), "keys_allowed: an unlisted key is "
	    "kept out");
	tap_ok(!keys_allowed(&k, SEC1), "keys_allowed: the secret key of a "
	    "listed public key is kept out");
	tap_ok(!keys_allowed(&k, ""), "keys_allowed: an empty key is kept out");
	keys_clear(&k);
	tap_ok(!keys_allowed(&k, PUB1), "keys_allowed: an empty list lets "
	    "nobody in");
}

/* Users files give their users, or refuse a line by number. */
static void
test_users(void)
{
	struct keys k;
	char err[ZC_ERRLEN];
	size_t i, j;
	int rc, ok;

	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		memset(&k, 0, sizeof(k));
		err[0] = '\0';
		rc = keys_users_parse(users[i].text, &k.users, &k.nusers, err,
		    sizeof(err));
		if (users[i].err != NULL)
			ok = rc == -1 && strcmp(err, users[i].err) == 0 &&
			    k.users == NULL && k.nusers == 0;
		else {
			ok = rc == 0 && k.nusers == users[i].n;
			for (j = 0; ok && j < users[i].n; j++)
				ok = strcmp(k.users[j].name, users[i].users[j][0])
				    == 0 && strcmp(k.users[j].password,
				    users[i].users[j][1]) == 0;
		}
		tap_ok(ok, "users file: %s: %s", users[i].what, users[i].err ?
		    users[i].err : "its users");
		if (!ok)
			tap_diag("rc %d, %zu users%s%s%s, error '%s'", rc,
			    k.nusers, k.nusers ? " (last password '" : "",
			    k.nusers ? k.users[k.nusers - 1].password : "",
			    k.nusers ? "')" : "", rc == 0 ? "" : err);
		keys_clear(&k);
	}
	for (i = 0; i < sizeof(userpass) / sizeof(userpass[0]); i++)
		tap_ok(keys_userpass_valid(userpass[i].s) == userpass[i].valid,
		    "keys_userpass_valid: %s is %s", userpass[i].what,
		    userpass[i].valid ? "valid" : "refused");
}

/* Only a listed user with exactly the right password gets in. */
static void
test_user_ok(void)
{
	struct keys k;
	char err[ZC_ERRLEN];
	size_t i;

	memset(&k, 0, sizeof(k));
	if (keys_users_parse(USERS, &k.users, &k.nusers, err,
	    sizeof(err)) == -1) {
		tap_ok(0, "keys_user_ok: the users file parses");
		tap_diag("%s", err);
		return;
	}
	for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++)
		tap_ok(keys_user_ok(&k, logins[i].name, strlen(logins[i].name),
		    logins[i].pass, logins[i].len) == logins[i].ok,
		    "keys_user_ok: %s is %s", logins[i].what, logins[i].ok ?
		    "let in" : "kept out");
	/* the name as sent: a NUL does not end it early */
	tap_ok(!keys_user_ok(&k, "alice\0x", 7, "s3cret", 6),
	    "keys_user_ok: 'alice' NUL 'x' is not alice");
	tap_ok(!keys_user_ok(&k, "alic", 4, "s3cret", 6),
	    "keys_user_ok: a prefix of a name is not that user");
	keys_clear(&k);
	tap_ok(!keys_user_ok(&k, "alice", 5, "s3cret", 6),
	    "keys_user_ok: an empty users list lets nobody in");
}

/* Every option, literal or from a file: its value, or a message that
 * never shows the secret. */
static void
test_set(void)
{
	struct keys k;
	const struct keyarg *ka;
	char arg[256], path[256], want[ZC_ERRLEN], err[ZC_ERRLEN], hid[256];
	size_t i, n;
	int rc, ok, loose, made;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		memset(&k, 0, sizeof(k));
		subst(sets[i].arg, arg, sizeof(arg));
		made = 1;
		if (sets[i].file != NULL) {
			snprintf(path, sizeof(path), "%s/%s", dir, sets[i].file);
			made = write_file(path, sets[i].text,
			    strlen(sets[i].text), sets[i].mode) == 0;
		}
		err[0] = '\0';
		loose = -1;
		rc = keys_set(&k, sets[i].opt, arg, &loose, err, sizeof(err));
		ka = keyarg_of(&k, sets[i].opt);
		if (sets[i].err != NULL) {
			subst(sets[i].err, want, sizeof(want));
			subst(sets[i].secret ? sets[i].secret : "", hid,
			    sizeof(hid));
			ok = rc == -1 && strcmp(err, want) == 0 &&
			    (hid[0] == '\0' || strstr(err, hid) == NULL);
		} else if (ka != NULL) {
			ok = rc == 0 && same(ka->value, sets[i].value) &&
			    same(ka->path, arg[0] == '@' ? arg + 1 : NULL) &&
			    loose == sets[i].loose;
		} else {
			n = sets[i].opt == KEYS_CURVE_ALLOW ? k.nallow : k.nusers;
			ok = rc == 0 && n == sets[i].n && same(sets[i].opt ==
			    KEYS_CURVE_ALLOW ? k.allow_path : k.users_path, arg) &&
			    loose == sets[i].loose;
		}
		tap_ok(made && ok, "keys_set: %s: %s", sets[i].what,
		    sets[i].err ? "refused" : sets[i].loose ? "used, loose" :
		    "used");
		if (!ok)
			tap_diag("rc %d, loose %d, value '%s', error '%s'", rc,
			    loose, ka && ka->value ? ka->value : "(none)", err);
		keys_clear(&k);
		if (sets[i].file != NULL)
			unlink(path);
	}
}

/*
 * A key starting with '@' is a valid Z85 key (--keygen makes one about
 * every 85th time). Given literally, it must be taken as the key or
 * refused; the message must not show it, as any message about a secret.
 */
static void
test_set_at_key(void)
{
	static const enum keys_opt opts[] = { KEYS_CURVE_SERVER,
	    KEYS_CURVE_KEY };
	struct keys k;
	const struct keyarg *ka;
	char err[ZC_ERRLEN];
	size_t i;
	int rc, loose, ok;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		memset(&k, 0, sizeof(k));
		err[0] = '\0';
		rc = keys_set(&k, opts[i], SEC_AT, &loose, err, sizeof(err));
		ka = keyarg_of(&k, opts[i]);
		ok = rc == 0 ? same(ka->value, SEC_AT) : strstr(err, SEC_AT + 1)
		    == NULL && strstr(err, SEC_AT + 20) == NULL;
		tap_ok(ok, "keys_set: %s with a literal secret key starting "
		    "with '@' is used, or refused without showing it",
		    keys_opt_name(opts[i]));
		if (!ok)
			tap_diag("error '%s'", err);
		keys_clear(&k);
	}
}

/* A file of a secret that is not text, or too large, is refused. */
static void
test_set_odd_files(void)
{
	struct keys k;
	char path[256], arg[300], want[ZC_ERRLEN], err[ZC_ERRLEN], *big;
	size_t len = 1024 * 1024 + 1;
	int rc, loose, made;

	memset(&k, 0, sizeof(k));
	snprintf(path, sizeof(path), "%s/nul.key", dir);
	snprintf(arg, sizeof(arg), "@%s", path);
	made = write_file(path, SEC1 "\0\n", 42, 0600) == 0;
	rc = keys_set(&k, KEYS_CURVE_SERVER, arg, &loose, err, sizeof(err));
	snprintf(want, sizeof(want), "--curve-server: the file named after "
	    "'@': not a text file");
	tap_ok(made && rc == -1 && strcmp(err, want) == 0 &&
	    strstr(err, SEC1) == NULL && strstr(err, "nul.key") == NULL,
	    "keys_set: a key file with a NUL byte is not a text file");
	if (rc != -1 || strcmp(err, want) != 0)
		tap_diag("got '%s'", err);
	keys_clear(&k);
	unlink(path);

	snprintf(path, sizeof(path), "%s/big.key", dir);
	snprintf(arg, sizeof(arg), "@%s", path);
	made = (big = malloc(len)) != NULL;
	if (made) {
		memset(big, '\n', len);
		memcpy(big, SEC1, KEYS_Z85_LEN);
		made = write_file(path, big, len, 0600) == 0;
		free(big);
	}
	rc = keys_set(&k, KEYS_CURVE_SERVER, arg, &loose, err, sizeof(err));
	snprintf(want, sizeof(want), "--curve-server: the file named after "
	    "'@': too large for a key file");
	tap_ok(made && rc == -1 && strcmp(err, want) == 0,
	    "keys_set: a key file over 1 MiB is refused");
	if (rc != -1 || strcmp(err, want) != 0)
		tap_diag("got '%s'", err);
	keys_clear(&k);
	unlink(path);
}

/*
 * A FIFO named as a key file is refused at once, not waited on for a
 * writer. Bounded by an alarm: if open() blocks, SIGALRM ends the test
 * program, which the harness counts as a failure.
 */
static void
test_set_fifo(void)
{
	static const enum keys_opt opts[] = { KEYS_CURVE_SERVER,
	    KEYS_CURVE_CLIENT, KEYS_PLAIN_USERS, KEYS_PLAIN_CLIENT };
	struct keys k;
	char path[256], arg[300], want[ZC_ERRLEN], err[ZC_ERRLEN];
	size_t i;
	int rc, loose, made;

	snprintf(path, sizeof(path), "%s/fifo", dir);
	made = mkfifo(path, 0600) == 0;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		memset(&k, 0, sizeof(k));
		snprintf(arg, sizeof(arg), "%s%s", opts[i] == KEYS_PLAIN_USERS ?
		    "" : "@", path);
		if (keys_opt_secret(opts[i]))
			snprintf(want, sizeof(want), "%s: %s: not a regular "
			    "file", keys_opt_name(opts[i]), opts[i] ==
			    KEYS_PLAIN_USERS ? "the file it names" :
			    "the file named after '@'");
		else
			snprintf(want, sizeof(want), "%s: %s: not a regular "
			    "file", keys_opt_name(opts[i]), path);
		alarm(10);
		rc = keys_set(&k, opts[i], arg, &loose, err, sizeof(err));
		alarm(0);
		tap_ok(made && rc == -1 && strcmp(err, want) == 0,
		    "keys_set: %s with a FIFO is refused at once",
		    keys_opt_name(opts[i]));
		if (rc != -1 || strcmp(err, want) != 0)
			tap_diag("got '%s'", err);
		keys_clear(&k);
	}
	unlink(path);
}

/* A second value replaces the first, and its path with it. */
static void
test_set_twice(void)
{
	struct keys k;
	char path[256], arg[300], err[ZC_ERRLEN];
	int loose, made;

	memset(&k, 0, sizeof(k));
	snprintf(path, sizeof(path), "%s/two.key", dir);
	snprintf(arg, sizeof(arg), "@%s", path);
	made = write_file(path, "secret: " SEC2 "\n", 49, 0600) == 0;
	tap_ok(keys_set(&k, KEYS_CURVE_SERVER, SEC1, &loose, err,
	    sizeof(err)) == 0 && keys_set(&k, KEYS_CURVE_SERVER, arg, &loose,
	    err, sizeof(err)) == 0 && made && same(k.curve_server.value, SEC2) &&
	    same(k.curve_server.path, path),
	    "keys_set: @FILE after a literal key replaces it");
	tap_ok(keys_set(&k, KEYS_CURVE_SERVER, SEC1, &loose, err,
	    sizeof(err)) == 0 && same(k.curve_server.value, SEC1) &&
	    k.curve_server.path == NULL,
	    "keys_set: a literal key after @FILE replaces it and its path");
	tap_ok(keys_set(&k, KEYS_CURVE_SERVER, "short", &loose, err,
	    sizeof(err)) == -1 && same(k.curve_server.value, SEC1),
	    "keys_set: a bad key leaves the one before");
	keys_clear(&k);
	unlink(path);
}

/* Options that cannot go together on one socket. */
static void
test_check(void)
{
	static const struct {
		unsigned	 set;	/* 1 server, 2 client, 4 key, 8 allow,
					 * 16 users, 32 plain client */
		const char	*err;
	} checks[] = {
		{ 0, NULL },
		{ 1, NULL },
		{ 2, NULL },
		{ 2 | 4, NULL },
		{ 1 | 8, NULL },
		{ 16, NULL },
		{ 32, NULL },
		{ 1 | 2, "--curve-server and --curve-client on one socket" },
		{ 1 | 2 | 4, "--curve-server and --curve-client on one socket" },
		{ 4, "--curve-key needs --curve-client" },
		{ 1 | 4, "--curve-key needs --curve-client" },
		{ 8, "--curve-allow needs --curve-server" },
		{ 2 | 8, "--curve-allow needs --curve-server" },
		{ 1 | 16, "CURVE and PLAIN on one socket" },
		{ 1 | 8 | 16, "CURVE and PLAIN on one socket" },
		{ 2 | 32, "CURVE and PLAIN on one socket" },
		{ 2 | 4 | 32, "CURVE and PLAIN on one socket" },
		{ 1 | 32, "CURVE and PLAIN on one socket" },
		{ 16 | 32, "--plain-users and --plain-client on one socket" },
	};
	static const char *const names[] = { "--curve-server",
	    "--curve-client", "--curve-key", "--curve-allow", "--plain-users",
	    "--plain-client" };
	struct keys k;
	char err[ZC_ERRLEN], what[256];
	size_t i, j;
	unsigned s;
	int rc, ok;

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		s = checks[i].set;
		memset(&k, 0, sizeof(k));
		k.curve_server.value = s & 1 ? (char *)SEC1 : NULL;
		k.curve_client.value = s & 2 ? (char *)PUB1 : NULL;
		k.curve_key.value = s & 4 ? (char *)SEC2 : NULL;
		k.allow_path = s & 8 ? (char *)"allow.txt" : NULL;
		k.users_path = s & 16 ? (char *)"users" : NULL;
		k.plain_client.value = s & 32 ? (char *)"bob:x" : NULL;
		what[0] = '\0';
		for (j = 0; j < 6; j++)
			if (s & (1u << j))
				snprintf(what + strlen(what), sizeof(what) -
				    strlen(what), "%s%s", what[0] ? " " : "",
				    names[j]);
		err[0] = '\0';
		rc = keys_check(&k, err, sizeof(err));
		ok = checks[i].err ? rc == -1 && strcmp(err, checks[i].err) == 0 :
		    rc == 0;
		tap_ok(ok, "keys_check: %s: %s", what[0] ? what : "nothing",
		    checks[i].err ? checks[i].err : "fine");
		if (!ok)
			tap_diag("rc %d, error '%s'", rc, rc ? err : "");
		tap_ok(keys_any(&k) == (s != 0) && keys_curve(&k) ==
		    ((s & 15) != 0) && keys_has_list(&k) == ((s & 24) != 0),
		    "keys_any, keys_curve, keys_has_list: %s",
		    what[0] ? what : "nothing");
	}
}

/* The option names, and which of them hold secrets. */
static void
test_opt_names(void)
{
	static const struct {
		enum keys_opt	 opt;
		const char	*name;
		int		 secret;
	} opts[] = {
		{ KEYS_CURVE_SERVER, "--curve-server", 1 },
		{ KEYS_CURVE_CLIENT, "--curve-client", 0 },
		{ KEYS_CURVE_KEY, "--curve-key", 1 },
		{ KEYS_CURVE_ALLOW, "--curve-allow", 0 },
		{ KEYS_PLAIN_USERS, "--plain-users", 1 },
		{ KEYS_PLAIN_CLIENT, "--plain-client", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		tap_ok(same(keys_opt_name(opts[i].opt), opts[i].name) &&
		    keys_opt_secret(opts[i].opt) == opts[i].secret,
		    "%s is named and %s", opts[i].name, opts[i].secret ?
		    "secret" : "not secret");
}

/* keys_clear frees everything, empties k and may run twice. */
static void
test_clear(void)
{
	struct keys k;
	char path[256], err[ZC_ERRLEN];
	int loose, rc, made;

	memset(&k, 0, sizeof(k));
	snprintf(path, sizeof(path), "%s/allow.txt", dir);
	made = write_file(path, PUB1 "\n" PUB2 "\n", 82, 0644) == 0;
	rc = keys_set(&k, KEYS_CURVE_SERVER, SEC1, &loose, err, sizeof(err));
	rc |= keys_set(&k, KEYS_CURVE_CLIENT, PUB1, &loose, err, sizeof(err));
	rc |= keys_set(&k, KEYS_CURVE_KEY, SEC2, &loose, err, sizeof(err));
	rc |= keys_set(&k, KEYS_CURVE_ALLOW, path, &loose, err, sizeof(err));
	rc |= keys_set(&k, KEYS_PLAIN_CLIENT, "bob:x", &loose, err,
	    sizeof(err));
	unlink(path);
	snprintf(path, sizeof(path), "%s/users", dir);
	made &= write_file(path, "alice:s3cret\n", 13, 0600) == 0;
	rc |= keys_set(&k, KEYS_PLAIN_USERS, path, &loose, err, sizeof(err));
	unlink(path);
	tap_ok(made && rc == 0 && keys_any(&k) && k.nallow == 2 &&
	    k.nusers == 1, "keys_clear: every option set");
	keys_clear(&k);
	tap_ok(!keys_any(&k) && k.curve_server.value == NULL &&
	    k.curve_client.value == NULL && k.curve_key.value == NULL &&
	    k.plain_client.value == NULL && k.allow == NULL && k.nallow == 0 &&
	    k.users == NULL && k.nusers == 0 && k.allow_path == NULL &&
	    k.users_path == NULL, "keys_clear: everything is gone");
	keys_clear(&k);
	keys_clear(NULL);
	tap_ok(!keys_any(&k), "keys_clear: twice, and on NULL, is safe");
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	snprintf(dir, sizeof(dir), "%s", "/tmp/zmqcat-unit-keys.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_valid();
	test_from_text();
	test_allow();
	test_users();
	test_user_ok();
	test_set();
	test_set_at_key();
	test_set_odd_files();
	test_set_fifo();
	test_set_twice();
	test_check();
	test_opt_names();
	test_clear();
	if (rmdir(dir) == -1)
		tap_ok(0, "the test directory is left empty (%s)",
		    strerror(errno));
	return tap_done();
}
