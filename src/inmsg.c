/* stdin messages decoded into frames: raw, json, hex, base64, z85, -J. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "input.h"
#include "inmsg.h"

/* The decoders --input names, and what each does to a frame. */
static const struct {
	const char	*name;
	enum inmsg_mode	 mode;
	int		(*decode)(const char *, size_t, struct outbuf *, char *,
			    size_t);
} modes[] = {
	{ "raw",	INMSG_RAW,	NULL },
	{ "json",	INMSG_JSON,	NULL },
	{ "hex",	INMSG_HEX,	codec_hex_decode },
	{ "base64",	INMSG_BASE64,	codec_base64_decode },
	{ "z85",	INMSG_Z85,	codec_z85_decode },
};

/* Find a decoder by the name --input gives it; -1 if there is none. */
int
inmsg_mode_lookup(const char *name, enum inmsg_mode *mode)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(modes[i].name, name) == 0) {
			*mode = modes[i].mode;
			return 0;
		}
	return -1;
}

/* Ready a decoder; fdelim (may be NULL) splits a message into frames. */
void
inmsg_init(struct inmsg *d, enum inmsg_mode mode, const char *fdelim,
    size_t fdlen)
{
	memset(d, 0, sizeof(*d));
	d->mode = mode;
	d->fdelim = fdelim;
	d->fdlen = fdlen;
	framebuf_init(&d->fb);
	envelope_init(&d->env);
}

/* One JSON value, re-encoded compact as pyzmq's send_json would. */
static int
inmsg_json(struct inmsg *d, const char *p, size_t len, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *v;
	char *text;

	if ((v = json_loadb(p, len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
	    &jerr)) == NULL) {
		snprintf(err, errlen, "invalid JSON: %s", jerr.text);
		return -1;
	}
	text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(v);
	if (text == NULL) {
		snprintf(err, errlen, "invalid JSON: cannot encode");
		return -1;
	}
	outbuf_put(&d->fb.data, text, strlen(text));
	free(text);
	return 0;
}

/* Decode one frame by the mode into data. */
static int
inmsg_frame(struct inmsg *d, const struct iovec *f, char *err, size_t errlen)
{
	size_t before = d->fb.data.len, i;

	if (d->mode == INMSG_JSON) {
		if (inmsg_json(d, f->iov_base, f->iov_len, err, errlen) == -1)
			return -1;
	} else {
		for (i = 0; modes[i].mode != d->mode; i++)
			;
		if (modes[i].decode(f->iov_base, f->iov_len, &d->fb.data, err,
		    errlen) == -1)
			return -1;
	}
	framebuf_mark(&d->fb, before);
	return 0;
}

/*
 * Decode one stdin message into frames (iov, nframes), and for -J where
 * it asks to go. -1 with a message saying what was wrong with it; the
 * caller reports it with the line number and sends nothing of it. Every
 * mode but a raw line unsplit, which inmsg_decode (inmsg.h) does itself.
 */
int
inmsg_decode_slow(struct inmsg *d, const char *msg, size_t len, char *err,
    size_t errlen)
{
	size_t i, n;

	d->to = NULL;
	d->has_time = 0;
	framebuf_reset(&d->fb);
	if (d->mode == INMSG_ENVELOPE) {
		if (envelope_parse(&d->env, msg, len, err, errlen) == -1)
			return -1;
		d->to = d->env.to[0] ? d->env.to : NULL;
		d->time = d->env.time;
		d->has_time = d->env.has_time;
		return 0;
	}
	n = input_split(msg, len, d->fdelim, d->fdelim ? d->fdlen : 0,
	    &d->split, &d->splitcap);
	if (d->mode == INMSG_RAW) {
		d->nsplit = n;	/* sent from the input buffer, not copied */
		return 0;
	}
	for (i = 0; i < n; i++)
		if (inmsg_frame(d, &d->split[i], err, errlen) == -1)
			return -1;
	framebuf_finish(&d->fb);
	return 0;
}

/* The frames to send: the envelope's, or the decoded ones (but those of
 * a raw line unsplit: inmsg_frames, in inmsg.h). */
const struct iovec *
inmsg_frames_slow(const struct inmsg *d, size_t *n)
{
	if (d->mode == INMSG_ENVELOPE) {
		*n = d->env.fb.nframes;
		return d->env.fb.iov;
	}
	if (d->mode == INMSG_RAW) {
		*n = d->nsplit;
		return d->fdelim == NULL ? &d->one : d->split;
	}
	*n = d->fb.nframes;
	return d->fb.iov;
}

/* Release the decoder's buffers. */
void
inmsg_free(struct inmsg *d)
{
	framebuf_free(&d->fb);
	envelope_free(&d->env);
	free(d->split);
}
