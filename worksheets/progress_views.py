"""The urge log, its charts, and "My progress": private running records of a signed-in participant.

Every urge is reached through ``get_urge_for_user``, and every list through ``owned_by``: anyone
but the owner (staff included) gets a 404. Times are shown and typed in the participant's zone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from meetings.zones import ViewerZone, choose_zone, remember_zone
from worksheets import charts
from worksheets.access import worksheets_for
from worksheets.forms import StartDateForm, UrgeForm
from worksheets.kinds import triggers
from worksheets.models import (
    StageCheckIn,
    StartDate,
    UrgeEntry,
    Worksheet,
)

RECENT = 20
CHECKINS_CHARTED = 12
SIGN_IN_NOTE = gettext_lazy(
    "Your urge log and progress are kept in your own account, private to you. Sign in, or "
    "create a free account with just a username and a password, and you can start right away."
)


def account_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, with a kind word about why an account is needed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            messages.info(request, SIGN_IN_NOTE)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def get_urge_for_user(request: HttpRequest, pk: int) -> UrgeEntry:
    """The requester's own urge ``pk``; a 404 for anyone else, staff and superusers included."""
    return get_object_or_404(UrgeEntry.objects.owned_by(request.user), pk=pk)


def participant_zone(request: HttpRequest) -> ViewerZone:
    """The zone days and hours are in: ``?tz=`` (sent by zone.js), the cookie, or UTC."""
    return choose_zone(request)


def drawn_in(request: HttpRequest, response: HttpResponse, viewer: ViewerZone) -> HttpResponse:
    """A zone asked for in the address is remembered, for these pages and the meetings pages."""
    remember_zone(request, response, viewer)
    return response


# Forms. Times are read and shown in the zone active while the form is used (see the views).


# The urge log.


def _recent(request: HttpRequest) -> list[UrgeEntry]:
    return list(UrgeEntry.objects.owned_by(request.user)[:RECENT])


def _suggestions(request: HttpRequest, entries: list[UrgeEntry]) -> dict[str, list[str]]:
    """Triggers offered as the participant types, so a repeat is two taps: those listed on
    their latest Triggers worksheet first, riskiest first, then earlier entries' triggers."""
    listed = triggers.urge_log_choices(worksheets_for(request))
    suggestions = {}
    for name, _ in charts.TRIGGER_FIELDS:
        earlier = [label for label, _ in charts.trigger_counts(entries, name, limit=12)]
        mine = listed.get(name, [])
        suggestions[name] = mine + [label for label in earlier if label not in mine]
    return suggestions


def _render_log(
    request: HttpRequest, form: UrgeForm, *, entry: UrgeEntry | None = None, status: int = 200
) -> HttpResponse:
    recent = _recent(request)
    return render(
        request,
        "worksheets/urge_log.html" if entry is None else "worksheets/urge_edit.html",
        {
            "form": form,
            "entry": entry,
            "recent": recent,
            "total": UrgeEntry.objects.owned_by(request.user).count(),
            "suggestions": _suggestions(request, recent),
            "zone": timezone.get_current_timezone_name(),
            # Only a page drawn by a plain GET may reload itself in the browser's zone.
            "zone_check": request.method == "GET",
        },
        status=status,
    )


def _now_in_zone() -> datetime.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


@never_cache
@account_required
@sensitive_variables()
@sensitive_post_parameters()
def urge_log(request: HttpRequest) -> HttpResponse:
    viewer = participant_zone(request)
    with timezone.override(ZoneInfo(viewer.name)):
        if request.method == "POST":
            form = UrgeForm(request.POST, instance=UrgeEntry(owner=request.user))
            if form.is_valid():
                form.save()
                messages.success(
                    request, gettext("Logged. Noticing an urge is a skill, and you used it.")
                )
                return redirect("worksheets:urges")
            return _render_log(request, form, status=422)
        form = UrgeForm(initial={"felt_at": _now_in_zone()})
        return drawn_in(request, _render_log(request, form), viewer)


@never_cache
@account_required
@sensitive_variables()
@sensitive_post_parameters()
def urge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_urge_for_user(request, pk)
    viewer = participant_zone(request)
    with timezone.override(ZoneInfo(viewer.name)):
        if request.method == "POST":
            form = UrgeForm(request.POST, instance=entry)
            if form.is_valid():
                form.save()
                messages.success(request, gettext("Saved your changes."))
                return redirect("worksheets:urges")
            return _render_log(request, form, entry=entry, status=422)
        response = _render_log(request, UrgeForm(instance=entry), entry=entry)
        return drawn_in(request, response, viewer)


@account_required
@require_POST
def urge_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_urge_for_user(request, pk).delete()
    messages.success(request, gettext("That entry is deleted."))
    return redirect("worksheets:urges")


@never_cache
@account_required
@require_GET
def urge_charts(request: HttpRequest) -> HttpResponse:
    viewer = participant_zone(request)
    zone = ZoneInfo(viewer.name)
    entries = list(UrgeEntry.objects.owned_by(request.user))
    with timezone.override(zone):
        response = render(
            request,
            "worksheets/urge_charts.html",
            {
                "charts": charts.urge_charts(entries, now=timezone.now(), zone=zone)
                if entries
                else [],
                "total": len(entries),
                "zone": zone.key,
                "zone_check": True,
            },
        )
    return drawn_in(request, response, viewer)


# My progress.


def _runs(dates: list[StartDate], today: datetime.date) -> list[dict[str, Any]]:
    """Each start date with the days it counted up to the next start date (or up to today)."""
    runs = []
    until = today
    for start in dates:  # newest first
        runs.append({"start": start, "until": until, "days": max((until - start.date).days, 0)})
        until = start.date
    return runs


def _latest_worksheets(request: HttpRequest) -> list[Worksheet]:
    """The most recently edited worksheet of each kind."""
    latest: dict[str, Worksheet] = {}
    for worksheet in Worksheet.objects.owned_by(request.user).order_by("-updated"):
        latest.setdefault(worksheet.kind, worksheet)
    return list(latest.values())


@never_cache
@account_required
def progress(request: HttpRequest) -> HttpResponse:
    viewer = participant_zone(request)
    with timezone.override(ZoneInfo(viewer.name)):
        today = timezone.localdate()
        form = StartDateForm(request.POST or None, today=today, initial={"date": today})
        if request.method == "POST" and form.is_valid():
            had_one = StartDate.objects.owned_by(request.user).exists()
            StartDate.objects.create(owner=request.user, date=form.cleaned_data["date"])
            messages.success(
                request,
                gettext(
                    "Your new start date is set, and your earlier ones are kept below. "
                    "Starting again is part of changing."
                )
                if had_one
                else gettext("Your start date is set."),
            )
            return redirect("worksheets:progress")
        dates = list(StartDate.objects.owned_by(request.user))
        checkins = list(StageCheckIn.objects.owned_by(request.user).select_related("stage"))
        urges = list(UrgeEntry.objects.owned_by(request.user))
        context = {
            "form": form,
            "current": dates[0] if dates else None,
            "days": dates[0].days_since(today) if dates else None,
            "runs": _runs(dates, today),
            "checkins": checkins,
            "checkin_chart": charts.checkin_chart(
                "checkins",
                checkins=[
                    (timezone.localdate(c.created), c.importance, c.confidence)
                    for c in reversed(checkins[:CHECKINS_CHARTED])
                ],
            )
            if len(checkins) > 1
            else None,
            "urge_total": len(urges),
            "urge_summary": charts.summary(urges, now=timezone.now()),
            "latest": _latest_worksheets(request),
            "zone": viewer.name,
            "zone_check": request.method == "GET",
        }
        status = 422 if form.errors else 200
        response = render(request, "worksheets/progress.html", context, status=status)
    return drawn_in(request, response, viewer)
