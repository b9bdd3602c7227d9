"""Sharing a worksheet with a facilitator: the expiry choices and the form to pick one."""

from __future__ import annotations

import datetime

from django import forms

LIFETIMES: dict[str, tuple[datetime.timedelta, str]] = {
    "1h": (datetime.timedelta(hours=1), "1 hour"),
    "1d": (datetime.timedelta(days=1), "1 day"),
    "7d": (datetime.timedelta(days=7), "7 days"),
    "30d": (datetime.timedelta(days=30), "30 days"),
}


class ShareLinkForm(forms.Form):
    lifetime = forms.ChoiceField(
        label="The link stops working after",
        choices=[(key, label) for key, (_, label) in LIFETIMES.items()],
        initial="1d",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    @property
    def duration(self) -> datetime.timedelta:
        return LIFETIMES[self.cleaned_data["lifetime"]][0]
