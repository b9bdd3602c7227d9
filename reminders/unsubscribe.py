"""The one-click way out: a signed token naming the account, good without signing in.

The token only ever turns reminders off, so it does not expire; the signature (under
``SECRET_KEY``) stops anyone from making one for another account.
"""

from __future__ import annotations

from django.core import signing

SALT = "reminders.unsubscribe"


def make_token(user_id: int) -> str:
    return signing.dumps(user_id, salt=SALT)


def user_id_from(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
