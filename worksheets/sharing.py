"""Sharing a worksheet with a facilitator: the expiry choices, and the form that opens a link.

A share link carries its token after "#" (``/worksheets/shared/#<token>``). Browsers never send
that part to a server, so no access log, proxy or referrer ever holds the token: the page there
posts it (static/js/share_link.js, or the visitor pastes the link without JavaScript) and is
answered with the worksheet at a token-less address.
"""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LIFETIMES: dict[str, tuple[datetime.timedelta, str]] = {
    "1h": (datetime.timedelta(hours=1), _("1 hour")),
    "1d": (datetime.timedelta(days=1), _("1 day")),
    "7d": (datetime.timedelta(days=7), _("7 days")),
    "30d": (datetime.timedelta(days=30), _("30 days")),
}


class ShareLinkForm(forms.Form):
    lifetime = forms.ChoiceField(
        label=_("The link stops working after"),
        choices=[(key, label) for key, (_duration, label) in LIFETIMES.items()],
        initial="1d",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    @property
    def duration(self) -> datetime.timedelta:
        return LIFETIMES[self.cleaned_data["lifetime"]][0]


def share_url(request: HttpRequest, token: str) -> str:
    """The link to give: the token only in the fragment, which never leaves the browser."""
    return request.build_absolute_uri(reverse("worksheets:shared_open")) + "#" + token


def token_from(text: str) -> str:
    """The token in a pasted link (after "#", or a link's last segment) or the bare token."""
    text = text.strip()
    if "#" in text:
        return text.rsplit("#", 1)[1].strip()
    return text.rstrip("/").rsplit("/", 1)[-1]


class OpenSharedForm(forms.Form):
    link = forms.CharField(
        label=_("The link you were sent"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Paste the whole link you were sent.")},
    )

    @property
    def token(self) -> str:
        return token_from(self.cleaned_data["link"])
