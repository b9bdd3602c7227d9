"""Worksheets in the page's language: the CBA's prompts in all seven, the other kinds in English
with a note naming the languages that have them."""

from __future__ import annotations

import pytest
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from pages import catalogues
from toolbox.worksheet_kinds import WORKSHEETS
from worksheets import kinds

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


def test_the_other_kinds_ask_in_spanish_and_french(client):
    response = client.get("/fr/worksheets/new/abc/")

    assert response.status_code == 200
    assertContains(response, "Ce que j’ai cru ou me suis dit à ce sujet")
    assert response.context["prompt_languages"] == []
    assertContains(client.get("/es/worksheets/new/change-plan/"), "Los pasos que pienso dar")


def test_in_other_languages_they_show_english_prompts_and_say_which_languages_have_them(client):
    response = client.get("/de/worksheets/new/abc/")

    assertContains(response, "What I believed or told myself about it")
    assert response.context["prompt_languages"] == [
        ("en", "English"),
        ("es", "Español"),
        ("fr", "Français"),
    ]
    assert client.get("/worksheets/new/abc/").context["prompt_languages"] == []


def test_the_prompt_languages_are_the_ones_the_catalogues_hold():
    assert catalogues.PROMPT_CONTEXT == kinds.PROMPT_CONTEXT
    assert catalogues.PROMPT_LANGUAGES == kinds.PROMPT_LANGUAGES


def test_links_to_worksheets_stay_in_the_page_language():
    with translation.override("pt"):
        assert WORKSHEETS["cba"].url == "/pt/worksheets/new/cba/"
        assert WORKSHEETS["urges"].url == "/pt/worksheets/urges/"
    assert WORKSHEETS["cba"].url == "/worksheets/new/cba/"
