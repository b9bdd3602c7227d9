"""A signed-in participant asks for proof of a meeting from its page, during it or in the day
after; everything else is refused with a plain message and nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from attendance.forms import ProofRequestForm
from attendance.models import Proof
from meetings.models import MeetingException

from .conftest import DURING, NEXT_EVENING, STARTS, TUESDAY

pytestmark = pytest.mark.django_db

PAGE = "/meetings/tuesday-night/"
ASK = "/attendance/ask/tuesday-night/"


def ask(client, date=TUESDAY, name="R. Rivers", **fields):
    return client.post(ASK, {"date": str(date), "printed_name": name, **fields})


def test_during_the_meeting_a_participant_sees_the_form_for_that_date(
    client, at, participant, meeting
):
    at(DURING)
    client.force_login(participant)

    response = client.get(PAGE)

    assertContains(response, "Ask for proof of Tuesday 1 December, 7:00 PM")
    assertContains(response, 'name="date" value="2026-12-01"')
    assertContains(response, "Name to print on the proof")


def test_a_visitor_is_asked_to_sign_in_and_a_meeting_without_poa_shows_nothing(
    client, at, meeting, make_meeting
):
    at(DURING)
    assertContains(client.get(PAGE), "Sign in to ask for proof of Tuesday 1 December")
    plain = make_meeting(slug="no-poa")
    assertNotContains(client.get(f"/meetings/{plain.slug}/"), "Proof of attendance")


def test_before_the_meeting_the_page_says_when_to_come_back(client, at, participant, meeting):
    at(STARTS - datetime.timedelta(hours=2))
    client.force_login(participant)

    response = client.get(PAGE)

    assertContains(response, "Come back during the meeting")
    assertNotContains(response, "Ask for proof of")


def test_a_request_in_the_day_after_keeps_the_meetings_facts(client, at, participant, meeting):
    at(NEXT_EVENING)
    client.force_login(participant)

    response = ask(client, name="  River   Rivers ", recipient="Travis County Probation")

    proof = Proof.objects.get()
    assertRedirects(response, f"/attendance/{proof.pk}/")
    assert (proof.user, proof.meeting, proof.date) == (participant, meeting, TUESDAY)
    assert proof.printed_name == "River Rivers"
    assert proof.recipient == "Travis County Probation"
    assert (proof.starts, proof.time_zone, proof.state) == (STARTS, "America/Chicago", "pending")
    assert proof.code_hash is None
    page = client.get(f"/attendance/{proof.pk}/")
    assertContains(page, "Waiting for a facilitator")
    assertContains(client.get(PAGE), "You asked for proof of Tuesday 1 December")


def test_a_moved_meeting_is_proved_at_its_new_time(client, at, participant, meeting):
    at(STARTS - datetime.timedelta(days=2))
    MeetingException.objects.create(
        meeting=meeting, kind="moved", date=TUESDAY, end_date=TUESDAY, new_time=datetime.time(17)
    )
    at(STARTS - datetime.timedelta(hours=1))
    client.force_login(participant)

    ask(client)

    assert Proof.objects.get().starts == STARTS - datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    ("moment", "date", "message"),
    [
        (STARTS - datetime.timedelta(minutes=5), TUESDAY, "has not started yet"),
        (DURING, TUESDAY + datetime.timedelta(days=7), "has not started yet"),
        (STARTS + datetime.timedelta(hours=27), TUESDAY, "ended more than 24 hours ago"),
        (DURING, TUESDAY - datetime.timedelta(days=7), "ended more than 24 hours ago"),
        (DURING, TUESDAY + datetime.timedelta(days=1), "not its day, or cancelled"),
    ],
)
def test_a_date_outside_the_window_is_refused(
    client, at, participant, meeting, moment, date, message
):
    at(moment)
    client.force_login(participant)

    response = ask(client, date=date)

    assert response.status_code == 422
    assertContains(response, message, status_code=422)
    assert not Proof.objects.exists()


def test_a_cancelled_date_cannot_be_proved(client, at, participant, meeting):
    at(STARTS - datetime.timedelta(days=2))
    MeetingException.objects.create(
        meeting=meeting, kind="cancelled", date=TUESDAY, end_date=TUESDAY
    )
    at(DURING)
    client.force_login(participant)

    response = ask(client)

    assertContains(response, "There was no meeting on Tuesday 1 December 2026", status_code=422)
    assert not Proof.objects.exists()


def test_a_meeting_without_verification_is_refused(client, at, participant, meeting):
    meeting.attendance_verification = False
    meeting.save()
    at(DURING)
    client.force_login(participant)

    response = ask(client)

    assertRedirects(response, PAGE, fetch_redirect_response=False)
    assertContains(client.get(PAGE), "This meeting does not offer proof of attendance.")
    assert not Proof.objects.exists()


def test_asking_twice_for_the_same_day_is_refused_plainly(client, at, participant, meeting):
    at(DURING)
    client.force_login(participant)
    ask(client)

    response = ask(client, name="Someone Else")

    assertContains(response, "You have already asked for proof of this meeting", status_code=422)
    assert Proof.objects.get().printed_name == "R. Rivers"


def test_the_database_refuses_a_second_request_for_the_same_day(make_proof, at):
    at(DURING)
    make_proof()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_proof(printed_name="Again")


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "This field is required"), ("R", "at least two letters"), ("李雷", "Latin letters")],
)
def test_a_name_that_cannot_be_printed_is_refused(client, at, participant, meeting, name, message):
    at(DURING)
    client.force_login(participant)

    response = ask(client, name=name)

    assertContains(response, message, status_code=422)
    assert not Proof.objects.exists()


def test_a_bad_date_and_a_private_meeting_are_plain_answers(client, at, participant, meeting):
    at(DURING)
    client.force_login(participant)
    assertContains(ask(client, date="yesterday"), "Enter a valid date", status_code=422)
    meeting.is_public = False
    meeting.save()
    assert ask(client).status_code == 404
    assert not Proof.objects.exists()


def test_a_visitor_cannot_ask(client, at, meeting):
    at(DURING)
    response = ask(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Proof.objects.exists()


def test_a_temporarily_closed_meeting_offers_no_request(client, at, participant, meeting):
    meeting.is_active = False
    meeting.save()
    at(DURING)
    client.force_login(participant)

    assertNotContains(client.get(PAGE), "Ask for proof of")
    assertContains(ask(client), "This meeting is closed at the moment.", status_code=422)
    assert not Proof.objects.exists()


def test_a_second_tap_racing_the_first_gets_the_same_plain_message(
    client, at, participant, meeting, make_proof, monkeypatch
):
    at(DURING)
    client.force_login(participant)
    save = ProofRequestForm.save

    def after_the_other_tap(form, *args, **kwargs):
        make_proof(printed_name="First tap")
        return save(form, *args, **kwargs)

    monkeypatch.setattr(ProofRequestForm, "save", after_the_other_tap)

    response = ask(client, name="Second tap")

    assertContains(response, "You have already asked for proof", status_code=422)
    assert not Proof.objects.filter(printed_name="Second tap").exists()
