"""Sharing a worksheet in Spanish and German: the page, its choices and dates in the language."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_spanish_participant_shares_a_worksheet_in_spanish(client, participant, cba):
    client.force_login(participant)

    made = client.post(f"/es/worksheets/{cba.pk}/share/", {"lifetime": "7d"})
    page = client.get(made.url).content.decode()

    assert '<html lang="es"' in page
    assert "Compartir con una persona facilitadora" in page
    assert "7 días" in page
    # The link opens the shared page in the same language; its dates read the Spanish way.
    assert re.search(r'href="http://testserver/es/worksheets/shared/#[^"]+"', page)
    assert re.search(r"creado el \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}", page)


def test_a_german_date_on_the_print_page(client, participant, cba):
    client.force_login(participant)

    page = client.get(f"/de/worksheets/{cba.pk}/print/").content.decode()

    assert "Diese Seite drucken" in page
    assert re.search(r"zuletzt bearbeitet am \w{2}, \d{1,2}\. \w{3,4} \d{4}, \d{2}:\d{2}", page)
