"""Fixed-window rate limits kept in the cache, named in ``settings.RATE_LIMITS``.

Each limit counts hits per identity (a client address, an email address) in a window of
seconds. Identities are hashed into the cache key, so no email address or IP sits in the cache
in the clear. With several app servers the cache must be shared (``REDIS_URL``) for a limit to
hold across them; see docs/security.md.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def limit_for(name: str) -> tuple[int, int]:
    """(hits allowed, window in seconds) for a named limit."""
    return settings.RATE_LIMITS[name]


def allow(name: str, identity: str) -> bool:
    """Count one hit by ``identity`` against the limit ``name``; False once it is past it."""
    allowed, window = limit_for(name)
    digest = hashlib.sha256(identity.strip().casefold().encode()).hexdigest()[:32]
    key = f"ratelimit:{name}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this hit opens the next one.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= allowed
