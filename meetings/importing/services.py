"""One import, all or nothing: read, check, locate and plan every row, then write them all."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from django.db import transaction

from meetings.importing.locating import Locator
from meetings.importing.problems import ImportResult, Report
from meetings.importing.records import read_records
from meetings.importing.rows import parse_rows
from meetings.importing.scope import ScopeCheck, is_scoped
from meetings.importing.sources import FORMATS, guess_format, read_source
from meetings.importing.writer import Plan, write
from meetings.models import DirectoryVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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
    data, name = read_source(source)
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    report = Report()
    records = read_records(data, format or guess_format(name, data), report)
    rows = parse_rows(records, report)
    locator = Locator(report)
    locator.locate(rows)
    plan = Plan.make(rows, report, locator.timezone_at)
    # A coordinator's import stays inside their regions; a superuser's or the command's
    # (no user) may touch any meeting.
    if is_scoped(user):
        ScopeCheck(user, plan, report).check(rows)
    if report.problems:
        raise report.failure()
    result = write(plan, rows, user, report.warnings)
    if result.created or result.updated:
        # Rows went in by COPY, without save signals: tell cached feeds the directory changed.
        DirectoryVersion.bump()
    return result
