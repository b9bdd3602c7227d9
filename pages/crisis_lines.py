"""Crisis lines by country, who a visitor can call right now: pages/data/crisis_lines.json.

Each country's entry names its emergency number and the crisis lines we checked, every one with
the public page it was checked against (``source``). A country we could not check has no entry:
the footer then points to an international directory rather than to a number nobody verified.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from django.http import HttpRequest
from django.utils.translation import get_language, to_locale

# The session key of the country of the place the visitor last searched for on the finder.
from meetings.views.finder import searched_country
from meetings.views.finder import visitor_country as language_region

DATA_FILE = Path(__file__).with_name("data") / "crisis_lines.json"
# A neutral directory of helplines in most countries, for visitors whose country we have no
# checked entry for (or do not know).
DIRECTORY_URL = "https://findahelpline.com/"
# Countries whose English name takes "the" in a sentence ("in the United Kingdom").
NAMES_WITH_THE = {"US", "GB", "NL", "PH", "AE", "CD", "CF", "DO", "GM", "BS", "MV", "CZ"}
# CLDR's formal names that no one says: Hong Kong is "Hong Kong" on a helpline page.
SHORT_NAMES = {
    ("HK", "es"): "Hong Kong",
    ("HK", "fr"): "Hong Kong",
    ("HK", "de"): "Hongkong",
    ("HK", "nl"): "Hongkong",
    ("HK", "pt"): "Hong Kong",
    ("HK", "sv"): "Hongkong",
}


@dataclass(frozen=True)
class Line:
    service: str
    phone: str
    hours: str
    source: str
    text: str = ""
    chat: str = ""
    note: str = ""
    # Further pages that confirm what the first does not say (the hours, a second number).
    more_sources: tuple[str, ...] = ()
    # The language of a name not in English, so a screen reader says it right.
    service_lang: str = ""

    @property
    def tel(self) -> str:
        """The number as a tel: link dials it: digits, a leading plus and a star (Chile's *4141)."""
        return "".join(c for c in self.phone if c.isdigit() or c in "+*")

    @property
    def sms(self) -> str:
        return "".join(c for c in self.text if c.isdigit() or c == "+")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    emergency_source: str
    lines: tuple[Line, ...]
    emergency_note: str = ""

    @property
    def local_name(self) -> str:
        """The name in the page's language (CLDR's, through Babel); in English, the file's own."""
        language = get_language() or "en"
        if language.split("-")[0] == "en":
            return self.name
        language = language.split("-")[0]
        if (self.code, language) in SHORT_NAMES:
            return SHORT_NAMES[self.code, language]
        return Locale.parse(to_locale(language)).territories.get(self.code, self.name)

    @property
    def sort_key(self) -> str:
        """The local name without accents, so "Égypte" sorts among the E's."""
        decomposed = unicodedata.normalize("NFKD", self.local_name)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    @property
    def in_words(self) -> str:
        """The name as it reads after "in": "the United Kingdom", "Canada".

        In other languages, the bare name: their sentences put it where no article or
        preposition has to agree with it ("(Mexique)", not "au Mexique").
        """
        if (get_language() or "en").split("-")[0] != "en":
            return self.local_name
        return f"the {self.name}" if self.code in NAMES_WITH_THE else self.name

    @property
    def emergency_tel(self) -> str:
        return "".join(c for c in self.emergency if c.isdigit())

    @property
    def first_line(self) -> Line | None:
        return self.lines[0] if self.lines else None


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, Country]:
    """Every checked country by ISO code, read once per process."""
    return {
        code: Country(
            code=code,
            name=entry["name"],
            emergency=entry["emergency"],
            emergency_source=entry["emergency_source"],
            lines=tuple(
                Line(**{**line, "more_sources": tuple(line.get("more_sources", ()))})
                for line in entry.get("lines", [])
            ),
            emergency_note=entry.get("emergency_note", ""),
        )
        for code, entry in _data()["countries"].items()
    }


def by_name() -> list[Country]:
    return sorted(countries().values(), key=lambda country: country.name)


def for_country(code: str) -> Country | None:
    return countries().get(code.upper()) if code else None


def visitor_country(request: HttpRequest) -> str:
    """Where the visitor probably is: the country of the place they searched for, else their
    browser's language region ("en-GB" is GB), else nothing. Reads no table."""
    return searched_country(request) or language_region(request)


def checked_on() -> str:
    """The date every entry was last checked against its source."""
    return _data()["checked"]
