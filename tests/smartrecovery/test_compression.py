"""Pages leave the app gzipped when the browser accepts it, unless a proxy is to do it; one
variable gives every app server the same cache."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GZIP = "django.middleware.gzip.GZipMiddleware"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_page_is_gzipped_for_a_browser_that_accepts_it(client):
    response = client.get("/privacy/", headers={"Accept-Encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in gzip.decompress(response.content)


@pytest.mark.django_db
def test_a_browser_that_does_not_accept_gzip_gets_plain_html(client):
    response = client.get("/privacy/")

    assert "Content-Encoding" not in response
    assert b"</html>" in response.content


def test_the_app_leaves_compression_to_a_proxy_when_told():
    settings = settings_under(GZIP_RESPONSES="0")

    assert GZIP not in settings["MIDDLEWARE"]
    assert GZIP in settings_under()["MIDDLEWARE"]


def test_redis_url_gives_every_process_one_shared_cache():
    settings = settings_under(REDIS_URL="redis://cache.internal:6379/0")

    assert {alias: cache["BACKEND"] for alias, cache in settings["CACHES"].items()} == {
        "default": "django.core.cache.backends.redis.RedisCache",
        "geocoding": "django.core.cache.backends.redis.RedisCache",
        "fragments": "django.core.cache.backends.redis.RedisCache",
        "searches": "django.core.cache.backends.redis.RedisCache",
    }
    # Kept markup and searches belong to one release of the code and templates.
    release = settings["RELEASE"]
    assert settings["CACHES"]["fragments"]["KEY_PREFIX"] == f"fragments:{release}"
    assert settings["CACHES"]["searches"]["KEY_PREFIX"] == f"searches:{release}"


def settings_under(**env: str) -> dict:
    """The project's settings as a process started with ``env`` reads them."""
    environment = {**os.environ, **env}
    for name in {"GZIP_RESPONSES", "REDIS_URL"} - env.keys():
        environment.pop(name, None)
    script = (
        "import json, smartrecovery.settings as s;"
        "print(json.dumps({'MIDDLEWARE': s.MIDDLEWARE, 'CACHES': s.CACHES, 'RELEASE': s.RELEASE}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return json.loads(output.stdout)
