"""`manage.py check --database default` (and `migrate`) say at once when WORKSHEET_KEYS is wrong."""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError

from worksheets import crypto


@checks.register(checks.Tags.database)
def worksheet_keys_read_stored_worksheets(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    try:
        readable = crypto.keys_read_stored_worksheets()
    except DatabaseError:
        # Not migrated yet: nothing is stored, so any key will do.
        return []
    if readable:
        return []
    return [checks.Error(crypto.WRONG_KEYS, id="worksheets.E001")]
