"""Worksheet pages show every time in the participant's own zone.

The zone is the one the meetings pages and the urge log use (meetings.zones): ``?tz=`` (sent by
static/js/zone.js from the worksheet list), else the ``tz`` cookie, else UTC. Views wrapped in
``in_viewer_zone`` render with that zone active, so the ``date`` filter reads it, and the
templates say which zone it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from meetings.zones import choose_zone, remember_zone


def in_viewer_zone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render ``view`` in the participant's zone, and remember one the address asked for."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        viewer = choose_zone(request)
        request.viewer_zone = viewer
        with timezone.override(ZoneInfo(viewer.name)):
            response = view(request, *args, **kwargs)
        remember_zone(request, response, viewer)
        return response

    return wrapper
