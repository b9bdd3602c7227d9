"""Reading one field of a record: days, times, zones, types, yes or no, regions, attendance.

Each parser takes the raw value as the file gives it (text from a CSV, text, a number or a list
from JSON), reports what is wrong with it in the import's report, and returns the value to store.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from meetings.importing.problems import Report
from meetings.importing.records import column_key
from meetings.models import Attendance, Location, Region, Weekday, validate_timezone
from meetings.types import (
    ALL_TYPES,
    LANGUAGE_ALIASES,
    LANGUAGES,
    LEGACY_CODES,
    OTHER_SPEC_CODES,
    Program,
    program_for_code,
)

# English names of the spec's codes for other fellowships, so a CSV that spells types out (as
# the 12 Step Meeting List plugin exports them) has them dropped with a warning, not refused.
OTHER_SPEC_NAMES = {
    "11": "11th Step Meditation",
    "12x12": "12 Steps & 12 Traditions",
    "A": "Secular",
    "ABSI": "As Bill Sees It",
    "AL": "Concurrent with Alateen",
    "AL-AN": "Concurrent with Al-Anon",
    "AM": "Amharic",
    "B": "Big Book",
    "BI": "Bisexual",
    "BRK": "Breakfast",
    "CAN": "Candlelight",
    "DR": "Daily Reflections",
    "G": "Gay",
    "GR": "Grapevine",
    "H": "Birthday",
    "HR": "Croatian",
    "HU": "Hungarian",
    "L": "Lesbian",
    "LIT": "Literature",
    "LS": "Living Sober",
    "LT": "Lithuanian",
    "ML": "Malayalam",
    "N": "Native American",
    "NDG": "Indigenous",
    "PUN": "Punjabi",
    "SK": "Slovak",
    "SM": "Smoking Permitted",
    "ST": "Step Study",
    "TR": "Tradition Study",
    "XT": "Cross Talk Permitted",
}

# Attendance values as column_key() leaves them ("In person" and "in_person" alike).
ATTENDANCE_NAMES = {
    "inperson": Attendance.IN_PERSON,
    "hybrid": Attendance.HYBRID,
    "online": Attendance.ONLINE,
    # The plugin's word for a temporarily closed meeting: the TC type says the same.
    "inactive": None,
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.I)
TEXT_FIELDS = (
    "notes",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "group",
    "feedback_url",
)


@functools.cache
def _type_codes() -> dict[str, str]:
    """Lower-case code, alias or English name -> type code."""
    lookup: dict[str, str] = {}
    names = {**OTHER_SPEC_NAMES, **LEGACY_CODES, "ONL": "Online Meeting", **ALL_TYPES}
    for code, name in names.items():
        lookup[name.casefold()] = code
    for code in (*OTHER_SPEC_CODES, *LEGACY_CODES, *ALL_TYPES):
        lookup[code.casefold()] = code
    for alias, code in LANGUAGE_ALIASES.items():
        lookup[alias.casefold()] = code
    return lookup


@functools.cache
def _day_names() -> dict[str, int]:
    # Files name days in English, whatever the language of the page that imports them.
    with translation.override("en"):
        return {label.lower(): value for value, label in Weekday.choices}


@functools.lru_cache(maxsize=1024)
def _timezone_error(name: str, language: str | None) -> str | None:
    """Why a zone name is refused, or None; asked once per name (and language), however many
    rows give it."""
    try:
        validate_timezone(name)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def as_text(value: Any) -> str:
    """A raw value as stripped text: "" for nothing, a list's items joined by commas."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value)
    return str(value).strip()


def validate(
    report: Report,
    number: int,
    model: type[models.Model],
    name: str,
    value: Any,
    label: str = "",
) -> None:
    """Run the model field's own validators (length, URL, phone, slug) on a value."""
    try:
        model._meta.get_field(name).run_validators(value)
    except ValidationError as error:
        reason = " ".join(dict.fromkeys(error.messages))
        report.problem(
            number,
            label or name,
            gettext("“%(value)s”: %(reason)s") % {"value": value, "reason": reason},
        )


def parse_days(report: Report, number: int, value: Any) -> list[int]:
    """The weekday(s), Sunday 0; the spec allows a list of days for one record."""
    values = value if isinstance(value, list) and value else [value]
    days = []
    for item in values:
        text = as_text(item).lower()
        if not text:
            report.problem(number, "day", gettext("required"))
            continue
        if text.isdigit() and int(text) in Weekday.values:
            days.append(int(text))
            continue
        names = [
            day for name, day in _day_names().items() if len(text) >= 3 and name.startswith(text)
        ]
        if len(names) == 1:
            days.append(names[0])
        else:
            report.problem(
                number,
                "day",
                gettext("“%(value)s” is not a day: use 0-6 (Sunday is 0) or a day name")
                % {"value": as_text(item)},
            )
    return list(dict.fromkeys(days))


def parse_time(
    report: Report, number: int, name: str, value: Any, required: bool = False
) -> time | None:
    text = as_text(value).lower()
    if not text:
        if required:
            report.problem(number, name, gettext("required"))
        return None
    if text in ("noon", "midday"):
        return time(12)
    if text == "midnight":
        return time(0)
    match = TIME.match(text)
    if match:
        hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[4]
        if meridiem and 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if meridiem == "p" else 0), minute)
        if not meridiem and match[2] and hour < 24 and minute < 60:
            return time(hour, minute)
    report.problem(
        number,
        name,
        gettext("“%(value)s” is not a time such as 19:00 or 7:00 PM") % {"value": as_text(value)},
    )
    return None


def parse_timezone(report: Report, number: int, name: str) -> str:
    if not name:
        return ""
    if error := _timezone_error(name, translation.get_language()):
        report.problem(number, "timezone", error)
    return name


def parse_types(report: Report, number: int, value: Any, values: dict[str, Any]) -> bool:
    """Sort type codes into the fields they belong to; True when one says "online"."""
    tokens = value if isinstance(value, list) else as_text(value).split(",")
    types: list[str] = []
    languages: list[str] = []
    programs: list[str] = []
    unknown: list[str] = []
    online = False
    values.update(attendance_verification=False, is_active=True)
    for token in filter(None, (as_text(token) for token in tokens)):
        code = _type_codes().get(token.casefold())
        if code is None:
            unknown.append(token)
        elif program := program_for_code(code):
            programs.append(program)
        elif code in LANGUAGES:
            languages.append(code)
        elif code == "TC":
            values["is_active"] = False
        elif code == "POA":
            values["attendance_verification"] = True
        elif code == "ONL":
            online = True
        elif code in ALL_TYPES:
            types.append(code)
        else:
            report.warn(
                number,
                "types",
                gettext("dropped “%(code)s”, a type of another fellowship") % {"code": token},
            )
    if unknown:
        report.problem(
            number,
            "types",
            gettext("unknown type code(s): %(codes)s") % {"codes": ", ".join(unknown)},
        )
    programs = list(dict.fromkeys(programs))
    if len(programs) > 1:
        labels = ", ".join(str(Program(program).label) for program in programs)
        report.problem(
            number,
            "types",
            gettext("a meeting belongs to one program, not %(programs)s") % {"programs": labels},
        )
    values["program"] = programs[0] if programs else Program.REGULAR
    values["types"] = list(dict.fromkeys(types))
    values["languages"] = list(dict.fromkeys(languages))
    return online


def parse_number(report: Report, number: int, name: str, value: Any) -> float | None:
    text = as_text(value)
    if not text:
        return None
    try:
        number_read = float(text)
    except ValueError:
        number_read = math.nan
    if not math.isfinite(number_read):
        report.problem(number, name, gettext("“%(value)s” is not a number") % {"value": text})
        return None
    return number_read


def parse_yes_no(report: Report, number: int, name: str, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if not text:
        return None
    if text in YES or text in NO:
        return text in YES
    report.problem(
        number, name, gettext("“%(value)s” is not yes or no") % {"value": as_text(value)}
    )
    return None


def parse_region_path(report: Report, number: int, record: dict[str, Any]) -> tuple[str, ...]:
    """Region names from the widest to the narrowest: ``regions``, else region/sub_region."""
    regions = record.get("regions")
    if isinstance(regions, list):
        path = [as_text(name) for name in regions]
    elif as_text(regions):
        path = as_text(regions).split(">")
    else:
        region, sub_region = as_text(record.get("region")), as_text(record.get("sub_region"))
        if sub_region and not region:
            report.problem(number, "sub_region", gettext("a sub region needs a region"))
        path = [region, sub_region]
    path = [name.strip() for name in path if name.strip()]
    for name in path:
        validate(report, number, Region, "name", name, "region")
    return tuple(path)


def parse_attendance(
    report: Report,
    number: int,
    record: dict[str, Any],
    values: dict[str, Any],
    location: Location | None,
    approximate: bool | None,
    online_type: bool,
) -> None:
    """In person, hybrid or online: as the file says, else as Meeting Guide apps infer it."""
    text = column_key(as_text(record.get("attendance_option")))
    attendance = ATTENDANCE_NAMES.get(text)
    if text and text not in ATTENDANCE_NAMES:
        report.problem(
            number,
            "attendance_option",
            gettext("“%(value)s” is not in_person, hybrid or online")
            % {"value": as_text(record.get("attendance_option"))},
        )
    has_link = bool(values["conference_url"] or values["conference_phone"])
    if attendance is None and (has_link or online_type):
        # A street address the file does not call approximate is a door to walk through.
        physical = location is not None and (
            approximate is False or (approximate is None and bool(location.address))
        )
        attendance = Attendance.HYBRID if physical else Attendance.ONLINE
    values["attendance"] = attendance or Attendance.IN_PERSON
    if values["attendance"] != Attendance.IN_PERSON and not has_link:
        report.problem(
            number,
            "conference_url",
            gettext("an online or hybrid meeting needs a conference URL or phone"),
        )
    if values["attendance"] != Attendance.ONLINE and location is None:
        if has_link:
            report.problem(
                number, "address", gettext("an in-person or hybrid meeting needs an address")
            )
        else:
            report.problem(
                number,
                "address",
                gettext("no address and no conference URL or phone: give one"),
            )
