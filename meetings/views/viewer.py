"""What the pages know about the visitor's setting: their time zone, and the map's tiles."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from meetings.models import available_timezones

TZ_COOKIE = "tz"


def viewer_zone(request: HttpRequest) -> str:
    """The zone the visitor chose or their browser reported (remembered in a cookie), or UTC."""
    name = request.GET.get("tz") or request.COOKIES.get(TZ_COOKIE, "")
    return name if name in available_timezones() else "UTC"


def map_settings() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}
