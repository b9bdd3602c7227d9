"""Keep calendar feed tokens out of Django's own logs.

A calendar app fetches the feed at an address holding its token, so the token cannot stay in a
fragment as share links' do. Django logs every 4xx answer with its path (``django.request``: a
revoked token is a 404) and the development server logs every request line (``django.server``);
the filter blanks the token there. The web server's access log is the operator's to configure
(docs/deploy.md).
"""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"/meetings/mine/calendar/[^/\s?\"]+")
HIDDEN = "/meetings/mine/calendar/…"


def hide(value: object) -> object:
    return TOKEN_IN_PATH.sub(HIDDEN, value) if isinstance(value, str) else value


class HideCalendarTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = hide(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(hide(arg) for arg in record.args)
        return True


def hide_tokens_in_django_logs() -> None:
    for name in ("django.request", "django.server"):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, HideCalendarTokens) for existing in logger.filters):
            logger.addFilter(HideCalendarTokens())
