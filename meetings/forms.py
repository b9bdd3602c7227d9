from __future__ import annotations

from django import forms

from meetings.models import ChangeRequest


class PlaceSearchForm(forms.Form):
    """The home page's "find a meeting near" box; it submits to the finder at /meetings/."""

    near = forms.CharField(
        label="City, ZIP or postcode",
        max_length=200,
        widget=forms.TextInput(
            attrs={"placeholder": "e.g. Austin, TX or 78701", "autocomplete": "address-level2"}
        ),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)


class ChangeRequestForm(forms.ModelForm):
    """ "Something is wrong with this listing": no account needed, a honeypot against bots."""

    # Hidden from people by CSS; bots fill every field they find.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ChangeRequest
        fields = ["message", "name", "email"]
        labels = {"message": "What should change?"}
        help_texts = {
            "message": "For example: the meeting moved to Thursdays, or the link has changed.",
            "email": "Optional, if you would like an answer.",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
