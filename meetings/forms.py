from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from meetings.models import ChangeRequest, MeetingQuerySet
from meetings.search import ProgramLanguageFields, sorted_by_name, translated_choices
from meetings.types import EDITABLE_TYPES, LANGUAGES, Program, type_name


class PlaceSearchForm(forms.Form):
    """The home page's "find a meeting near" box; it submits to the finder at /meetings/."""

    near = forms.CharField(
        label=_("City, ZIP or postcode"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. Austin, TX or 78701"), "autocomplete": "address-level2"}
        ),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)


class ChangeRequestForm(forms.ModelForm):
    """ "Something is wrong with this listing": no account needed, a honeypot against bots."""

    # Hidden from people by CSS; bots fill every field they find.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ChangeRequest
        fields = ["message", "name", "email"]
        labels = {"message": _("What should change?")}
        help_texts = {
            "message": _("For example: the meeting moved to Thursdays, or the link has changed."),
            "email": _("Optional, if you would like an answer."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class OnlineFilterForm(ProgramLanguageFields):
    """The online meetings page's optional filters, kept in the URL."""

    type = forms.MultipleChoiceField(
        label=_("Kind of meeting"),
        choices=translated_choices(lambda: sorted_by_name(EDITABLE_TYPES)),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> OnlineFilterForm:
        """Bound to the query with any value it does not know dropped (never echoed back)."""
        data = QueryDict(mutable=True)
        data.setlist("type", [code for code in query.getlist("type") if code in EDITABLE_TYPES])
        if query.get("program") in Program.values:
            data["program"] = query["program"]
        if query.get("language") in LANGUAGES:
            data["language"] = query["language"]
        form = cls(data)
        form.full_clean()
        return form

    def filter(self, meetings: MeetingQuerySet) -> MeetingQuerySet:
        chosen = self.cleaned_data
        if chosen["type"]:
            meetings = meetings.with_feed_types(chosen["type"])
        if chosen["program"]:
            meetings = meetings.filter(program=chosen["program"])
        if chosen["language"]:
            meetings = meetings.filter(languages__contains=[chosen["language"]])
        return meetings

    def summary(self) -> list[str]:
        """The chosen filters' names, for "Showing only: Women, Spanish"."""
        chosen = self.cleaned_data
        names = [type_name(code) for code in chosen["type"]]
        if chosen["program"]:
            names.append(Program(chosen["program"]).label)
        if chosen["language"]:
            names.append(type_name(chosen["language"]))
        return names
