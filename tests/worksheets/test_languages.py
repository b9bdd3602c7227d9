"""Worksheets in the page's language: the CBA's prompts in all seven, the other kinds in English
with a note naming the languages that have them."""

from __future__ import annotations

import pytest
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from toolbox.worksheet_kinds import WORKSHEETS

pytestmark = pytest.mark.django_db


def test_the_cba_asks_its_questions_in_spanish(client):
    response = client.get("/es/worksheets/new/cba/")

    assert response.status_code == 200
    assertContains(response, "Lo que me da seguir así")
    assertContains(response, "Hasta 300 caracteres.")
    assertContains(response, "¿A corto o a largo plazo?")
    assertNotContains(response, "What keeping on gives me")
    assert response.context["prompt_languages"] == []


def test_numbers_in_help_follow_the_language(client):
    assertContains(client.get("/worksheets/new/cba/"), "Up to 4,000 characters.")
    assertContains(client.get("/de/worksheets/new/cba/"), "Bis zu 4.000 Zeichen.")


def test_a_kind_not_yet_translated_shows_english_prompts_and_says_so(client):
    response = client.get("/fr/worksheets/new/abc/")

    assert response.status_code == 200
    assert response.context["prompt_languages"] == [("en", "English")]
    assert client.get("/worksheets/new/abc/").context["prompt_languages"] == []


def test_links_to_worksheets_stay_in_the_page_language():
    with translation.override("pt"):
        assert WORKSHEETS["cba"].url == "/pt/worksheets/new/cba/"
        assert WORKSHEETS["urges"].url == "/pt/worksheets/urges/"
    assert WORKSHEETS["cba"].url == "/worksheets/new/cba/"
