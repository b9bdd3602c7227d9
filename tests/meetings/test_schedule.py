"""meetings.schedule: occurrences on real dates, converted per date with the zone rules.

Meetings here are unsaved model instances: the schedule only reads their day, times and zone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from meetings.models import Meeting
from meetings.schedule import (
    format_clock,
    next_occurrence,
    occurrence_on,
    occurrences_between,
    when_label,
    zone,
)

UTC = datetime.UTC
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
KOLKATA = ZoneInfo("Asia/Kolkata")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SYDNEY = ZoneInfo("Australia/Sydney")
MONDAY, TUESDAY, SUNDAY = 1, 2, 0


def meeting(day: int, start: str, end: str | None, timezone: str, name: str = "M") -> Meeting:
    return Meeting(
        name=name,
        day=day,
        time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end) if end else None,
        timezone=timezone,
    )


def at(zone_info: ZoneInfo, *parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=zone_info)


@pytest.fixture
def new_york_monday() -> Meeting:
    return meeting(MONDAY, "19:00", "20:30", "America/New_York")


# --- New York Monday 19:00 seen from London ------------------------------------------------


def test_in_winter_a_new_york_monday_evening_is_tuesday_midnight_in_london(new_york_monday):
    occurrence = occurrence_on(new_york_monday, datetime.date(2026, 1, 12)).in_zone("Europe/London")

    assert occurrence.starts == at(LONDON, 2026, 1, 13, 0, 0)
    assert (occurrence.starts.date(), occurrence.starts.hour) == (datetime.date(2026, 1, 13), 0)
    assert occurrence.ends.replace(tzinfo=None) == datetime.datetime(2026, 1, 13, 1, 30)


def test_in_mid_march_it_is_monday_2300_in_london_because_the_us_changed_clocks_first(
    new_york_monday,
):
    # The US moved to daylight time on 8 March 2026; the UK waits until 29 March.
    occurrence = occurrence_on(new_york_monday, datetime.date(2026, 3, 16)).in_zone("Europe/London")

    assert occurrence.starts.replace(tzinfo=None) == datetime.datetime(2026, 3, 16, 23, 0)
    assert occurrence.starts.strftime("%A %H:%M") == "Monday 23:00"
    assert occurrence.starts.utcoffset() == datetime.timedelta(0)


def test_once_both_sides_have_changed_clocks_it_is_tuesday_midnight_again(new_york_monday):
    march_30 = occurrence_on(new_york_monday, datetime.date(2026, 3, 30)).in_zone("Europe/London")
    july = occurrence_on(new_york_monday, datetime.date(2026, 7, 13)).in_zone("Europe/London")

    assert march_30.starts.replace(tzinfo=None) == datetime.datetime(2026, 3, 31, 0, 0)
    assert july.starts.replace(tzinfo=None) == datetime.datetime(2026, 7, 14, 0, 0)
    assert july.starts.utcoffset() == datetime.timedelta(hours=1)


def test_the_week_of_occurrences_follows_each_dates_offset(new_york_monday):
    start = at(UTC, 2026, 3, 1)
    found = occurrences_between([new_york_monday], start, start + datetime.timedelta(days=35))

    in_london = [o.in_zone("Europe/London").starts.replace(tzinfo=None) for o in found]
    assert in_london == [
        datetime.datetime(2026, 3, 3, 0, 0),  # both on winter time
        datetime.datetime(2026, 3, 9, 23, 0),  # New York on summer time, London not yet
        datetime.datetime(2026, 3, 16, 23, 0),
        datetime.datetime(2026, 3, 23, 23, 0),
        datetime.datetime(2026, 3, 31, 0, 0),  # both on summer time
    ]


# --- Half-hour zones and day roll-overs ----------------------------------------------------


def test_kolkatas_half_hour_offset_is_kept(new_york_monday):
    january = occurrence_on(new_york_monday, datetime.date(2026, 1, 12)).in_zone("Asia/Kolkata")
    march = occurrence_on(new_york_monday, datetime.date(2026, 3, 16)).in_zone("Asia/Kolkata")

    assert january.starts.replace(tzinfo=None) == datetime.datetime(2026, 1, 13, 5, 30)
    assert march.starts.replace(tzinfo=None) == datetime.datetime(2026, 3, 17, 4, 30)
    assert january.starts.utcoffset() == datetime.timedelta(hours=5, minutes=30)


def test_the_calcutta_alias_gives_the_same_times_as_kolkata(new_york_monday):
    occurrence = occurrence_on(new_york_monday, datetime.date(2026, 1, 12))

    alias = occurrence.in_zone("Asia/Calcutta").starts
    assert alias.replace(tzinfo=None) == datetime.datetime(2026, 1, 13, 5, 30)
    assert alias == occurrence.in_zone("Asia/Kolkata").starts


def test_a_kolkata_meeting_seen_from_london_lands_on_the_half_hour():
    kolkata_evening = meeting(MONDAY, "20:00", "21:00", "Asia/Kolkata")

    winter = occurrence_on(kolkata_evening, datetime.date(2026, 1, 12)).in_zone("Europe/London")
    summer = occurrence_on(kolkata_evening, datetime.date(2026, 7, 13)).in_zone("Europe/London")

    assert winter.starts.replace(tzinfo=None) == datetime.datetime(2026, 1, 12, 14, 30)
    assert summer.starts.replace(tzinfo=None) == datetime.datetime(2026, 7, 13, 15, 30)


def test_a_sydney_monday_morning_is_sunday_in_los_angeles():
    sydney_morning = meeting(MONDAY, "09:00", "10:00", "Australia/Sydney")

    january = occurrence_on(sydney_morning, datetime.date(2026, 1, 12)).in_zone(
        "America/Los_Angeles"
    )
    july = occurrence_on(sydney_morning, datetime.date(2026, 7, 13)).in_zone("America/Los_Angeles")

    # January: Sydney on daylight time (+11), Los Angeles on standard time (-8).
    assert january.starts.replace(tzinfo=None) == datetime.datetime(2026, 1, 11, 14, 0)
    # July: Sydney on standard time (+10), Los Angeles on daylight time (-7).
    assert july.starts.replace(tzinfo=None) == datetime.datetime(2026, 7, 12, 16, 0)
    assert january.starts.strftime("%A") == july.starts.strftime("%A") == "Sunday"


def test_next_occurrence_rolls_back_a_day_for_a_viewer_behind_the_meeting():
    sydney_morning = meeting(MONDAY, "09:00", "10:00", "Australia/Sydney")
    # Saturday evening in Los Angeles.
    now = at(LOS_ANGELES, 2026, 1, 10, 18, 0)

    upcoming = next_occurrence(sydney_morning, now)

    assert upcoming.starts == at(SYDNEY, 2026, 1, 12, 9, 0)
    assert upcoming.in_zone("America/Los_Angeles").starts == at(LOS_ANGELES, 2026, 1, 11, 14, 0)


# --- Meetings running past midnight --------------------------------------------------------


def test_a_meeting_running_past_midnight_is_in_progress_after_midnight():
    late = meeting(MONDAY, "23:00", "00:30", "Europe/London")
    just_after_midnight = at(LONDON, 2026, 1, 13, 0, 15)

    current = next_occurrence(late, just_after_midnight)

    assert current.starts == at(LONDON, 2026, 1, 12, 23, 0)
    assert current.ends == at(LONDON, 2026, 1, 13, 0, 30)
    assert current.is_on_at(just_after_midnight)
    hour = datetime.timedelta(hours=1)
    assert occurrences_between([late], just_after_midnight, just_after_midnight + hour) == [current]


def test_after_it_ends_the_next_occurrence_is_a_week_later():
    late = meeting(MONDAY, "23:00", "00:30", "Europe/London")

    upcoming = next_occurrence(late, at(LONDON, 2026, 1, 13, 0, 30))

    assert upcoming.starts == at(LONDON, 2026, 1, 19, 23, 0)
    assert not upcoming.is_on_at(at(LONDON, 2026, 1, 13, 0, 30))


def test_a_meeting_without_an_end_time_lasts_an_hour():
    open_ended = meeting(TUESDAY, "18:00", None, "Europe/London")

    occurrence = occurrence_on(open_ended, datetime.date(2026, 1, 13))

    assert occurrence.ends - occurrence.starts == datetime.timedelta(hours=1)


# --- Daylight-saving edges in the meeting's own zone ---------------------------------------


def test_a_wall_time_inside_the_spring_forward_gap_lands_on_a_real_instant():
    # 02:30 does not exist in New York on Sunday 8 March 2026: clocks jump from 02:00 to 03:00.
    in_the_gap = meeting(SUNDAY, "02:30", "03:30", "America/New_York")

    occurrence = occurrence_on(in_the_gap, datetime.date(2026, 3, 8))

    assert occurrence.starts.astimezone(UTC) == at(UTC, 2026, 3, 8, 7, 30)
    assert occurrence.starts.replace(tzinfo=None) == datetime.datetime(2026, 3, 8, 3, 30)
    assert occurrence.starts.utcoffset() == datetime.timedelta(hours=-4)
    # The instant round-trips: it is a time the zone really has.
    assert occurrence.starts.astimezone(UTC).astimezone(NEW_YORK) == occurrence.starts
    duration = occurrence.ends.astimezone(UTC) - occurrence.starts.astimezone(UTC)
    assert duration == datetime.timedelta(hours=1)


def test_an_end_time_inside_the_gap_is_shown_as_the_real_time_it_lands_on():
    # 01:30-02:30 on the night the clocks jump from 02:00 to 03:00: the hour ends at 03:30 EDT.
    across_the_gap = meeting(SUNDAY, "01:30", "02:30", "America/New_York")

    occurrence = occurrence_on(across_the_gap, datetime.date(2026, 3, 8))

    assert occurrence.starts.replace(tzinfo=None) == datetime.datetime(2026, 3, 8, 1, 30)
    assert occurrence.ends.replace(tzinfo=None) == datetime.datetime(2026, 3, 8, 3, 30)
    assert occurrence.ends.utcoffset() == datetime.timedelta(hours=-4)
    assert format_clock(occurrence.ends) == "3:30 AM"


def test_an_ambiguous_fall_back_time_takes_the_first_of_the_two():
    # 01:30 happens twice in New York on Sunday 1 November 2026.
    twice = meeting(SUNDAY, "01:30", "02:30", "America/New_York")

    occurrence = occurrence_on(twice, datetime.date(2026, 11, 1))

    assert occurrence.starts.astimezone(UTC) == at(UTC, 2026, 11, 1, 5, 30)


# --- Labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (at(LONDON, 2026, 11, 25, 9, 30), "Today 9:30 AM"),
        (at(LONDON, 2026, 11, 25, 16, 59), "Today 4:59 PM"),
        (at(LONDON, 2026, 11, 25, 17, 0), "Tonight 5:00 PM"),
        (at(LONDON, 2026, 11, 25, 19, 0), "Tonight 7:00 PM"),
        (at(LONDON, 2026, 11, 26, 0, 30), "Tomorrow 12:30 AM"),
        (at(LONDON, 2026, 11, 26, 18, 30), "Tomorrow 6:30 PM"),
        (at(LONDON, 2026, 11, 27, 12, 0), "Fri 12:00 PM"),
    ],
)
def test_when_label_names_the_day_from_the_viewers_side(moment, label):
    now = at(LONDON, 2026, 11, 25, 10, 0)

    assert when_label(moment, now) == label


def test_when_label_reads_today_in_the_moments_zone_not_the_servers():
    # 23:30 UTC on Wednesday is already Thursday morning in Kolkata.
    now = at(UTC, 2026, 11, 25, 23, 30)
    moment = at(KOLKATA, 2026, 11, 26, 9, 0)

    assert when_label(moment, now) == "Today 9:00 AM"
    assert when_label(moment.astimezone(UTC), now) == "Tomorrow 3:30 AM"


@pytest.mark.parametrize(
    ("clock", "text"),
    [
        (datetime.time(0, 30), "12:30 AM"),
        (datetime.time(7, 5), "7:05 AM"),
        (datetime.time(12, 0), "12:00 PM"),
        (datetime.time(19, 0), "7:00 PM"),
        (datetime.time(23, 59), "11:59 PM"),
    ],
)
def test_format_clock_uses_the_twelve_hour_clock(clock, text):
    assert format_clock(clock) == text


@pytest.mark.parametrize(
    ("clock", "name", "inside"),
    [
        (datetime.time(5, 0), "morning", True),
        (datetime.time(11, 59), "morning", True),
        (datetime.time(12, 0), "morning", False),
        (datetime.time(12, 0), "midday", True),
        (datetime.time(17, 0), "midday", False),
        (datetime.time(17, 0), "evening", True),
        (datetime.time(20, 59), "evening", True),
        (datetime.time(21, 0), "evening", False),
        (datetime.time(21, 0), "night", True),
        (datetime.time(23, 30), "night", True),
        (datetime.time(0, 0), "night", True),
        (datetime.time(4, 59), "night", True),
        (datetime.time(5, 0), "night", False),
        (datetime.time(20, 0), "night", False),
    ],
)
@pytest.mark.django_db
def test_times_of_day_and_night_wraps_midnight(make_meeting, clock, name, inside):
    make_meeting(time=clock, end_time=None)

    assert Meeting.objects.at_times_of_day([name]).exists() is inside


def test_zone_accepts_aliases_and_rejects_unknown_names():
    assert zone("Asia/Calcutta").utcoffset(datetime.datetime(2026, 1, 1)) == datetime.timedelta(
        hours=5, minutes=30
    )
    with pytest.raises(ZoneInfoNotFoundError):
        zone("Mars/Olympus_Mons")
