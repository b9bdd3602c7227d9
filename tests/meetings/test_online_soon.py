"""The few online meetings shown beside a near-me search are found once a minute for every
search with the same filters, less those that have started since."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Attendance
from meetings.search import soon_online

pytestmark = pytest.mark.django_db

# A Tuesday (day 2), 12:00 UTC.
NOON = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def online_tuesday(make_meeting) -> None:
    for minutes in (30, 60, 90, 120, 150, 180):
        types = ["W"] if minutes == 150 else []
        start = NOON + datetime.timedelta(minutes=minutes)
        make_meeting(
            name=f"Online at {start:%H:%M}",
            day=2,
            time=start.time(),
            end_time=(start + datetime.timedelta(minutes=20)).time(),
            timezone="UTC",
            attendance=Attendance.ONLINE,
            location=None,
            conference_url="https://meet.example.org/smart",
            types=types,
        )


def names(occurrences) -> list[str]:
    return [occurrence.meeting.name for occurrence in occurrences]


def test_the_soonest_three_are_shown(online_tuesday):
    soon = soon_online({}, NOON, "UTC")

    assert names(soon) == ["Online at 12:30", "Online at 13:00", "Online at 13:30"]


def test_a_search_near_another_place_reads_no_meetings(online_tuesday, django_assert_num_queries):
    soon_online({"near": "Austin, TX"}, NOON, "UTC")

    with django_assert_num_queries(0):
        again = soon_online({"near": "London"}, NOON + datetime.timedelta(seconds=30), "UTC")

    assert names(again) == ["Online at 12:30", "Online at 13:00", "Online at 13:30"]


def test_one_that_has_started_makes_way_for_the_next(online_tuesday, django_assert_num_queries):
    soon_online({}, NOON, "UTC")

    with django_assert_num_queries(0):
        later = soon_online({}, NOON + datetime.timedelta(minutes=45), "UTC")

    assert names(later) == ["Online at 13:00", "Online at 13:30", "Online at 14:00"]


def test_other_filters_find_their_own(online_tuesday):
    soon_online({}, NOON, "UTC")

    assert names(soon_online({"type": ["W"]}, NOON, "UTC")) == ["Online at 14:30"]
