from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from smartrecovery import database
from smartrecovery.settings import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' event-loop allowance is not part of any deployment.
    environment = {**os.environ, **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_reads_common_words(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_rejects_other_words(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)


def test_env_int_names_the_variable_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="COUNT"):
        env_int("COUNT", 1)
    monkeypatch.setenv("COUNT", "10")
    assert env_int("COUNT", 1) == 10


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.org, b.org ,,")
    assert env_list("HOSTS", []) == ["a.org", "b.org"]


def test_database_url_is_parsed_into_django_settings():
    entry = database.from_url("postgres://me:p%40ss@db.example.org:6432/recovery?sslmode=require")
    assert entry["NAME"] == "recovery"
    assert entry["USER"] == "me"
    assert entry["PASSWORD"] == "p@ss"
    assert entry["HOST"] == "db.example.org"
    assert entry["PORT"] == "6432"
    assert entry["OPTIONS"] == {"sslmode": "require"}


def test_database_url_may_name_a_socket_directory():
    entry = database.from_url("postgresql:///recovery?host=/var/run/postgresql")
    assert entry["HOST"] == "/var/run/postgresql"
    assert entry["PORT"] == ""


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db/recovery", "must start with postgres://"),
        ("postgres://db.example.org", "names no database"),
        ("postgres://db.example.org:port/recovery", "bad port"),
    ],
)
def test_a_bad_database_url_is_a_clear_error(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database.from_url(url)


def test_a_bad_database_url_stops_manage_py_with_one_line():
    result = manage("check", DATABASE_URL="mysql://db/recovery")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_URL must start with postgres:// or postgresql://, "
        "not 'mysql'://"
    ]


def test_production_without_a_secret_key_is_an_error():
    result = manage("check", DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="example.org")
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set when DEBUG=0."


def test_production_without_allowed_hosts_is_an_error():
    result = manage("check", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="")
    assert result.returncode == 1
    assert "ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="meetings.example.org",
        WORKSHEET_KEYS=Fernet.generate_key().decode(),
        EMBEDDED_DATABASE="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_worksheet_keys_is_an_error():
    result = manage(
        "check",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        WORKSHEET_KEYS="",
        EMBEDDED_DATABASE="1",
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith(
        "Configuration error: WORKSHEET_KEYS must be set when DEBUG=0"
    )


def test_a_malformed_worksheet_key_is_a_clear_error():
    result = manage("check", WORKSHEET_KEYS=f"{Fernet.generate_key().decode()},not-a-key")
    assert result.returncode == 1
    assert "WORKSHEET_KEYS must be Fernet keys" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_geocoder_is_a_clear_error():
    result = manage("check", GEOCODER="bogus")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: GEOCODER must be empty or nominatim, not 'bogus'."
    )


def test_the_online_geocoder_needs_a_user_agent():
    result = manage("check", GEOCODER="nominatim", GEOCODER_USER_AGENT="")

    assert result.returncode == 1
    assert "GEOCODER_USER_AGENT" in result.stderr


def test_the_cookie_flags_in_production_are_the_ones_deploy_md_describes():
    flags = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY)"
    )
    result = manage(
        "shell",
        "-c",
        flags,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="meetings.example.org",
        WORKSHEET_KEYS=Fernet.generate_key().decode(),
        EMBEDDED_DATABASE="1",
    )
    deploy = " ".join((ROOT / "docs" / "deploy.md").read_text().split())

    assert result.stdout.splitlines()[-1].split() == ["True", "True", "True", "False"], (
        result.stderr
    )
    assert (
        "the session cookie Secure and HttpOnly and the CSRF cookie Secure (not HttpOnly" in deploy
    )
