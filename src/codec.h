/* Byte encodings for frames: hex, base64, Z85, and a UTF-8 check. */
#ifndef ZMQCAT_CODEC_H
#define ZMQCAT_CODEC_H

#include <stddef.h>

#include "outbuf.h"

int codec_hex_encode(struct outbuf *ob, const void *data, size_t len);
int codec_base64_encode(struct outbuf *ob, const void *data, size_t len);
int codec_z85_encode(struct outbuf *ob, const void *data, size_t len);
int codec_hex_decode(const char *in, size_t len, struct outbuf *out,
    char *err, size_t errlen);
int codec_base64_decode(const char *in, size_t len, struct outbuf *out,
    char *err, size_t errlen);
int codec_z85_decode(const char *in, size_t len, struct outbuf *out,
    char *err, size_t errlen);
int codec_z85_valid(const char *in, size_t len);
int codec_utf8_valid(const void *data, size_t len);
int codec_hexval(char c);

#endif
