"""Facilitators answer requests on My meetings: only for meetings they run, one tap each, once;
a request nobody answers in 7 days lapses."""

from __future__ import annotations

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from attendance.models import Proof
from meetings.models import MeetingException

from .conftest import DURING, TUESDAY

pytestmark = pytest.mark.django_db

MINE = "/admin/meetings/meeting/mine/"


def confirm_url(proof: Proof) -> str:
    return f"/admin/attendance/proof/{proof.pk}/confirm/"


def decline_url(proof: Proof) -> str:
    return f"/admin/attendance/proof/{proof.pk}/decline/"


def test_the_meetings_facilitator_sees_the_request_with_two_buttons(client, facilitator, pending):
    client.force_login(facilitator)

    response = client.get(MINE)

    assertContains(response, "Proof of attendance to confirm (1)")
    assertContains(response, "<strong>R. Rivers</strong> at Tuesday Night SMART")
    assertContains(response, f'action="{confirm_url(pending)}"')
    assertContains(response, f'action="{decline_url(pending)}"')
    assertNotContains(response, "river")  # the participant's username is not shown


def test_confirming_gives_the_proof_a_code_and_the_facilitators_first_name(
    client, facilitator, pending
):
    client.force_login(facilitator)

    response = client.post(confirm_url(pending))

    assertRedirects(response, MINE, fetch_redirect_response=False)
    proof = Proof.objects.get()
    assert proof.state == "confirmed"
    assert (proof.facilitator, proof.facilitator_name) == (facilitator, "Fay")
    assert proof.code() and len(proof.code()) == 28
    assert proof.code() not in proof.code_hash
    assertContains(client.get(MINE), "Confirmed: R. Rivers, Tuesday Night SMART")
    assertNotContains(client.get(MINE), "Proof of attendance to confirm")


def test_declining_leaves_no_code(client, facilitator, pending):
    client.force_login(facilitator)

    client.post(decline_url(pending))

    proof = Proof.objects.get()
    assert (proof.state, proof.code_hash, proof.code()) == ("declined", None, None)


def test_a_request_is_answered_once(client, facilitator, confirmed):
    client.force_login(facilitator)

    response = client.post(decline_url(confirmed), follow=True)

    assertContains(response, "This request is confirmed already.")
    assert Proof.objects.get().state == "confirmed"


@pytest.mark.parametrize("persona", ["other_facilitator", "coordinator", "participant"])
def test_nobody_else_sees_or_answers_it(client, request, pending, persona, regions):
    user = request.getfixturevalue(persona)
    if persona == "coordinator":
        # A coordinator of another region than the meeting's.
        user.coordinated_regions.set([regions["gb"]])
    client.force_login(user)

    page = client.get(MINE)
    # A participant is not staff: the admin sends them to its sign-in page.
    assert page.status_code == 302 or b"R. Rivers" not in page.content
    for url in (confirm_url(pending), decline_url(pending)):
        assert client.post(url).status_code in (302, 404)
    assert Proof.objects.get().state == "pending"


def test_a_coordinator_of_the_meetings_region_who_did_not_run_it_cannot_attest(
    client, coordinator, pending
):
    client.force_login(coordinator)

    assert client.post(confirm_url(pending)).status_code == 404
    assert Proof.objects.get().state == "pending"


def test_a_facilitator_cannot_confirm_their_own_request(client, at, facilitator, make_proof):
    at(DURING)
    own = make_proof(user=facilitator)
    client.force_login(facilitator)

    assert client.post(confirm_url(own)).status_code == 404


def test_answers_need_a_post(client, facilitator, pending):
    client.force_login(facilitator)
    assert client.get(confirm_url(pending)).status_code == 405


def test_a_request_lapses_after_seven_days(client, at, facilitator, pending):
    at(DURING + datetime.timedelta(days=7, seconds=1))
    client.force_login(facilitator)

    assertNotContains(client.get(MINE), "R. Rivers")
    response = client.post(confirm_url(pending), follow=True)

    assertContains(response, "This request is lapsed already.")
    proof = Proof.objects.get()
    assert proof.state == "lapsed"
    assert proof.state_label.startswith("Lapsed")


def test_a_date_cancelled_after_the_request_cannot_be_confirmed(client, facilitator, pending):
    MeetingException.objects.create(
        meeting=pending.meeting, kind="cancelled", date=TUESDAY, end_date=TUESDAY
    )
    client.force_login(facilitator)

    response = client.post(confirm_url(pending), follow=True)

    assertContains(response, "There was no meeting on Tuesday 1 December 2026")
    assert Proof.objects.get().state == "pending"


def test_a_deleted_meeting_keeps_its_confirmed_proofs(confirmed):
    confirmed.meeting.delete()

    proof = Proof.objects.get()
    assert (proof.meeting, proof.meeting_name, proof.state) == (
        None,
        "Tuesday Night SMART",
        "confirmed",
    )


def test_a_meeting_closed_since_can_still_have_its_past_date_confirmed(
    client, facilitator, pending
):
    pending.meeting.is_active = False
    pending.meeting.save()
    client.force_login(facilitator)

    client.post(confirm_url(pending))

    assert Proof.objects.get().state == "confirmed"
