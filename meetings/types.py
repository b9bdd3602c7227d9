"""Meeting type codes: the Meeting Guide spec's codes where they mean the same, and our own.

The spec (code4recovery) is what other meeting apps read, so a code that exists there keeps its
meaning here. The program's own meeting kinds get ``SR``-prefixed codes, a prefix no spec code
uses (note ``FF`` is the spec's Fragrance Free, not Family & Friends).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


def pgettext_noop(context: str, message: str) -> str:
    """Marks a name for the catalogues (pages/catalogues.py) without translating it: the names
    below stay English for imports, feeds and the admin, and ``type_name`` translates them."""
    return message


# Spec codes we offer editors, with the spec's English names (or a plainer one where the spec's
# is specific to another fellowship).
SPEC_TYPES: dict[str, str] = {
    "O": pgettext_noop("meeting type", "Open"),
    "C": pgettext_noop("meeting type", "Closed"),
    "BE": pgettext_noop("meeting type", "Newcomer"),
    "D": pgettext_noop("meeting type", "Discussion"),
    "SP": pgettext_noop("meeting type", "Speaker"),
    "MED": pgettext_noop("meeting type", "Meditation"),
    "M": pgettext_noop("meeting type", "Men"),
    "W": pgettext_noop("meeting type", "Women"),
    "LGBTQ": pgettext_noop("meeting type", "LGBTQ"),
    "T": pgettext_noop("meeting type", "Transgender"),
    "NB": pgettext_noop("meeting type", "Non-Binary"),
    "Y": pgettext_noop("meeting type", "Young People"),
    "SEN": pgettext_noop("meeting type", "Seniors"),
    "POC": pgettext_noop("meeting type", "People of Color"),
    "P": pgettext_noop("meeting type", "Professionals"),
    "DD": pgettext_noop("meeting type", "Dual Diagnosis"),
    "X": pgettext_noop("meeting type", "Wheelchair Access"),
    "XB": pgettext_noop("meeting type", "Wheelchair-Accessible Bathroom"),
    "ASL": pgettext_noop("meeting type", "American Sign Language"),
    "BA": pgettext_noop("meeting type", "Babysitting Available"),
    "CF": pgettext_noop("meeting type", "Child-Friendly"),
    "FF": pgettext_noop("meeting type", "Fragrance Free"),
    "OUT": pgettext_noop("meeting type", "Outdoor"),
    "POA": pgettext_noop("meeting type", "Proof of Attendance"),
    "DB": pgettext_noop("meeting type", "Digital Basket"),
    "TC": pgettext_noop("meeting type", "Location Temporarily Closed"),
}

# The spec's language codes (note Spanish is S, Italian ITA, Korean KOR, Russian RUS).
LANGUAGES: dict[str, str] = {
    "EN": pgettext_noop("language", "English"),
    "S": pgettext_noop("language", "Spanish"),
    "FR": pgettext_noop("language", "French"),
    "DE": pgettext_noop("language", "German"),
    "ITA": pgettext_noop("language", "Italian"),
    "POR": pgettext_noop("language", "Portuguese"),
    "NL": pgettext_noop("language", "Dutch"),
    "POL": pgettext_noop("language", "Polish"),
    "RUS": pgettext_noop("language", "Russian"),
    "UK": pgettext_noop("language", "Ukrainian"),
    "SV": pgettext_noop("language", "Swedish"),
    "DA": pgettext_noop("language", "Danish"),
    "NO": pgettext_noop("language", "Norwegian"),
    "FI": pgettext_noop("language", "Finnish"),
    "EL": pgettext_noop("language", "Greek"),
    "HE": pgettext_noop("language", "Hebrew"),
    "AR": pgettext_noop("language", "Arabic"),
    "FA": pgettext_noop("language", "Persian"),
    "HI": pgettext_noop("language", "Hindi"),
    "JA": pgettext_noop("language", "Japanese"),
    "KOR": pgettext_noop("language", "Korean"),
    "TL": pgettext_noop("language", "Tagalog"),
    "TH": pgettext_noop("language", "Thai"),
    "TUR": pgettext_noop("language", "Turkish"),
    "AF": pgettext_noop("language", "Afrikaans"),
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
    FAMILY_FRIENDS = "family_friends", _("Family & Friends")
    VETERANS = "veterans", _("Veterans & First Responders")
    INSIDEOUT = "insideout", _("InsideOut (correctional facilities)")
    YOUTH = "youth", _("Youth & Young Adults")


PROGRAM_CODES: dict[str, str] = {
    Program.FAMILY_FRIENDS: "SRFF",
    Program.VETERANS: "SRVFR",
    Program.INSIDEOUT: "SRIO",
    # The spec's Young People code means the same thing, so the program is the only source of it.
    Program.YOUTH: "Y",
}
PROGRAM_TYPES: dict[str, str] = {
    "SRFF": pgettext_noop("meeting type", "Family & Friends"),
    "SRVFR": pgettext_noop("meeting type", "Veterans & First Responders"),
    "SRIO": pgettext_noop("meeting type", "InsideOut"),
}

# What a type means for a newcomer deciding whether to go (our own words).
TYPE_HELP: dict[str, str] = {
    "O": pgettext_noop(
        "meeting type",
        "Anyone may come, including family, friends and professionals who want to learn.",
    ),
    "C": pgettext_noop(
        "meeting type", "For people who want to change their own addictive behaviour."
    ),
    "BE": pgettext_noop(
        "meeting type", "Especially welcoming to people at their first few meetings."
    ),
    "D": pgettext_noop(
        "meeting type",
        "Participants talk through what is going on for them, with the facilitator's help.",
    ),
    "SP": pgettext_noop("meeting type", "Someone shares their own story of change."),
    "MED": pgettext_noop("meeting type", "Time is given to a short guided meditation."),
    "M": pgettext_noop("meeting type", "For men."),
    "W": pgettext_noop("meeting type", "For women."),
    "LGBTQ": pgettext_noop(
        "meeting type",
        "A space especially for lesbian, gay, bisexual, transgender and queer people.",
    ),
    "T": pgettext_noop("meeting type", "A space especially for transgender people."),
    "NB": pgettext_noop("meeting type", "A space especially for non-binary people."),
    "Y": pgettext_noop("meeting type", "For young people."),
    "SEN": pgettext_noop("meeting type", "For older adults."),
    "POC": pgettext_noop("meeting type", "A space especially for people of colour."),
    "P": pgettext_noop("meeting type", "For people who share a profession (such as health care)."),
    "DD": pgettext_noop(
        "meeting type", "Welcoming to people also living with a mental-health condition."
    ),
    "X": pgettext_noop("meeting type", "The meeting room can be reached in a wheelchair."),
    "XB": pgettext_noop("meeting type", "There is a wheelchair-accessible bathroom."),
    "ASL": pgettext_noop("meeting type", "Interpreted in American Sign Language."),
    "BA": pgettext_noop("meeting type", "Childcare is available during the meeting."),
    "CF": pgettext_noop("meeting type", "Children are welcome to come along."),
    "FF": pgettext_noop("meeting type", "Please do not wear perfume or other scents."),
    "OUT": pgettext_noop("meeting type", "Held outdoors."),
    "POA": pgettext_noop("meeting type", "The facilitator can confirm your attendance."),
    "DB": pgettext_noop("meeting type", "Donations can be made online."),
    "SRFF": pgettext_noop("meeting type", "For family and friends of someone with an addiction."),
    "SRVFR": pgettext_noop("meeting type", "For veterans, first responders and their families."),
    "SRIO": pgettext_noop("meeting type", "Held inside a correctional facility."),
}

ALL_TYPES: dict[str, str] = {**SPEC_TYPES, **PROGRAM_TYPES, **LANGUAGES}

# Types an editor picks by hand (language, program, closed and proof of attendance have fields).
EDITABLE_TYPES: dict[str, str] = {
    code: name for code, name in SPEC_TYPES.items() if code not in {"TC", "POA", "Y"}
}


def type_name(code: str) -> str:
    """A code's name in the page's language ("W": "Women", "Mujeres"); other codes as they are."""
    if code in LANGUAGES:
        return pgettext("language", LANGUAGES[code])
    if code in ALL_TYPES:
        return pgettext("meeting type", ALL_TYPES[code])
    return code


def type_help(code: str) -> str:
    """What a type means for a newcomer, in the page's language ("" when we have not said)."""
    return pgettext("meeting type", TYPE_HELP[code]) if code in TYPE_HELP else ""


CODE_PROGRAMS: dict[str, str] = {code: program for program, code in PROGRAM_CODES.items()}


def program_for_code(code: str) -> str | None:
    """The program kind a feed code stands for, if any (``Y`` is the youth program)."""
    return CODE_PROGRAMS.get(code)
