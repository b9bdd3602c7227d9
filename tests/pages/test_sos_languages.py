"""/sos/ and /sos/numbers/ in the page's language: CLDR country names, the numbers as checked."""

import pytest
from django.utils import translation

from pages import crisis_lines

pytestmark = pytest.mark.django_db


def test_the_urge_page_names_the_visitors_country_in_the_pages_language(client):
    response = client.get("/es/sos/", HTTP_ACCEPT_LANGUAGE="es-MX")
    page = response.content.decode()

    assert '<html lang="es"' in page
    assert "Habla con alguien ahora, en México:" in page
    assert 'href="tel:911"' in page
    # The line's hours are the checked English words, marked so a screen reader says them so.
    assert '<span class="sos-hours" lang="en">' in page


def test_the_numbers_page_sorts_countries_by_their_local_names(client):
    page = client.get("/fr/sos/numbers/").content.decode()

    assert page.index(">Égypte<") < page.index(">Espagne<") < page.index(">États-Unis<")
    assert ">Hong Kong<" in page


def test_english_keeps_the_files_names_and_their_article():
    mexico, britain = crisis_lines.for_country("MX"), crisis_lines.for_country("GB")

    with translation.override("en"):
        assert (mexico.in_words, britain.in_words) == ("Mexico", "the United Kingdom")
    with translation.override("de"):
        assert (mexico.in_words, britain.in_words) == ("Mexiko", "Vereinigtes Königreich")


def test_a_page_not_in_english_gives_the_local_times_script_its_words(client):
    spanish = client.get("/es/sos/").content.decode()
    english = client.get("/sos/").content.decode()

    assert 'data-days="Dom,Lun,Mar,Mié,Jue,Vie,Sáb"' in spanish
    assert 'data-today="Hoy" data-tomorrow="Mañana"' in spanish
    assert "local-time-words" not in english


def test_a_page_not_in_english_gives_the_scripts_their_words(client):
    spanish = client.get("/es/sos/").content.decode()

    assert 'data-saving="Guardando…"' in spanish
    assert 'data-saved-minutes="Guardado hace {minutes} min."' in spanish
    assert 'data-star-add="{name} en mis reuniones"' in spanish
    assert 'id="js-words"' not in client.get("/sos/").content.decode()
