"""The client's address, the one way every rate limit and the sign-in lockout read it.

Behind ``PROXY_COUNT`` reverse proxies, each proxy appends the address it was reached from to
``X-Forwarded-For``, so the client is the entry that many places from the right. Whatever a
client writes into the header itself sits further left and is never read; a header shorter than
the proxy chain (a request that went round the proxies) falls back to the socket's address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent the request, as a string ("" when unknown)."""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def _valid(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return ""
