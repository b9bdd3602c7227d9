"""The public feed (``/meetings.json``): written by PostgreSQL, stored once for every app process
and machine, and rebuilt in the background after a change, so that no request waits for a build.

A request serves the stored feed. When the directory has changed since (its ``DirectoryVersion``
moved on) or the day has, it also queues one rebuild (``rebuild_feed``) and goes on serving the
stored feed until a worker has replaced it. Only the very first request on a new database builds
the feed itself, having nothing to serve.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import logging
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.tasks import task
from django.utils import timezone

from meetings.feed import feed_records, region_fields, region_paths
from meetings.models import DirectoryVersion, Meeting, MeetingException, PublishedFeed
from meetings.types import PROGRAM_CODES

logger = logging.getLogger(__name__)

# Level 5 compresses the 10,000-meeting feed to 13% in two thirds of level 6's time.
GZIP_LEVEL = 5
# A queued rebuild not started by then is taken as lost (its job deleted), and queued again.
QUEUED_FOR_AT_MOST = datetime.timedelta(minutes=5)
# After a failed rebuild the next one waits this long, rather than one failing per request.
RETRY_AFTER = datetime.timedelta(seconds=30)

# A spec record's fields as (key, SQL), in feed_record()'s order and with its meaning (which
# tests/meetings/test_public_feed.py holds them to); `types` as Meeting.feed_types() makes them.
# A field whose SQL is NULL is left out, as feed_record() leaves out what is empty.
RECORD_FIELDS = (
    ("name", "m.name"),
    ("slug", "m.slug"),
    ("day", "m.day"),
    ("time", "to_char(m.time, 'HH24:MI')"),
    ("end_time", "to_char(m.end_time, 'HH24:MI')"),
    ("timezone", "COALESCE(NULLIF(m.timezone, ''), NULLIF(l.timezone, ''))"),
    (
        "types",
        """NULLIF(ARRAY(
            SELECT code FROM unnest(codes.listed) WITH ORDINALITY AS each (code, n)
            WHERE NOT code = ANY(codes.listed[:n - 1])
            ORDER BY n
        ), '{}')""",
    ),
    ("notes", "NULLIF(m.notes, '')"),
    ("location", "NULLIF(l.name, '')"),
    ("location_notes", "NULLIF(l.notes, '')"),
    ("formatted_address", "NULLIF(l.formatted_address, '')"),
    ("address", "NULLIF(l.address, '')"),
    ("city", "NULLIF(l.city, '')"),
    ("state", "NULLIF(l.state, '')"),
    ("postal_code", "NULLIF(l.postal_code, '')"),
    ("country", "NULLIF(l.country, '')"),
    ("approximate", "CASE WHEN l.approximate THEN 'yes' WHEN NOT l.approximate THEN 'no' END"),
    ("latitude", "CASE WHEN l.longitude IS NOT NULL THEN l.latitude END"),
    ("longitude", "CASE WHEN l.latitude IS NOT NULL THEN l.longitude END"),
    ("conference_url", "NULLIF(m.conference_url, '')"),
    ("conference_url_notes", "NULLIF(m.conference_url_notes, '')"),
    ("conference_phone", "NULLIF(m.conference_phone, '')"),
    ("conference_phone_notes", "NULLIF(m.conference_phone_notes, '')"),
    ("region", "r.value -> 'region'"),
    ("sub_region", "r.value -> 'sub_region'"),
    ("regions", "r.value -> 'regions'"),
    ("group", "NULLIF(m.\"group\", '')"),
    ("feedback_url", "NULLIF(m.feedback_url, '')"),
    ("attendance_option", "m.attendance"),
    (
        "updated",
        "to_char(GREATEST(m.updated, l.updated) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
    ),
)
# Each field as `"key":value` text, joined by concat_ws, which skips the NULL ones: a quarter
# less work for the server than json_build_object() and then json_strip_nulls().
RECORD_JSON = (
    "'{' || concat_ws(',', "
    + ", ".join(f"""'"{key}":' || to_json({sql})::text""" for key, sql in RECORD_FIELDS)
    + ") || '}'"
)
# One record per public meeting as UTF-8 bytes, and whether it has one-off changes to come.
RECORD_SQL = """
SELECT m.id, m.slug, m.id IN ({changing}), convert_to({record}, 'UTF8')
FROM meetings_meeting m
LEFT JOIN meetings_location l ON l.id = m.location_id
CROSS JOIN LATERAL (
    SELECT array_remove(
        m.types
        || ARRAY[CASE m.program {program_codes} END]::varchar[]
        || m.languages
        || CASE WHEN m.attendance_verification THEN ARRAY['POA'] END::varchar[]
        || CASE WHEN NOT m.is_active THEN ARRAY['TC'] END::varchar[],
        NULL
    ) AS listed
) AS codes
LEFT JOIN jsonb_each(%s::jsonb) r ON r.key = m.region_id::text
WHERE m.id IN ({public})
"""


def public_feed_json(today: datetime.date) -> bytes:
    """The public feed as compact UTF-8 JSON, ordered by id, as feed_json() would write it.

    PostgreSQL writes each record (several times faster than Python builds them); the
    few meetings with one-off changes to come are written by feed_records(), which words them.
    """
    public = Meeting.objects.public().order_by().values("pk")
    public_sql, public_params = public.query.sql_with_params()
    since = today - datetime.timedelta(days=1)
    changing = MeetingException.objects.upcoming(since).values("meeting_id")
    changing_sql, changing_params = changing.query.sql_with_params()
    programs = " ".join("WHEN %s THEN %s" for _ in PROGRAM_CODES)
    sql = RECORD_SQL.format(
        changing=changing_sql, record=RECORD_JSON, program_codes=programs, public=public_sql
    )
    regions = {str(pk): region_fields(path) for pk, path in region_paths().items()}
    params = [
        *changing_params,
        *[value for pair in PROGRAM_CODES.items() for value in pair],
        json.dumps(regions),
        *public_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Sorted here rather than in SQL, where the sort of every record's text spills to disk.
    rows.sort()
    worded = _worded([pk for pk, _, changes, _ in rows if changes], today)
    records = [worded.get(slug, text) for _, slug, _, text in rows]
    return b"[" + b",".join(records) + b"]"


def _worded(pks: list[int], today: datetime.date) -> dict[str, bytes]:
    """The records of these meetings by slug, as feed_records() words their one-off changes."""
    if not pks:
        return {}
    records = feed_records(Meeting.objects.filter(pk__in=pks), today=today)
    return {
        record["slug"]: json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        for record in records
    }


@dataclass(frozen=True)
class FeedHead:
    """What a request needs to know of the stored feed before it sends a body."""

    etag: str
    version: int
    day: datetime.date
    directory_version: int

    @property
    def stale(self) -> bool:
        return self.version < self.directory_version or self.day != timezone.now().date()


def stored_head() -> FeedHead | None:
    """The stored feed's ETag and age, and the directory's version, in one query."""
    directory = DirectoryVersion.objects.filter(pk=1).values("version")
    row = (
        PublishedFeed.objects.filter(pk=1)
        .annotate(directory_version=Coalesce(Subquery(directory), Value(0)))
        .values_list("etag", "version", "day", "directory_version")
        .first()
    )
    return FeedHead(*row) if row else None


def current_head() -> FeedHead:
    """The feed to serve now, with a rebuild queued if it is out of date."""
    head = stored_head()
    if head is None:
        build_public_feed()
    elif head.stale:
        request_rebuild()
    else:
        return head
    # A task backend that works at once (the tests') has built it already.
    return stored_head()


# The ETag and gzipped body this process last served: read from the database once per version,
# and replaced in one assignment, so a thread never sees one without the other.
_kept: tuple[str, bytes] = ("", b"")


def gzip_body(head: FeedHead) -> tuple[str, bytes]:
    """The ETag and gzipped body of the stored feed, ``head``'s or a newer one stored since."""
    global _kept
    if _kept[0] != head.etag:
        etag, body = PublishedFeed.objects.values_list("etag", "body_gzip").get(pk=1)
        _kept = (etag, bytes(body))
    return _kept


def build_public_feed() -> bool:
    """Build the feed and store it, unless the stored one is as new; True if stored."""
    version = DirectoryVersion.current()
    today = timezone.now().date()
    head = stored_head()
    if head and (head.version, head.day) >= (version, today):
        return False
    started = time.perf_counter()
    body = public_feed_json(today)
    fields = {
        "version": version,
        "day": today,
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "body_gzip": gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
        "built_at": timezone.now(),
        "build_ms": round((time.perf_counter() - started) * 1000),
        "failed_at": None,
    }
    # Never over a newer feed that another worker stored meanwhile.
    older = Q(version__lt=version) | Q(version=version, day__lte=today)
    if not PublishedFeed.objects.filter(older, pk=1).update(**fields):
        PublishedFeed.objects.get_or_create(pk=1, defaults=fields)
    logger.info("Built the meeting feed of version %s in %s ms", version, fields["build_ms"])
    return True


def request_rebuild() -> None:
    """Queue one rebuild, unless one is waiting already or the last failed a moment ago."""
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            PublishedFeed.objects.filter(pk=1)
            .exclude(rebuild_queued_at__gt=now - QUEUED_FOR_AT_MOST)
            .exclude(failed_at__gt=now - RETRY_AFTER)
            .update(rebuild_queued_at=now)
        )
        if claimed:
            rebuild_feed.enqueue()


@task
def rebuild_feed() -> bool:
    """The queued rebuild. A failure is logged and leaves the stored feed in place."""
    PublishedFeed.objects.filter(pk=1).update(rebuild_queued_at=None)
    try:
        with transaction.atomic():
            return build_public_feed()
    except Exception:
        PublishedFeed.objects.filter(pk=1).update(failed_at=timezone.now())
        logger.exception("The meeting feed could not be rebuilt; the stored one is still served")
        raise
