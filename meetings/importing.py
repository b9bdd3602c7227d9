"""Importing meetings from a Meeting Guide JSON feed or a meeting-list CSV, all or nothing.

Every row is read and checked, geocoding included, before anything is written; any problem stops
the import with a report of every bad row and writes nothing. Meetings are matched by slug, so
importing the same file again changes nothing. ``docs/import.md`` describes the formats.
"""

from __future__ import annotations

import csv
import functools
import http.client
import io
import ipaddress
import json
import math
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from time import monotonic
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.bulk import copy_insert
from meetings.feed import CSV_COLUMNS, unquote_formula
from meetings.geocoding import country_codes, normalize, timezone_at, us_states
from meetings.models import (
    Attendance,
    DirectoryVersion,
    Location,
    Meeting,
    Region,
    Weekday,
    validate_timezone,
)
from meetings.types import (
    ALL_TYPES,
    LANGUAGE_ALIASES,
    LANGUAGES,
    LEGACY_CODES,
    OTHER_SPEC_CODES,
    Program,
    program_for_code,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FORMATS = ("json", "csv")
CHANGE_REASON = "Imported"
FETCH_TIMEOUT = 30
FETCH_CHUNK = 64 * 1024
USER_AGENT = "smartrecovery-import/1.0"

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

# English names of the spec's codes for other fellowships, so a CSV that spells types out (as
# the 12 Step Meeting List plugin exports them) has them dropped with a warning, not refused.
OTHER_SPEC_NAMES = {
    "11": "11th Step Meditation",
    "12x12": "12 Steps & 12 Traditions",
    "A": "Secular",
    "ABSI": "As Bill Sees It",
    "AL": "Concurrent with Alateen",
    "AL-AN": "Concurrent with Al-Anon",
    "AM": "Amharic",
    "B": "Big Book",
    "BI": "Bisexual",
    "BRK": "Breakfast",
    "CAN": "Candlelight",
    "DR": "Daily Reflections",
    "G": "Gay",
    "GR": "Grapevine",
    "H": "Birthday",
    "HR": "Croatian",
    "HU": "Hungarian",
    "L": "Lesbian",
    "LIT": "Literature",
    "LS": "Living Sober",
    "LT": "Lithuanian",
    "ML": "Malayalam",
    "N": "Native American",
    "NDG": "Indigenous",
    "PUN": "Punjabi",
    "SK": "Slovak",
    "SM": "Smoking Permitted",
    "ST": "Step Study",
    "TR": "Tradition Study",
    "XT": "Cross Talk Permitted",
}

# Attendance values as _column_key() leaves them ("In person" and "in_person" alike).
ATTENDANCE_NAMES = {
    "inperson": Attendance.IN_PERSON,
    "hybrid": Attendance.HYBRID,
    "online": Attendance.ONLINE,
    # The plugin's word for a temporarily closed meeting: the TC type says the same.
    "inactive": None,
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
SURROGATE = re.compile("[\ud800-\udfff]")
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.I)
TEXT_FIELDS = (
    "notes",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "group",
    "feedback_url",
)


@dataclass(frozen=True)
class ImportProblem:
    """What is wrong (or, as a warning, left out) in one row; row 0 is the file as a whole."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.reason}"


class ImportFailed(Exception):
    """The file had problems, all listed; nothing was written."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported.")
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    locations_created: int = 0
    regions_created: int = 0
    warnings: list[ImportProblem] = field(default_factory=list)

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        return (
            f"{total} meetings: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.locations_created} new locations, "
            f"{self.regions_created} new regions."
        )


@dataclass
class _Row:
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


@transaction.atomic
def import_meetings(
    *,
    source: str | Path | bytes | IO[bytes],
    format: str | None = None,
    user: User | None = None,
) -> ImportResult:
    """Import a feed or CSV (a path, the bytes, or an open binary file) all or nothing.

    Raises ImportFailed listing every problem; the transaction then also forgets any geocoding
    answers cached on the way, so a failed import leaves the database exactly as it was.
    """
    data, name = _read_source(source)
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    run = _Run(user)
    records = run.read(data, format or guess_format(name, data))
    rows = run.parse(records)
    run.locate(rows)
    run.plan(rows)
    if run.problems:
        raise ImportFailed(sorted(run.problems, key=lambda problem: problem.row))
    result = run.write(rows)
    if result.created or result.updated:
        # Rows went in by COPY, without save signals: tell cached feeds the directory changed.
        DirectoryVersion.bump()
    return result


def guess_format(name: str, data: bytes) -> str:
    """``json`` or ``csv``, from the file name, else from the first character."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{") else "csv"


def fetch_url(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """Download a feed over http or https, within a time limit and a size limit.

    The time limit bounds the whole download (connecting, the headers and every read), not each
    read, so a server sending a byte now and then cannot hold the import. Redirects are followed
    only to http or https addresses on the public internet: a feed's server must not be able to
    point the import at this network's own services.
    """
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ImportFailed([ImportProblem(0, "url", "only http:// and https:// addresses")])
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _HTTPHandler(deadline), _HTTPSHandler(deadline), _PublicRedirectHandler()
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    limit = max_file_size()
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise ImportFailed([ImportProblem(0, "url", too_large())])
            data = bytearray()
            while len(data) <= limit:
                chunk = response.read(min(FETCH_CHUNK, limit + 1 - len(data)))
                if not chunk:
                    break
                data += chunk
                deadline.remaining()
    except _RefusedRedirect as refused:
        problem = f"refused a redirect to {refused.url}: {refused.reason}"
        raise ImportFailed([ImportProblem(0, "url", problem)]) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        is_http_error = isinstance(exc, urllib.error.HTTPError)
        reason = exc if is_http_error else getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            reason = f"it took longer than {timeout:g} seconds"
        raise ImportFailed([ImportProblem(0, "url", f"could not fetch {url}: {reason}")]) from None
    if len(data) > limit:
        raise ImportFailed([ImportProblem(0, "url", too_large())])
    return bytes(data)


class _Deadline:
    """The moment a download must be over by."""

    def __init__(self, seconds: float) -> None:
        self.end = monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left; a TimeoutError once there are none."""
        left = self.end - monotonic()
        if left <= 0:
            raise TimeoutError("the time limit passed")
        return left


class _DeadlineReader(io.RawIOBase):
    """A response's socket, each read of which waits no longer than the time left."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, deadline: _Deadline) -> None:
        super().__init__()
        self.raw, self.sock, self.deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        self.sock.settimeout(self.deadline.remaining())
        return self.raw.readinto(buffer)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(sock, *args, **kwargs)
        # The headers and the body are read through this, so both are bounded.
        self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))


class _DeadlineConnection:
    """Connects within the time left, and gives a response that reads within it."""

    def __init__(self, *args, deadline: _Deadline, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.response_class = functools.partial(_DeadlineResponse, deadline=deadline)

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()


class _HTTPConnection(_DeadlineConnection, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_DeadlineConnection, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req, deadline=self.deadline)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self._context, deadline=self.deadline)


class _RefusedRedirect(Exception):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


class _PublicRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http or https on a host whose every address is public."""

    def http_error_302(self, req, fp, code, msg, headers):
        # Before urllib's own check, which lets ftp:// through: one message for every scheme.
        target = headers.get("location") or headers.get("uri") or ""
        if urllib.parse.urlsplit(target).scheme.lower() not in ("", "http", "https"):
            fp.close()
            raise _RefusedRedirect(target, "only http:// and https:// addresses")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if reason := _redirect_refusal(newurl):
            fp.close()
            raise _RefusedRedirect(newurl, reason)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _redirect_refusal(url: str) -> str | None:
    """Why the import will not follow a redirect to this URL, or None when it will."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// addresses"
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        return "its host cannot be found"
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        # Not global: loopback, private, link-local, reserved, shared and unspecified addresses.
        if not address.is_global or address.is_multicast:
            return f"{parts.hostname} is on a private network ({address})"
    return None


def max_file_size() -> int:
    """The most bytes an import reads from an upload or a URL (the IMPORT_MAX_MB setting)."""
    return settings.IMPORT_MAX_MB * 1024 * 1024


def too_large() -> str:
    return (
        f"the file is larger than {settings.IMPORT_MAX_MB} MB, the most an import reads "
        "(the IMPORT_MAX_MB setting)"
    )


def _read_source(source: str | Path | bytes | IO[bytes]) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, ""
    if isinstance(source, str | Path):
        path = Path(source)
        return path.read_bytes(), path.name
    # An upload: read no more than the limit, whatever size it claims.
    data = source.read(max_file_size() + 1)
    if len(data) > max_file_size():
        raise ImportFailed([ImportProblem(0, "file", too_large())])
    return data, str(getattr(source, "name", "") or "")


def _column_key(name: str) -> str:
    return re.sub(r"[\s_\-/]+", "", name).lower()


@functools.cache
def _columns() -> dict[str, tuple[str, int]]:
    """Column key -> (field, rank): a field's own name or export header ranks before an alias."""
    columns: dict[str, tuple[str, int]] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            columns[_column_key(alias)] = (name, 1)
    for name in FIELDS:
        columns[_column_key(name)] = (name, 0)
        if header := CSV_COLUMNS.get(name):
            columns[_column_key(header)] = (name, 0)
    return columns


@functools.cache
def _type_codes() -> dict[str, str]:
    """Lower-case code, alias or English name -> type code."""
    lookup: dict[str, str] = {}
    names = {**OTHER_SPEC_NAMES, **LEGACY_CODES, "ONL": "Online Meeting", **ALL_TYPES}
    for code, name in names.items():
        lookup[name.casefold()] = code
    for code in (*OTHER_SPEC_CODES, *LEGACY_CODES, *ALL_TYPES):
        lookup[code.casefold()] = code
    for alias, code in LANGUAGE_ALIASES.items():
        lookup[alias.casefold()] = code
    return lookup


@functools.cache
def _day_names() -> dict[str, int]:
    return {label.lower(): value for value, label in Weekday.choices}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return str(value).strip()


class _Run:
    """One import: the rows read so far, every problem and warning, and lookups made once."""

    def __init__(self, user: User | None) -> None:
        self.user = user
        # A coordinator's import stays inside their regions; a superuser's or the command's
        # (no user) may touch any meeting.
        self.scoped = user is not None and not user.is_superuser
        self.problems: list[ImportProblem] = []
        self.warnings: list[ImportProblem] = []
        self._timezone_errors: dict[str, str | None] = {}
        self._timezones_at: dict[tuple[float, float], str | None] = {}
        self._geocoded: dict[str, tuple[float, float, bool] | str] = {}

    def problem(self, row: int, field_name: str, reason: str) -> None:
        self.problems.append(ImportProblem(row, field_name, reason))

    def warn(self, row: int, field_name: str, reason: str) -> None:
        self.warnings.append(ImportProblem(row, field_name, reason))

    # Reading the file into numbered records of field -> raw value.

    def read(self, data: bytes, format: str) -> list[tuple[int, dict[str, Any]]]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.problem(
                0,
                "file",
                f"not UTF-8 text (byte {exc.start}); save it as UTF-8 (“CSV UTF-8” in a "
                "spreadsheet)",
            )
            return []
        if not text.strip():
            self.problem(0, "file", "the file is empty")
            return []
        return self._read_json(text) if format == "json" else self._read_csv(text)

    def _read_json(self, text: str) -> list[tuple[int, dict[str, Any]]]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(
                0, "file", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            )
            return []
        except RecursionError:
            self.problem(0, "file", "not a meeting feed: lists or objects nest too deeply")
            return []
        except ValueError as exc:
            # Such as a number of thousands of digits, which Python refuses to convert.
            self.problem(0, "file", f"not valid JSON: {exc}")
            return []
        if isinstance(data, dict) and isinstance(data.get("meetings"), list):
            data = data["meetings"]
        if not isinstance(data, list):
            self.problem(
                0, "file", "expected a list of meetings, or an object with a “meetings” list"
            )
            return []
        records = []
        ignored: set[str] = set()
        for number, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                self.problem(number, "record", "each meeting must be a JSON object")
                continue
            record: dict[str, Any] = {}
            for key, value in item.items():
                column = _columns().get(_column_key(str(key)))
                if column is None:
                    ignored.add(str(key))
                elif column[0] not in record or column[1] == 0:
                    record[column[0]] = value
            if self._storable(number, record):
                records.append((number, record))
        if ignored:
            self.warn(0, "file", f"fields ignored: {', '.join(sorted(ignored))}")
        return records

    def _read_csv(self, text: str) -> list[tuple[int, dict[str, Any]]]:
        first_line = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first_line.count)
        # Strict: a stray quote is an error, not the rest of the file swallowed into one cell.
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = next(reader)
            columns = self._map_header(header)
            if columns is None:
                return []
            records = []
            # Rows as a spreadsheet numbers them: the header is row 1.
            for number, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                if any(cell.strip() for cell in cells[len(header) :]):
                    self.problem(
                        number, "row", f"{len(cells)} cells, but the header has {len(header)}"
                    )
                    continue
                record = {
                    name: unquote_formula(cells[index])
                    for index, name in columns.items()
                    if index < len(cells)
                }
                if self._storable(number, record):
                    records.append((number, record))
        except csv.Error as exc:
            self.problem(0, "file", f"not a readable CSV file: {exc} (near line {reader.line_num})")
            return []
        return records

    def _storable(self, number: int, record: dict[str, Any]) -> bool:
        """Whether every value is text the database can hold, as a value or a list of values."""
        storable = True
        for name, value in record.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict | list):
                    reason = "a value or a list of values, not an object or a list of lists"
                elif isinstance(item, str) and "\x00" in item:
                    reason = "contains a NUL character (byte 0), which cannot be stored"
                elif isinstance(item, str) and SURROGATE.search(item):
                    # Only a JSON escape such as "\ud800" makes one: UTF-8 bytes cannot.
                    reason = "contains a lone \\u surrogate escape, which is not text"
                else:
                    continue
                self.problem(number, name, reason)
                storable = False
                break
        return storable

    def _map_header(self, header: list[str]) -> dict[int, str] | None:
        """Column index -> field; None when a required column is missing (each one reported)."""
        best: dict[str, tuple[int, int]] = {}
        ignored = []
        for index, title in enumerate(header):
            column = _columns().get(_column_key(title))
            if column is None:
                if title.strip():
                    ignored.append(title.strip())
                continue
            name, rank = column
            if name not in best or rank < best[name][1]:
                best[name] = (index, rank)
        missing = [name for name in REQUIRED if name not in best]
        for name in missing:
            self.problem(1, name, f"no “{CSV_COLUMNS[name]}” column in the header row")
        if ignored:
            self.warn(1, "header", f"columns ignored: {', '.join(ignored)}")
        if missing:
            return None
        return {index: name for name, (index, _rank) in best.items()}

    # Checking each record.

    def parse(self, records: list[tuple[int, dict[str, Any]]]) -> list[_Row]:
        rows: list[_Row] = []
        for number, record in records:
            rows.extend(self._parse_record(number, record))
        self._assign_slugs(rows)
        return rows

    def _parse_record(self, number: int, record: dict[str, Any]) -> list[_Row]:
        problems_before = len(self.problems)
        values: dict[str, Any] = {}
        values["name"] = _text(record.get("name"))
        if not values["name"]:
            self.problem(number, "name", "required")
        else:
            self._validate(number, Meeting, "name", values["name"])
        days = self._days(number, record.get("day"))
        values["time"] = self._time(number, "time", record.get("time"), required=True)
        values["end_time"] = self._time(number, "end_time", record.get("end_time"))
        if values["end_time"] is not None and values["end_time"] == values["time"]:
            self.problem(number, "end_time", "the same as the start time")
        values["timezone"] = self._timezone(number, _text(record.get("timezone")))
        for name in TEXT_FIELDS:
            values[name] = _text(record.get(name))
            self._validate(number, Meeting, name, values[name])
        online_type = self._types(number, record.get("types"), values)
        slug = _text(record.get("slug"))
        if slug:
            self._validate(number, Meeting, "slug", slug)
        location, approximate = self._location(number, record)
        region_path = self._region_path(number, record)
        self._attendance(number, record, values, location, approximate, online_type)
        if len(self.problems) > problems_before:
            return []
        return [
            _Row(
                number=number,
                slug=_day_slug(slug, day) if slug and len(days) > 1 else slug,
                values={**values, "day": day},
                location=location,
                approximate=approximate,
                region_path=region_path,
            )
            for day in days
        ]

    def _validate(
        self, number: int, model: type[models.Model], name: str, value: Any, label: str = ""
    ) -> None:
        """Run the model field's own validators (length, URL, phone, slug) on a value."""
        try:
            model._meta.get_field(name).run_validators(value)
        except ValidationError as error:
            reason = " ".join(dict.fromkeys(error.messages))
            self.problem(number, label or name, f"“{value}”: {reason}")

    def _days(self, number: int, value: Any) -> list[int]:
        """The weekday(s), Sunday 0; the spec allows a list of days for one record."""
        values = value if isinstance(value, list) and value else [value]
        days = []
        for item in values:
            text = _text(item).lower()
            if not text:
                self.problem(number, "day", "required")
                continue
            if text.isdigit() and int(text) in Weekday.values:
                days.append(int(text))
                continue
            names = [
                day
                for name, day in _day_names().items()
                if len(text) >= 3 and name.startswith(text)
            ]
            if len(names) == 1:
                days.append(names[0])
            else:
                self.problem(
                    number,
                    "day",
                    f"“{_text(item)}” is not a day: use 0-6 (Sunday is 0) or a day name",
                )
        return list(dict.fromkeys(days))

    def _time(self, number: int, name: str, value: Any, required: bool = False) -> time | None:
        text = _text(value).lower()
        if not text:
            if required:
                self.problem(number, name, "required")
            return None
        if text in ("noon", "midday"):
            return time(12)
        if text == "midnight":
            return time(0)
        match = TIME.match(text)
        if match:
            hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[4]
            if meridiem and 1 <= hour <= 12 and minute < 60:
                return time(hour % 12 + (12 if meridiem == "p" else 0), minute)
            if not meridiem and match[2] and hour < 24 and minute < 60:
                return time(hour, minute)
        self.problem(number, name, f"“{_text(value)}” is not a time such as 19:00 or 7:00 PM")
        return None

    def _timezone(self, number: int, name: str) -> str:
        if not name:
            return ""
        if name not in self._timezone_errors:
            try:
                validate_timezone(name)
                self._timezone_errors[name] = None
            except ValidationError as error:
                self._timezone_errors[name] = " ".join(error.messages)
        if error := self._timezone_errors[name]:
            self.problem(number, "timezone", error)
        return name

    def _types(self, number: int, value: Any, values: dict[str, Any]) -> bool:
        """Sort type codes into the fields they belong to; True when one says "online"."""
        tokens = value if isinstance(value, list) else _text(value).split(",")
        types: list[str] = []
        languages: list[str] = []
        programs: list[str] = []
        unknown: list[str] = []
        online = False
        values.update(attendance_verification=False, is_active=True)
        for token in filter(None, (_text(token) for token in tokens)):
            code = _type_codes().get(token.casefold())
            if code is None:
                unknown.append(token)
            elif program := program_for_code(code):
                programs.append(program)
            elif code in LANGUAGES:
                languages.append(code)
            elif code == "TC":
                values["is_active"] = False
            elif code == "POA":
                values["attendance_verification"] = True
            elif code == "ONL":
                online = True
            elif code in ALL_TYPES:
                types.append(code)
            else:
                self.warn(number, "types", f"dropped “{token}”, a type of another fellowship")
        if unknown:
            self.problem(number, "types", f"unknown type code(s): {', '.join(unknown)}")
        programs = list(dict.fromkeys(programs))
        if len(programs) > 1:
            labels = ", ".join(Program(program).label for program in programs)
            self.problem(number, "types", f"a meeting belongs to one program, not {labels}")
        values["program"] = programs[0] if programs else Program.REGULAR
        values["types"] = list(dict.fromkeys(types))
        values["languages"] = list(dict.fromkeys(languages))
        return online

    def _location(self, number: int, record: dict[str, Any]) -> tuple[Location | None, bool | None]:
        """The venue as an unsaved Location (None if the row names none), and its "approximate"."""
        parts = {
            name: _text(record.get(name))
            for name in ("address", "city", "state", "postal_code", "country")
        }
        if not any(parts[name] for name in ("city", "state", "postal_code", "country")):
            # One line with commas is a whole address, as the plugin's CSV export writes it.
            one_line = parts["address"] or _text(record.get("formatted_address"))
            if "," in one_line or not parts["address"]:
                parts.update(split_address(one_line))
        if parts["country"]:
            code = _country_code(parts["country"])
            if code is None:
                self.problem(
                    number,
                    "country",
                    f"“{parts['country']}” is not a country; use a code such as US or GB",
                )
            parts["country"] = code or ""
        latitude = self._number(number, "latitude", record.get("latitude"))
        longitude = self._number(number, "longitude", record.get("longitude"))
        if bool(_text(record.get("latitude"))) != bool(_text(record.get("longitude"))):
            self.problem(
                number,
                "longitude" if longitude is None else "latitude",
                "give both latitude and longitude, or neither",
            )
        approximate = self._yes_no(number, "approximate", record.get("approximate"))
        location = Location(
            name=_text(record.get("location")),
            notes=_text(record.get("location_notes")),
            latitude=latitude,
            longitude=longitude,
            **parts,
        )
        labels = {"name": "location", "notes": "location_notes"}
        for name in ("name", "notes", "latitude", "longitude", *parts):
            self._validate(number, Location, name, getattr(location, name), labels.get(name, ""))
        if not (location.name or location.address_query() or latitude is not None):
            return None, approximate
        location.formatted_address = location.build_formatted_address()
        return location, approximate

    def _number(self, number: int, name: str, value: Any) -> float | None:
        text = _text(value)
        if not text:
            return None
        try:
            number_read = float(text)
        except ValueError:
            number_read = math.nan
        if not math.isfinite(number_read):
            self.problem(number, name, f"“{text}” is not a number")
            return None
        return number_read

    def _yes_no(self, number: int, name: str, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if not text:
            return None
        if text in YES or text in NO:
            return text in YES
        self.problem(number, name, f"“{_text(value)}” is not yes or no")
        return None

    def _region_path(self, number: int, record: dict[str, Any]) -> tuple[str, ...]:
        """Region names from the widest to the narrowest: ``regions``, else region/sub_region."""
        regions = record.get("regions")
        if isinstance(regions, list):
            path = [_text(name) for name in regions]
        elif _text(regions):
            path = _text(regions).split(">")
        else:
            region, sub_region = _text(record.get("region")), _text(record.get("sub_region"))
            if sub_region and not region:
                self.problem(number, "sub_region", "a sub region needs a region")
            path = [region, sub_region]
        path = [name.strip() for name in path if name.strip()]
        for name in path:
            self._validate(number, Region, "name", name, "region")
        return tuple(path)

    def _attendance(
        self,
        number: int,
        record: dict[str, Any],
        values: dict[str, Any],
        location: Location | None,
        approximate: bool | None,
        online_type: bool,
    ) -> None:
        """In person, hybrid or online: as the file says, else as Meeting Guide apps infer it."""
        text = _column_key(_text(record.get("attendance_option")))
        attendance = ATTENDANCE_NAMES.get(text)
        if text and text not in ATTENDANCE_NAMES:
            self.problem(
                number,
                "attendance_option",
                f"“{_text(record.get('attendance_option'))}” is not in_person, hybrid or online",
            )
        has_link = bool(values["conference_url"] or values["conference_phone"])
        if attendance is None and (has_link or online_type):
            # A street address the file does not call approximate is a door to walk through.
            physical = location is not None and (
                approximate is False or (approximate is None and bool(location.address))
            )
            attendance = Attendance.HYBRID if physical else Attendance.ONLINE
        values["attendance"] = attendance or Attendance.IN_PERSON
        if values["attendance"] != Attendance.IN_PERSON and not has_link:
            self.problem(
                number,
                "conference_url",
                "an online or hybrid meeting needs a conference URL or phone",
            )
        if values["attendance"] != Attendance.ONLINE and location is None:
            if has_link:
                self.problem(number, "address", "an in-person or hybrid meeting needs an address")
            else:
                self.problem(
                    number, "address", "no address and no conference URL or phone: give one"
                )

    def _assign_slugs(self, rows: list[_Row]) -> None:
        """Keep the file's slugs (each once); make stable ones from name and day for the rest."""
        used: dict[str, int] = {}
        for row in rows:
            if not row.slug:
                continue
            if row.slug in used:
                self.problem(
                    row.number, "slug", f"“{row.slug}” is also the slug of row {used[row.slug]}"
                )
            else:
                used[row.slug] = row.number
        for row in rows:
            if row.slug:
                continue
            base = _day_slug(slugify(row.values["name"]) or "meeting", row.values["day"])
            slug, counter = base, 1
            while slug in used:
                counter += 1
                suffix = f"-{counter}"
                slug = base[: 64 - len(suffix)] + suffix
            row.slug = slug
            used[slug] = row.number

    # Putting each venue on the map.

    def locate(self, rows: list[_Row]) -> None:
        """Geocode venues without coordinates, and take missing time zones from coordinates."""
        for row in rows:
            location = row.location
            if location is not None and location.latitude is None:
                if not location.address_query():
                    if row.values["attendance"] == Attendance.ONLINE:
                        self.warn(
                            row.number, "location", f"“{location.name}” left out: it has no address"
                        )
                        row.location = location = None
                    else:
                        self.problem(
                            row.number,
                            "address",
                            f"“{location.name}” has no address or coordinates",
                        )
                        continue
                else:
                    found = self._geocode(location)
                    if isinstance(found, str):
                        self.problem(row.number, "address", found)
                        continue
                    location.latitude, location.longitude, location.approximate = found
            elif location is not None:
                # The file's coordinates: as exact as it says, or as its address suggests.
                location.approximate = (
                    row.approximate if row.approximate is not None else not location.address
                )
            if not row.values["timezone"]:
                zone = self._timezone_at(location) if location is not None else None
                if zone is None:
                    self.problem(
                        row.number,
                        "timezone",
                        "required without an address or coordinates, e.g. Europe/London",
                    )
                row.values["timezone"] = zone or ""

    def _geocode(self, location: Location) -> tuple[float, float, bool] | str:
        query = location.address_query()
        if query not in self._geocoded:
            try:
                location.geocode()
            except ValidationError as error:
                self._geocoded[query] = " ".join(error.messages)
            else:
                self._geocoded[query] = (
                    location.latitude,
                    location.longitude,
                    location.approximate,
                )
        return self._geocoded[query]

    def _timezone_at(self, location: Location) -> str | None:
        point = (location.latitude, location.longitude)
        if point not in self._timezones_at:
            self._timezones_at[point] = timezone_at(*point)
        return self._timezones_at[point]

    # Finding, without writing, what each row's region and venue are, and who may change them.

    def plan(self, rows: list[_Row]) -> None:
        """Match regions and venues to what exists, and check the importer's scope, read-only."""
        self.regions = _Regions()
        self.region_plans = {
            row.region_path: self.regions.find(row.region_path) for row in rows if row.region_path
        }
        self._match_locations(rows)
        if self.scoped:
            self._check_scope(rows)

    def _check_scope(self, rows: list[_Row]) -> None:
        """Refuse rows that would create or change a meeting, or a venue, the user cannot edit."""
        coordinated = list(self.user.coordinated_regions.values_list("pk", flat=True))
        allowed = Region.subtree_ids(coordinated)
        existing = dict(
            Meeting.objects.filter(slug__in=[row.slug for row in rows]).values_list(
                "slug", "region_id"
            )
        )
        reported: set[ImportProblem] = set()

        def refuse(number: int, field_name: str, reason: str) -> None:
            # One record with several days is several rows of one number: report it once.
            problem = ImportProblem(number, field_name, reason)
            if problem not in reported:
                reported.add(problem)
                self.problems.append(problem)

        for row in rows:
            if row.slug in existing and existing[row.slug] not in allowed:
                refuse(
                    row.number,
                    "slug",
                    f"“{row.slug}” is a meeting outside the regions you coordinate",
                )
            path = " > ".join(row.region_path)
            if not row.region_path:
                refuse(row.number, "region", "required: name one of the regions you coordinate")
                continue
            region, _missing = self.region_plans[row.region_path]
            if region is None:
                refuse(
                    row.number,
                    "region",
                    f"“{path}” would be a new top-level region, which only a superuser can add",
                )
            elif region.pk not in allowed:
                refuse(row.number, "region", f"“{path}” is outside the regions you coordinate")
        self._check_venue_scope(refuse)

    def _check_venue_scope(self, refuse: Callable[[int, str, str], None]) -> None:
        """An existing venue is changed only if every meeting held there is the user's."""
        changing = {
            key: location
            for key, location in self.found_locations.items()
            if self._location_changes(location, self.wanted_locations[key])
        }
        editable = set(
            Location.objects.editable_by(self.user)
            .filter(pk__in=[location.pk for location in changing.values()])
            .values_list("pk", flat=True)
        )
        for key, location in changing.items():
            if location.pk not in editable:
                what = ", ".join(self._location_changes(location, self.wanted_locations[key]))
                refuse(
                    self.first_location_rows[key],
                    "location",
                    f"would change the {what} of “{location}”, a venue shared with meetings you "
                    "cannot edit; give its current values or ask a coordinator of those meetings",
                )

    @staticmethod
    def _location_changes(location: Location, incoming: Location) -> list[str]:
        """What an import would change in an existing venue, in plain words."""
        labels = {"notes": "location notes", "approximate": "approximate", "timezone": "time zone"}
        return [
            label
            for name, label in labels.items()
            if getattr(location, name) != getattr(incoming, name)
        ]

    def _match_locations(self, rows: list[_Row]) -> None:
        """One venue per key (name, address, coordinates), matched to an existing Location."""
        self.wanted_locations: dict[tuple, Location] = {}
        self.first_location_rows: dict[tuple, int] = {}
        for row in rows:
            # A venue not on the map has been reported already.
            if row.location is None or row.location.latitude is None:
                continue
            key = row.location_key
            if key not in self.wanted_locations:
                self.wanted_locations[key] = row.location
                self.first_location_rows[key] = row.number
            elif row.location.notes != self.wanted_locations[key].notes:
                first = self.first_location_rows[key]
                self.warn(
                    row.number,
                    "location_notes",
                    f"differ from row {first}'s for the same location; row {first}'s kept",
                )
        self.found_locations: dict[tuple, Location] = {}
        addresses = {key[1] for key in self.wanted_locations}
        for location in Location.objects.filter(formatted_address__in=addresses).order_by("pk"):
            key = (location.name, location.formatted_address, location.latitude, location.longitude)
            if key in self.wanted_locations:
                self.found_locations.setdefault(key, location)
        for incoming in self.wanted_locations.values():
            incoming.timezone = self._timezone_at(incoming) or ""

    # Writing it all.

    def write(self, rows: list[_Row]) -> ImportResult:
        result = ImportResult(warnings=self.warnings)
        region_ids = {
            path: self.regions.create(*plan).pk for path, plan in self.region_plans.items()
        }
        result.regions_created = self.regions.created
        locations = self._save_locations(result)
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
        _update_rows(Meeting, changed, [*changed_fields, "updated"])
        self._record_history(created, "+", now)
        self._record_history(changed, "~", now)
        result.created, result.updated = len(created), len(changed)
        return result

    def _record_history(self, meetings: list[Meeting], history_type: str, when: datetime) -> None:
        """The history rows simple_history's bulk helpers would write, by COPY."""
        history = Meeting.history.model
        copy_insert(
            history,
            [
                history(
                    history_date=when,
                    history_user=self.user,
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

    def _save_locations(self, result: ImportResult) -> dict[tuple, Location]:
        """One saved Location per venue key: the matched ones updated, the others created."""
        found = dict(self.found_locations)
        now = timezone.now()
        new, changed = [], []
        for key, incoming in self.wanted_locations.items():
            location = found.get(key)
            if location is None:
                new.append(incoming)
                found[key] = incoming
            elif self._location_changes(location, incoming):
                location.notes, location.approximate = incoming.notes, incoming.approximate
                location.timezone = incoming.timezone
                location.updated = now
                changed.append(location)
        copy_insert(Location, new)
        _update_rows(Location, changed, ["notes", "approximate", "timezone", "updated"])
        result.locations_created = len(new)
        return found


def _update_rows(model: type[models.Model], objects: list[models.Model], names: list[str]) -> None:
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


class _Regions:
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


def _day_slug(base: str, day: int) -> str:
    suffix = f"-{Weekday(day).label.lower()}"
    return base[: 64 - len(suffix)].rstrip("-") + suffix


def _country_code(text: str) -> str | None:
    return country_codes().get(normalize(text))


def split_address(text: str) -> dict[str, str]:
    """Best-effort parts of a one-line address, "street, city, state zip, country" and its kin."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    found = {"address": "", "city": "", "state": "", "postal_code": "", "country": ""}
    if len(parts) > 1 and _country_code(parts[-1]):
        found["country"] = parts.pop()
    if parts:
        words, postal = _split_postal(parts[-1])
        if postal or (len(parts) > 1 and _is_state(words)):
            parts.pop()
            found["postal_code"] = postal
            if _is_state(words) or not words:
                found["state"] = words
            else:
                # "London SW1A 2AA": the city shares a part with its postcode.
                parts.append(words)
    if len(parts) > 1:
        found["city"] = parts.pop()
        found["address"] = ", ".join(parts)
    elif parts:
        found["address" if parts[0][:1].isdigit() else "city"] = parts[0]
    return found


def _split_postal(part: str) -> tuple[str, str]:
    """ "TX 78701" -> ("TX", "78701"), "London SW1A 2AA" -> ("London", "SW1A 2AA")."""
    tokens = part.split()
    end = len(tokens)
    while end > max(0, len(tokens) - 2) and any(char.isdigit() for char in tokens[end - 1]):
        end -= 1
    postal = " ".join(tokens[end:])
    if len(postal) < 3:
        return part, ""
    return " ".join(tokens[:end]), postal


def _is_state(words: str) -> bool:
    if not words:
        return False
    if words.isupper() and len(words) <= 3:
        return True
    return words.lower() in us_states()
