"""Writing a checked import: regions, venues and meetings, by COPY and pipelined UPDATEs.

Nothing is written until every row has been read, checked and located. ``Plan`` first matches the
rows' regions and venues to what exists, reading only, so the coordinator's scope can be checked
against it; ``write`` then creates what is new and changes what differs, recording the meetings'
history as simple_history's bulk helpers would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from meetings.bulk import copy_insert
from meetings.importing.problems import ImportProblem, ImportResult, Report
from meetings.importing.rows import Row
from meetings.models import Location, Meeting, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CHANGE_REASON = "Imported"

# A venue's key: its name, formatted address and coordinates.
VenueKey = tuple[str, str, float | None, float | None]
# Where a region path leads: the deepest existing region on it, and the names below that are new.
RegionPlan = tuple[Region | None, tuple[str, ...]]


class Regions:
    """Region paths matched to regions, without regard to case; new ones created when writing."""

    def __init__(self) -> None:
        self.created = 0
        self.children: dict[int | None, dict[str, Region]] = defaultdict(dict)
        self.named: dict[str, list[Region]] = defaultdict(list)
        self.slugs: set[str] = set()
        for region in Region.objects.order_by("pk"):
            self._remember(region)

    def _remember(self, region: Region) -> None:
        self.children[region.parent_id].setdefault(region.name.casefold(), region)
        self.named[region.name.casefold()].append(region)
        self.slugs.add(region.slug)

    def find(self, path: tuple[str, ...]) -> tuple[Region | None, tuple[str, ...]]:
        """The deepest existing region on the path, and the names below it that are new.

        Reads only, so an import knows where each row belongs before it writes anything.
        """
        region = self._top(path)
        if region is None:
            return None, path
        for depth, name in enumerate(path[1:], start=1):
            child = self.children[region.pk].get(name.casefold())
            if child is None:
                return region, path[depth:]
            region = child
        return region, ()

    def create(self, region: Region | None, names: tuple[str, ...]) -> Region:
        """The region these names lead to below ``region`` (None: the top), made as needed."""
        for name in names:
            parent = region.pk if region is not None else None
            region = self.children[parent].get(name.casefold()) or self._create(name, region)
        return region

    def _top(self, path: tuple[str, ...]) -> Region | None:
        """A top-level region of that name, else the one region anywhere that fits the path."""
        key = path[0].casefold()
        if top := self.children[None].get(key):
            return top
        candidates = self.named.get(key, [])
        if len(path) > 1:
            candidates = [
                region for region in candidates if path[1].casefold() in self.children[region.pk]
            ] or candidates
        return candidates[0] if candidates else None

    def _create(self, name: str, parent: Region | None) -> Region:
        base = slugify(f"{parent.slug}-{name}" if parent else name)[:110] or "region"
        slug, counter = base, 1
        while slug in self.slugs:
            counter += 1
            slug = f"{base}-{counter}"
        region = Region.objects.create(name=name, slug=slug, parent=parent)
        self.created += 1
        self._remember(region)
        return region


class Venues:
    """One venue per key (name, address, coordinates), matched to an existing Location."""

    def __init__(
        self,
        rows: list[Row],
        report: Report,
        timezone_at: Callable[[Location], str | None],
    ) -> None:
        self.wanted: dict[VenueKey, Location] = {}
        self.first_rows: dict[VenueKey, int] = {}
        self.created = 0
        for row in rows:
            # A venue not on the map has been reported already.
            if row.location is None or row.location.latitude is None:
                continue
            key = row.location_key
            if key not in self.wanted:
                self.wanted[key] = row.location
                self.first_rows[key] = row.number
            elif row.location.notes != self.wanted[key].notes:
                first = self.first_rows[key]
                report.warn(
                    row.number,
                    "location_notes",
                    gettext("differ from row %(row)s's for the same location; row %(row)s's kept")
                    % {"row": first},
                )
        self.found: dict[VenueKey, Location] = {}
        addresses = {key[1] for key in self.wanted}
        for location in Location.objects.filter(formatted_address__in=addresses).order_by("pk"):
            key = (location.name, location.formatted_address, location.latitude, location.longitude)
            if key in self.wanted:
                self.found.setdefault(key, location)
        for incoming in self.wanted.values():
            incoming.timezone = timezone_at(incoming) or ""

    @staticmethod
    def changes(location: Location, incoming: Location) -> list[str]:
        """What an import would change in an existing venue, in plain words."""
        labels = {
            "notes": gettext("location notes"),
            "approximate": gettext("approximate"),
            "timezone": gettext("time zone"),
        }
        return [
            label
            for name, label in labels.items()
            if getattr(location, name) != getattr(incoming, name)
        ]

    def changing(self) -> dict[VenueKey, Location]:
        """The existing venues the import would change."""
        return {
            key: location
            for key, location in self.found.items()
            if self.changes(location, self.wanted[key])
        }

    def save(self) -> dict[VenueKey, Location]:
        """One saved Location per venue key: the matched ones updated, the others created."""
        found = dict(self.found)
        now = timezone.now()
        new, changed = [], []
        for key, incoming in self.wanted.items():
            location = found.get(key)
            if location is None:
                new.append(incoming)
                found[key] = incoming
            elif self.changes(location, incoming):
                location.notes, location.approximate = incoming.notes, incoming.approximate
                location.timezone = incoming.timezone
                location.updated = now
                changed.append(location)
        copy_insert(Location, new)
        update_rows(Location, changed, ["notes", "approximate", "timezone", "updated"])
        self.created = len(new)
        return found


@dataclass
class Plan:
    """Each row's region and venue matched to what exists, found without writing anything."""

    regions: Regions
    region_plans: dict[tuple[str, ...], RegionPlan]
    venues: Venues

    @classmethod
    def make(
        cls,
        rows: list[Row],
        report: Report,
        timezone_at: Callable[[Location], str | None],
    ) -> Plan:
        regions = Regions()
        region_plans = {
            row.region_path: regions.find(row.region_path) for row in rows if row.region_path
        }
        return cls(regions, region_plans, Venues(rows, report, timezone_at))


def write(
    plan: Plan, rows: list[Row], user: User | None, warnings: list[ImportProblem]
) -> ImportResult:
    """Create the new regions and venues, then create or change each row's meeting."""
    result = ImportResult(warnings=warnings)
    region_ids = {path: plan.regions.create(*found).pk for path, found in plan.region_plans.items()}
    result.regions_created = plan.regions.created
    locations = plan.venues.save()
    result.locations_created = plan.venues.created
    existing = Meeting.objects.in_bulk([row.slug for row in rows], field_name="slug")
    now = timezone.now()
    created, changed, changed_fields = [], [], set()
    for row in rows:
        location = locations[row.location_key] if row.location is not None else None
        values = {
            **row.values,
            "location_id": location.pk if location else None,
            "latitude": location.latitude if location else None,
            "longitude": location.longitude if location else None,
            "region_id": region_ids.get(row.region_path),
        }
        meeting = existing.get(row.slug)
        if meeting is None:
            created.append(Meeting(slug=row.slug, **values))
            continue
        # Only what the file carries: facilitators and is_public stay as they were.
        differing = {name for name, value in values.items() if getattr(meeting, name) != value}
        if not differing:
            result.unchanged += 1
            continue
        for name in differing:
            setattr(meeting, name, values[name])
        # bulk_update() leaves auto_now fields alone.
        meeting.updated = now
        changed.append(meeting)
        changed_fields |= differing
    # COPY rather than INSERT: Django builds and psycopg parses a statement per thousand rows
    # with tens of thousands of parameters, which took most of a 10,000-row import.
    copy_insert(Meeting, created)
    update_rows(Meeting, changed, [*changed_fields, "updated"])
    _record_history(created, "+", now, user)
    _record_history(changed, "~", now, user)
    result.created, result.updated = len(created), len(changed)
    return result


def _record_history(
    meetings: list[Meeting], history_type: str, when: datetime, user: User | None
) -> None:
    """The history rows simple_history's bulk helpers would write, by COPY."""
    history = Meeting.history.model
    copy_insert(
        history,
        [
            history(
                history_date=when,
                history_user=user,
                history_change_reason=CHANGE_REASON,
                history_type=history_type,
                **{
                    field.attname: getattr(meeting, field.attname)
                    for field in history.tracked_fields
                },
            )
            for meeting in meetings
        ],
    )


def update_rows(model: type[models.Model], objects: list[models.Model], names: list[str]) -> None:
    """Update each row with its own UPDATE, pipelined in one round trip.

    Linear in the rows, where bulk_update() writes a CASE per field with a branch per row of the
    batch: that took most of the time of a 10,000-row import.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    statement = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)
