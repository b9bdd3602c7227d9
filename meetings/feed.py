"""Meeting Guide feed records (the code4recovery spec), and the same records as CSV.

The records carry the spec's fields, plus what keeps an export lossless and other apps happy:
the address in parts (``address``, ``city``, ``state``, ``postal_code``, ``country``, which the
spec allows beside ``formatted_address``); the spec's ``regions`` list when regions nest deeper
than ``region`` and ``sub_region`` can say; and ``attendance_option``, as the 12 Step Meeting
List plugin's feed has it. Without it a hybrid meeting whose coordinates came from the gazetteer
(so ``approximate`` is "yes") would read back as online.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from datetime import UTC
from typing import Any

from django.db.models import QuerySet

from meetings.models import Meeting, Region, Weekday
from meetings.schedule import upcoming_exceptions

# Feed key -> CSV column, in the 12 Step Meeting List plugin's names; the importer reads them all.
CSV_COLUMNS: dict[str, str] = {
    "time": "Time",
    "end_time": "End Time",
    "day": "Day",
    "name": "Name",
    "location": "Location",
    "address": "Address",
    "city": "City",
    "state": "State",
    "postal_code": "Postal Code",
    "country": "Country",
    "approximate": "Approximate",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "region": "Region",
    "sub_region": "Sub Region",
    "regions": "Regions",
    "types": "Types",
    "notes": "Notes",
    "location_notes": "Location Notes",
    "timezone": "Timezone",
    "group": "Group",
    "conference_url": "Conference URL",
    "conference_url_notes": "Conference URL Notes",
    "conference_phone": "Conference Phone",
    "conference_phone_notes": "Conference Phone Notes",
    "feedback_url": "Feedback URL",
    "attendance_option": "Attendance Option",
    "slug": "Slug",
    "updated": "Updated",
}

UPDATED_FORMAT = "%Y-%m-%d %H:%M:%S"

# What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). Such a
# cell is written behind a single quote, which spreadsheets show as text and the importer drops.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def feed_records(
    meetings: QuerySet[Meeting], *, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """One spec record per meeting given, in two queries; the caller decides which are public.

    Ordered by id, not by day and time: a feed's order means nothing to its readers, and the
    sort of a large directory would otherwise spill to disk. Given ``today``, the records also
    say what changes from that day on (the public feed); without it they are the meetings as
    stored (exports, which imports read back).
    """
    paths = region_paths()
    rows = meetings.select_related("location").order_by("pk")
    if today is None:
        return [feed_record(meeting, paths) for meeting in rows]
    rows = rows.with_upcoming_exceptions()
    return [with_changes(feed_record(meeting, paths), meeting, today) for meeting in rows]


def with_changes(record: dict[str, Any], meeting: Meeting, today: datetime.date) -> dict[str, Any]:
    """The spec has no field for one-off changes: they go at the head of the notes, and a
    meeting closed for the whole coming week is temporarily closed (TC) until it reopens."""
    changes = [
        change
        for change in upcoming_exceptions(meeting)
        if (change.end_date or change.date) >= today
    ]
    if not changes:
        return record
    lines = [
        f"{change.describe()}{f': {change.note}' if change.note else ''}." for change in changes
    ]
    record["notes"] = "\n".join([*lines, record["notes"]] if record.get("notes") else lines)
    week = [today + datetime.timedelta(days=offset) for offset in range(7)]
    if any(
        change.kind == change.Kind.CLOSED and all(map(change.covers, week)) for change in changes
    ):
        record["types"] = [*record.get("types", []), "TC"]
        record["types"] = list(dict.fromkeys(record["types"]))
    return record


def region_paths() -> dict[int, list[str]]:
    """Every region's names from the widest down, from one query (regions are few)."""
    regions = {
        pk: (name, parent)
        for pk, name, parent in Region.objects.values_list("pk", "name", "parent_id")
    }
    paths: dict[int, list[str]] = {}

    def path_of(pk: int, seen: frozenset[int] = frozenset()) -> list[str]:
        if pk not in paths:
            name, parent = regions[pk]
            # A loop in the tree (refused by Region.clean, but data can be imported) ends here.
            above = path_of(parent, seen | {pk}) if parent and parent not in seen else []
            paths[pk] = [*above, name]
        return paths[pk]

    for pk in regions:
        path_of(pk)
    return paths


def feed_record(meeting: Meeting, region_names: dict[int, list[str]]) -> dict[str, Any]:
    """The spec's record for one meeting; empty optional fields are left out, never null."""
    location = meeting.location
    record: dict[str, Any] = {
        "name": meeting.name,
        "slug": meeting.slug,
        "day": meeting.day,
        "time": f"{meeting.time:%H:%M}",
    }
    if meeting.end_time is not None:
        record["end_time"] = f"{meeting.end_time:%H:%M}"
    _put(record, "timezone", meeting.timezone or (location.timezone if location else ""))
    _put(record, "types", meeting.feed_types())
    _put(record, "notes", meeting.notes)
    if location is not None:
        _put(record, "location", location.name)
        _put(record, "location_notes", location.notes)
        _put(record, "formatted_address", location.formatted_address)
        for part in ("address", "city", "state", "postal_code", "country"):
            _put(record, part, getattr(location, part))
        record["approximate"] = "yes" if location.approximate else "no"
        if location.latitude is not None and location.longitude is not None:
            record["latitude"] = location.latitude
            record["longitude"] = location.longitude
    for name in (
        "conference_url",
        "conference_url_notes",
        "conference_phone",
        "conference_phone_notes",
    ):
        _put(record, name, getattr(meeting, name))
    if meeting.region_id is not None:
        record.update(region_fields(region_names[meeting.region_id]))
    _put(record, "group", meeting.group)
    _put(record, "feedback_url", meeting.feedback_url)
    record["attendance_option"] = meeting.attendance
    # A moved venue changes the listing as much as an edit to the meeting does.
    updated = max(meeting.updated, location.updated) if location else meeting.updated
    record["updated"] = updated.astimezone(UTC).strftime(UPDATED_FORMAT)
    return record


def region_fields(path: list[str]) -> dict[str, Any]:
    """A region's names from the widest down as the spec's fields: the last two as ``region``
    and ``sub_region``, and the whole path as ``regions`` when it is deeper than that."""
    fields: dict[str, Any] = {"region": path[-2] if len(path) > 1 else path[0]}
    if len(path) > 1:
        fields["sub_region"] = path[-1]
    if len(path) > 2:
        fields["regions"] = path
    return fields


def _put(record: dict[str, Any], key: str, value: Any) -> None:
    if value:
        record[key] = value


def feed_json(records: list[dict[str, Any]]) -> bytes:
    """The feed as compact UTF-8 JSON: a plain list of records, as the spec asks."""
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()


def feed_csv(records: list[dict[str, Any]]) -> str:
    """The records as a CSV in the columns the importer reads (days by name, types as codes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS.values())
    for record in records:
        writer.writerow(_csv_cell(key, record.get(key)) for key in CSV_COLUMNS)
    return buffer.getvalue()


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "day":
        return Weekday(value).label
    if isinstance(value, int | float):
        # A number, even a negative longitude, is not a formula.
        return str(value)
    if key == "types":
        return quote_formula(", ".join(value))
    if key == "regions":
        return quote_formula(" > ".join(value))
    return quote_formula(str(value))


def quote_formula(text: str) -> str:
    """The text behind a single quote when a spreadsheet would run it as a formula.

    Text that already starts with quotes before such a character gets one more, so that
    unquote_formula() gives back exactly what was written.
    """
    return f"'{text}" if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unquote_formula(text: str) -> str:
    """A CSV cell as it was before quote_formula()."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
