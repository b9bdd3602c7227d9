"""A proof of attendance in the participant's language: its page, its PDF and, for whoever
checks it, /verify/ in the language they chose in the picker."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_the_proof_page_in_spanish_gives_its_facts_in_spanish(client, participant, confirmed):
    client.force_login(participant)

    response = client.get(f"/es/attendance/{confirmed.pk}/")

    assertContains(response, '<dt class="col-sm-3">Nombre</dt>', html=False)
    assertContains(response, "martes, 1 de diciembre de 2026")
    assertContains(response, "de 19:00 a 20:30")
    assertNotContains(response, "Tuesday 1 December")


def test_the_pdf_in_german(client, participant, confirmed):
    client.force_login(participant)

    response = client.get(f"/de/attendance/{confirmed.pk}/pdf/")

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Teilnahmenachweis" in text
    assert "Dienstag, 1. Dezember 2026" in text
    assert "Prüfcode" in text
    assert "Proof of attendance" not in text


def test_verify_follows_the_language_chosen_in_the_picker(client, confirmed):
    client.cookies["language"] = "fr"

    response = client.get(f"/verify/{confirmed.code()}/")

    assertContains(response, "Une attestation de présence valide")
    assertContains(response, "Confirmée par")
    assertNotContains(response, "A valid proof of attendance")


def test_verify_is_in_english_without_a_choice(client, confirmed):
    response = client.get(f"/verify/{confirmed.code()}/")

    assertContains(response, "A valid proof of attendance")
