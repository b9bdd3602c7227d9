"""Encryption at rest for everything a participant types into a worksheet.

Values are JSON-encoded and sealed with Fernet under the newest of ``settings.WORKSHEET_KEYS``;
any of the keys opens them, so a key can rotate without losing old answers. Before the first read
or write in a process, a canary row proves the configured keys can read what is already stored,
so nothing is ever written under a wrong key.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

CANARY_TEXT = "worksheet keys canary"
# Every Fernet token starts with its version byte 0x80, which is "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"
WRONG_KEYS = (
    "WORKSHEET_KEYS cannot read worksheets already stored: a key is missing or wrong. "
    "Put back the key they were written with (newest first, old keys after it)."
)

# The key sets that have passed the canary check in this process.
_checked: set[tuple[str, ...]] = set()


def _keys() -> tuple[str, ...]:
    return tuple(settings.WORKSHEET_KEYS)


def fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def check_keys() -> None:
    """Refuse to go on if the configured keys cannot open the canary written with the first key."""
    keys = _keys()
    if keys in _checked:
        return
    from worksheets.models import KeyCanary

    canary = KeyCanary.objects.filter(pk=1).first()
    if canary is None:
        KeyCanary.objects.get_or_create(
            pk=1, defaults={"token": fernet().encrypt(CANARY_TEXT.encode()).decode()}
        )
    else:
        try:
            fernet().decrypt(canary.token.encode())
        except InvalidToken:
            raise ImproperlyConfigured(WRONG_KEYS) from None
    _checked.add(keys)


def keys_read_stored_worksheets() -> bool:
    """True unless a canary is stored and none of the configured keys opens it (reads only)."""
    from worksheets.models import KeyCanary

    canary = KeyCanary.objects.filter(pk=1).first()
    if canary is None:
        return True
    try:
        fernet().decrypt(canary.token.encode())
    except InvalidToken:
        return False
    return True


def forget_checked_keys() -> None:
    """For tests that change the keys or the canary under a running process."""
    _checked.clear()


def encrypt(value: Any) -> str:
    check_keys()
    return fernet().encrypt(json.dumps(value).encode()).decode()


def decrypt(token: str) -> Any:
    check_keys()
    try:
        return json.loads(fernet().decrypt(token.encode()))
    except InvalidToken:
        raise ImproperlyConfigured(WRONG_KEYS) from None


def rotate(token: str) -> str:
    """The same value sealed under the newest key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(WRONG_KEYS) from None


class EncryptedJSONField(models.TextField):
    """A JSON value (dict, list or str) stored as a Fernet token; the database never sees it."""

    description = "JSON value encrypted with Fernet"

    def from_db_value(self, value: str | None, expression, connection) -> Any:
        if value is None:
            return None
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        # loaddata hands back the token that dumpdata wrote (see value_to_string).
        if isinstance(value, str) and value.startswith(TOKEN_PREFIX):
            try:
                return json.loads(fernet().decrypt(value.encode()))
            except (InvalidToken, ValueError):
                return value
        return value

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return encrypt(value)

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata) gets the token, never the clear text.
        return self.get_prep_value(self.value_from_object(obj)) or ""
