"""Kept only for meetings/views/feeds.py, which imports ``viewer_zone`` from here: the viewer's
zone now lives in meetings.zones, and this module goes once that import moves there."""

from __future__ import annotations

from meetings.zones import viewer_zone

__all__ = ["viewer_zone"]
