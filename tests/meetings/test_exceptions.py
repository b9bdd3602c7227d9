"""One-off changes: a date off, a closure, another time one week; checked, then shown everywhere
the meeting shows (its page, its .ics, the API, the feed, the online page and the finder)."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Attendance, Meeting, MeetingException
from tests.meetings.test_admin_roles import edit_form

pytestmark = pytest.mark.django_db

# Tuesday 1 December 2026, noon in Chicago; the meetings below are on Tuesdays at 7:00 PM there.
NOON = datetime.datetime(2026, 12, 1, 18, tzinfo=datetime.UTC)
NEXT_WEEK = datetime.date(2026, 12, 8)
CHICAGO = datetime.timezone(datetime.timedelta(hours=-6))

Kind = MeetingException.Kind


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def tuesday(make_meeting, facilitator):
    meeting = make_meeting(name="Eastside Tuesday", slug="eastside-tuesday")
    meeting.facilitators.add(facilitator)
    return meeting


@pytest.fixture
def online_tuesday(make_meeting):
    return make_meeting(
        name="Tuesday Online",
        slug="tuesday-online",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://meet.example.org/tuesday",
    )


def add_change(meeting, **fields) -> MeetingException:
    change = MeetingException(meeting=meeting, **fields)
    change.full_clean()
    change.save()
    return change


def errors_of(meeting, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        MeetingException(meeting=meeting, **fields).full_clean()
    return refused.value.message_dict


# Checks


def test_a_cancellation_in_the_past_is_refused(tuesday):
    errors = errors_of(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 11, 24))

    assert errors["date"] == ["That date has passed."]


def test_a_cancellation_must_be_on_the_meetings_day(tuesday):
    errors = errors_of(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 25))

    assert errors["date"] == ["Friday 25 December is not a Tuesday, the meeting's day."]


def test_a_closure_that_ends_before_it_starts_is_refused(tuesday):
    errors = errors_of(
        tuesday,
        kind=Kind.CLOSED,
        date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2026, 12, 10),
    )

    assert errors["end_date"] == ["The last day is before the first day."]


def test_a_closure_needs_its_last_day(tuesday):
    errors = errors_of(tuesday, kind=Kind.CLOSED, date=datetime.date(2026, 12, 20))

    assert errors["end_date"] == ["Give the last day of the closure."]


def test_a_move_onto_another_meetings_time_at_the_venue_is_refused(tuesday, make_meeting):
    make_meeting(name="Eastside Family Group", time=datetime.time(17, 30))

    errors = errors_of(tuesday, kind=Kind.MOVED, date=NEXT_WEEK, new_time=datetime.time(18))

    assert errors["new_time"] == [
        "“Eastside Family Group” meets at this venue then (5:30 PM); choose another time."
    ]


def test_a_move_past_midnight_is_refused(tuesday):
    errors = errors_of(tuesday, kind=Kind.MOVED, date=NEXT_WEEK, new_time=datetime.time(23))

    assert errors["new_time"] == [
        "At that time the meeting would run past midnight; choose an earlier start."
    ]


def test_two_changes_on_one_date_are_refused(tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=NEXT_WEEK)

    errors = errors_of(tuesday, kind=Kind.MOVED, date=NEXT_WEEK, new_time=datetime.time(18))

    assert errors["date"] == [
        "This meeting already has a change then: No meeting on Tuesday 8 December."
    ]


# The admin


def inline_form(meeting, **change) -> dict:
    data = edit_form(meeting, time="19:00", end_time="20:30")
    data.update({"exceptions-TOTAL_FORMS": "1", "exceptions-INITIAL_FORMS": "0"})
    data.update({f"exceptions-0-{key}": value for key, value in change.items()})
    return data


def test_a_facilitator_cancels_next_weeks_meeting_from_its_page(client, facilitator, tuesday):
    client.force_login(facilitator)

    response = client.post(
        f"/admin/meetings/meeting/{tuesday.pk}/change/",
        inline_form(tuesday, kind="cancelled", date="2026-12-08", note="Hall booked"),
    )

    assert response.status_code == 302
    change = tuesday.exceptions.get()
    assert (change.kind, change.date, change.note) == ("cancelled", NEXT_WEEK, "Hall booked")


def test_a_refused_change_saves_nothing_and_says_why_beside_the_field(client, facilitator, tuesday):
    client.force_login(facilitator)

    response = client.post(
        f"/admin/meetings/meeting/{tuesday.pk}/change/",
        {**inline_form(tuesday, kind="cancelled", date="2026-11-24"), "name": "Renamed"},
    )

    assert response.status_code == 200
    assertContains(response, "That date has passed.")
    tuesday.refresh_from_db()
    assert tuesday.name == "Eastside Tuesday"
    assert not tuesday.exceptions.exists()


def test_another_facilitator_cannot_add_a_change_to_a_meeting_not_theirs(
    client, other_facilitator, tuesday
):
    client.force_login(other_facilitator)

    response = client.post(
        f"/admin/meetings/meeting/{tuesday.pk}/change/",
        inline_form(tuesday, kind="cancelled", date="2026-12-08"),
    )

    assert response.status_code in (302, 403, 404)
    assert not tuesday.exceptions.exists()


# The meeting page


def test_the_meeting_page_lists_upcoming_changes_and_skips_the_date_off(client, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 1), note="Snow")
    add_change(
        tuesday,
        kind=Kind.CLOSED,
        date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2027, 1, 3),
        note="Holidays",
    )

    response = client.get("/meetings/eastside-tuesday/")

    assertContains(response, "No meeting on Tuesday 1 December</strong>: Snow")
    assertContains(response, "Closed 20 December – 3 January 2027</strong>: Holidays")
    assertContains(response, 'datetime="2026-12-08T19:00:00-06:00"')


def test_a_moved_week_shows_its_new_time(client, tuesday):
    add_change(
        tuesday, kind=Kind.MOVED, date=datetime.date(2026, 12, 1), new_time=datetime.time(18)
    )

    response = client.get("/meetings/eastside-tuesday/")

    assertContains(response, "Tuesday 1 December: at 6:00 PM instead of 7:00 PM")
    assertContains(response, 'datetime="2026-12-01T18:00:00-06:00"')
    assertContains(response, "(this week only)")


def test_past_changes_leave_the_public_page(client, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 1), note="Snow")

    with time_machine.travel(datetime.datetime(2026, 12, 3, tzinfo=datetime.UTC), tick=False):
        response = client.get("/meetings/eastside-tuesday/")

    assertNotContains(response, "Snow")
    assert tuesday.exceptions.count() == 1


# The calendar file


def test_the_ics_leaves_out_dates_off_and_overrides_a_moved_week(client, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=NEXT_WEEK)
    add_change(
        tuesday,
        kind=Kind.CLOSED,
        date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2027, 1, 3),
    )
    add_change(
        tuesday,
        kind=Kind.MOVED,
        date=datetime.date(2027, 1, 5),
        new_time=datetime.time(18),
        note="Earlier this once",
    )

    response = client.get("/meetings/eastside-tuesday.ics")

    events = Calendar.from_ical(response.content).walk("VEVENT")
    weekly = next(event for event in events if "RRULE" in event)
    # One EXDATE property per date off (icalendar gives a list when there are several).
    excluded = sorted(moment.dt for dates in weekly["EXDATE"] for moment in dates.dts)
    assert [moment.date() for moment in excluded] == [
        datetime.date(2026, 12, 8),
        datetime.date(2026, 12, 22),
        datetime.date(2026, 12, 29),
    ]
    assert excluded[0].hour == 19
    moved = next(event for event in events if "RECURRENCE-ID" in event)
    assert moved["UID"] == weekly["UID"]
    assert moved["RECURRENCE-ID"].dt.replace(tzinfo=None) == datetime.datetime(2027, 1, 5, 19)
    assert moved["DTSTART"].dt.replace(tzinfo=None) == datetime.datetime(2027, 1, 5, 18)
    assert "Earlier this once" in moved["DESCRIPTION"]


# The API and the feed


def test_the_api_gives_the_changes_as_data_and_the_next_date_held(client, places, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 1), note="Snow")

    response = client.get("/api/meetings/", {"near": "Austin, TX"})

    result = response.json()["results"][0]
    assert result["changes"] == [
        {
            "kind": "cancelled",
            "date": "2026-12-01",
            "end_date": "2026-12-01",
            "new_time": None,
            "note": "Snow",
            "summary": "No meeting on Tuesday 1 December",
        }
    ]
    assert result["next"] == "2026-12-08T19:00:00-06:00"


def test_the_feed_notes_a_change_within_the_spec(client, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=NEXT_WEEK, note="Hall booked")

    record = json.loads(client.get("/meetings.json").content)[0]

    assert record["notes"].startswith("No meeting on Tuesday 8 December: Hall booked.")
    assert "TC" not in record.get("types", [])
    assert isinstance(record["day"], int)


def test_the_feed_marks_a_meeting_closed_for_the_whole_coming_week(client, tuesday):
    add_change(
        tuesday,
        kind=Kind.CLOSED,
        date=datetime.date(2026, 11, 30),
        end_date=datetime.date(2026, 12, 14),
    )

    record = json.loads(client.get("/meetings.json").content)[0]

    assert "TC" in record["types"]
    assert record["notes"].startswith("Closed 30 November – 14 December 2026.")


def test_a_feed_already_cached_shows_a_new_change(client, tuesday):
    client.get("/meetings.json")

    add_change(tuesday, kind=Kind.CANCELLED, date=NEXT_WEEK)

    record = json.loads(client.get("/meetings.json").content)[0]
    assert record["notes"].startswith("No meeting on Tuesday 8 December.")


# The online page and the finder


def test_the_online_page_skips_a_date_off(client, online_tuesday):
    add_change(online_tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 1))

    response = client.get("/meetings/online/", {"tz": "America/Chicago"})

    assertNotContains(response, 'datetime="2026-12-01T19:00-06:00"')
    assertContains(response, "online-empty")


def test_the_online_page_lists_a_moved_week_at_its_new_time(client, online_tuesday):
    add_change(
        online_tuesday, kind=Kind.MOVED, date=datetime.date(2026, 12, 1), new_time=datetime.time(17)
    )

    response = client.get("/meetings/online/", {"tz": "America/Chicago"})

    assertContains(response, '<time datetime="2026-12-01T17:00-06:00">5:00 PM</time>')
    assertNotContains(response, 'datetime="2026-12-01T19:00-06:00"')


def test_the_finder_gives_the_next_date_the_meeting_is_held(client, places, tuesday):
    add_change(tuesday, kind=Kind.CANCELLED, date=datetime.date(2026, 12, 1))

    response = client.get("/meetings/", {"near": "Austin, TX"})

    assertContains(response, 'datetime="2026-12-08T19:00:00-06:00"')


def test_a_week_moved_into_the_next_hour_is_starting_soon(tuesday):
    add_change(
        tuesday, kind=Kind.MOVED, date=datetime.date(2026, 12, 1), new_time=datetime.time(13)
    )
    start = NOON
    end = NOON + datetime.timedelta(minutes=90)

    found = Meeting.objects.starting_between(start, end)

    assert [(o.meeting.name, o.starts.astimezone(CHICAGO).hour) for o in found] == [
        ("Eastside Tuesday", 13)
    ]


def test_a_meeting_is_read_with_its_changes_not_yet_over_and_no_others(tuesday, make_meeting):
    other = make_meeting(name="Westside Tuesday", time=datetime.time(10, 0), end_time=None)
    add_change(tuesday, kind=Kind.CANCELLED, date=NEXT_WEEK)
    add_change(
        tuesday,
        kind=Kind.MOVED,
        date=datetime.date(2026, 12, 15),
        new_time=datetime.time(18, 30),
        note="Upstairs this week",
    )
    add_change(other, kind=Kind.CANCELLED, date=NEXT_WEEK)
    # Over before yesterday (the day's margin for zones): saved past the checks.
    last_week = datetime.date(2026, 11, 24)
    MeetingException.objects.create(
        meeting=tuesday, kind=Kind.CANCELLED, date=last_week, end_date=last_week
    )

    read = Meeting.objects.with_upcoming_exceptions().get(pk=tuesday.pk)

    assert [
        (row["kind"], row["date"], row["end_date"], row["new_time"], row["note"])
        for row in read.upcoming_exception_rows
    ] == [
        ("cancelled", "2026-12-08", "2026-12-08", None, ""),
        ("moved", "2026-12-15", "2026-12-15", "18:30:00", "Upstairs this week"),
    ]
    others = Meeting.objects.with_upcoming_exceptions().get(pk=other.pk)
    assert [row["kind"] for row in others.upcoming_exception_rows] == ["cancelled"]
