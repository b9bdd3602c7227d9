"""The viewer's time zone: which one a page shows times in, how it is remembered, and the picker.

The zone comes from the ``tz`` parameter (the picker, or static/js/zone.js reporting the
browser's zone), else the ``tz`` cookie a valid parameter sets, else UTC. The meetings pages and
the worksheets' urge log and progress pages share it, so a zone chosen on one holds on the others.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, pgettext_lazy

from meetings.models import available_timezones

TZ_COOKIE = "tz"
DEFAULT_ZONE = "UTC"
# Files in the zone database that name no place anyone lives.
NOT_PLACES = {"localtime", "posixrules", "Factory"}
COOKIE_AGE = 365 * 24 * 60 * 60
# The picker's groups: the tz database's continents and oceans.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
# The groups' names as the picker shows them (the options keep the database's place names).
REGION_NAMES = {
    "Africa": pgettext_lazy("time zone region", "Africa"),
    "America": pgettext_lazy("time zone region", "America"),
    "Antarctica": pgettext_lazy("time zone region", "Antarctica"),
    "Arctic": pgettext_lazy("time zone region", "Arctic"),
    "Asia": pgettext_lazy("time zone region", "Asia"),
    "Atlantic": pgettext_lazy("time zone region", "Atlantic"),
    "Australia": pgettext_lazy("time zone region", "Australia"),
    "Europe": pgettext_lazy("time zone region", "Europe"),
    "Indian": pgettext_lazy("time zone region", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone region", "Pacific"),
    "Universal": pgettext_lazy("time zone region", "Universal"),
}


@dataclass(frozen=True)
class ViewerZone:
    """The zone times are shown in, where it came from, and what was asked for but not known."""

    name: str
    source: str  # "query", "cookie" or "default"
    asked: bool = False
    rejected: str = ""

    @property
    def is_default(self) -> bool:
        return self.source == "default"

    @property
    def known(self) -> str | None:
        """The zone when the visitor chose it or their browser reported it, else None."""
        return None if self.is_default else self.name


@cache
def zone_names() -> dict[str, str]:
    """Every IANA name and alias the system knows, by its lower-case spelling."""
    return {name.lower(): name for name in available_timezones() if name not in NOT_PLACES}


def known_zone(text: str) -> str | None:
    """The zone's proper name for what a visitor typed ("asia/calcutta" → "Asia/Calcutta")."""
    return zone_names().get(text.strip().lower())


def choose_zone(request: HttpRequest, *, use_query: bool = True) -> ViewerZone:
    remembered = known_zone(request.COOKIES.get(TZ_COOKIE, ""))
    fallback = ViewerZone(remembered or DEFAULT_ZONE, "cookie" if remembered else "default")
    asked = request.GET.get("tz", "").strip() if use_query else ""
    if not asked:
        return fallback
    if name := known_zone(asked):
        return ViewerZone(name, "query", asked=True)
    # Shown back (escaped) beside the picker: printable characters only, a long paste cut short.
    shown = "".join(character for character in asked[:80] if character.isprintable())
    return ViewerZone(fallback.name, fallback.source, asked=True, rejected=shown)


def remember_zone(request: HttpRequest, response: HttpResponse, viewer: ViewerZone) -> None:
    """A zone the visitor asked for is kept for a year, for this page and the others."""
    if viewer.source == "query":
        response.set_cookie(
            TZ_COOKIE,
            viewer.name,
            max_age=COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )


def viewer_zone(request: HttpRequest) -> str:
    """The zone the visitor chose or their browser reported (remembered in a cookie), or UTC."""
    return choose_zone(request).name


@cache
def every_zone() -> tuple[tuple[str, zoneinfo.ZoneInfo], ...]:
    return tuple((name, zoneinfo.ZoneInfo(name)) for name in sorted(zone_names().values()))


def zone_table_names() -> list[str]:
    """The zones of zone.tab (one or more per country), the list a picker should offer."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return [line.split("\t")[2] for line in lines if line and not line.startswith("#")]
    return sorted(name for name in available_timezones() if name.split("/")[0] in REGIONS)


@cache
def zone_groups() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The picker's options by region: ("Europe", (("Europe/London", "London"), ...))."""
    known = set(zone_names().values())
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for name in set(zone_table_names()):
        region, _, place = name.partition("/")
        if region in groups and name in known:
            groups[region].append((name, place.replace("_", " ").replace("/", " / ")))
    choices = [(region, tuple(sorted(groups[region], key=lambda c: c[1]))) for region in REGIONS]
    choices.append(("Universal", (("UTC", "UTC"),)))
    return tuple((region, options) for region, options in choices if options)


def zone_choices(current: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The picker's groups, named in the page's language, with the current zone added where
    the list lacks it (an alias)."""
    groups = [
        (str(REGION_NAMES[region]), utc_named(options) if region == "Universal" else options)
        for region, options in zone_groups()
    ]
    if any(current == name for _, options in groups for name, _ in options):
        return groups
    return [(gettext("Your zone"), ((current, current.replace("_", " ")),)), *groups]


def utc_named(options: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, gettext("UTC (Coordinated Universal Time)")) for name, _ in options)


def place_of(zone_name: str) -> str:
    """The place a zone is named for: "America/New_York" → "New York"."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")
