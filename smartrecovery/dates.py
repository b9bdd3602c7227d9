"""Clock times, weekdays and dates in the page's language, in that language's own forms.

English keeps the forms the listings have always used ("7:00 PM", "Thu", "Thursday 3
December"); the other languages take theirs from the Unicode CLDR through Babel ("19:00",
"jue", "jueves, 3 de diciembre"), since Django's formats have no weekday-and-date forms.
Several apps show times, so the helpers live here.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, match_skeleton
from django.conf import settings
from django.utils import translation


def language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_english() -> bool:
    return language() == "en"


@cache
def babel_locale(code: str) -> Locale:
    # Babel's "pt" is Brazilian Portuguese, the site's Portuguese.
    return Locale.parse(code)


@cache
def full_weekday_pattern(code: str) -> str:
    """The language's day-and-month form with the weekday written out: CLDR has it only with
    the weekday abbreviated ("E, d 'de' MMMM"), so widen that ("EEEE, d 'de' MMMM")."""
    locale = babel_locale(code)
    pattern = locale.datetime_skeletons[match_skeleton("MMMMEd", locale.datetime_skeletons)]
    return re.sub(r"E+", "EEEE", pattern.pattern)


# Languages whose weekdays and months are written in lower case inside a sentence.
LOWER_CASE_NAMES = {"es", "fr", "nl", "pt", "sv"}


def in_sentence(name: str) -> str:
    """A weekday's name as it reads inside a sentence: "jueves" (not "Jueves"), "Donnerstag"."""
    return name.lower() if language() in LOWER_CASE_NAMES else name


def capitalised(text: str) -> str:
    """A label that starts a line: "jueves" -> "Jueves" (the rest left as the language has it)."""
    return text[:1].upper() + text[1:]


def clock(moment: datetime.datetime | datetime.time) -> str:
    """7:00 PM in English, 19:00 in the other languages (the wall-clock time as given)."""
    if is_english():
        return moment.strftime("%I:%M %p").lstrip("0")
    plain = datetime.time(moment.hour, moment.minute)
    return format_time(plain, "short", locale=babel_locale(language()))


def weekday_short(date: datetime.date) -> str:
    """ "Thu"; "jue", "jeu.", "Do.", ... ."""
    if is_english():
        return f"{date:%a}"
    return capitalised(format_date(date, "EEE", locale=babel_locale(language())))


def weekday(date: datetime.date) -> str:
    """ "Thursday"; "jueves", "jeudi", "Donnerstag", ... ."""
    if is_english():
        return f"{date:%A}"
    return format_date(date, "EEEE", locale=babel_locale(language()))


def weekday_and_date(date: datetime.date) -> str:
    """ "Thursday 3 December"; "jueves, 3 de diciembre", "jeudi 3 décembre", ... (in a sentence;
    ``capitalised`` for a heading)."""
    if is_english():
        return f"{date:%A} {date.day} {date:%B}"
    code = language()
    return format_date(date, full_weekday_pattern(code), locale=babel_locale(code))


def weekday_and_date_with_year(date: datetime.date) -> str:
    """ "Thursday 3 December 2026" and its forms in the other languages."""
    if is_english():
        return f"{date:%A} {date.day} {date:%B} {date.year}"
    return format_date(date, "full", locale=babel_locale(language()))


def day_and_month(date: datetime.date) -> str:
    """ "24 December"; "24 de diciembre", "24 décembre", "24. Dezember", ... ."""
    if is_english():
        return f"{date.day} {date:%B}"
    return format_skeleton("MMMMd", date, locale=babel_locale(language()))


def day_month_and_year(date: datetime.date) -> str:
    """ "3 January 2027"; "3 de enero de 2027", "3 janvier 2027", ... ."""
    if is_english():
        return f"{date.day} {date:%B %Y}"
    return format_date(date, "long", locale=babel_locale(language()))


def day_and_month_short(date: datetime.date) -> str:
    """ "3 Dec"; "3 dic", "3 déc.", "3. Dez.", ... ."""
    if is_english():
        return f"{date.day} {date:%b}"
    return format_skeleton("MMMd", date, locale=babel_locale(language()))


def short_weekday_and_date(date: datetime.date) -> str:
    """ "Thu 3 Dec"; "Jue, 3 dic", "Jeu. 3 déc.", ... ."""
    if is_english():
        return f"{date:%a} {date.day} {date:%b}"
    return capitalised(format_skeleton("MMMEd", date, locale=babel_locale(language())))
