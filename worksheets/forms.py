from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from worksheets import charts
from worksheets.kinds import TOO_LONG, CappedCharField, Field, ItemList, Kind, get_kind
from worksheets.models import (
    TITLE_MAX_LENGTH,
    URGE_MINUTES_MAX,
    URGE_NOTE_MAX,
    URGE_TEXT_MAX,
    UrgeEntry,
    Worksheet,
)


class WorksheetForm(forms.Form):
    """The form for any worksheet kind, built from the kind's fields; list fields come as rows."""

    title = CappedCharField(
        label=gettext_lazy("Title (for your list)"),
        required=False,
        max_length=TITLE_MAX_LENGTH,
        help_text=lazy(
            lambda: gettext("Optional. Up to %(count)s characters.") % {"count": TITLE_MAX_LENGTH},
            str,
        )(),
        error_messages={"max_length": TOO_LONG},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    complete = forms.BooleanField(
        label=gettext_lazy("I've finished this worksheet for now (mark it complete)"),
        required=False,
    )

    def __init__(self, kind: Kind, *args: Any, rows: dict[str, int] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind = kind
        rows = rows or {}
        for spec in kind.fields:
            if isinstance(spec, ItemList):
                count = rows.get(spec.name) or self._posted_rows(spec)
                for index in range(min(count, spec.max_items)):
                    for sub in spec.subfields:
                        self.fields[row_name(spec, index, sub)] = sub.form_field()
            else:
                self.fields[spec.name] = spec.form_field()
        for bound in self:
            css = {"select": "form-select", "checkbox": "form-check-input"}
            bound.field.widget.attrs.setdefault("class", css.get(bound.widget_type, "form-control"))

    def _posted_rows(self, spec: ItemList) -> int:
        pattern = re.compile(rf"^{re.escape(spec.name)}-(\d+)-")
        indexes = [int(m.group(1)) for key in self.data if (m := pattern.match(key))]
        return max(indexes) + 1 if indexes else 1

    @classmethod
    def for_worksheet(cls, worksheet: Worksheet, *, add: str = "") -> WorksheetForm:
        """An unbound form showing what is stored, with blank rows to add to each list."""
        kind = get_kind(worksheet.kind)
        answers = worksheet.answers or {}
        initial: dict[str, Any] = {
            "title": worksheet.title,
            "version": worksheet.version,
            "complete": worksheet.status == Worksheet.Status.COMPLETE,
        }
        rows: dict[str, int] = {}
        for spec in kind.fields:
            if isinstance(spec, ItemList):
                items = answers.get(spec.name) or []
                blanks = 2 if not items else 1
                if add == spec.name:
                    blanks += 3
                rows[spec.name] = len(items) + blanks
                for index, item in enumerate(items):
                    for sub in spec.subfields:
                        value = item.get(sub.name)
                        initial[row_name(spec, index, sub)] = "" if value is None else value
            else:
                value = answers.get(spec.name)
                initial[spec.name] = "" if value is None else value
        return cls(kind, initial=initial, rows=rows)

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as stored: empty rows dropped, values JSON-friendly."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for spec in self.kind.fields:
            if isinstance(spec, ItemList):
                items = []
                for index in range(spec.max_items):
                    names = [row_name(spec, index, sub) for sub in spec.subfields]
                    if names[0] not in self.fields:
                        break
                    item = {
                        sub.name: sub.to_answer(data.get(name))
                        for sub, name in zip(spec.subfields, names, strict=True)
                    }
                    if not all(sub.is_empty(item[sub.name]) for sub in spec.subfields):
                        items.append(item)
                answers[spec.name] = items
            else:
                answers[spec.name] = spec.to_answer(data.get(spec.name))
        return answers

    def clean_title(self) -> str:
        return (self.cleaned_data.get("title") or "").strip()

    @property
    def status(self) -> str:
        complete = self.cleaned_data.get("complete")
        return Worksheet.Status.COMPLETE if complete else Worksheet.Status.DRAFT

    def layout(self) -> list[dict[str, Any]]:
        """The kind's sections with their bound fields, for the generic template."""
        sections = []
        for section in self.kind.sections:
            entries = []
            for spec in section.fields:
                if isinstance(spec, ItemList):
                    rows = []
                    for index in range(spec.max_items):
                        names = [row_name(spec, index, sub) for sub in spec.subfields]
                        if names[0] not in self.fields:
                            break
                        rows.append({"number": index + 1, "fields": [self[name] for name in names]})
                    entries.append({"type": "list", "spec": spec, "rows": rows})
                else:
                    entries.append({"type": "field", "field": self[spec.name]})
            sections.append({"section": section, "entries": entries})
        return sections


def row_name(spec: ItemList, index: int, sub: Field) -> str:
    return f"{spec.name}-{index}-{sub.name}"


class Buttons(forms.RadioSelect):
    """Radio buttons drawn as big touch targets by the template."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "btn-check"})


def up_to(limit: int) -> str:
    """ "Up to 2,000 characters.", the number grouped as the page's language writes it."""
    return gettext("Up to %(count)s characters.") % {
        "count": number_format(limit, force_grouping=True)
    }


def text_field(label: str, help_text: str, *, limit: int, lines: int = 1) -> CappedCharField:
    widget = forms.Textarea(attrs={"rows": lines}) if lines > 1 else forms.TextInput()
    return CappedCharField(
        label=label,
        required=False,
        max_length=limit,
        widget=widget,
        help_text=lazy(lambda: f"{help_text} {up_to(limit)}".strip(), str)(),
        error_messages={"max_length": TOO_LONG},
    )


class UrgeForm(forms.ModelForm):
    felt_at = forms.DateTimeField(
        label=gettext_lazy("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Now, unless you change it."),
        error_messages={"required": gettext_lazy("Say when you felt the urge (now or earlier).")},
    )
    intensity = forms.TypedChoiceField(
        label=gettext_lazy("How strong was it?"),
        help_text=gettext_lazy("0 is barely there; 10 is the strongest you've known."),
        choices=[(number, str(number)) for number in range(11)],
        coerce=int,
        widget=Buttons,
        error_messages={
            "required": gettext_lazy("Choose how strong the urge was, from 0 to 10."),
            "invalid_choice": gettext_lazy("Choose how strong the urge was, from 0 to 10."),
        },
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("How long did it last? (minutes)"),
        required=False,
        min_value=0,
        max_value=URGE_MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Optional. Most urges pass within 20 or 30 minutes."),
        error_messages={
            "min_value": gettext_lazy("Minutes can't be below 0."),
            "max_value": lazy(
                lambda: (
                    gettext("Up to %(count)s minutes (a day). Log a longer urge as more than one.")
                    % {"count": number_format(URGE_MINUTES_MAX, force_grouping=True)}
                ),
                str,
            )(),
        },
    )
    situation = text_field(
        gettext_lazy("Situation: where, doing what?"),
        gettext_lazy("Optional. Separate several with commas."),
        limit=URGE_TEXT_MAX,
    )
    people = text_field(
        gettext_lazy("People: who was there?"),
        gettext_lazy("Optional. Separate several with commas."),
        limit=URGE_TEXT_MAX,
    )
    feeling = text_field(
        gettext_lazy("Feeling: how did you feel?"),
        gettext_lazy("Optional. Separate several with commas."),
        limit=URGE_TEXT_MAX,
    )
    response = text_field(
        gettext_lazy("What I did"), gettext_lazy("Optional."), limit=URGE_NOTE_MAX, lines=3
    )
    acted_on = forms.TypedChoiceField(
        label=gettext_lazy("Did you act on it?"),
        choices=[
            ("no", gettext_lazy("No, I rode it out")),
            ("yes", gettext_lazy("Yes, I acted on it")),
        ],
        coerce=lambda value: value == "yes",
        widget=Buttons,
        error_messages={"required": gettext_lazy("Say whether you rode it out or acted on it.")},
    )

    class Meta:
        model = UrgeEntry
        fields = [
            "felt_at",
            "intensity",
            "minutes",
            "acted_on",
            "situation",
            "people",
            "feeling",
            "response",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["acted_on"] = "yes" if self.instance.acted_on else "no"
        for bound in self:
            if bound.widget_type != "radio":
                bound.field.widget.attrs.setdefault("class", "form-control")
        for name, _ in charts.TRIGGER_FIELDS:
            self.fields[name].widget.attrs["list"] = f"{name}-options"


class StartDateForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Count my days from"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Choose the date to count from."),
            "invalid": gettext_lazy("Enter a date."),
        },
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError(
                gettext("That date is still to come. Choose today or a day that has passed.")
            )
        if date < datetime.date(1900, 1, 1):
            raise forms.ValidationError(gettext("Choose a date from 1900 on."))
        return date
