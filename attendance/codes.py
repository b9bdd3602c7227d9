"""Verification codes: 28 characters of Crockford's base 32 (140 bits), stored only as hashes.

A code is the HMAC of a random salt kept with the proof, under a key derived from
``SECRET_KEY``: the database alone (a backup, a reader) holds only the salt and the code's
SHA-256, so it cannot produce a working code, while the owner's pages can show the code again.
Verification needs only the hash, so printed codes keep working whatever happens to the key.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

# Crockford's base 32: digits and capitals without I, L, O and U, which are easily misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 28
GROUP = 4
# What people type for a code read off paper: lower case, the look-alikes, and the spacing.
TYPED = str.maketrans("OIL", "011", "- ")
KEY_SALT = "attendance.proof-code"


def new_salt() -> str:
    return secrets.token_hex(16)


def derive(salt: str, secret: str | bytes | None = None) -> str:
    """The code for ``salt`` under ``secret`` (``SECRET_KEY`` by default)."""
    digest = salted_hmac(KEY_SALT, salt, secret=secret, algorithm="sha256").digest()
    number = int.from_bytes(digest) >> (len(digest) * 8 - 5 * LENGTH)
    return "".join(ALPHABET[(number >> (5 * place)) & 31] for place in reversed(range(LENGTH)))


def recover(salt: str, code_hash: str) -> str | None:
    """The code whose hash is ``code_hash``, under the current key or a fallback (None if the
    key it was made under is gone: copies already given out still verify)."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        code = derive(salt, secret)
        if hash_code(code) == code_hash:
            return code
    return None


def hash_code(code: str) -> str:
    # A plain SHA-256 is enough: a 140-bit random code cannot be found by trying hashes.
    return hashlib.sha256(code.encode()).hexdigest()


def normalise(text: str) -> str | None:
    """The code in what someone typed or scanned, or None when it cannot be one."""
    code = text.upper().translate(TYPED)
    if len(code) != LENGTH or not set(code) <= set(ALPHABET):
        return None
    return code


def grouped(code: str) -> str:
    """ "7KQ2-M9XD-…": easier to read aloud and to copy from paper."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))
