"""The about page and the meeting outline are written in Spanish and French; the privacy page
and other languages show the English with a note."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/es/about/", "Acerca del programa"),
        ("/fr/about/", "À propos du programme"),
        ("/es/about/meeting-outline/", "Qué pasa en una reunión"),
        ("/fr/about/meeting-outline/", "Ce qui se passe en réunion"),
    ],
)
def test_the_program_pages_are_written_in_spanish_and_french(client, path, words):
    response = client.get(path)

    assertContains(response, f"<h1>{words}</h1>")
    assert "words_languages" not in response.context


def test_elsewhere_the_english_page_shows_with_a_note_naming_the_languages_that_have_it(client):
    response = client.get("/de/about/")

    assertContains(response, "About the program")
    assertContains(response, '<article class="prose-page" lang="en">')
    assert response.context["words_codes"] == ["en", "es", "fr"]
    assertNotContains(client.get("/about/"), "words-note")
