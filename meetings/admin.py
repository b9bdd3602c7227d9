"""The admin for facilitators (their own meetings) and coordinators (their regions' meetings).

Row-level scope lives here, on top of the groups' model permissions (meetings/roles.py): every
list, form, history page and action goes through ``get_queryset`` and the ``has_*_permission``
methods, which ask the model who may edit what.
"""

from __future__ import annotations

import datetime
import functools
from importlib import resources
from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from meetings.admin_import import can_import, import_view
from meetings.feed import feed_csv, feed_json, feed_records
from meetings.models import (
    ChangeRequest,
    Location,
    Meeting,
    MeetingException,
    Region,
    Weekday,
    available_timezones,
)
from meetings.roles import is_coordinator
from meetings.schedule import (
    Occurrence,
    format_clock,
    next_held_occurrence,
    upcoming_exceptions,
    weekly_sentence,
    zone,
)
from meetings.types import EDITABLE_TYPES, LANGUAGES, type_name
from smartrecovery import dates

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def coordinated_region_ids(user) -> set[int]:
    return Region.subtree_ids(list(user.coordinated_regions.values_list("pk", flat=True)))


# The common edit (time, link, closed this week) comes first.
MEETING_FIELDSETS = [
    (
        _("When"),
        {
            "fields": [("day", "time", "end_time"), "timezone", "in_words", "is_active"],
            "description": _(
                "Times are the meeting's own clock, in its time zone. "
                "Untick “meeting now” for a week off or while closed."
            ),
        },
    ),
    (
        _("How to join"),
        {
            "fields": [
                "attendance",
                "location",
                "conference_url",
                "conference_url_notes",
                "conference_phone",
                "conference_phone_notes",
            ]
        },
    ),
    (
        _("About the meeting"),
        {
            "fields": [
                "name",
                "slug",
                "program",
                "types",
                "languages",
                "attendance_verification",
                "notes",
                "group",
                "feedback_url",
            ]
        },
    ),
    (_("Who and where it belongs"), {"fields": ["is_public", "region", "facilitators"]}),
    (None, {"fields": ["change_reason"]}),
]


# Shown beside the form's fields, never edited: the schedule in words.
MEETING_DISPLAY_FIELDS = ["in_words"]
# On the form, not on the meeting: kept with the change in the meeting's history.
MEETING_FORM_ONLY_FIELDS = ["change_reason"]


@functools.cache
def zones_by_country() -> dict[str, list[str]]:
    """Each country's zones, from the zone database's own zone.tab (shipped by ``tzdata``)."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    countries: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            country, _, name = line.split("\t")[:3]
            countries.setdefault(country, []).append(name)
    return countries


@functools.cache
def listed_zones() -> list[str]:
    """The zone names worth offering: every country's zones and UTC (aliases are still accepted)."""
    names = {name for zones in zones_by_country().values() for name in zones}
    return sorted(names & available_timezones() | {"UTC"})


def zones_near(meeting: Meeting) -> list[str]:
    """Every listed zone, the venue's and its country's first, then the rest by name."""
    location = meeting.location if meeting.location_id else None
    first = [meeting.timezone, location.timezone if location else ""]
    if location and location.country:
        first += zones_by_country().get(location.country.upper(), [])
    first = [name for name in dict.fromkeys(first) if name]
    return first + [name for name in listed_zones() if name not in first]


class ZoneInput(forms.TextInput):
    """A text box with the zone names as suggestions: browsers filter a datalist as one types."""

    def __init__(self, zones: list[str], attrs: dict | None = None) -> None:
        super().__init__(attrs={"list": "timezone-names", "autocomplete": "off", **(attrs or {})})
        self.zones = zones

    def render(self, name, value, attrs=None, renderer=None) -> str:
        options = format_html_join("", '<option value="{}">', ((zone,) for zone in self.zones))
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="timezone-names">{}</datalist>', box, options)


def type_choices() -> list[tuple[str, str]]:
    """The meeting types an editor may tick, by name in the admin's language."""
    return sorted(((code, type_name(code)) for code in EDITABLE_TYPES), key=lambda item: item[1])


def language_choices() -> list[tuple[str, str]]:
    return sorted(((code, type_name(code)) for code in LANGUAGES), key=lambda item: item[1])


# Wall-clock times in the meeting's zone: a plain time box, not the admin's clock widget, whose
# script adds "Note: You are N hours behind the server time" and a "Now" that reads the server's.
CLOCK = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    # Set by MeetingAdmin.get_form(): the person editing, whose venues may be picked.
    editor: User | None = None

    types = forms.MultipleChoiceField(
        label=_("types"),
        choices=type_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=["EN"],
    )
    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=100,
        help_text=_("Optional; shown in the meeting's history, e.g. “the church hall moved us”."),
    )

    class Meta:
        model = Meeting
        fields = [
            name
            for _, options in MEETING_FIELDSETS
            for row in options["fields"]
            for name in (row if isinstance(row, tuple) else (row,))
            if name not in MEETING_DISPLAY_FIELDS + MEETING_FORM_ONLY_FIELDS
        ]
        widgets = {"time": CLOCK, "end_time": CLOCK}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "location" in self.fields:
            # The meeting's own venue stays selectable, so a meeting at a shared venue can still
            # be saved; any other pick must be a venue the editor may change.
            current = Q(pk=self.instance.location_id) if self.instance.location_id else Q()
            editable = Q(pk__in=self.editable_locations().values("pk"))
            self.fields["location"].queryset = Location.objects.filter(editable | current)
        if "timezone" in self.fields:
            self.fields["timezone"].widget = ZoneInput(zones_near(self.instance), {"maxlength": 64})

    def editable_locations(self) -> QuerySet[Location]:
        if self.editor is None:
            return Location.objects.none()
        return Location.objects.editable_by(self.editor)

    def clean_types(self) -> list[str]:
        # Codes that other fields own (closed, proof of attendance) are kept as they were.
        kept = [code for code in self.instance.types if code not in EDITABLE_TYPES]
        return kept + self.cleaned_data["types"]

    def clean(self) -> dict:
        cleaned_data = super().clean()
        location = cleaned_data.get("location")
        moved = "location" in self.changed_data and location is not None
        if moved and not self.editable_locations().filter(pk=location.pk).exists():
            # The queryset already refuses it; this says why, should the queryset ever widen.
            self.add_error(
                "location",
                gettext("This venue is shared with meetings you cannot edit; ask a coordinator."),
            )
        return cleaned_data


# How a change reads in the history: "Start 8:00 PM → 7:15 PM".
HISTORY_LABELS = {
    "day": _("Day"),
    "time": _("Start"),
    "end_time": _("End"),
    "timezone": _("Time zone"),
    "is_active": _("Meeting now"),
    "is_public": _("Public"),
    "conference_url": _("Link"),
    "conference_phone": _("Phone"),
    "feedback_url": _("Feedback link"),
    "location": _("Venue"),
}
# Links and phone numbers can carry a passcode: the history says that they changed, not to what.
SECRET_FIELDS = {"conference_url", "conference_phone", "feedback_url"}
SHOWN_CHARACTERS = 80


def change_in_words(field: str, old, new) -> str:
    """One change to a meeting as a line of its history, e.g. "Start 8:00 PM → 7:15 PM"."""
    label = str(
        HISTORY_LABELS.get(field) or Meeting._meta.get_field(field).verbose_name
    ).capitalize()
    if field in SECRET_FIELDS:
        if not old:
            return gettext("%(field)s added") % {"field": label}
        if not new:
            return gettext("%(field)s removed") % {"field": label}
        return gettext("%(field)s changed") % {"field": label}
    return f"{label} {value_in_words(field, old)} → {value_in_words(field, new)}"


def value_in_words(field: str, value) -> str:
    if value is None or value in ("", []):
        return gettext("(none)")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.time):
        return format_clock(value)
    if field == "day":
        return Weekday(value).label
    if field in ("types", "languages"):
        return ", ".join(type_name(code) for code in value)
    choices = Meeting._meta.get_field(field).choices
    text = str(dict(choices).get(value, value) if choices else value)
    return text if len(text) <= SHOWN_CHARACTERS else f"{text[: SHOWN_CHARACTERS - 1]}…"


class MeetingHistoryHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta) -> list[dict[str, str]]:
        return [
            {"words": change_in_words(change.field, change.old, change.new)}
            for change in delta.changes
        ]


# The "my meetings" page lists at most this many (a superuser's page would list every meeting).
MINE_LIMIT = 200


def next_to_start(meeting: Meeting, now: datetime.datetime) -> Occurrence | None:
    """The next date the meeting is held that has not begun yet."""
    upcoming = next_held_occurrence(meeting, now)
    if upcoming is not None and upcoming.starts <= now:
        upcoming = next_held_occurrence(meeting, upcoming.ends)
    return upcoming


class MeetingExceptionInline(admin.StackedInline):
    """One-off changes on the meeting's own page: whoever may edit the meeting may add them."""

    model = MeetingException
    extra = 0
    fields = ["kind", "date", "end_date", "new_time", "note"]
    formfield_overrides = {models.TimeField: {"widget": CLOCK}}
    verbose_name_plural = _("One-off changes (a date off, a closure, another time one week)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MeetingException]:
        # Only upcoming ones are worth editing; past ones stay in the meeting's history.
        editable = Meeting.objects.editable_by(request.user).values("pk")
        since = timezone.now().date() - datetime.timedelta(days=1)
        return super().get_queryset(request).filter(meeting__in=editable).upcoming(since)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField):
            kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _editable(self, request: HttpRequest, obj) -> bool:
        return obj is None or obj.can_be_edited_by(request.user)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._editable(request, obj) and self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Facilitators hold no permission on this model: it is part of the meeting they edit.
        allowed = request.user.has_perm("meetings.change_meeting")
        return allowed and self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("meetings.view_meeting") and self._editable(request, obj)


class MeetingActionForm(ActionForm):
    """The action bar's extra boxes for a coordinator's bulk changes."""

    # A plain text field drawn as a list: the choices are the user's regions, set per request,
    # and the action itself refuses any other (Django validates this form before it runs).
    region = forms.CharField(
        required=False, label=_("Region (for “move”)"), widget=forms.Select(choices=[])
    )
    timezone = forms.CharField(
        required=False,
        max_length=64,
        label=_("Time zone (for “set”)"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "America/Chicago"}),
    )


def allowed_regions(user) -> QuerySet[Region]:
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(pk__in=coordinated_region_ids(user))


class TypeFilter(admin.SimpleListFilter):
    title = _("type")
    parameter_name = "type"

    def lookups(self, request, model_admin):
        return type_choices()

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(types__contains=[self.value()])
        return queryset


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingForm
    list_display = [
        "name",
        "day",
        "time",
        "timezone",
        "attendance",
        "region",
        "is_active",
        "is_public",
    ]
    list_display_links = ["name"]
    list_filter = [
        "day",
        "attendance",
        TypeFilter,
        "program",
        ("region", admin.RelatedOnlyFieldListFilter),
        "is_active",
        "is_public",
    ]
    list_select_related = ["region"]
    search_fields = ["name", "slug", "group", "location__name", "location__city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["location"]
    filter_horizontal = ["facilitators"]
    save_on_top = True
    inlines = [MeetingExceptionInline]
    action_form = MeetingActionForm
    actions = ["move_to_region", "set_timezone", "export_csv", "export_json"]
    change_list_template = "admin/meetings/meeting/change_list.html"
    fieldsets = MEETING_FIELDSETS

    class Media:
        js = ["js/meeting_times.js"]

    def get_urls(self) -> list:
        import_url = path(
            "import/",
            self.admin_site.admin_view(import_view),
            name="meetings_meeting_import",
        )
        when_url = path(
            "when/", self.admin_site.admin_view(self.when_view), name="meetings_meeting_when"
        )
        mine_url = path(
            "mine/", self.admin_site.admin_view(self.mine_view), name="meetings_meeting_mine"
        )
        cancel_url = path(
            "<int:pk>/cancel-next/",
            self.admin_site.admin_view(self.cancel_next_view),
            name="meetings_meeting_cancel_next",
        )
        return [import_url, when_url, mine_url, cancel_url, *super().get_urls()]

    def mine_view(self, request: HttpRequest) -> HttpResponse:
        """The meetings this person looks after (a coordinator: their regions'), each with its
        next date, its coming changes and its open change requests."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        meetings = list(
            self.get_queryset(request)
            .select_related("region")
            .with_upcoming_exceptions()
            .order_by("name")[:MINE_LIMIT]
        )
        requests = ChangeRequest.objects.filter(meeting__in=meetings, resolved_at__isnull=True)
        open_requests: dict[int, list[ChangeRequest]] = {}
        for change_request in requests.order_by("-created"):
            open_requests.setdefault(change_request.meeting_id, []).append(change_request)
        rows = []
        for meeting in meetings:
            upcoming = next_to_start(meeting, now)
            local_today = now.astimezone(zone(meeting.timezone)).date()
            rows.append(
                {
                    "meeting": meeting,
                    "next": upcoming,
                    "next_label": gettext("%(date)s, %(time)s")
                    % {
                        "date": dates.weekday_and_date(upcoming.starts),
                        "time": format_clock(upcoming.starts),
                    }
                    if upcoming
                    else "",
                    "changes": [
                        change
                        for change in upcoming_exceptions(meeting)
                        if (change.end_date or change.date) >= local_today
                    ],
                    "requests": open_requests.get(meeting.pk, []),
                    "can_change": self.has_change_permission(request, meeting),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("My meetings"),
            "rows": rows,
            "opts": self.model._meta,
            "is_coordinator": is_coordinator(request.user),
            "truncated": len(meetings) == MINE_LIMIT,
        }
        return TemplateResponse(request, "admin/meetings/meeting/mine.html", context)

    def cancel_next_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One click: no meeting at the next date it would start (undone by deleting the change
        on the meeting's page)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        upcoming = next_to_start(meeting, timezone.now())
        if upcoming is None:
            self.message_user(
                request, gettext("This meeting has no coming date to cancel."), messages.ERROR
            )
            return redirect("admin:meetings_meeting_mine")
        date = upcoming.starts.astimezone(zone(meeting.timezone)).date()
        change = MeetingException(
            meeting=meeting,
            kind=MeetingException.Kind.CANCELLED,
            date=upcoming.change.date if upcoming.change else date,
            note=request.POST.get("note", "")[:140],
        )
        if upcoming.change:
            # The next date was moved: cancelling it replaces the move.
            MeetingException.objects.filter(pk=upcoming.change.pk).delete()
        try:
            change.full_clean()
        except ValidationError as refused:
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return redirect("admin:meetings_meeting_mine")
        change.save()
        self.message_user(
            request,
            gettext("%(meeting)s: %(change)s. Undo it under “One-off changes” on its page.")
            % {"meeting": meeting.name, "change": change.describe()},
            messages.SUCCESS,
        )
        return redirect("admin:meetings_meeting_mine")

    def get_historical_record_context_helper(self, request, historical_record):
        return MeetingHistoryHelper(self.model, historical_record)

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:
        # simple-history writes this into the history row the save makes.
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        super().save_model(request, obj, form, change)

    def when_view(self, request: HttpRequest) -> JsonResponse:
        """The schedule in words for the form's unsaved day, time and zone (meeting_times.js)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            day = Weekday(int(request.GET.get("day", "")))
            time = datetime.time.fromisoformat(request.GET.get("time", ""))
        except ValueError:
            return JsonResponse({"sentence": ""}, status=400)
        zone_name = request.GET.get("timezone", "")
        if zone_name not in available_timezones():
            return JsonResponse({"sentence": ""}, status=400)
        return JsonResponse({"sentence": weekly_sentence(day, time, zone_name, timezone.now())})

    @admin.display(description=_("In words"))
    def in_words(self, meeting: Meeting) -> str:
        has_schedule = meeting.day is not None and meeting.time and meeting.timezone
        sentence = (
            weekly_sentence(meeting.day, meeting.time, meeting.timezone, timezone.now())
            if has_schedule
            else ""
        )
        return format_html(
            '<span id="meeting-when" data-url="{}" aria-live="polite">{}</span>',
            reverse("admin:meetings_meeting_when"),
            sentence,
        )

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": can_import(request.user)}
        response = super().changelist_view(request, extra_context)
        action_form = getattr(response, "context_data", {}).get("action_form")
        if action_form is not None:
            action_form.fields["region"].widget.choices = [
                ("", "---------"),
                *((region.pk, str(region)) for region in allowed_regions(request.user)),
            ]
        return response

    def get_actions(self, request: HttpRequest, action_location=ActionLocation.CHANGE_LIST) -> dict:
        actions = super().get_actions(request, action_location=action_location)
        if not is_coordinator(request.user):
            # Facilitators neither move meetings between regions nor export them in bulk.
            for name in ("move_to_region", "set_timezone", "export_csv", "export_json"):
                actions.pop(name, None)
        return actions

    def bulk_save(self, request: HttpRequest, meetings, reason: str, **changes) -> int:
        """Each meeting saved on its own, so its history says who changed what and why."""
        saved = 0
        for meeting in meetings:
            for name, value in changes.items():
                setattr(meeting, name, value)
            meeting._history_user = request.user
            meeting._change_reason = reason
            meeting.save()
            saved += 1
        return saved

    @admin.action(
        description=_("Move the selected meetings to the region chosen"), permissions=["change"]
    )
    def move_to_region(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        chosen = request.POST.get("region", "")
        region = (
            allowed_regions(request.user).filter(pk=chosen).first() if chosen.isdigit() else None
        )
        if region is None:
            self.message_user(
                request, gettext("Choose one of your regions to move them to."), messages.ERROR
            )
            return
        with transaction.atomic():
            count = self.bulk_save(
                request,
                queryset,
                gettext("Moved to %(region)s with others") % {"region": region.name},
                region=region,
            )
        self.message_user(
            request,
            ngettext(
                "%(count)s meeting moved to %(region)s.",
                "%(count)s meetings moved to %(region)s.",
                count,
            )
            % {"count": count, "region": region},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Set the time zone chosen on the selected meetings"), permissions=["change"]
    )
    def set_timezone(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        zone_name = request.POST.get("timezone", "").strip()
        if zone_name not in available_timezones():
            self.message_user(
                request, gettext("Give a time zone name such as America/Chicago."), messages.ERROR
            )
            return
        with transaction.atomic():
            count = self.bulk_save(
                request,
                queryset,
                gettext("Time zone set to %(zone)s with others") % {"zone": zone_name},
                timezone=zone_name,
            )
        self.message_user(
            request,
            ngettext(
                "%(count)s meeting now in %(zone)s.", "%(count)s meetings now in %(zone)s.", count
            )
            % {"count": count, "zone": zone_name},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the selected meetings as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> HttpResponse:
        response = HttpResponse(feed_csv(feed_records(queryset)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="meetings.csv"'
        return response

    @admin.action(description=_("Export the selected meetings as JSON"), permissions=["view"])
    def export_json(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> HttpResponse:
        response = HttpResponse(feed_json(feed_records(queryset)), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="meetings.json"'
        return response

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return super().get_queryset(request).editable_by(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        if is_coordinator(request.user):
            return MEETING_DISPLAY_FIELDS
        # Facilitators keep their meeting right; who runs it and where it belongs is not theirs.
        return [*MEETING_DISPLAY_FIELDS, "region", "facilitators", "is_public"]

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region" and not request.user.is_superuser:
            kwargs["queryset"] = Region.objects.filter(pk__in=coordinated_region_ids(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "facilitators":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request by modelform_factory, so the attribute is this user's.
        form.editor = request.user
        if "region" in form.base_fields and not request.user.is_superuser:
            # A coordinator's meetings always sit in one of their regions.
            form.base_fields["region"].required = True
        return form


class LocationMeetingsFilter(admin.SimpleListFilter):
    title = _("in use")
    parameter_name = "in_use"

    def lookups(self, request, model_admin):
        return [("yes", _("Has meetings")), ("no", _("No meetings"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(meetings__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(meetings__isnull=True)
        return queryset


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "city", "state", "country", "latitude", "longitude", "approximate"]
    list_filter = ["country", LocationMeetingsFilter, "approximate"]
    search_fields = ["name", "address", "city", "postal_code"]
    readonly_fields = ["formatted_address", "timezone"]
    fieldsets = [
        (None, {"fields": ["name", "address", "city", "state", "postal_code", "country"]}),
        (
            _("On the map"),
            {
                "fields": [("latitude", "longitude"), "approximate", "timezone"],
                "description": _("Leave the coordinates empty to find them from the address."),
            },
        ),
        (None, {"fields": ["notes", "formatted_address"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Location]:
        locations = super().get_queryset(request)
        if is_meeting_location_lookup(request):
            # The meeting form's venue picker offers only venues the user may change.
            return locations.editable_by(request.user)
        return locations.visible_to(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return Location.objects.visible_to(request.user).filter(pk=obj.pk).exists()

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        # A venue shared with someone else's meeting shows read-only: changing it moves theirs.
        return Location.objects.editable_by(request.user).filter(pk=obj.pk).exists()


def is_meeting_location_lookup(request: HttpRequest) -> bool:
    """Whether this is the admin's autocomplete asking for a meeting's venue choices."""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == Meeting._meta.app_label
        and request.GET.get("model_name") == Meeting._meta.model_name
        and request.GET.get("field_name") == "location"
    )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        queryset = super().get_queryset(request).select_related("parent")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=coordinated_region_ids(request.user))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "coordinators":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["meeting", "short_message", "created", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "created"]
    list_select_related = ["meeting"]
    search_fields = ["message", "meeting__name"]
    readonly_fields = [
        "meeting",
        "message",
        "name",
        "email",
        "created",
        "resolved_at",
        "resolved_by",
    ]
    actions = ["mark_done"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ChangeRequest]:
        editable = Meeting.objects.editable_by(request.user).values("pk")
        return super().get_queryset(request).filter(meeting__in=editable)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("request"))
    def short_message(self, obj: ChangeRequest) -> str:
        return obj.message if len(obj.message) <= 80 else f"{obj.message[:77]}…"

    @admin.action(description=_("Mark as done"), permissions=["change"])
    def mark_done(self, request: HttpRequest, queryset: QuerySet[ChangeRequest]) -> None:
        open_requests = queryset.filter(resolved_at__isnull=True)
        for change_request in open_requests:
            change_request.resolve(request.user)
        done = len(open_requests)
        self.message_user(
            request,
            ngettext(
                "%(count)s request marked as done.", "%(count)s requests marked as done.", done
            )
            % {"count": done},
            messages.SUCCESS,
        )
