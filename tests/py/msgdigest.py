# msgdigest.py -- the digest of a multipart message, shared by
# push_random.py and pull_digest.py: the frame count, then each frame's
# length and its SHA-256, so a line also says what the message looked
# like when two differ: "3 0:e3b0c442 17:1f2a... 4096:..." (the hashes
# cut to 16 hex digits).
import hashlib


def digest(frames):
    parts = [str(len(frames))]
    for f in frames:
        parts.append("%d:%s" % (len(f), hashlib.sha256(f).hexdigest()[:16]))
    return " ".join(parts)
