"""Machine-readable outputs: the Meeting Guide feed and the finder's search as JSON."""

from __future__ import annotations

import datetime
import gzip
import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from meetings import search
from meetings.feed import feed_json, feed_records
from meetings.models import DirectoryVersion, Meeting, MeetingException
from meetings.search import FinderForm
from meetings.views.finder import place_lookups, too_many_lookups
from meetings.zones import choose_zone

FEED_MAX_AGE = 300


def feed_key(version: str, part: str) -> str:
    return f"meeting-feed:{version}:{part}"


def feed_version() -> str:
    """The directory's version and today's date: one-off changes drop out as their days pass."""
    return f"{DirectoryVersion.current()}:{timezone.now().date().isoformat()}"


def build_feed(version: str) -> dict[str, bytes | str]:
    """The public feed as JSON and gzipped JSON, with its ETag, cached per directory version.

    The three are cached under their own keys, so a request fetches only the body it sends (a
    shared cache would otherwise ship the whole pair over the network for every request).
    """
    today = datetime.date.fromisoformat(version.rsplit(":", 1)[1])
    body = feed_json(feed_records(Meeting.objects.public(), today=today))
    parts = {
        "json": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        "etag": hashlib.sha256(body).hexdigest()[:32],
    }
    cache.set_many({feed_key(version, name): value for name, value in parts.items()}, timeout=None)
    return parts


def cached_feed_part(version: str, part: str) -> bytes | str:
    value = cache.get(feed_key(version, part))
    return value if value is not None else build_feed(version)[part]


@require_GET
def meeting_guide_feed(request: HttpRequest) -> HttpResponse:
    version = feed_version()
    quoted = f'"{cached_feed_part(version, "etag")}"'
    if request.headers.get("If-None-Match") == quoted:
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(cached_feed_part(version, "gzip"), content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(cached_feed_part(version, "json"), content_type="application/json")
    response["ETag"] = quoted
    response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Accept-Encoding"])
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@require_GET
def api_search(request: HttpRequest) -> JsonResponse:
    """The finder's search as JSON: same parameters; a 400 says what was wrong."""
    form = FinderForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    found = search.run(
        form.cleaned_data,
        viewer_zone=choose_zone(request).known,
        may_look_up=place_lookups(request),
    )
    if found.too_many_lookups:
        message = str(found.too_many_lookups)
        errors = {"near": [{"message": message, "code": "too_many_lookups"}]}
        return too_many_lookups(JsonResponse({"errors": errors}))
    if found.ambiguous:
        return JsonResponse(
            {
                "errors": {"near": [{"message": str(found.ambiguous), "code": "ambiguous"}]},
                "candidates": [
                    {"label": c.label, "latitude": c.latitude, "longitude": c.longitude}
                    for c in found.ambiguous.candidates
                ],
            },
            status=400,
        )
    if found.not_found:
        return JsonResponse(
            {
                "errors": {"near": [{"message": str(found.not_found), "code": "not_found"}]},
                "suggestions": found.not_found.suggestions,
            },
            status=400,
        )
    return JsonResponse(api_payload(found))


def api_payload(found: search.Search) -> dict:
    place = found.place
    return {
        "place": place
        and {
            "label": place.label,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "source": place.source,
            # Other places of that name, for "Did you mean London, Ontario, Canada?".
            "alternatives": list(place.alternatives),
        },
        "unit": found.unit,
        "radius": found.radius,
        "widened": found.widened,
        "page": found.page,
        "has_more": found.has_more,
        "results": [api_result(result, found.unit) for result in found.results],
        # Online meetings by their next start, "next" and "when" in online_zone.
        "online_zone": found.online_zone,
        "online": [api_result(result, found.unit) for result in found.online],
    }


def api_result(result: search.Result, unit: str) -> dict:
    meeting = result.meeting
    location = meeting.location
    return {
        "slug": meeting.slug,
        "name": meeting.name,
        "url": f"/meetings/{meeting.slug}/",
        "day": meeting.day,
        "time": meeting.time.strftime("%H:%M"),
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        "timezone": meeting.timezone,
        "next": result.upcoming.starts.isoformat(),
        "next_is_moved": result.upcoming.change is not None,
        "when": result.when,
        "in_progress": result.in_progress,
        "attendance": meeting.attendance,
        "types": meeting.feed_types(),
        "location": location.name if location else None,
        "formatted_address": location.formatted_address if location else None,
        "latitude": meeting.latitude,
        "longitude": meeting.longitude,
        "conference_url": meeting.conference_url or None,
        "distance": round(result.distance, 2) if result.distance is not None else None,
        "unit": unit,
        "changes": [change_json(change) for change in result.changes],
    }


def change_json(change: MeetingException) -> dict:
    """A one-off change as data: dates in the meeting's own calendar, times on its clock."""
    return {
        "kind": change.kind,
        "date": change.date.isoformat(),
        "end_date": (change.end_date or change.date).isoformat(),
        "new_time": change.new_time.strftime("%H:%M") if change.new_time else None,
        "note": change.note,
        "summary": change.describe(),
    }
