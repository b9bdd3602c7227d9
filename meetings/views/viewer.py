"""What the pages know about the visitor's setting: their time zone, and the map's tiles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from meetings.models import available_timezones

TZ_COOKIE = "tz"
DEFAULT_ZONE = "UTC"
# Files in the zone database that name no place anyone lives.
NOT_PLACES = {"localtime", "posixrules", "Factory"}
COOKIE_AGE = 365 * 24 * 60 * 60


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


def map_settings() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}
