"""The map's tiles and their attribution, from the settings, for the pages that draw a map."""

from __future__ import annotations

from django.conf import settings


def map_settings() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}
