"""A meeting's own page, its calendar entry and the public "request a change" form."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.mail import send_mass_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from meetings.calendar import build_calendar
from meetings.forms import ChangeRequestForm
from meetings.maps import map_settings
from meetings.models import Attendance, ChangeRequest, Meeting
from meetings.schedule import (
    format_clock,
    next_held_occurrence,
    next_occurrence,
    upcoming_exceptions,
    when_label,
    zone,
)
from meetings.types import type_name
from meetings.zones import viewer_zone
from smartrecovery import dates, ratelimit
from smartrecovery.client_address import client_address

logger = logging.getLogger(__name__)


def get_listed_meeting(slug: str) -> Meeting:
    """A public meeting (closed ones too, shown as closed); private ones are a 404."""
    queryset = Meeting.objects.listed().select_related("location", "region")
    return get_object_or_404(queryset, slug=slug)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_listed_meeting(slug)
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting))


def detail_context(request: HttpRequest, meeting: Meeting, form=None) -> dict:
    now = timezone.now()
    # While closed for over a year there is no next date; the usual one still reads sensibly.
    upcoming = next_held_occurrence(meeting, now) or next_occurrence(meeting, now)
    local_today = now.astimezone(zone(meeting.timezone)).date()
    changes = [
        change
        for change in upcoming_exceptions(meeting)
        if (change.end_date or change.date) >= local_today
    ]
    viewer = viewer_zone(request)
    online = meeting.attendance != Attendance.IN_PERSON
    for_viewer = upcoming.in_zone(viewer) if online and viewer != meeting.timezone else None
    # Language, closure and attendance verification have their own lines on the page.
    shown_elsewhere = {*meeting.languages, "TC", "POA"}
    codes = [code for code in meeting.feed_types() if code not in shown_elsewhere]
    return {
        "meeting": meeting,
        "upcoming": upcoming,
        "changes": changes,
        "upcoming_label": when_label(upcoming.starts, now),
        "in_progress": upcoming.is_on_at(now),
        "for_viewer": for_viewer,
        "for_viewer_label": when_label(for_viewer.starts, now) if for_viewer else "",
        "viewer_zone": viewer,
        "starts": format_clock(meeting.time),
        "day_in_sentence": dates.in_sentence(str(meeting.get_day_display())),
        "ends": format_clock(meeting.end_time) if meeting.end_time else "",
        "zone_abbreviation": upcoming.starts.astimezone(zone(meeting.timezone)).tzname(),
        "types": [(code, type_name(code)) for code in codes],
        "languages": [type_name(code) for code in meeting.languages],
        "form": form or ChangeRequestForm(),
        "map": map_settings() if meeting.latitude is not None else None,
        "map_point": [
            {"lat": meeting.latitude, "lng": meeting.longitude, "name": meeting.name, "url": ""}
        ],
    }


def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_listed_meeting(slug)
    body = build_calendar(
        [meeting], now=timezone.now(), base_url=request.build_absolute_uri("/").rstrip("/")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


def tell_facilitators(request: HttpRequest, change_request: ChangeRequest) -> None:
    """Mail each of the meeting's facilitators who gave an address (each their own mail, so
    none sees the others' addresses)."""
    meeting = change_request.meeting
    addresses = [
        address
        for address in meeting.facilitators.filter(is_active=True).values_list("email", flat=True)
        if address
    ]
    if not addresses:
        return
    link = request.build_absolute_uri(
        reverse("admin:meetings_changerequest_change", args=[change_request.pk])
    )
    # In the language the meeting is held in: the mail leaves now, but not in the visitor's.
    with translation.override(meeting.site_language()):
        sender = ""
        if change_request.name or change_request.email:
            who = f"{change_request.name} {change_request.email}".strip()
            sender = "\n" + gettext("From: %(sender)s") % {"sender": who} + "\n"
        asked = gettext("Someone asked for a change to “%(meeting)s”:") % {"meeting": meeting.name}
        see = gettext("See it and mark it done: %(link)s") % {"link": link}
        body = f"{asked}\n\n{change_request.message}\n{sender}\n{see}\n"
        subject = gettext("Change request: %(meeting)s") % {"meeting": meeting.name}
    try:
        send_mass_mail([(subject, body, None, [address]) for address in addresses])
    except OSError:
        # The request is saved and waits on their page: a mail server down must not lose it.
        logger.exception("Could not mail the facilitators of meeting %s", meeting.pk)


def request_change(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_listed_meeting(slug)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow("change-request", client_address(request)):
            context = {**detail_context(request, meeting, form), "rate_limited": True}
            return render(request, "meetings/meeting_detail.html", context, status=429)
        # A bot that filled the honeypot is thanked like anyone else, and nothing is stored.
        if not form.is_spam:
            form.instance.meeting = meeting
            tell_facilitators(request, form.save())
        messages.success(
            request, gettext("Thank you. The meeting's facilitators will look at it soon.")
        )
        return redirect("meetings:detail", slug=meeting.slug)
    # Errors are shown beside the fields, on the meeting's own page.
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting, form))
