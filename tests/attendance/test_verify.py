"""/verify/<code>/ shows a confirmed proof's facts and nothing else, says plainly when a code is
revoked, unknown or malformed, keeps the code out of logs and referrers, and is rate limited."""

from __future__ import annotations

import logging

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from attendance import codes
from attendance.models import Proof

pytestmark = pytest.mark.django_db


def verify_url(code: str) -> str:
    return f"/verify/{code}/"


def test_a_confirmed_proof_shows_its_facts_and_nothing_else(client, confirmed):
    confirmed.recipient = "Travis County Probation"
    confirmed.save()

    response = client.get(verify_url(confirmed.code()))

    assertContains(response, "A valid proof of attendance")
    for fact in (
        "R. Rivers",
        "Tuesday Night SMART",
        "Tuesday 1 December 2026",
        "7:00 PM to 8:30 PM CST (America/Chicago)",
        "Fay, the meeting&#x27;s facilitator",
    ):
        assertContains(response, fact)
    for private in ("river", "Fairweather", "Travis County", "Eastside Library"):
        assertNotContains(response, private)
    assert response["Referrer-Policy"] == "strict-origin"
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_a_code_read_off_paper_is_understood(client, confirmed):
    typed = codes.grouped(confirmed.code()).lower().replace("0", "o").replace("1", "l")

    assertContains(client.get(verify_url(typed)), "A valid proof of attendance")


def test_a_revoked_proof_says_so_and_shows_nothing(client, confirmed):
    code = confirmed.code()
    confirmed.revoke()

    response = client.get(verify_url(code))

    assertContains(response, "This proof was revoked", status_code=410)
    assertNotContains(response, "R. Rivers", status_code=410)


def test_pending_and_declined_requests_have_no_code(pending, facilitator):
    assert pending.code() is None
    pending.decline(facilitator)
    assert Proof.objects.get().code() is None


def test_an_unknown_code_is_a_plain_404(client):
    response = client.get(verify_url("0" * codes.LENGTH))

    assertContains(response, "No proof has this code", status_code=404)
    assertContains(response, "the proof no longer exists", status_code=404)


@pytest.mark.parametrize(
    "code",
    ["SHORT", "0" * (codes.LENGTH + 1), "U" * codes.LENGTH, "%F0%9F%98%80" * 7, "x" * 5000],
)
def test_a_malformed_code_is_refused_before_the_database(client, code, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(verify_url(code))

    assertContains(response, "A code has 28 letters and digits", status_code=404)


def test_checks_are_limited_per_client_address(client, settings, confirmed):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "verify": (2, 3600)}
    code = confirmed.code()
    for _ in range(2):
        assert client.get(verify_url(code)).status_code == 200

    response = client.get(verify_url(code))

    assertContains(response, "Too many checks", status_code=429)
    assertNotContains(response, "R. Rivers", status_code=429)
    assert client.get(verify_url(code), REMOTE_ADDR="198.51.100.7").status_code == 200


def test_codes_stay_out_of_djangos_logs(client, caplog, confirmed):
    code = confirmed.code()
    confirmed.revoke()
    with caplog.at_level(logging.INFO):
        client.get(verify_url(code))
        client.get(verify_url("0" * codes.LENGTH))

    assert "Gone: /verify/…/" in caplog.text
    assert code not in caplog.text
    assert "0" * codes.LENGTH not in caplog.text


def test_only_the_codes_hash_is_stored(confirmed):
    stored = Proof.objects.values().get()

    assert confirmed.code() not in str(stored)
    assert stored["code_hash"] == codes.hash_code(confirmed.code())


def test_the_code_survives_a_key_rotation_with_the_old_key_as_fallback(settings, confirmed):
    code = confirmed.code()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-for-this-test-" + "x" * 40

    assert Proof.objects.get().code() == code
    settings.SECRET_KEY_FALLBACKS = []
    assert Proof.objects.get().code() is None
