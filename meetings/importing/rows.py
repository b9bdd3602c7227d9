"""From records to rows: one checked, unsaved meeting per record and day, each with its slug.

A record that gives several days is several rows of one number, as the spec stores a meeting
held on several days. A record with any problem gives no rows; its problems are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext

from meetings.importing.addresses import parse_venue
from meetings.importing.fields import (
    TEXT_FIELDS,
    as_text,
    parse_attendance,
    parse_days,
    parse_region_path,
    parse_time,
    parse_timezone,
    parse_types,
    validate,
)
from meetings.importing.problems import Report
from meetings.importing.records import Record
from meetings.models import Location, Meeting, Weekday


@dataclass
class Row:
    """One meeting as read from the file, checked but not yet saved."""

    number: int
    slug: str
    values: dict[str, Any]
    location: Location | None
    # What the file says about the address ("approximate"), None when it is silent.
    approximate: bool | None
    region_path: tuple[str, ...]

    @property
    def location_key(self) -> tuple[str, str, float | None, float | None]:
        location = self.location
        return (location.name, location.formatted_address, location.latitude, location.longitude)


def parse_rows(records: list[Record], report: Report) -> list[Row]:
    rows: list[Row] = []
    for number, record in records:
        rows.extend(_parse_record(report, number, record))
    _assign_slugs(rows, report)
    return rows


def _parse_record(report: Report, number: int, record: dict[str, Any]) -> list[Row]:
    problems_before = len(report.problems)
    values: dict[str, Any] = {}
    values["name"] = as_text(record.get("name"))
    if not values["name"]:
        report.problem(number, "name", gettext("required"))
    else:
        validate(report, number, Meeting, "name", values["name"])
    days = parse_days(report, number, record.get("day"))
    values["time"] = parse_time(report, number, "time", record.get("time"), required=True)
    values["end_time"] = parse_time(report, number, "end_time", record.get("end_time"))
    if values["end_time"] is not None and values["end_time"] == values["time"]:
        report.problem(number, "end_time", gettext("the same as the start time"))
    values["timezone"] = parse_timezone(report, number, as_text(record.get("timezone")))
    for name in TEXT_FIELDS:
        values[name] = as_text(record.get(name))
        validate(report, number, Meeting, name, values[name])
    online_type = parse_types(report, number, record.get("types"), values)
    slug = as_text(record.get("slug"))
    if slug:
        validate(report, number, Meeting, "slug", slug)
    location, approximate = parse_venue(report, number, record)
    region_path = parse_region_path(report, number, record)
    parse_attendance(report, number, record, values, location, approximate, online_type)
    if len(report.problems) > problems_before:
        return []
    return [
        Row(
            number=number,
            slug=day_slug(slug, day) if slug and len(days) > 1 else slug,
            values={**values, "day": day},
            location=location,
            approximate=approximate,
            region_path=region_path,
        )
        for day in days
    ]


def _assign_slugs(rows: list[Row], report: Report) -> None:
    """Keep the file's slugs (each once); make stable ones from name and day for the rest."""
    used: dict[str, int] = {}
    for row in rows:
        if not row.slug:
            continue
        if row.slug in used:
            report.problem(
                row.number, "slug", f"“{row.slug}” is also the slug of row {used[row.slug]}"
            )
        else:
            used[row.slug] = row.number
    for row in rows:
        if row.slug:
            continue
        base = day_slug(slugify(row.values["name"]) or "meeting", row.values["day"])
        slug, counter = base, 1
        while slug in used:
            counter += 1
            suffix = f"-{counter}"
            slug = base[: 64 - len(suffix)] + suffix
        row.slug = slug
        used[slug] = row.number


def day_slug(base: str, day: int) -> str:
    suffix = f"-{Weekday(day).label.lower()}"
    return base[: 64 - len(suffix)].rstrip("-") + suffix
