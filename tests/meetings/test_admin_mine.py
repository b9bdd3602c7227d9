"""A facilitator's own page (a coordinator's: their regions'), one-click "cancel the next
meeting", and the mail facilitators get when a visitor asks for a change."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import ChangeRequest, MeetingException

pytestmark = pytest.mark.django_db

MINE = "/admin/meetings/meeting/mine/"
# Tuesday 1 December 2026, noon in Chicago; the meetings are on Tuesdays at 7:00 PM there.
NOON = datetime.datetime(2026, 12, 1, 18, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def own_meeting(make_meeting, facilitator, regions):
    meeting = make_meeting(name="Fay's Tuesday", region=regions["austin"])
    meeting.facilitators.add(facilitator)
    return meeting


@pytest.fixture
def others_meeting(make_meeting, other_facilitator, regions):
    meeting = make_meeting(name="Otto's Leeds Group", region=regions["gb"])
    meeting.facilitators.add(other_facilitator)
    return meeting


def cancel_url(meeting) -> str:
    return f"/admin/meetings/meeting/{meeting.pk}/cancel-next/"


def test_a_facilitator_sees_their_meetings_next_dates_and_open_requests(
    client, facilitator, own_meeting, others_meeting
):
    ChangeRequest.objects.create(meeting=own_meeting, message="The door code changed")
    ChangeRequest.objects.create(meeting=others_meeting, message="Leeds moved")
    client.force_login(facilitator)

    response = client.get(MINE)

    assertContains(response, "Fay&#x27;s Tuesday")
    assertContains(response, 'Next: <time datetime="2026-12-01T19:00:00-06:00">Tuesday 1 December')
    assertContains(response, "1 open change request")
    assertContains(response, "The door code changed")
    assertNotContains(response, "Otto&#x27;s Leeds Group")
    assertNotContains(response, "Leeds moved")


def test_a_coordinator_sees_the_meetings_of_their_regions(
    client, coordinator, own_meeting, others_meeting
):
    client.force_login(coordinator)

    response = client.get(MINE)

    assertContains(response, "Fay&#x27;s Tuesday")
    assertNotContains(response, "Otto&#x27;s Leeds Group")


def test_a_stranger_cannot_open_the_page(client, stranger):
    stranger.is_staff = True
    stranger.save()
    client.force_login(stranger)

    assert client.get(MINE).status_code == 403


def test_one_click_cancels_the_next_meeting_with_a_note(client, facilitator, own_meeting):
    client.force_login(facilitator)

    response = client.post(cancel_url(own_meeting), {"note": "Snow day"}, follow=True)

    assertContains(response, "No meeting on Tuesday 1 December")
    change = own_meeting.exceptions.get()
    assert (change.kind, change.date, change.note) == (
        MeetingException.Kind.CANCELLED,
        datetime.date(2026, 12, 1),
        "Snow day",
    )
    public = client.get(f"/meetings/{own_meeting.slug}/")
    assertContains(public, "No meeting on Tuesday 1 December</strong>: Snow day")


def test_the_next_click_cancels_the_week_after(client, facilitator, own_meeting):
    client.force_login(facilitator)

    client.post(cancel_url(own_meeting))
    client.post(cancel_url(own_meeting))

    dates = list(own_meeting.exceptions.values_list("date", flat=True))
    assert dates == [datetime.date(2026, 12, 1), datetime.date(2026, 12, 8)]


def test_a_meeting_already_under_way_is_not_the_one_cancelled(client, facilitator, own_meeting):
    client.force_login(facilitator)

    with time_machine.travel(datetime.datetime(2026, 12, 2, 1, 30, tzinfo=datetime.UTC)):
        client.post(cancel_url(own_meeting))

    assert own_meeting.exceptions.get().date == datetime.date(2026, 12, 8)


def test_no_one_cancels_a_meeting_not_theirs(client, facilitator, others_meeting):
    client.force_login(facilitator)

    response = client.post(cancel_url(others_meeting))

    assert response.status_code == 404
    assert not others_meeting.exceptions.exists()


def test_cancelling_needs_a_post(client, facilitator, own_meeting):
    client.force_login(facilitator)

    assert client.get(cancel_url(own_meeting)).status_code == 405
    assert not own_meeting.exceptions.exists()


def test_a_change_request_is_mailed_to_each_facilitator(client, facilitator, own_meeting):
    facilitator.email = "fay@example.org"
    facilitator.save()
    helper = own_meeting.facilitators.create(username="hal", email="hal@example.org")
    own_meeting.facilitators.create(username="nomail")

    client.post(
        f"/meetings/{own_meeting.slug}/request-change/",
        {"message": "We moved to Thursdays.", "name": "Sam", "email": "sam@example.org"},
    )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "fay@example.org",
        helper.email,
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    body = mail.outbox[0].body
    assert "We moved to Thursdays." in body
    assert "Sam sam@example.org" in body
    change_request = ChangeRequest.objects.get()
    assert f"/admin/meetings/changerequest/{change_request.pk}/change/" in body


def test_a_bots_request_mails_no_one(client, facilitator, own_meeting):
    facilitator.email = "fay@example.org"
    facilitator.save()

    client.post(
        f"/meetings/{own_meeting.slug}/request-change/",
        {"message": "Buy things", "website": "http://spam.example"},
    )

    assert mail.outbox == []


def test_a_change_request_is_mailed_in_the_language_the_meeting_is_held_in(
    client, facilitator, own_meeting
):
    facilitator.email = "fay@example.org"
    facilitator.save()
    own_meeting.languages = ["S"]
    own_meeting.save()

    # Asked from the English page: the facilitators of a Spanish meeting still read Spanish.
    client.post(
        f"/meetings/{own_meeting.slug}/request-change/",
        {"message": "Nos mudamos a los jueves.", "name": "Sam"},
    )

    [message] = mail.outbox
    assert message.subject == f"Solicitud de cambio: {own_meeting.name}"
    assert f"Alguien pidió un cambio en «{own_meeting.name}»:" in message.body
    assert "De: Sam" in message.body
    assert "Revísala y márcala como resuelta:" in message.body
