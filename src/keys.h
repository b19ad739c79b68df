/* CURVE keys and PLAIN credentials: from arguments and files, checked. */
#ifndef ZMQCAT_KEYS_H
#define ZMQCAT_KEYS_H

#include <stddef.h>
#include <stdio.h>

#define KEYS_Z85_LEN	40	/* a CURVE key in Z85 */

/* Which line of a key file an option wants. */
enum keys_want {
	KEYS_PUBLIC,
	KEYS_SECRET
};

/* The security options of one socket. */
enum keys_opt {
	KEYS_CURVE_SERVER,	/* our secret key; we are a CURVE server */
	KEYS_CURVE_CLIENT,	/* the server's public key */
	KEYS_CURVE_KEY,		/* our secret key as a client */
	KEYS_CURVE_ALLOW,	/* FILE of client public keys let in */
	KEYS_PLAIN_USERS,	/* FILE of USER:PASS lines; a PLAIN server */
	KEYS_PLAIN_CLIENT,	/* USER:PASS, or @FILE */
	KEYS_NOPTS
};

/* A value and where it came from: a file (by path) or the command line. */
struct keyarg {
	char	*value;		/* a Z85 key, or USER:PASS */
	char	*path;		/* the file it was read from; NULL if literal */
};

struct plain_user {
	char	*name;
	char	*password;
};

struct keys {
	struct keyarg	   curve_server;
	struct keyarg	   curve_client;
	struct keyarg	   curve_key;
	char		  *allow_path;	/* --curve-allow FILE */
	char		 **allow;	/* its keys, Z85 */
	size_t		   nallow;
	char		  *users_path;	/* --plain-users FILE */
	struct plain_user *users;
	size_t		   nusers;
	struct keyarg	   plain_client;
};

const char *keys_opt_name(enum keys_opt opt);
int keys_opt_secret(enum keys_opt opt);
int keys_valid(const char *s);
int keys_from_text(const char *text, enum keys_want want, char *out,
    char *err, size_t errlen);
int keys_allow_parse(const char *text, char ***keys, size_t *n, char *err,
    size_t errlen);
int keys_users_parse(const char *text, struct plain_user **users,
    size_t *n, char *err, size_t errlen);
int keys_userpass_valid(const char *s);
int keys_allowed(const struct keys *k, const char *z85);
int keys_user_ok(const struct keys *k, const void *name, size_t namelen,
    const void *pass, size_t passlen);
const char *keys_arg_path(enum keys_opt opt, const char *arg);
char *keys_read_file(const char *path, int *loose, char *err,
    size_t errlen);
int keys_set(struct keys *k, enum keys_opt opt, const char *arg,
    int *loose, char *err, size_t errlen);
int keys_check(const struct keys *k, char *err, size_t errlen);
int keys_any(const struct keys *k);
int keys_curve(const struct keys *k);
int keys_has_list(const struct keys *k);
int keys_keygen(FILE *fp, int json);
void keys_clear(struct keys *k);

#endif
