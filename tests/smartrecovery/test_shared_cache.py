"""What app processes share through the cache: counts and lookups made by one are seen by the
others. CI runs these again with ``REDIS_URL`` (marked ``cache``), where each connection below
stands for another app server on the same Redis server."""

from __future__ import annotations

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from smartrecovery import ratelimit

pytestmark = pytest.mark.cache


def another_process(alias: str):
    """A cache connection of its own, as another app process would have."""
    return caches.create_connection(alias)


def test_redis_url_puts_every_cache_on_the_redis_server():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the caches are this process's own memory")

    aliases = ("default", "geocoding", "fragments", "searches")
    assert set(caches.settings) == set(aliases)
    assert all(isinstance(caches[alias], RedisCache) for alias in aliases)


def test_a_limit_counts_the_hits_made_through_every_process(settings, monkeypatch):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (2, 60)}
    assert ratelimit.allow("signup", "203.0.113.9")
    assert ratelimit.allow("signup", "203.0.113.9")

    monkeypatch.setattr(ratelimit, "cache", another_process("default"))

    assert not ratelimit.allow("signup", "203.0.113.9")
    assert ratelimit.allow("signup", "198.51.100.4")


def test_a_value_one_process_stores_is_read_by_another():
    caches["geocoding"].set("place:austin", {"latitude": 30.27, "longitude": -97.74}, 60)

    assert another_process("geocoding").get("place:austin") == {
        "latitude": 30.27,
        "longitude": -97.74,
    }
    assert another_process("default").get("place:austin") is None
