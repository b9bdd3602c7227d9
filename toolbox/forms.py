from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from toolbox.checkin import Answers, Changing, Pull

RULER_CHOICES = [(number, str(number)) for number in range(11)]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RulerSelect(forms.RadioSelect):
    """Eleven numbered buttons from 0 to 10, drawn as a row by the check-in template."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "btn-check"})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the toolbox"), max_length=200, required=False, strip=True)


class CheckInForm(forms.Form):
    importance = forms.TypedChoiceField(
        label=_("How important is it to you to make this change?"),
        help_text=_("0 means not important at all; 10 means it's the most important thing to you."),
        choices=RULER_CHOICES,
        coerce=int,
        widget=RulerSelect,
    )
    confidence = forms.TypedChoiceField(
        label=_("If you decided to change, how confident are you that you could?"),
        help_text=_("0 means not at all confident; 10 means completely confident."),
        choices=RULER_CHOICES,
        coerce=int,
        widget=RulerSelect,
    )
    changing = forms.ChoiceField(
        label=_("Have you already started to change the behavior?"),
        choices=[
            (Changing.NOT_YET, _("Not yet")),
            (Changing.RECENTLY, _("Yes, within the last six months")),
            (Changing.SIX_MONTHS, _("Yes, and I've kept it up for six months or more")),
        ],
        widget=forms.RadioSelect,
    )
    slipped = forms.TypedChoiceField(
        label=_(
            "In the last few weeks, have you gone back to the old behavior after a time of "
            "doing things differently?"
        ),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    plan = forms.TypedChoiceField(
        label=_("Do you have a plan, or a date, for changing?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    pull = forms.ChoiceField(
        label=_("How much does the old behavior still pull at you?"),
        choices=[
            (Pull.OFTEN, _("Often, most days")),
            (Pull.SOMETIMES, _("Now and then")),
            (Pull.RARELY, _("Rarely, or hardly at all")),
        ],
        widget=forms.RadioSelect,
    )
    save = forms.BooleanField(
        label=_("Save this check-in to my worksheets' history"),
        help_text=_("Only you can see it. Nothing is stored unless you tick this."),
        required=False,
    )

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            importance=data["importance"],
            confidence=data["confidence"],
            changing=data["changing"],
            slipped=data["slipped"],
            plan=data["plan"],
            pull=data["pull"],
        )
