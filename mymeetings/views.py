"""/meetings/mine/: the saved meetings, the star that saves one, and the calendar feed."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from meetings.models import Meeting, MeetingException
from meetings.schedule import (
    Occurrence,
    format_clock,
    next_held_occurrence,
    upcoming_exceptions,
    when_label,
    zone,
)
from meetings.zones import choose_zone, remember_zone, zone_choices
from mymeetings.models import CalendarFeed
from mymeetings.saved import TooManyInSession, meetings_saved_by, saved_meetings, set_saved
from mymeetings.subscription import feed_body

ANCHOR = re.compile(r"[\w-]{1,80}")
TOO_MANY = "You have saved a lot of meetings: sign up to keep more."


@dataclass(frozen=True)
class Entry:
    """A saved meeting as /meetings/mine/ lists it."""

    meeting: Meeting
    upcoming: Occurrence | None  # in the viewer's zone; None while closed
    when: str
    usual: str  # "Tuesday, 7:00 PM (America/Chicago)"
    changes: list[MeetingException]


def entry_for(meeting: Meeting, *, now: datetime.datetime, viewer_zone: str) -> Entry:
    local_today = now.astimezone(zone(meeting.timezone)).date()
    changes = [c for c in upcoming_exceptions(meeting) if (c.end_date or c.date) >= local_today]
    held = next_held_occurrence(meeting, now) if meeting.is_active else None
    upcoming = held.in_zone(viewer_zone) if held else None
    return Entry(
        meeting=meeting,
        upcoming=upcoming,
        when=when_label(upcoming.starts, now) if upcoming else "",
        usual=f"{meeting.get_day_display()}, {format_clock(meeting.time)} ({meeting.timezone})",
        changes=changes,
    )


@never_cache
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The saved meetings by their next date in the viewer's zone; closed ones last."""
    viewer = choose_zone(request)
    now = timezone.now()
    entries = [entry_for(m, now=now, viewer_zone=viewer.name) for m in saved_meetings(request)]
    latest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    entries.sort(key=lambda e: (e.upcoming.starts if e.upcoming else latest, e.meeting.name))
    context = {"entries": entries, "zone": viewer, "zone_choices": zone_choices(viewer.name)}
    response = render(request, "mymeetings/mine.html", context)
    remember_zone(request, response, viewer)
    return response


@require_POST
def save(request: HttpRequest, slug: str) -> HttpResponse:
    """The star: ``saved=1`` saves, ``saved=0`` unsaves; back to the page it was pressed on, or
    for the star's script (static/js/save_star.js) a JSON answer."""
    meeting = get_object_or_404(Meeting.objects.listed(), slug=slug)
    saved = request.POST.get("saved") == "1"
    try:
        set_saved(request, meeting, saved)
    except TooManyInSession:
        level, saved, text = messages.ERROR, False, TOO_MANY
    else:
        level = messages.SUCCESS if saved else messages.INFO
        text = f"“{meeting.name}” is {'in' if saved else 'no longer in'} My meetings."
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"saved": saved, "message": text})
    messages.add_message(request, level, text)
    return redirect(back_to(request))


def back_to(request: HttpRequest) -> str:
    """The page the star was pressed on, at the star: the referring address (with the finder's
    query, which the page does not echo into every form), else the posted path; this site's
    only."""
    anchor = request.POST.get("anchor", "")
    fragment = f"#{anchor}" if ANCHOR.fullmatch(anchor) else ""
    for candidate in (request.headers.get("Referer", ""), request.POST.get("next", "")):
        candidate = candidate.split("#", 1)[0]
        if candidate and url_has_allowed_host_and_scheme(
            candidate, {request.get_host()}, request.is_secure()
        ):
            return candidate + fragment
    return reverse("mymeetings:mine") + fragment


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed; an unknown or revoked token is a 404 like any missing page."""
    subscription = CalendarFeed.objects.for_token(token).select_related("user").first()
    if subscription is None or not subscription.user.is_active:
        raise Http404("No such calendar.")
    body = feed_body(
        meetings_saved_by(subscription.user),
        now=timezone.now(),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
@login_required
def calendar_new(request: HttpRequest) -> HttpResponse:
    """Makes the subscription's address, or replaces it (the old one stops working)."""
    replacing = CalendarFeed.objects.filter(user=request.user).exists()
    CalendarFeed.issue(request.user)
    if replacing:
        messages.success(
            request, gettext("Your calendar has a new address: the old one no longer works.")
        )
    else:
        messages.success(request, gettext("Your calendar address is ready."))
    return redirect(reverse("account") + "#calendar")


@require_POST
@login_required
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(
        request, gettext("Your calendar address no longer works. Nothing else changed.")
    )
    return redirect(reverse("account") + "#calendar")
