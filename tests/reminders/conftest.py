from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from meetings.models import Meeting
from mymeetings.models import SavedMeeting
from reminders.models import ReminderSettings


@pytest.fixture
def new_york_tuesday(make_meeting) -> Meeting:
    """Tuesdays 19:00 in New York: the US changes its clocks three weeks before the UK."""
    return make_meeting(
        name="Brooklyn Tuesday", day=2, time=datetime.time(19), timezone="America/New_York"
    )


@pytest.fixture
def reminders_on(participant) -> Callable[..., ReminderSettings]:
    """Turns the participant's reminders on as asked, in London's zone unless told."""

    def turn_on(**choices) -> ReminderSettings:
        return ReminderSettings.objects.create(
            user=participant, **{"zone": "Europe/London", **choices}
        )

    return turn_on


@pytest.fixture
def saved(participant, new_york_tuesday) -> Meeting:
    SavedMeeting.objects.create(user=participant, meeting=new_york_tuesday)
    return new_york_tuesday
