"""Meeting type codes: the Meeting Guide spec's codes where they mean the same, and our own.

The spec (code4recovery) is what other meeting apps read, so a code that exists there keeps its
meaning here. The program's own meeting kinds get ``SR``-prefixed codes, a prefix no spec code
uses (note ``FF`` is the spec's Fragrance Free, not Family & Friends).
"""

from __future__ import annotations

from django.db import models

# Spec codes we offer editors, with the spec's English names (or a plainer one where the spec's
# is specific to another fellowship).
SPEC_TYPES: dict[str, str] = {
    "O": "Open",
    "C": "Closed",
    "BE": "Newcomer",
    "D": "Discussion",
    "SP": "Speaker",
    "MED": "Meditation",
    "M": "Men",
    "W": "Women",
    "LGBTQ": "LGBTQ",
    "T": "Transgender",
    "NB": "Non-Binary",
    "Y": "Young People",
    "SEN": "Seniors",
    "POC": "People of Color",
    "P": "Professionals",
    "DD": "Dual Diagnosis",
    "X": "Wheelchair Access",
    "XB": "Wheelchair-Accessible Bathroom",
    "ASL": "American Sign Language",
    "BA": "Babysitting Available",
    "CF": "Child-Friendly",
    "FF": "Fragrance Free",
    "OUT": "Outdoor",
    "POA": "Proof of Attendance",
    "DB": "Digital Basket",
    "TC": "Location Temporarily Closed",
}

# The spec's language codes (note Spanish is S, Italian ITA, Korean KOR, Russian RUS).
LANGUAGES: dict[str, str] = {
    "EN": "English",
    "S": "Spanish",
    "FR": "French",
    "DE": "German",
    "ITA": "Italian",
    "POR": "Portuguese",
    "NL": "Dutch",
    "POL": "Polish",
    "RUS": "Russian",
    "UK": "Ukrainian",
    "SV": "Swedish",
    "DA": "Danish",
    "NO": "Norwegian",
    "FI": "Finnish",
    "EL": "Greek",
    "HE": "Hebrew",
    "AR": "Arabic",
    "FA": "Persian",
    "HI": "Hindi",
    "JA": "Japanese",
    "KOR": "Korean",
    "TL": "Tagalog",
    "TH": "Thai",
    "TUR": "Turkish",
    "AF": "Afrikaans",
}

# Every other code the spec defines, so imports can tell "another fellowship's code" from a typo.
OTHER_SPEC_CODES = frozenset(
    {
        *("11", "12x12", "A", "ABSI", "AL", "AL-AN", "AM", "B", "BG", "BI", "BRK", "CAN"),
        *("DR", "G", "GR", "H", "HR", "HU", "IS", "KA", "L", "LIT", "LS", "LT", "ML", "MT"),
        *("N", "NDG", "NE", "PUN", "SK", "SL", "SM", "ST", "TR", "XT"),
    }
)

# Codes other tools export that mean something we store elsewhere: read, never written.
LEGACY_CODES = {"ONL": "Online", "TC": "Location Temporarily Closed"}

# Spellings seen in imports for the same language.
LANGUAGE_ALIASES = {"ES": "S", "SP-ES": "S", "IT": "ITA", "PT": "POR", "KO": "KOR", "RU": "RUS"}


class Program(models.TextChoices):
    """The program's kinds of meeting; each has a feed code (``REGULAR`` has none)."""

    REGULAR = "regular", "SMART Recovery"
    FAMILY_FRIENDS = "family_friends", "Family & Friends"
    VETERANS = "veterans", "Veterans & First Responders"
    INSIDEOUT = "insideout", "InsideOut (correctional facilities)"
    YOUTH = "youth", "Youth & Young Adults"


PROGRAM_CODES: dict[str, str] = {
    Program.FAMILY_FRIENDS: "SRFF",
    Program.VETERANS: "SRVFR",
    Program.INSIDEOUT: "SRIO",
    # The spec's Young People code means the same thing, so the program is the only source of it.
    Program.YOUTH: "Y",
}
PROGRAM_TYPES: dict[str, str] = {
    "SRFF": "Family & Friends",
    "SRVFR": "Veterans & First Responders",
    "SRIO": "InsideOut",
}

# What a type means for a newcomer deciding whether to go (our own words).
TYPE_HELP: dict[str, str] = {
    "O": "Anyone may come, including family, friends and professionals who want to learn.",
    "C": "For people who want to change their own addictive behaviour.",
    "BE": "Especially welcoming to people at their first few meetings.",
    "D": "Participants talk through what is going on for them, with the facilitator's help.",
    "SP": "Someone shares their own story of change.",
    "MED": "Time is given to a short guided meditation.",
    "M": "For men.",
    "W": "For women.",
    "LGBTQ": "A space especially for lesbian, gay, bisexual, transgender and queer people.",
    "T": "A space especially for transgender people.",
    "NB": "A space especially for non-binary people.",
    "Y": "For young people.",
    "SEN": "For older adults.",
    "POC": "A space especially for people of colour.",
    "P": "For people who share a profession (such as health care).",
    "DD": "Welcoming to people also living with a mental-health condition.",
    "X": "The meeting room can be reached in a wheelchair.",
    "XB": "There is a wheelchair-accessible bathroom.",
    "ASL": "Interpreted in American Sign Language.",
    "BA": "Childcare is available during the meeting.",
    "CF": "Children are welcome to come along.",
    "FF": "Please do not wear perfume or other scents.",
    "OUT": "Held outdoors.",
    "POA": "The facilitator can confirm your attendance.",
    "DB": "Donations can be made online.",
    "SRFF": "For family and friends of someone with an addiction.",
    "SRVFR": "For veterans, first responders and their families.",
    "SRIO": "Held inside a correctional facility.",
}

ALL_TYPES: dict[str, str] = {**SPEC_TYPES, **PROGRAM_TYPES, **LANGUAGES}

# Types an editor picks by hand (language, program, closed and proof of attendance have fields).
EDITABLE_TYPES: dict[str, str] = {
    code: name for code, name in SPEC_TYPES.items() if code not in {"TC", "POA", "Y"}
}


def type_name(code: str) -> str:
    return ALL_TYPES.get(code, code)


CODE_PROGRAMS: dict[str, str] = {code: program for program, code in PROGRAM_CODES.items()}


def program_for_code(code: str) -> str | None:
    """The program kind a feed code stands for, if any (``Y`` is the youth program)."""
    return CODE_PROGRAMS.get(code)
