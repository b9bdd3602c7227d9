"""The toolbox search on a page in Spanish or French: the pages' own words, stemmed that way."""

import pytest
from django.utils import translation

from toolbox.loading import load, read_content
from toolbox.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def translations():
    load(read_content())


def test_spanish_words_find_the_spanish_pages():
    with translation.override("es"):
        results = search("impulsos").pages

    assert "Registro de impulsos" in [result.title for result in results[:5]]
    assert {result.kind for result in results} <= {"Punto", "Herramienta", "Etapa", "Guía"}
    assert [result.url for result in results if not result.url.startswith("/es/")] == []


def test_french_words_find_the_french_pages_and_english_ones_keep_their_titles():
    with translation.override("fr"):
        french = search("déclencheurs").pages
        english = search("triggers").pages

    assert "Déclencheurs" in [result.title for result in french[:3]]
    assert english and all(result.url.startswith("/fr/") for result in english)
    assert "Triggers" not in [result.title for result in english]


def test_english_is_unchanged():
    with translation.override("en"):
        assert search("urges").pages[0].title == "Urge Log"
        assert search("urges").pages[0].kind == "Tool"
