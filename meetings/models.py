from __future__ import annotations

import datetime
import functools
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import JSONObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.types import ALL_TYPES, LANGUAGES, PROGRAM_CODES, Program
from smartrecovery import dates

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from meetings.schedule import Occurrence


def validate_timezone(value: str) -> None:
    """Accept any IANA zone name or alias that the system's zone database knows."""
    if value not in available_timezones():
        raise ValidationError(
            gettext("“%(value)s” is not a time zone name such as America/New_York.")
            % {"value": value}
        )


@functools.cache
def available_timezones() -> frozenset[str]:
    """Every zone name and alias on this system (read once: it scans the zone files)."""
    return frozenset(zoneinfo.available_timezones())


def validate_type_codes(codes: list[str]) -> None:
    unknown = [code for code in codes if code not in ALL_TYPES]
    if unknown:
        raise ValidationError(
            gettext("Unknown type code(s): %(codes)s.") % {"codes": ", ".join(unknown)}
        )


def validate_language_codes(codes: list[str]) -> None:
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise ValidationError(
            gettext("Unknown language code(s): %(codes)s.") % {"codes": ", ".join(unknown)}
        )


# The meeting language codes (meetings.types.LANGUAGES) of the site's own languages.
SITE_LANGUAGE_OF_CODE = {
    "EN": "en",
    "S": "es",
    "FR": "fr",
    "DE": "de",
    "NL": "nl",
    "POR": "pt",
    "SV": "sv",
}

web_url = URLValidator(schemes=["http", "https"], message=_("Use a web address starting https://"))
conference_phone = RegexValidator(
    r"^[0-9+,*#]+$",
    "Digits and + , * # only (no spaces or dashes), e.g. +16465588656,,123456#",
)


# Meeting pages live at /meetings/<slug>/ beside these pages of the finder.
RESERVED_SLUGS = frozenset({"online", "browse", "calendar"})


class Weekday(models.IntegerChoices):
    """Meeting Guide numbering: Sunday is 0."""

    SUNDAY = 0, _("Sunday")
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid (in person and online)")
    ONLINE = "online", _("Online")


class Region(models.Model):
    """An area meetings belong to; regions nest (a country, its states, a metro area)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_regions",
        verbose_name=_("coordinators"),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.parent} › {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": gettext("A region cannot sit inside itself.")})
            ancestor = ancestor.parent

    @classmethod
    def subtree_ids(cls, roots: list[int]) -> set[int]:
        """The ids of these regions and every region nested below them."""
        found = set(roots)
        frontier = set(roots)
        while frontier:
            frontier = set(cls.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            frontier -= found
            found |= frontier
        return found


class LocationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> LocationQuerySet:
        """Venues a user sees in the admin: their meetings' venues; unused ones for coordinators."""
        if user.is_superuser:
            return self
        scope = Q(pk__in=Meeting.objects.editable_by(user).values("location"))
        if user.coordinated_regions.exists():
            # A coordinator's new venue has no meeting yet and must still be selectable.
            scope |= ~Exists(Meeting.objects.filter(location=OuterRef("pk")))
        return self.filter(scope)

    def editable_by(self, user: User) -> LocationQuerySet:
        """Venues a user may pick for a meeting and change: every meeting held there is theirs.

        Changing a venue moves every meeting held at it, so a venue shared with a meeting the user
        cannot edit is read-only to them. Unused venues are a coordinator's, as in visible_to().
        """
        if user.is_superuser:
            return self
        held_here = Meeting.objects.filter(location=OuterRef("pk"))
        editable_meetings = Meeting.objects.editable_by(user).values("pk")
        venues = self.filter(~Exists(held_here.exclude(pk__in=editable_meetings)))
        if user.coordinated_regions.exists():
            return venues
        return venues.filter(Exists(held_here))


class Location(models.Model):
    """A venue; its address is geocoded when saved without coordinates."""

    name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(_("state / province"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code, e.g. US, GB, AU."),
    )
    formatted_address = models.CharField(
        _("formatted address"), max_length=400, blank=True, editable=False
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_("The coordinates mark the area, not the door (e.g. a city)."),
    )
    notes = models.TextField(_("location notes"), blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_timezone], editable=False
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "city"]

    def __str__(self) -> str:
        return self.name or self.formatted_address or gettext("Location %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs) -> None:
        self.formatted_address = self.build_formatted_address()
        if self.latitude is not None and self.longitude is not None:
            from meetings.geocoding import timezone_at

            self.timezone = timezone_at(self.latitude, self.longitude) or self.timezone
        super().save(*args, **kwargs)
        # Meetings carry a copy of the coordinates for the nearest-first index.
        self.meetings.update(latitude=self.latitude, longitude=self.longitude)

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(gettext("Give both latitude and longitude, or neither."))
        if self.country:
            self.country = self.country.upper()
        if self.latitude is None and self.address_query():
            self.geocode()

    def address_query(self) -> str:
        return ", ".join(
            part
            for part in (self.address, self.city, self.state, self.postal_code, self.country)
            if part
        )

    def geocode(self) -> None:
        """Set coordinates from the address, or say clearly that it could not be found."""
        from meetings.geocoding import GeocodingError, geocode

        try:
            result = geocode(self.address_query(), precise=bool(self.address))
        except GeocodingError as exc:
            raise ValidationError(
                gettext(
                    "We could not find “%(address)s” on the map (%(problem)s). Check the "
                    "address, or enter the latitude and longitude by hand."
                )
                % {"address": self.address_query(), "problem": exc}
            ) from None
        self.latitude, self.longitude = result.latitude, result.longitude
        self.approximate = result.approximate

    def build_formatted_address(self) -> str:
        """The spec's "street, city, state zip, country" form."""
        state_zip = " ".join(part for part in (self.state, self.postal_code) if part)
        parts = (self.address, self.city, state_zip, self.country)
        return ", ".join(part for part in parts if part)


def earth_point(latitude, longitude) -> models.Func:
    return models.Func(
        latitude, longitude, function="ll_to_earth", output_field=models.FloatField()
    )


def nearest_first(latitude: float, longitude: float) -> CombinedExpression:
    """Distance from a point as the GiST index's KNN operator measures it (chord distance,
    which orders like great-circle distance), so ``order_by`` walks the index outwards."""
    point = earth_point(Value(latitude), Value(longitude))
    here = earth_point(F("latitude"), F("longitude"))
    return CombinedExpression(here, "<->", point, output_field=models.FloatField())


class MeetingQuerySet(models.QuerySet):
    def public(self) -> MeetingQuerySet:
        """Meetings anyone may see: public and not temporarily closed."""
        return self.filter(is_public=True, is_active=True)

    def listed(self) -> MeetingQuerySet:
        """Public meetings, including temporarily closed ones (shown as closed)."""
        return self.filter(is_public=True)

    def online(self) -> MeetingQuerySet:
        return self.filter(attendance__in=[Attendance.ONLINE, Attendance.HYBRID])

    def in_person(self) -> MeetingQuerySet:
        return self.filter(attendance__in=[Attendance.IN_PERSON, Attendance.HYBRID])

    def near(self, latitude: float, longitude: float, radius_m: float) -> MeetingQuerySet:
        """Meetings with a place inside a box around the point, nearest first.

        Both the box test and the order use the GiST index on ``ll_to_earth``: the index's KNN
        operator (chord distance, which orders exactly like great-circle distance) walks out from
        the point, so a page costs a few index pages however big the directory is. The box is a
        bounding cube, so callers cut at the exact radius on the rows returned.
        """
        point = earth_point(Value(latitude), Value(longitude))
        here = earth_point(F("latitude"), F("longitude"))
        box = models.Func(point, Value(radius_m), function="earth_box")
        inside = CombinedExpression(box, "@>", here, output_field=models.BooleanField())
        # Distance alone: a tie-break column would make Postgres read every meeting at a shared
        # point (a city centre) before returning a page. Ties come back in the index's order.
        return self.filter(inside).order_by(nearest_first(latitude, longitude))

    def on_days(self, days: list[int]) -> MeetingQuerySet:
        return self.filter(day__in=days)

    def at_times_of_day(self, names: list[str]) -> MeetingQuerySet:
        """Meetings starting in any of the named parts of the day, in their own zone."""
        from meetings.schedule import TIMES_OF_DAY

        condition = Q()
        for name in names:
            start, end = TIMES_OF_DAY[name]
            if start < end:
                condition |= Q(time__gte=start, time__lt=end)
            else:
                condition |= Q(time__gte=start) | Q(time__lt=end)
        return self.filter(condition)

    @staticmethod
    def local_window(start: datetime.datetime, end: datetime.datetime) -> Q:
        """Meetings whose own weekday and clock fall between two wall-clock times (naive)."""
        from meetings.schedule import spec_day

        condition = Q()
        date = start.date()
        while date <= end.date():
            part = Q(day=spec_day(date))
            if date == start.date():
                part &= Q(time__gte=start.time())
            if date == end.date():
                part &= Q(time__lte=end.time())
            condition |= part
            date += datetime.timedelta(days=1)
        return condition

    def starting_in(self, start: datetime.datetime, end: datetime.datetime) -> MeetingQuerySet:
        """Only the meetings whose own weekday and clock can start between two instants.

        Zones that show the same wall-clock window share one condition, so the query stays small
        however many meetings there are; a row in a zone the system does not know is not read,
        rather than fail the whole page. An hour's margin either side covers a clock change
        inside the window; the schedule then keeps the exact occurrences.
        """
        # Imported here, as meetings.schedule is: meetings.zones imports this module.
        from meetings.zones import every_zone

        hour = datetime.timedelta(hours=1)
        windows: dict[tuple[datetime.datetime, datetime.datetime], list[str]] = {}
        for name, here in every_zone():
            lower = (start - hour).astimezone(here).replace(tzinfo=None)
            upper = (end + hour).astimezone(here).replace(tzinfo=None)
            windows.setdefault((lower, upper), []).append(name)
        condition = Q()
        for (lower, upper), names in windows.items():
            condition |= Q(timezone__in=names) & self.local_window(lower, upper)
        # A week moved to another time may start in the window when its usual time does not.
        moved = MeetingException.objects.filter(
            meeting=OuterRef("pk"),
            kind=MeetingException.Kind.MOVED,
            date__range=(
                start.date() - datetime.timedelta(days=1),
                end.date() + datetime.timedelta(days=1),
            ),
        )
        return self.filter(condition | Q(Exists(moved))).order_by()

    def starting_between(
        self, start: datetime.datetime, end: datetime.datetime
    ) -> list[Occurrence]:
        """Occurrences starting in (start, end], soonest first, in one query."""
        from meetings.schedule import occurrences_between

        candidates = self.starting_in(start, end).with_upcoming_exceptions()
        found = occurrences_between(candidates, start, end)
        return [occurrence for occurrence in found if start < occurrence.starts <= end]

    def with_upcoming_exceptions(self) -> MeetingQuerySet:
        """Each meeting with its one-off changes not yet over, in the same query (a subquery
        per row, on the exceptions' index), for the schedule to read."""
        since = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=1)
        sql, params = upcoming_exception_rows_sql(since)
        rows = RawSQL(sql, params, output_field=ArrayField(models.JSONField()))
        return self.annotate(upcoming_exception_rows=rows)

    def with_feed_types(self, codes: list[str]) -> MeetingQuerySet:
        """Meetings whose feed ``types`` include every one of these codes.

        Some codes are stored in their own fields (program, languages, attendance verification,
        closure), as ``Meeting.feed_types()`` reads them.
        """
        from meetings.types import CODE_PROGRAMS

        condition = Q()
        stored = []
        for code in codes:
            if code in CODE_PROGRAMS:
                condition &= Q(program=CODE_PROGRAMS[code])
            elif code in LANGUAGES:
                condition &= Q(languages__contains=[code])
            elif code == "POA":
                condition &= Q(attendance_verification=True)
            elif code == "TC":
                condition &= Q(is_active=False)
            else:
                stored.append(code)
        if stored:
            condition &= Q(types__contains=stored)
        return self.filter(condition)

    def matching(self, text: str) -> MeetingQuerySet:
        return self.filter(
            Q(name__icontains=text)
            | Q(notes__icontains=text)
            | Q(group__icontains=text)
            | Q(location__name__icontains=text)
            | Q(location__city__icontains=text)
        )

    def editable_by(self, user: User) -> MeetingQuerySet:
        """What a user may edit in the admin: all (superuser), their regions', their own."""
        if user.is_superuser:
            return self
        regions = list(user.coordinated_regions.values_list("pk", flat=True))
        return self.filter(
            Q(facilitators=user) | Q(region__in=Region.subtree_ids(regions))
        ).distinct()


class Meeting(models.Model):
    """One meeting on one weekday; one held on several days is several rows, as in the spec."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=64,
        unique=True,
        help_text=_("Part of the meeting's web address; at most 64."),
    )
    day = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    time = models.TimeField(_("time"), help_text=_("Start, in the meeting's own time zone (24 h)."))
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("May be earlier than the start for a meeting that runs past midnight."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_timezone],
        blank=True,
        help_text=_("IANA name, e.g. America/Chicago. Left empty, it comes from the location."),
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Needed for in-person and hybrid meetings."),
        verbose_name=_("location"),
    )
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("region"),
    )
    program = models.CharField(
        _("program"), max_length=20, choices=Program.choices, default=Program.REGULAR
    )
    types = ArrayField(
        models.CharField(max_length=10),
        verbose_name=_("types"),
        default=list,
        blank=True,
        validators=[validate_type_codes],
    )
    languages = ArrayField(
        models.CharField(max_length=5),
        verbose_name=_("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
    )
    attendance_verification = models.BooleanField(
        _("offers attendance verification"),
        default=False,
        help_text=_("The facilitator can confirm attendance (e.g. for a court or employer)."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Untick for private meetings (e.g. inside a facility): never shown or fed."),
    )
    is_active = models.BooleanField(
        _("meeting now"),
        default=True,
        help_text=_("Untick while the meeting is temporarily closed."),
    )
    notes = models.TextField(_("notes"), blank=True)
    conference_url = models.URLField(
        _("conference link"), blank=True, max_length=500, validators=[web_url]
    )
    conference_url_notes = models.TextField(_("conference link notes"), blank=True)
    conference_phone = models.CharField(
        _("conference phone"), max_length=60, blank=True, validators=[conference_phone]
    )
    conference_phone_notes = models.TextField(_("conference phone notes"), blank=True)
    group = models.CharField(_("group"), max_length=200, blank=True)
    feedback_url = models.URLField(
        _("feedback link"), blank=True, max_length=500, validators=[web_url]
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_meetings",
        verbose_name=_("facilitators"),
    )
    # A copy of the location's coordinates, kept in step by Location.save(): the nearest-first
    # GiST index must sit on this table to serve a filtered KNN search in one index scan.
    latitude = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["latitude", "longitude", "updated"])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["day", "time", "name"]
        indexes = [
            GinIndex(fields=["types"], name="meeting_types_gin"),
            models.Index(fields=["is_public", "is_active", "attendance"], name="meeting_public"),
            # Nearest-first search orders by ll_to_earth(...) <-> ll_to_earth(point) on this.
            GistIndex(
                models.Func("latitude", "longitude", function="ll_to_earth"),
                name="meeting_earth_knn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_day_display()} {self.time:%H:%M})"

    def save(self, *args, **kwargs) -> None:
        if self.location_id:
            self.latitude, self.longitude = self.location.latitude, self.location.longitude
        else:
            self.latitude = self.longitude = None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = gettext(
                "“%(slug)s” is the address of another page; add a word to it."
            ) % {"slug": self.slug}
        needs_link = self.attendance in (Attendance.ONLINE, Attendance.HYBRID)
        if needs_link and not (self.conference_url or self.conference_phone):
            errors["conference_url"] = gettext(
                "Online and hybrid meetings need a link or a phone number."
            )
        needs_place = self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)
        if needs_place and self.location_id is None:
            errors["location"] = gettext("In-person and hybrid meetings need a location.")
        if self.end_time is not None and self.end_time == self.time:
            errors["end_time"] = gettext("The end time is the same as the start time.")
        if not self.timezone:
            if self.location_id and self.location.timezone:
                self.timezone = self.location.timezone
            else:
                errors["timezone"] = gettext("Give the time zone (e.g. Europe/London).")
        if errors:
            raise ValidationError(errors)

    @property
    def ends_next_day(self) -> bool:
        return self.end_time is not None and self.end_time < self.time

    def feed_types(self) -> list[str]:
        """The spec's ``types``: stored types plus what other fields say, in a stable order."""
        codes = list(dict.fromkeys(self.types))
        if program_code := PROGRAM_CODES.get(self.program):
            codes.append(program_code)
        codes.extend(self.languages)
        if self.attendance_verification:
            codes.append("POA")
        if not self.is_active:
            codes.append("TC")
        return list(dict.fromkeys(codes))

    def can_be_edited_by(self, user: User) -> bool:
        return Meeting.objects.editable_by(user).filter(pk=self.pk).exists()

    def site_language(self) -> str:
        """The first of the site's languages the meeting is held in, for mail to its
        facilitators, whose own language the site does not keep; English if none is."""
        for code in self.languages:
            if code in SITE_LANGUAGE_OF_CODE:
                return SITE_LANGUAGE_OF_CODE[code]
        return settings.LANGUAGE_CODE


class DirectoryVersion(models.Model):
    """A counter bumped whenever the public directory may have changed.

    Cached feeds are keyed by it, so every app process (each with its own cache, or one shared
    cache) stops serving a stale feed as soon as anything changes.
    """

    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("directory version")
        verbose_name_plural = _("directory versions")

    def __str__(self) -> str:
        return f"Directory version {self.version}"

    @classmethod
    def current(cls) -> int:
        row = cls.objects.filter(pk=1).values_list("version", flat=True).first()
        return row or 0

    @classmethod
    def bump(cls) -> None:
        """Record a change; the first bump creates the counter."""
        updated = cls.objects.filter(pk=1).update(version=F("version") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 1})


class PublishedFeed(models.Model):
    """The public Meeting Guide feed as last built: one row, shared by every app process and
    machine, served while a newer one is built in the background (``meetings.public_feed``)."""

    version = models.PositiveBigIntegerField(
        _("version"), help_text=_("The DirectoryVersion it was built from.")
    )
    day = models.DateField(_("day"), help_text=_("The day from which it lists one-off changes."))
    etag = models.CharField(_("etag"), max_length=64)
    body_gzip = models.BinaryField(_("body gzip"))
    built_at = models.DateTimeField(_("built at"))
    build_ms = models.PositiveIntegerField(_("build ms"))
    # A rebuild waiting in the task queue since then: no other is queued meanwhile.
    rebuild_queued_at = models.DateTimeField(_("rebuild queued at"), null=True, blank=True)
    # The last rebuild failed then: the next waits a while rather than failing on every request.
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("published feed")
        verbose_name_plural = _("published feeds")

    def __str__(self) -> str:
        return f"Feed of directory version {self.version} for {self.day}"


class ChangeRequest(models.Model):
    """A visitor's note that a meeting's listing is wrong, for its facilitators to act on."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="change_requests", verbose_name=_("meeting")
    )
    message = models.TextField(_("message"), max_length=2000)
    name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(_("your email"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["resolved_at", "-created"]

    def __str__(self) -> str:
        return gettext("Change request for %(meeting)s") % {"meeting": self.meeting.name}

    def resolve(self, user: User) -> None:
        """Mark the request done, remembering who did it and when."""
        from django.utils import timezone

        self.resolved_at = timezone.now()
        self.resolved_by = user
        self.save(update_fields=["resolved_at", "resolved_by"])


class MeetingExceptionQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date) -> MeetingExceptionQuerySet:
        """Those not over by ``today``: public output leaves past ones out, history keeps them."""
        return self.filter(end_date__gte=today)


class MeetingException(models.Model):
    """One date off, a closure over a few days, or one week at another time, with a note."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("No meeting on one date")
        CLOSED = "closed", _("Closed from one date to another")
        MOVED = "moved", _("Another time, one week only")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("meeting")
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    date = models.DateField(
        _("date"), help_text=_("The meeting's date; for a closure, its first day.")
    )
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a closure: the last day it covers.")
    )
    new_time = models.TimeField(
        _("new start"),
        null=True,
        blank=True,
        help_text=_("For another time: the start that day, on the meeting's own clock."),
    )
    note = models.CharField(
        _("public note"),
        max_length=140,
        blank=True,
        help_text=_("Shown with the change, e.g. “Closed for the holidays”."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MeetingExceptionQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("one-off changes")
        ordering = ["date"]
        verbose_name = _("one-off change")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("date")), name="meeting_exception_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["meeting", "end_date"], name="meeting_exception_upcoming")]

    def __str__(self) -> str:
        return self.describe()

    def save(self, *args, **kwargs) -> None:
        """Saved changes show in the cached feed at once, as a meeting's own edits do."""
        super().save(*args, **kwargs)
        DirectoryVersion.bump()

    def delete(self, *args, **kwargs):
        """Deleted changes leave the cached feed at once."""
        result = super().delete(*args, **kwargs)
        DirectoryVersion.bump()
        return result

    @property
    def skips(self) -> bool:
        """Whether the meeting is not held at all on the dates this covers."""
        return self.kind != self.Kind.MOVED

    def covers(self, date: datetime.date) -> bool:
        return self.date <= date <= (self.end_date or self.date)

    def describe(self) -> str:
        """ "No meeting on Thursday 24 December", "Closed 20 December – 3 January", ..."""
        from meetings.schedule import format_clock

        day = dates.weekday_and_date(self.date)
        if self.kind == self.Kind.CLOSED:
            end = self.end_date or self.date
            return gettext("Closed %(first)s – %(last)s") % {
                "first": dates.day_and_month(self.date),
                "last": dates.day_month_and_year(end),
            }
        if self.kind == self.Kind.MOVED and self.new_time:
            return gettext("%(day)s: at %(time)s instead of %(usual)s") % {
                "day": day,
                "time": format_clock(self.new_time),
                "usual": format_clock(self.meeting.time),
            }
        return gettext("No meeting on %(day)s") % {"day": day}

    def clean(self) -> None:
        """Refuse what would confuse people: a date gone by, a closure ending before it starts,
        a move onto another meeting's time at the venue or past midnight."""
        from meetings.schedule import length, spec_day, zone

        errors: dict[str, str] = {}
        try:
            meeting = self.meeting
        except Meeting.DoesNotExist:
            meeting = None
        if self.kind != self.Kind.CLOSED:
            self.end_date = self.date
        if self.kind != self.Kind.MOVED:
            self.new_time = None
        if self.date is None or meeting is None or meeting.timezone == "":
            return
        today = datetime.datetime.now(zone(meeting.timezone)).date()
        if self.kind == self.Kind.CLOSED:
            if self.end_date is None:
                errors["end_date"] = gettext("Give the last day of the closure.")
            elif self.end_date < self.date:
                errors["end_date"] = gettext("The last day is before the first day.")
            elif self.end_date < today and self.is_new_or_moved_in_time():
                errors["end_date"] = gettext("This closure would be over already.")
        else:
            if spec_day(self.date) != meeting.day:
                errors["date"] = gettext("%(date)s is not a %(weekday)s, the meeting's day.") % {
                    "date": dates.capitalised(dates.weekday_and_date(self.date)),
                    "weekday": dates.in_sentence(meeting.get_day_display()),
                }
            elif self.date < today and self.is_new_or_moved_in_time():
                errors["date"] = gettext("That date has passed.")
        if self.kind == self.Kind.MOVED and "date" not in errors:
            if self.new_time is None:
                errors["new_time"] = gettext("Give the start time for that day.")
            elif message := self.move_problem(length(meeting)):
                errors["new_time"] = message
        if not errors and (overlap := self.overlapping()):
            errors["date"] = gettext("This meeting already has a change then: %(change)s.") % {
                "change": overlap.describe()
            }
        if errors:
            raise ValidationError(errors)

    def is_new_or_moved_in_time(self) -> bool:
        """Whether the dates are being set now (an old exception may be edited as it stands)."""
        if self.pk is None:
            return True
        saved = MeetingException.objects.filter(pk=self.pk).values("date", "end_date").first()
        return saved != {"date": self.date, "end_date": self.end_date}

    def move_problem(self, duration: datetime.timedelta) -> str:
        from meetings.schedule import format_clock

        meeting = self.meeting
        if self.new_time == meeting.time:
            return gettext("That is the usual time: nothing to change.")
        starts = datetime.datetime.combine(self.date, self.new_time)
        ends = starts + duration
        if ends.date() != self.date and ends.time() != datetime.time(0):
            return gettext(
                "At that time the meeting would run past midnight; choose an earlier start."
            )
        if meeting.location_id is None:
            return ""
        neighbours = Meeting.objects.filter(
            location_id=meeting.location_id, day=meeting.day, is_active=True
        ).exclude(pk=meeting.pk)
        for other in neighbours:
            other_starts = datetime.datetime.combine(self.date, other.time)
            other_ends = other_starts + (
                datetime.datetime.combine(self.date, other.end_time) - other_starts
                if other.end_time and other.end_time > other.time
                else datetime.timedelta(hours=1)
            )
            if starts < other_ends and other_starts < ends:
                return gettext(
                    "“%(name)s” meets at this venue then (%(time)s); choose another time."
                ) % {"name": other.name, "time": format_clock(other.time)}
        return ""

    def overlapping(self) -> MeetingException | None:
        if self.meeting_id is None:
            return None
        others = MeetingException.objects.filter(
            meeting_id=self.meeting_id,
            date__lte=self.end_date or self.date,
            end_date__gte=self.date,
        )
        return others.exclude(pk=self.pk).first()


class Place(models.Model):
    """The offline gazetteer: world places, their other names and postal codes (load_places)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        # Another name of a city (Bombay, Köln, NYC): the same point, label and population.
        ALIAS = "alias", _("Other name")
        POSTCODE = "postcode", _("Postal code")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source_id = models.CharField(_("source id"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    # Lower-case, accent-free name for matching.
    key = models.CharField(_("key"), max_length=200)
    admin1 = models.CharField(_("state / region code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"), default=0)
    label = models.CharField(_("label"), max_length=300)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id"], name="place_unique_source")
        ]
        indexes = [
            models.Index(fields=["key"], name="place_key"),
            GinIndex(OpClass("key", name="gin_trgm_ops"), name="place_key_trgm"),
            # A region's largest towns, offered when a whole state or country is typed.
            models.Index(
                fields=["country", "admin1", "-population"],
                name="place_region_population",
                condition=models.Q(kind="city"),
            ),
            # The city nearest a browser's location, for its zone and country.
            GistIndex(
                models.Func("latitude", "longitude", function="ll_to_earth"),
                name="place_city_earth_knn",
                condition=models.Q(kind="city"),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class GeocodeCache(models.Model):
    """Every answer the geocoder chain gave, so a query is looked up once."""

    query = models.CharField(_("query"), max_length=300, unique=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    label = models.CharField(_("label"), max_length=300)
    source = models.CharField(_("source"), max_length=20)
    approximate = models.BooleanField(_("approximate"), default=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("geocode cache")
        verbose_name_plural = _("geocode caches")

    def __str__(self) -> str:
        return f"{self.query} → {self.label}"


@functools.lru_cache(maxsize=2)
def upcoming_exception_rows_sql(since: datetime.date) -> tuple[str, tuple]:
    """The subquery of ``with_upcoming_exceptions``, compiled once a day.

    Compiling it through the ORM (a JSON object of six fields in an array subquery) took about
    1 ms, half of what Django spent on the finder's whole query, on every search; its SQL is
    the same all day. It refers to the outer query's meeting by the table's own name, as the
    querysets it annotates read ``meetings_meeting`` unaliased.
    """
    outer = RawSQL(f'"{Meeting._meta.db_table}"."id"', (), output_field=models.BigIntegerField())
    rows = (
        MeetingException.objects.filter(meeting=outer)
        .upcoming(since)
        .order_by("date")
        .values(
            row=JSONObject(
                id="pk",
                kind="kind",
                date="date",
                end_date="end_date",
                new_time="new_time",
                note="note",
            )
        )
    )
    sql, params = rows.query.sql_with_params()
    return f"ARRAY({sql})", tuple(params)
