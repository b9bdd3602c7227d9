from __future__ import annotations

from django import forms


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
