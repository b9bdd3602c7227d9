from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from attendance.models import Proof
from attendance.occurrences import request_problem
from meetings.models import Meeting
from smartrecovery import dates


def printable(text: str) -> bool:
    """Whether the PDF's built-in fonts can print it (Latin-1: José, Zoë, Øyvind)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return text.isprintable()


class ProofRequestForm(forms.ModelForm):
    """Asks for proof of one date's meeting; ``date`` comes from the meeting page."""

    date = forms.DateField(widget=forms.HiddenInput)

    class Meta:
        model = Proof
        fields = ["date", "printed_name", "recipient"]
        labels = {
            "printed_name": _("Name to print on the proof"),
            "recipient": _("Who it is for (optional)"),
        }
        help_texts = {
            "printed_name": _(
                "Your full name, or only your initials: your choice. Whoever checks the proof "
                "sees exactly this."
            ),
            "recipient": _(
                "For example a court, an employer or a counsellor. Printed on the proof."
            ),
        }

    def __init__(self, *args, meeting: Meeting, user: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting, self.user = meeting, user
        self.fields["printed_name"].widget.attrs["autocomplete"] = "name"

    def clean_printed_name(self) -> str:
        name = " ".join(self.cleaned_data["printed_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Give at least two letters: your initials will do."))
        if not printable(name):
            raise forms.ValidationError(
                _(
                    "The proof can print Latin letters only (such as José or Zoë). Write your "
                    "name in Latin letters, or give your initials."
                )
            )
        return name

    def clean_recipient(self) -> str:
        recipient = " ".join(self.cleaned_data["recipient"].split())
        if not printable(recipient):
            raise forms.ValidationError(_("Write this in Latin letters (such as José or Zoë)."))
        return recipient

    def clean(self) -> dict:
        date: datetime.date | None = self.cleaned_data.get("date")
        if date is None:
            return self.cleaned_data
        occurrence, problem = request_problem(self.meeting, date, timezone.now())
        if problem:
            raise forms.ValidationError(problem)
        if Proof.objects.filter(user=self.user, meeting=self.meeting, date=date).exists():
            raise forms.ValidationError(already_asked(date))
        self.instance.user, self.instance.meeting = self.user, self.meeting
        self.instance.take_occurrence(occurrence)
        return self.cleaned_data


def already_asked(date: datetime.date) -> str:
    return gettext(
        "You have already asked for proof of this meeting on %(day)s. See it on your account page."
    ) % {"day": dates.weekday_and_date_with_year(date)}


class PeriodForm(forms.Form):
    """The dates of the meetings whose proofs go into one PDF; either end may be left open."""

    start = forms.DateField(
        label=pgettext_lazy("period", "From"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )

    def clean(self) -> dict:
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return self.cleaned_data
