"""Reading a file into numbered records of field -> raw value: JSON or CSV, headers mapped.

A Meeting Guide feed is a JSON list of objects (or an object with a ``meetings`` list); a CSV has
a header row. Either way each key or column is matched to a field, by its name, its header in the
export, or a common alias, ignoring case, spaces, underscores, hyphens and slashes.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from typing import Any

from django.utils.translation import gettext

from meetings.feed import CSV_COLUMNS, unquote_formula
from meetings.importing.problems import Report

# One record: its row number (as a spreadsheet numbers it, or its place in a JSON list) and its
# fields' raw values.
Record = tuple[int, dict[str, Any]]

# Every field read: the export's columns, plus the spec's one-line address.
FIELDS = (*CSV_COLUMNS, "formatted_address")
# Other spellings of the columns (and JSON keys) besides each field's own name and its CSV
# header in CSV_COLUMNS. Matching ignores case, spaces, underscores, hyphens and slashes.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("meeting name", "meeting"),
    # The spec's Google Sheet template calls the slug "ID"; a real Slug column wins over it.
    "slug": ("id", "meeting id"),
    "day": ("weekday", "day of week"),
    "time": ("start time", "start"),
    "end_time": ("end",),
    "timezone": ("time zone", "tz"),
    "types": ("type", "meeting types"),
    "notes": ("meeting notes",),
    "location": ("location name", "venue", "building"),
    "formatted_address": ("full address",),
    "address": ("street address", "street"),
    "city": ("town",),
    "state": ("province", "state / province"),
    "postal_code": ("zip", "zip code", "postcode", "postal"),
    "latitude": ("lat",),
    "longitude": ("lng", "lon", "long"),
    "group": ("group name",),
    "attendance_option": ("attendance",),
}
REQUIRED = ("name", "day", "time")
SURROGATE = re.compile("[\ud800-\udfff]")


def column_key(name: str) -> str:
    return re.sub(r"[\s_\-/]+", "", name).lower()


@functools.cache
def _columns() -> dict[str, tuple[str, int]]:
    """Column key -> (field, rank): a field's own name or export header ranks before an alias."""
    columns: dict[str, tuple[str, int]] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            columns[column_key(alias)] = (name, 1)
    for name in FIELDS:
        columns[column_key(name)] = (name, 0)
        if header := CSV_COLUMNS.get(name):
            columns[column_key(header)] = (name, 0)
    return columns


def read_records(data: bytes, format: str, report: Report) -> list[Record]:
    """The file's records; what cannot be read is reported, and its records left out."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.problem(
            0,
            "file",
            gettext(
                "not UTF-8 text (byte %(byte)s); save it as UTF-8 (“CSV UTF-8” in a spreadsheet)"
            )
            % {"byte": exc.start},
        )
        return []
    if not text.strip():
        report.problem(0, "file", gettext("the file is empty"))
        return []
    return _read_json(text, report) if format == "json" else _read_csv(text, report)


def _read_json(text: str, report: Report) -> list[Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report.problem(
            0,
            "file",
            gettext("not valid JSON: %(problem)s at line %(line)s, column %(column)s")
            % {"problem": exc.msg, "line": exc.lineno, "column": exc.colno},
        )
        return []
    except RecursionError:
        report.problem(0, "file", gettext("not a meeting feed: lists or objects nest too deeply"))
        return []
    except ValueError as exc:
        # Such as a number of thousands of digits, which Python refuses to convert.
        report.problem(0, "file", gettext("not valid JSON: %(problem)s") % {"problem": exc})
        return []
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        report.problem(
            0, "file", gettext("expected a list of meetings, or an object with a “meetings” list")
        )
        return []
    records = []
    ignored: set[str] = set()
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            report.problem(number, "record", gettext("each meeting must be a JSON object"))
            continue
        record: dict[str, Any] = {}
        for key, value in item.items():
            column = _columns().get(column_key(str(key)))
            if column is None:
                ignored.add(str(key))
            elif column[0] not in record or column[1] == 0:
                record[column[0]] = value
        if _storable(number, record, report):
            records.append((number, record))
    if ignored:
        report.warn(
            0,
            "file",
            gettext("fields ignored: %(fields)s") % {"fields": ", ".join(sorted(ignored))},
        )
    return records


def _read_csv(text: str, report: Report) -> list[Record]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    # Strict: a stray quote is an error, not the rest of the file swallowed into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        columns = _map_header(header, report)
        if columns is None:
            return []
        records = []
        # Rows as a spreadsheet numbers them: the header is row 1.
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if any(cell.strip() for cell in cells[len(header) :]):
                report.problem(
                    number,
                    "row",
                    gettext("%(cells)s cells, but the header has %(header)s")
                    % {"cells": len(cells), "header": len(header)},
                )
                continue
            record = {
                name: unquote_formula(cells[index])
                for index, name in columns.items()
                if index < len(cells)
            }
            if _storable(number, record, report):
                records.append((number, record))
    except csv.Error as exc:
        report.problem(
            0,
            "file",
            gettext("not a readable CSV file: %(problem)s (near line %(line)s)")
            % {"problem": exc, "line": reader.line_num},
        )
        return []
    return records


def _storable(number: int, record: dict[str, Any], report: Report) -> bool:
    """Whether every value is text the database can hold, as a value or a list of values."""
    storable = True
    for name, value in record.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict | list):
                reason = gettext("a value or a list of values, not an object or a list of lists")
            elif isinstance(item, str) and "\x00" in item:
                reason = gettext("contains a NUL character (byte 0), which cannot be stored")
            elif isinstance(item, str) and SURROGATE.search(item):
                # Only a JSON escape such as "\ud800" makes one: UTF-8 bytes cannot.
                reason = gettext("contains a lone \\u surrogate escape, which is not text")
            else:
                continue
            report.problem(number, name, reason)
            storable = False
            break
    return storable


def _map_header(header: list[str], report: Report) -> dict[int, str] | None:
    """Column index -> field; None when a required column is missing (each one reported)."""
    best: dict[str, tuple[int, int]] = {}
    ignored = []
    for index, title in enumerate(header):
        column = _columns().get(column_key(title))
        if column is None:
            if title.strip():
                ignored.append(title.strip())
            continue
        name, rank = column
        if name not in best or rank < best[name][1]:
            best[name] = (index, rank)
    missing = [name for name in REQUIRED if name not in best]
    for name in missing:
        report.problem(
            1,
            name,
            gettext("no “%(column)s” column in the header row") % {"column": CSV_COLUMNS[name]},
        )
    if ignored:
        report.warn(
            1, "header", gettext("columns ignored: %(columns)s") % {"columns": ", ".join(ignored)}
        )
    if missing:
        return None
    return {index: name for name, (index, _rank) in best.items()}
