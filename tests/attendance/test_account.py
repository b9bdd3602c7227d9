"""The participant's side: proofs on the account page, revoking one, the export, and deletion
with the account (after which /verify/ says the proof no longer exists)."""

from __future__ import annotations

import json

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from attendance.models import Proof
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_account_page_lists_each_proof_with_its_state(client, participant, confirmed):
    client.force_login(participant)

    response = client.get("/accounts/")

    assertContains(response, "Proofs of attendance")
    assertContains(response, f'href="/attendance/{confirmed.pk}/"')
    assertContains(response, "Tuesday Night SMART, Tuesday 1 December 2026</a>: Confirmed")
    assertContains(response, "Download confirmed proofs (PDF)")


def test_someone_elses_proofs_are_not_listed(client, stranger, confirmed):
    client.force_login(stranger)

    response = client.get("/accounts/")

    assertNotContains(response, "Tuesday Night SMART")
    assertContains(response, "None yet.")


def test_the_owner_revokes_a_proof_and_its_code_says_revoked(client, participant, confirmed):
    code = confirmed.code()
    client.force_login(participant)

    response = client.post(f"/attendance/{confirmed.pk}/revoke/", follow=True)

    assertContains(response, "Revoked: its code now shows only that it was revoked.")
    assert Proof.objects.get().state == "revoked"
    assertContains(client.get(f"/verify/{code}/"), "This proof was revoked", status_code=410)
    again = client.post(f"/attendance/{confirmed.pk}/revoke/", follow=True)
    assertContains(again, "Only a waiting request or a confirmed proof can be revoked.")


def test_a_pending_request_can_be_withdrawn(client, participant, facilitator, pending):
    client.force_login(participant)

    client.post(f"/attendance/{pending.pk}/revoke/")

    client.force_login(facilitator)
    assertNotContains(client.get("/admin/meetings/meeting/mine/"), "R. Rivers")


def test_the_export_holds_the_proofs(client, participant, confirmed, make_proof, at):
    client.force_login(participant)

    data = json.loads(client.get("/accounts/export/").content)

    (proof,) = data["attendance_proofs"]
    assert proof["meeting"] == "Tuesday Night SMART"
    assert proof["date"] == "2026-12-01"
    assert proof["timezone"] == "America/Chicago"
    assert (proof["printed_name"], proof["state"], proof["confirmed_by"]) == (
        "R. Rivers",
        "confirmed",
        "Fay",
    )
    assert proof["verification_code"] == confirmed.code()


def test_deleting_the_account_deletes_its_proofs(client, participant, confirmed):
    code = confirmed.code()
    client.force_login(participant)

    client.post("/accounts/delete/", {"password": PASSWORD})

    assert not Proof.objects.exists()
    response = client.get(f"/verify/{code}/")
    assertContains(response, "the proof no longer exists", status_code=404)
    assertNotContains(response, "R. Rivers", status_code=404)


def test_a_facilitators_deleted_account_leaves_the_proofs_they_confirmed(facilitator, confirmed):
    facilitator.delete()

    proof = Proof.objects.get()
    assert (proof.facilitator, proof.facilitator_name, proof.state) == (None, "Fay", "confirmed")
