"""The worksheet engine's vocabulary: a kind declares its sections and fields once.

From a ``Kind`` the engine builds the form (``worksheets.forms``), the edit, print, compare and
export pages and the JSON. A new kind is a small module that builds a ``Kind`` and registers it.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext

from smartrecovery import dates
from toolbox.worksheet_kinds import WorksheetKind

# A kind's prompts are written in English in its module. For a kind that lists a language in
# ``languages``, every prompt is also in that language's catalogue under this context
# (pages/catalogues.py collects them from the registry), and ``get_kind`` gives the kind in the
# page's language. Prompts are written in these languages besides English; a kind may also mark
# its prompts with gettext_lazy, as the CBA does, to have them in every language.
PROMPT_CONTEXT = "worksheet prompt"
PROMPT_LANGUAGES = ("es", "fr")

TOO_LONG = gettext_lazy(
    "This answer is longer than the %(limit_value)d characters a box can hold (it has "
    "%(show_value)d). Your words are still here: shorten it a little to save."
)


class CappedCharField(forms.CharField):
    """A capped text field that never truncates silently: a message instead of maxlength."""

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str = ""

    kind_name = "field"

    def form_field(self) -> forms.Field:
        raise NotImplementedError

    def to_answer(self, value: Any) -> Any:
        """A cleaned form value as it is stored (JSON-friendly)."""
        return value

    def is_empty(self, value: Any) -> bool:
        return value in (None, "", [])

    def display(self, value: Any) -> str:
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Text(Field):
    max_length: int = 2000
    lines: int = 3

    kind_name = "text"

    def form_field(self) -> forms.Field:
        widget = (
            forms.TextInput() if self.lines <= 1 else forms.Textarea(attrs={"rows": self.lines})
        )
        caps = gettext("Up to %(count)s characters.") % {
            "count": number_format(self.max_length, force_grouping=True)
        }
        return CappedCharField(
            label=self.label,
            required=False,
            max_length=self.max_length,
            strip=False,
            widget=widget,
            help_text=f"{self.help} {caps}".strip(),
            error_messages={"max_length": TOO_LONG},
        )

    def to_answer(self, value: Any) -> str:
        # Trailing spaces go; a participant's line breaks and indentation stay.
        return (value or "").rstrip()


@dataclass(frozen=True)
class Rating(Field):
    """A 0-10 ruler."""

    kind_name = "rating"

    def form_field(self) -> forms.Field:
        return forms.TypedChoiceField(
            label=self.label,
            required=False,
            choices=[("", gettext("Not rated"))] + [(str(n), str(n)) for n in range(11)],
            coerce=int,
            empty_value=None,
            help_text=self.help or gettext("0 is not at all, 10 is completely."),
        )

    def display(self, value: Any) -> str:
        return "" if value is None else f"{value} / 10"


@dataclass(frozen=True)
class Choice(Field):
    choices: tuple[tuple[str, str], ...] = ()

    kind_name = "choice"

    def form_field(self) -> forms.Field:
        return forms.ChoiceField(
            label=self.label,
            required=False,
            choices=[("", gettext("Choose…")), *self.choices],
            help_text=self.help,
        )

    def display(self, value: Any) -> str:
        return str(dict(self.choices).get(value, ""))


@dataclass(frozen=True)
class Date(Field):
    kind_name = "date"

    def form_field(self) -> forms.Field:
        return forms.DateField(
            label=self.label,
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=self.help,
        )

    def to_answer(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else ""

    def display(self, value: Any) -> str:
        if not value:
            return ""
        try:
            return dates.weekday_and_date_with_year(datetime.date.fromisoformat(value))
        except ValueError:
            return str(value)


@dataclass(frozen=True)
class ItemList(Field):
    """Rows of the same few fields: the items of a box, the steps of a plan."""

    subfields: tuple[Field, ...] = ()
    item_label: str = gettext_lazy("Item")
    max_items: int = 30
    # Rows the participant can put in order with Move up / Move down buttons (no JavaScript needed).
    orderable: bool = False

    kind_name = "list"


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...]
    intro: str = ""


@dataclass(frozen=True)
class Kind:
    key: WorksheetKind
    intro: str
    sections: tuple[Section, ...]
    # Given the answers, boxes to show side by side: [{"title", "items", "total"}], or None.
    # A summary with a "template" key is shown with that template instead of the boxes.
    summary: Callable[..., dict] | None = None
    closing: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Optional hooks. ``initial_answers(worksheets)``: what a new worksheet starts with, given the
    # participant's own worksheets. ``compares_previous``: ``summary(answers, previous)`` also
    # gets the answers of the participant's latest earlier worksheet of this kind (or None).
    initial_answers: Callable[[list], dict] | None = None
    compares_previous: bool = False
    # Worksheets that go with this one, offered under its introduction: (kind key, why).
    see_also: tuple[tuple[str, str], ...] = ()
    # The languages its prompts are written in (marked for translation and in each catalogue);
    # in any other, the page shows the English prompts and says which languages have them.
    languages: tuple[str, ...] = ("en",)

    def prompt_languages(self, language: str) -> list[tuple[str, str]]:
        """(code, name) of the languages that have the prompts, when ``language`` does not."""
        if language in self.languages:
            return []
        return [(code, name) for code, name in settings.LANGUAGES if code in self.languages]

    @property
    def prompts_lang(self) -> str:
        """ "en" where the page's language does not have the prompts, so that they show in
        English: templates mark them with it (lang="en"), for screen readers; "" elsewhere."""
        return "" if get_language() in self.languages else settings.LANGUAGE_CODE

    @property
    def related(self) -> list[dict]:
        """The ``see_also`` worksheets with their names and addresses, for the form page."""
        return [
            {"label": REGISTRY[key].label, "url": reverse("worksheets:new", args=[key]), "why": why}
            for key, why in self.see_also
            if key in REGISTRY
        ]

    @property
    def label(self) -> str:
        return self.key.label

    @property
    def fields(self) -> list[Field]:
        return [f for section in self.sections for f in section.fields]

    def summary_for(self, worksheet: Any, earlier: Iterable = ()) -> dict | None:
        """The summary; ``earlier`` (the owner's worksheets) matters only if the kind compares."""
        if self.summary is None:
            return None
        if not self.compares_previous:
            return self.summary(worksheet.answers)
        before = [
            other
            for other in earlier
            if other.kind == worksheet.kind
            and other.pk != worksheet.pk
            and other.created < worksheet.created
        ]
        previous = max(before, key=lambda other: other.created).answers if before else None
        return self.summary(worksheet.answers, previous)

    def move_row(self, answers: dict, instruction: str) -> str:
        """Apply a Move up/down button ("<list>:<index>:up"); the list's name, or "" if none."""
        name, _, rest = instruction.partition(":")
        index, _, direction = rest.partition(":")
        spec = next((f for f in self.fields if f.name == name), None)
        if not (isinstance(spec, ItemList) and spec.orderable and index.isdigit()):
            return ""
        items, index = answers.get(name) or [], int(index)
        other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
        if 0 <= index < len(items) and 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
        return name

    def readable(self, answers: dict) -> list[dict]:
        """The answers as sections of prompts and displayed values (print, compare, export)."""
        sections = []
        for section in self.sections:
            entries = []
            for f in section.fields:
                value = answers.get(f.name)
                if isinstance(f, ItemList):
                    rows = [
                        [
                            {"label": str(sub.label), "value": sub.display(item.get(sub.name))}
                            for sub in f.subfields
                        ]
                        for item in (value or [])
                    ]
                    entries.append({"type": "list", "label": str(f.label), "rows": rows})
                else:
                    entries.append(
                        {"type": f.kind_name, "label": str(f.label), "value": f.display(value)}
                    )
            sections.append({"title": str(section.title), "entries": entries})
        return sections


REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    REGISTRY[kind.key.value] = kind
    return kind


def get_kind(key: str) -> Kind | None:
    """The registered kind named ``key`` in the page's language where its prompts are written
    in it (in English otherwise), or None."""
    kind = REGISTRY.get(key)
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if kind is None or language not in kind.languages or language == settings.LANGUAGE_CODE:
        return kind
    return in_language(key, language)


def prompts(kind: Kind) -> Iterator[str]:
    """Every prompt of a kind written as a plain English string (not already marked)."""

    def texts(*values: Any) -> Iterator[str]:
        yield from (value for value in values if isinstance(value, str) and value)

    yield from texts(kind.intro, kind.closing, *(why for _, why in kind.see_also))
    for section in kind.sections:
        yield from texts(section.title, section.intro)
        for spec in section.fields:
            yield from field_prompts(spec)


def field_prompts(spec: Field) -> Iterator[str]:
    values = [spec.label, spec.help]
    if isinstance(spec, Choice):
        values += [label for _, label in spec.choices]
    if isinstance(spec, ItemList):
        values.append(spec.item_label)
    yield from (value for value in values if isinstance(value, str) and value)
    if isinstance(spec, ItemList):
        for sub in spec.subfields:
            yield from field_prompts(sub)


@cache
def in_language(key: str, language: str) -> Kind:
    """A copy of the kind with its prompts from ``language``'s catalogue (built once a
    language; the English kind stays as registered)."""
    with translation.override(language):
        return translated(REGISTRY[key])


def prompt(text: Any) -> Any:
    return pgettext(PROMPT_CONTEXT, text) if isinstance(text, str) and text else text


def translated_field(spec: Field) -> Field:
    changes: dict[str, Any] = {"label": prompt(spec.label), "help": prompt(spec.help)}
    if isinstance(spec, Choice):
        changes["choices"] = tuple((value, prompt(label)) for value, label in spec.choices)
    if isinstance(spec, ItemList):
        changes["item_label"] = prompt(spec.item_label)
        changes["subfields"] = tuple(translated_field(sub) for sub in spec.subfields)
    return dataclasses.replace(spec, **changes)


def translated(kind: Kind) -> Kind:
    sections = tuple(
        dataclasses.replace(
            section,
            title=prompt(section.title),
            intro=prompt(section.intro),
            fields=tuple(translated_field(spec) for spec in section.fields),
        )
        for section in kind.sections
    )
    return dataclasses.replace(
        kind,
        intro=prompt(kind.intro),
        closing=prompt(kind.closing),
        see_also=tuple((key, prompt(why)) for key, why in kind.see_also),
        sections=sections,
    )


# Each kind registers itself on import, in the order the worksheet list offers them.
# isort: off
from worksheets.kinds import (  # noqa: E402, F401
    cba,
    change_plan,
    hov,
    abc,
    disarm,
    deads,
    problem_solving,
    balance_pie,
    vaci,
    journal,
    triggers,
    week_plan,
    goals,
    acceptance,
    family_communication,
    family_self_care,
)

# isort: on
