"""Keep verification codes out of Django's own logs.

Django logs every 4xx answer with its path (``django.request``: an unknown or revoked code is a
404 or 410) and the development server logs every request line (``django.server``); a code in
those lines would let whoever reads the logs open the proof. The filter blanks the code there.
The web server's access log in front of the app is the operator's to configure
(docs/attendance.md).
"""

from __future__ import annotations

import logging
import re

CODE_IN_PATH = re.compile(r"/verify/[^/\s?\"]+")
HIDDEN = "/verify/…"


def hide(value: object) -> object:
    return CODE_IN_PATH.sub(HIDDEN, value) if isinstance(value, str) else value


class HideVerificationCodes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = hide(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(hide(arg) for arg in record.args)
        return True


def hide_codes_in_django_logs() -> None:
    for name in ("django.request", "django.server"):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, HideVerificationCodes) for existing in logger.filters):
            logger.addFilter(HideVerificationCodes())
