"""The few online meetings shown beside a near-me search are found once a minute for every
search with the same filters, less those that have started since."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Attendance, Meeting
from meetings.search import soon_online

pytestmark = pytest.mark.django_db

# A Tuesday (day 2), 12:00 UTC.
NOON = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def online_tuesday(make_meeting) -> None:
    for minutes in (30, 60, 90, 120, 150, 180):
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
        )


def names(occurrences) -> list[str]:
    return [occurrence.meeting.name for occurrence in occurrences]


def test_the_soonest_three_are_shown(online_tuesday):
    soon = soon_online(Meeting.objects.public().online(), NOON)

    assert names(soon) == ["Online at 12:30", "Online at 13:00", "Online at 13:30"]


def test_a_second_search_reads_no_meetings(online_tuesday, django_assert_num_queries):
    online = Meeting.objects.public().online()
    soon_online(online, NOON)

    with django_assert_num_queries(0):
        again = soon_online(
            Meeting.objects.public().online(), NOON + datetime.timedelta(seconds=30)
        )

    assert names(again) == ["Online at 12:30", "Online at 13:00", "Online at 13:30"]


def test_one_that_has_started_makes_way_for_the_next(online_tuesday, django_assert_num_queries):
    soon_online(Meeting.objects.public().online(), NOON)

    with django_assert_num_queries(0):
        later = soon_online(
            Meeting.objects.public().online(), NOON + datetime.timedelta(minutes=45)
        )

    assert names(later) == ["Online at 13:00", "Online at 13:30", "Online at 14:00"]


def test_other_filters_find_their_own(online_tuesday, make_meeting):
    soon_online(Meeting.objects.public().online(), NOON)

    narrowed = Meeting.objects.public().online().filter(name__endswith="14:30")

    assert names(soon_online(narrowed, NOON)) == ["Online at 14:30"]
