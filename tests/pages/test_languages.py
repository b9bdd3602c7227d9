from __future__ import annotations

import pytest
from django.test import RequestFactory

from pages.languages import PageLanguages, preferred_language, split_path

pytestmark = pytest.mark.django_db


def test_an_unprefixed_page_is_english_whatever_the_browser_prefers(client):
    client.cookies["language"] = "fr"

    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("code", ["es", "fr", "de", "nl", "pt", "sv"])
def test_each_language_has_its_prefix(client, code):
    response = client.get(f"/{code}/about/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Language"] == code


def test_english_has_no_prefix_of_its_own(client):
    assert client.get("/en/about/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/es/meetings.json", "/es/api/meetings/", "/es/admin/", "/es/healthz", "/es/verify/X/"]
)
def test_the_feed_api_admin_healthz_and_verify_have_no_language_prefix(client, path):
    assert client.get(path).status_code == 404


def test_the_api_answers_in_english_for_every_browser(client):
    response = client.get(
        "/api/meetings/", {"lat": 30.27, "lng": -97.74}, HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_switching_remembers_the_choice_and_shows_the_same_page(client):
    response = client.get("/language/es/", {"next": "/meetings/?near=Austin&day=1"})

    assert response.status_code == 302
    assert response["Location"] == "/es/meetings/?near=Austin&day=1"
    cookie = response.cookies["language"]
    assert cookie.value == "es"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_switching_from_a_prefixed_page_moves_it_to_the_other_prefix(client):
    assert client.get("/language/fr/", {"next": "/es/toolbox/"})["Location"] == "/fr/toolbox/"
    assert client.get("/language/en/", {"next": "/sv/toolbox/"})["Location"] == "/toolbox/"


@pytest.mark.parametrize(
    "wanted", ["https://elsewhere.example/", "//elsewhere.example/", "/api/meetings/", "nowhere"]
)
def test_switching_never_leaves_the_site_and_falls_back_to_the_home_page(client, wanted):
    assert client.get("/language/de/", {"next": wanted})["Location"] == "/de/"


def test_switching_to_a_language_we_do_not_have_is_not_found(client):
    assert client.get("/language/xx/", {"next": "/"}).status_code == 404


def page(path: str, accept: str = "", cookie: str | None = None) -> PageLanguages:
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept)
    if cookie:
        request.COOKIES["language"] = cookie
    return PageLanguages(request)


def test_a_browser_preferring_a_language_we_have_is_offered_it_in_one_line():
    offer = page("/meetings/", accept="es-MX,es;q=0.9,en;q=0.5").offer

    assert offer.code == "es"
    assert offer.name == "Español"
    assert offer.url == "/language/es/?next=%2Fmeetings%2F"


def test_no_offer_once_the_visitor_has_chosen_a_language():
    assert page("/meetings/", accept="es", cookie="en").offer is None


def test_no_offer_when_the_page_is_in_the_preferred_language_or_we_lack_it():
    assert page("/es/meetings/", accept="es-ES").offer is None
    assert page("/meetings/", accept="en-GB,es;q=0.5").offer is None
    assert page("/meetings/", accept="ja,ko;q=0.8").offer is None


def test_no_offer_on_a_page_that_exists_in_one_language_only():
    assert page("/api/meetings/", accept="fr").offer is None


def test_the_alternates_name_the_page_in_every_language():
    alternates = page("/es/toolbox/").alternates

    assert [(link.code, link.url) for link in alternates] == [
        ("en", "http://testserver/toolbox/"),
        ("es", "http://testserver/es/toolbox/"),
        ("fr", "http://testserver/fr/toolbox/"),
        ("de", "http://testserver/de/toolbox/"),
        ("nl", "http://testserver/nl/toolbox/"),
        ("pt", "http://testserver/pt/toolbox/"),
        ("sv", "http://testserver/sv/toolbox/"),
    ]
    assert [link.code for link in alternates if link.current] == ["es"]
    assert page("/api/meetings/").alternates == []


def test_the_picker_leaves_the_query_out_so_nothing_typed_is_echoed():
    picker = page("/fr/meetings/?near=Lyon").picker

    assert picker[0].url == "/language/en/?next=%2Fmeetings%2F"
    assert [link.code for link in picker if link.current] == ["fr"]


def test_a_path_splits_into_its_language_and_english_path():
    assert split_path("/pt/meetings/") == ("pt", "/meetings/")
    assert split_path("/pt") == ("pt", "/")
    assert split_path("/meetings/") == ("en", "/meetings/")
    assert split_path("/pterodactyl/") == ("en", "/pterodactyl/")


def test_the_preferred_language_skips_what_we_do_not_have():
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="ja, *, pt-BR;q=0.7, de;q=0.5")

    assert preferred_language(request) == "pt"


def test_declining_the_offer_remembers_the_page_language():
    languages = page("/meetings/?near=Austin", accept="fr")

    assert languages.current.url == "/language/en/?next=%2Fmeetings%2F"
