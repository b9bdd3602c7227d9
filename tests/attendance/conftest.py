"""A meeting that offers proof of attendance (POA), its facilitator, and requests in each state.

The meeting is on Tuesdays, 7:00 to 8:30 PM in Chicago: on Tuesday 1 December 2026 that is
01:00 to 02:30 UTC on the 2nd.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import time_machine

from attendance.models import Proof
from meetings.models import Meeting

TUESDAY = datetime.date(2026, 12, 1)
STARTS = datetime.datetime(2026, 12, 2, 1, 0, tzinfo=datetime.UTC)
DURING = STARTS + datetime.timedelta(minutes=45)
# Under way for a moment after the meeting: within the day after its end (02:30 UTC).
NEXT_EVENING = datetime.datetime(2026, 12, 3, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def at() -> Callable[[datetime.datetime], None]:
    """Moves the clock to a moment, for the rest of the test."""
    travellers = []

    def travel(moment: datetime.datetime) -> None:
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield travel
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def meeting(make_meeting, facilitator, regions) -> Meeting:
    meeting = make_meeting(
        name="Tuesday Night SMART", slug="tuesday-night", region=regions["austin"]
    )
    meeting.attendance_verification = True
    meeting.save()
    meeting.facilitators.add(facilitator)
    facilitator.first_name = "Fay"
    facilitator.last_name = "Fairweather"
    facilitator.save()
    return meeting


@pytest.fixture
def make_proof(participant, meeting) -> Callable[..., Proof]:
    """A request as the meeting page makes it (at the moment the clock says)."""

    def make(**fields) -> Proof:
        values = {
            "user": participant,
            "meeting": meeting,
            "date": TUESDAY,
            "meeting_name": meeting.name,
            "starts": STARTS,
            "ends": STARTS + datetime.timedelta(minutes=90),
            "time_zone": meeting.timezone,
            "printed_name": "R. Rivers",
            **fields,
        }
        return Proof.objects.create(**values)

    return make


@pytest.fixture
def pending(at, make_proof) -> Proof:
    at(DURING)
    return make_proof()


@pytest.fixture
def confirmed(pending, facilitator) -> Proof:
    pending.confirm(facilitator)
    return pending
