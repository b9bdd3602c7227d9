"""Accounts in the visitor's language: the pages, and the mail sent from them."""

from __future__ import annotations

import pytest
from django.core import mail
from pytest_django.asserts import assertContains

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_sign_up_page_speaks_french(client):
    response = client.get("/fr/accounts/signup/")

    assertContains(response, "Créer un compte")
    assertContains(response, '<html lang="fr">')


def test_the_notice_about_a_taken_address_is_written_in_the_language_it_was_asked_in(
    client, participant
):
    response = client.post(
        "/es/accounts/signup/",
        {
            "username": "nuevo",
            "email": participant.email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/es/"
    [notice] = mail.outbox
    assert notice.subject == "Alguien intentó registrarse con tu dirección de correo"
    assert "Si fuiste tú: ya tienes una cuenta" in notice.body
