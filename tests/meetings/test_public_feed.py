"""The public feed is written by PostgreSQL, stored once, and rebuilt in the background: a
request never waits for a build, and gets the stored feed until the new one is ready."""

from __future__ import annotations

import datetime
import gzip
import json
import logging
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from meetings import public_feed
from meetings.feed import feed_json, feed_records
from meetings.models import Attendance, DirectoryVersion, Location, Meeting, MeetingException
from meetings.types import Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings, monkeypatch) -> None:
    """Jobs wait in the database for a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    # Between jobs the worker drops connections outside autocommit: the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def get_feed(client) -> tuple[str, list[dict]]:
    response = client.get("/meetings.json", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    return response["ETag"], json.loads(gzip.decompress(response.content))


def names(records: list[dict]) -> list[str]:
    return [record["name"] for record in records]


@pytest.fixture
def edit(django_capture_on_commit_callbacks) -> Callable[[Meeting, str], None]:
    """An edit as the admin commits it: on commit, the signal queues a rebuild."""

    def rename(meeting: Meeting, name: str) -> None:
        meeting.name = name
        with django_capture_on_commit_callbacks(execute=True):
            meeting.save()

    return rename


def test_postgres_writes_the_records_feed_records_would(make_meeting, venue, regions):
    make_meeting(
        name="In person",
        region=regions["austin"],
        types=["O", "O", "C"],
        languages=["S", "EN"],
        attendance_verification=True,
        notes="Hi",
    )
    make_meeting(
        name="Family",
        region=regions["texas"],
        program=Program.FAMILY_FRIENDS,
        languages=["S", "EN"],
        types=["SRFF", "X"],
        attendance_verification=True,
        end_time=None,
    )
    make_meeting(
        name="Online",
        region=regions["gb"],
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://zoom.us/j/123",
        conference_phone="+15551234567",
        timezone="Europe/London",
    )
    unplaced = Location.objects.create(name="Somewhere", city="Nowhere", country="US")
    make_meeting(name="Unplaced", location=unplaced, group="A group", region=None)
    changing = make_meeting(name="Changing")
    # The next Tuesday, the meeting's day.
    tuesday = timezone.now().date() + datetime.timedelta(days=(1 - timezone.now().weekday()) % 7)
    change = MeetingException(
        meeting=changing, kind=MeetingException.Kind.CANCELLED, date=tuesday, note="Holiday"
    )
    change.full_clean()
    change.save()
    make_meeting(name="Private", is_public=False)
    today = timezone.now().date()

    written = json.loads(public_feed.public_feed_json(today))

    expected = json.loads(feed_json(feed_records(Meeting.objects.public(), today=today)))
    assert written == expected
    assert names(written) == ["In person", "Family", "Online", "Unplaced", "Changing"]
    assert written[-1]["notes"].startswith("No meeting on")


def test_the_first_request_builds_and_stores_it(client, make_meeting):
    make_meeting(name="First")

    _, records = get_feed(client)

    assert names(records) == ["First"]
    assert public_feed.stored_head().version == DirectoryVersion.current()


def test_a_request_during_a_rebuild_gets_the_stored_feed_with_its_own_etag(
    client, make_meeting, database_queue, edit
):
    meeting = make_meeting(name="Before")
    old_etag, _ = get_feed(client)

    edit(meeting, "After")
    etag, records = get_feed(client)

    assert (etag, names(records)) == (old_etag, ["Before"])
    assert client.get("/meetings.json", headers={"If-None-Match": old_etag}).status_code == 304
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_new_feed_is_served_once_the_rebuild_has_run(
    client, make_meeting, database_queue, edit
):
    meeting = make_meeting(name="Before")
    old_etag, _ = get_feed(client)
    edit(meeting, "After")

    run_worker()
    etag, records = get_feed(client)

    assert names(records) == ["After"]
    assert etag != old_etag


def test_one_rebuild_is_queued_for_many_changes(client, make_meeting, database_queue, edit):
    meeting = make_meeting(name="Before")
    get_feed(client)

    for name in ("One", "Two", "Three"):
        edit(meeting, name)
        get_feed(client)

    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert names(get_feed(client)[1]) == ["Three"]


def test_a_failed_rebuild_keeps_the_stored_feed_and_says_why(
    client, make_meeting, database_queue, edit, monkeypatch, caplog
):
    meeting = make_meeting(name="Before")
    old_etag, _ = get_feed(client)
    edit(meeting, "After")

    def broken(today):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(public_feed, "public_feed_json", broken)
    with caplog.at_level(logging.ERROR, logger="meetings.public_feed"):
        run_worker()
    etag, records = get_feed(client)

    assert (etag, names(records)) == (old_etag, ["Before"])
    [logged] = [
        record
        for record in caplog.records
        if record.name == "meetings.public_feed" and record.levelno == logging.ERROR
    ]
    assert "could not be rebuilt" in logged.getMessage()
    assert str(logged.exc_info[1]) == "the disk is full"
    # Requests do not queue a rebuild a second after another failed.
    assert DBTaskResult.objects.filter(status="READY").count() == 0


def test_a_plain_request_gets_the_feed_unpacked(client, make_meeting):
    make_meeting(name="Plain")

    response = client.get("/meetings.json")

    assert "Content-Encoding" not in response
    assert names(json.loads(response.content)) == ["Plain"]


def test_a_new_day_rebuilds_it_to_drop_past_changes(client, make_meeting, time_machine):
    make_meeting(name="Daily")
    get_feed(client)
    built = public_feed.stored_head()

    time_machine.move_to(timezone.now() + datetime.timedelta(days=1))
    get_feed(client)

    assert public_feed.stored_head().day == built.day + datetime.timedelta(days=1)
