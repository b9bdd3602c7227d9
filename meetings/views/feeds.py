"""Machine-readable outputs: the Meeting Guide feed and the finder's search as JSON."""

from __future__ import annotations

import gzip

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from meetings import public_feed, search
from meetings.models import MeetingException
from meetings.search import FinderForm
from meetings.views.finder import place_lookups, too_many_lookups, visitor_country
from meetings.zones import choose_zone

FEED_MAX_AGE = 300


@require_GET
def meeting_guide_feed(request: HttpRequest) -> HttpResponse:
    """The stored feed, even while a newer one is being built (meetings.public_feed)."""
    head = public_feed.current_head()
    if request.headers.get("If-None-Match") == f'"{head.etag}"':
        response = HttpResponse(status=304)
        etag = head.etag
    else:
        etag, body = public_feed.gzip_body(head)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(body, content_type="application/json")
            response["Content-Encoding"] = "gzip"
        else:
            # Few readers refuse gzip; they get it unpacked rather than a second stored copy.
            response = HttpResponse(gzip.decompress(body), content_type="application/json")
    response["ETag"] = f'"{etag}"'
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
        home=visitor_country(request),
        version=search.directory_version(request),
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
