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

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from meetings.views.viewer import ViewerZone, choose_zone, remember_zone
from worksheets import charts
from worksheets.kinds import TOO_LONG, CappedCharField
from worksheets.models import (
    URGE_MINUTES_MAX,
    URGE_NOTE_MAX,
    URGE_TEXT_MAX,
    StageCheckIn,
    StartDate,
    UrgeEntry,
    Worksheet,
)

RECENT = 20
CHECKINS_CHARTED = 12
SIGN_IN_NOTE = (
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
    """The zone days and hours are in: ``?tz=`` (sent by urge_zone.js), the cookie, or UTC."""
    return choose_zone(request)


def drawn_in(request: HttpRequest, response: HttpResponse, viewer: ViewerZone) -> HttpResponse:
    """A zone asked for in the address is remembered, for these pages and the meetings pages."""
    remember_zone(request, response, viewer)
    return response


# Forms. Times are read and shown in the zone active while the form is used (see the views).


class Buttons(forms.RadioSelect):
    """Radio buttons drawn as big touch targets by the template."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "btn-check"})


def text_field(label: str, help_text: str, *, limit: int, lines: int = 1) -> CappedCharField:
    widget = forms.Textarea(attrs={"rows": lines}) if lines > 1 else forms.TextInput()
    return CappedCharField(
        label=label,
        required=False,
        max_length=limit,
        widget=widget,
        help_text=f"{help_text} Up to {limit:,} characters.".strip(),
        error_messages={"max_length": TOO_LONG},
    )


class UrgeForm(forms.ModelForm):
    felt_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Now, unless you change it.",
        error_messages={"required": "Say when you felt the urge (now or earlier)."},
    )
    intensity = forms.TypedChoiceField(
        label="How strong was it?",
        help_text="0 is barely there; 10 is the strongest you've known.",
        choices=[(number, str(number)) for number in range(11)],
        coerce=int,
        widget=Buttons,
        error_messages={
            "required": "Choose how strong the urge was, from 0 to 10.",
            "invalid_choice": "Choose how strong the urge was, from 0 to 10.",
        },
    )
    minutes = forms.IntegerField(
        label="How long did it last? (minutes)",
        required=False,
        min_value=0,
        max_value=URGE_MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="Optional. Most urges pass within 20 or 30 minutes.",
        error_messages={
            "min_value": "Minutes can't be below 0.",
            "max_value": f"Up to {URGE_MINUTES_MAX:,} minutes (a day). Log a longer urge as "
            "more than one.",
        },
    )
    situation = text_field(
        "Situation: where, doing what?",
        "Optional. Separate several with commas.",
        limit=URGE_TEXT_MAX,
    )
    people = text_field(
        "People: who was there?", "Optional. Separate several with commas.", limit=URGE_TEXT_MAX
    )
    feeling = text_field(
        "Feeling: how did you feel?",
        "Optional. Separate several with commas.",
        limit=URGE_TEXT_MAX,
    )
    response = text_field("What I did", "Optional.", limit=URGE_NOTE_MAX, lines=3)
    acted_on = forms.TypedChoiceField(
        label="Did you act on it?",
        choices=[("no", "No, I rode it out"), ("yes", "Yes, I acted on it")],
        coerce=lambda value: value == "yes",
        widget=Buttons,
        error_messages={"required": "Say whether you rode it out or acted on it."},
    )

    class Meta:
        model = UrgeEntry
        fields = [
            "felt_at",
            "intensity",
            "minutes",
            "acted_on",
            "situation",
            "people",
            "feeling",
            "response",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["acted_on"] = "yes" if self.instance.acted_on else "no"
        for bound in self:
            if bound.widget_type != "radio":
                bound.field.widget.attrs.setdefault("class", "form-control")
        for name, _ in charts.TRIGGER_FIELDS:
            self.fields[name].widget.attrs["list"] = f"{name}-options"


class StartDateForm(forms.Form):
    date = forms.DateField(
        label="Count my days from",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"required": "Choose the date to count from.", "invalid": "Enter a date."},
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError(
                "That date is still to come. Choose today or a day that has passed."
            )
        if date < datetime.date(1900, 1, 1):
            raise forms.ValidationError("Choose a date from 1900 on.")
        return date


# The urge log.


def _recent(request: HttpRequest) -> list[UrgeEntry]:
    return list(UrgeEntry.objects.owned_by(request.user)[:RECENT])


def _suggestions(entries: list[UrgeEntry]) -> dict[str, list[str]]:
    """Earlier triggers offered as the participant types, so a repeat is two taps."""
    return {
        name: [label for label, _ in charts.trigger_counts(entries, name, limit=12)]
        for name, _ in charts.TRIGGER_FIELDS
    }


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
            "suggestions": _suggestions(recent),
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
                messages.success(request, "Logged. Noticing an urge is a skill, and you used it.")
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
                messages.success(request, "Saved your changes.")
                return redirect("worksheets:urges")
            return _render_log(request, form, entry=entry, status=422)
        response = _render_log(request, UrgeForm(instance=entry), entry=entry)
        return drawn_in(request, response, viewer)


@account_required
@require_POST
def urge_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_urge_for_user(request, pk).delete()
    messages.success(request, "That entry is deleted.")
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
                "Your new start date is set, and your earlier ones are kept below. "
                "Starting again is part of changing."
                if had_one
                else "Your start date is set.",
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
