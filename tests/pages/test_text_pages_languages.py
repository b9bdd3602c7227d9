"""The about page, the meeting outline and the privacy page are written in Spanish and French;
other languages show the English with a note."""

from __future__ import annotations

import re

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
        ("/es/privacy/", "Privacidad: qué guardamos y por qué"),
        ("/fr/privacy/", "Confidentialité : ce que nous conservons et pourquoi"),
    ],
)
def test_the_program_pages_are_written_in_spanish_and_french(client, path, words):
    response = client.get(path)

    assertContains(response, f"<h1>{words}</h1>")
    assert "words_languages" not in response.context


@pytest.mark.parametrize(
    ("language", "heading"),
    [("es", "Tus hojas de trabajo"), ("fr", "Vos fiches")],
)
def test_the_privacy_page_is_marked_as_its_own_language_without_the_english_note(
    client, language, heading
):
    response = client.get(f"/{language}/privacy/")

    assertContains(response, f'<html lang="{language}"')
    assertContains(response, '<article class="prose-page">')
    assertContains(response, f'<h2 id="worksheets-heading">{heading}</h2>')
    assertNotContains(response, '<article class="prose-page" lang="en">')
    assertNotContains(response, "words-note")


def test_elsewhere_the_english_page_shows_with_a_note_naming_the_languages_that_have_it(client):
    response = client.get("/de/about/")

    assertContains(response, "About the program")
    assert re.search(r'<article class="prose-page[^"]*" lang="en">', response.content.decode())
    assert response.context["words_codes"] == ["en", "es", "fr"]
    assertNotContains(client.get("/about/"), "words-note")


@pytest.mark.parametrize(
    ("path", "title", "crumb"),
    [
        ("/nl/about/", "Over het programma", "Over ons"),
        ("/de/about/meeting-outline/", "Was bei einem Treffen passiert", None),
        ("/sv/privacy/", "Integritet: vad vi sparar och varför", "Integritet"),
        ("/pt/privacy/", "Privacidade: o que guardamos e por quê", "Privacidade"),
    ],
)
def test_a_page_shown_in_english_keeps_its_title_and_breadcrumb_in_the_visitors_language(
    client, path, title, crumb
):
    """The words are English with a note; the tab's title and the breadcrumb are interface."""
    response = client.get(path)

    assertContains(response, f"<title>{title}")
    assertContains(
        response, f'<li class="breadcrumb-item active" aria-current="page">{crumb or title}</li>'
    )
    assert re.search(r'<article class="prose-page[^"]*" lang="en">', response.content.decode())


@pytest.mark.parametrize("path", ["/de/about/", "/nl/about/meeting-outline/"])
def test_a_page_shown_in_english_links_to_the_finder_in_the_visitors_language(client, path):
    language = path.split("/")[1]

    assertContains(client.get(path), f'<a href="/{language}/meetings/">')
