"""The request window is worked out on the meeting's own clock, whatever the offset that day."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains

from attendance.models import Proof
from meetings.models import MeetingException

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        # Tuesday 27 October 2026, 7:30 PM in Chicago is 00:30 UTC (CDT, UTC-5)...
        (datetime.datetime(2026, 10, 28, 0, 30, tzinfo=datetime.UTC), "Tuesday 27 October"),
        # ...and after the clocks went back on 1 November, 01:30 UTC (CST, UTC-6).
        (datetime.datetime(2026, 11, 4, 1, 30, tzinfo=datetime.UTC), "Tuesday 3 November"),
    ],
)
def test_the_form_follows_the_meetings_clock_across_a_clock_change(
    client, at, participant, meeting, moment, label
):
    at(moment)
    client.force_login(participant)

    assertContains(client.get("/meetings/tuesday-night/"), f"Ask for proof of {label}, 7:00 PM")


def test_a_date_cancelled_two_utc_days_ago_is_still_refused(client, at, participant, meeting):
    """In Pago Pago (UTC-11) a Tuesday meeting at 10 PM ends at 10:30 UTC on Wednesday; a day
    later it is Thursday in UTC, past the dates the public pages still read changes for."""
    meeting.timezone = "Pacific/Pago_Pago"
    meeting.time, meeting.end_time = datetime.time(22), datetime.time(23, 30)
    meeting.save()
    tuesday = datetime.date(2026, 12, 1)
    MeetingException.objects.create(
        meeting=meeting, kind="cancelled", date=tuesday, end_date=tuesday
    )
    at(datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC))
    client.force_login(participant)

    response = client.post(
        "/attendance/ask/tuesday-night/", {"date": "2026-12-01", "printed_name": "R. R."}
    )

    assertContains(response, "There was no meeting on Tuesday 1 December 2026", status_code=422)
    assert not Proof.objects.exists()
