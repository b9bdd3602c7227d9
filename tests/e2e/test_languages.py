"""A visitor in Spanish and one in French: offered their language, they find a meeting, start a
Cost/Benefit Analysis and sign up, every page in their language and clean for axe."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from meetings.geocoding import normalize
from meetings.models import Location, Place
from tests.conftest import PASSWORD
from tests.e2e.conftest import PHONE, axe_violations, watched_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def city(name: str, admin1: str, country: str, lat: float, lng: float, label: str) -> None:
    Place.objects.create(
        kind=Place.Kind.CITY,
        source_id=f"t-{normalize(name)[:12]}",
        name=name,
        key=normalize(name),
        admin1=admin1,
        country=country,
        latitude=lat,
        longitude=lng,
        population=9_000_000,
        label=label,
    )


@pytest.fixture
def mexico_city(make_meeting) -> None:
    city("Ciudad de México", "CMX", "MX", 19.4326, -99.1332, "Ciudad de México, México")
    roma = Location.objects.create(
        name="Casa de la Cultura",
        address="Calle Orizaba 1",
        city="Ciudad de México",
        country="MX",
        latitude=19.4190,
        longitude=-99.1600,
    )
    make_meeting(
        name="Jueves en la Roma",
        slug="jueves-en-la-roma",
        location=roma,
        timezone="America/Mexico_City",
        day=4,
    )


@pytest.fixture
def lyon(make_meeting) -> None:
    city("Lyon", "ARA", "FR", 45.7640, 4.8357, "Lyon, France")
    croix_rousse = Location.objects.create(
        name="Maison des associations",
        address="2 place de la Croix-Rousse",
        city="Lyon",
        country="FR",
        latitude=45.7740,
        longitude=4.8320,
    )
    make_meeting(
        name="Mardi à la Croix-Rousse",
        slug="mardi-croix-rousse",
        location=croix_rousse,
        timezone="Europe/Paris",
        day=2,
    )


def visitor(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=locale)
    return context, watched_page(context)


def test_a_visitor_in_spanish_finds_a_meeting_starts_a_cba_and_signs_up(
    browser, live_server, mexico_city
):
    context, page = visitor(browser, live_server, "es-MX")

    # Offered Spanish in one line on the English home page, never redirected.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    offer = page.locator(".language-offer")
    assert "Esta página está disponible en Español." in offer.inner_text()
    offer.get_by_role("link", name="Cambiar").click()
    page.wait_for_url(re.compile(r"/es/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(".language-offer").count() == 0

    page.get_by_label("Ciudad o código postal").fill("Ciudad de México")
    page.get_by_role("button", name="Buscar reuniones").click()
    page.get_by_role("heading", name=re.compile("Reuniones cerca de Ciudad de México")).wait_for()
    assert "Jueves en la Roma" in page.locator(".result .card-title").all_inner_texts()
    assert page.get_by_role("heading", name=re.compile(r"1 reunión a menos de \d+ km")).count()
    # Times rewritten in the browser's zone (static/js/local_times.js) keep the page's language.
    assert not re.search(r"\d (AM|PM)\b", page.locator("main").inner_text())
    assert axe_violations(page) == []

    page.goto("/es/worksheets/new/cba/")
    page.get_by_role("heading", name="Análisis de Costos y Beneficios").wait_for()
    page.get_by_label("La conducta que estoy mirando").fill("beber entre semana")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Guardar").click()
    page.get_by_text("Regístrate para guardarla").first.click()

    page.get_by_role("heading", name="Crear una cuenta").wait_for()
    page.locator("#id_username").fill("amanecer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Crear cuenta").click()
    page.get_by_text("Te damos la bienvenida, amanecer.").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert User.objects.get(username="amanecer").worksheets.filter(kind="cba").exists()
    assert page.evaluate("document.cookie").find("language=") == -1  # httponly
    context.close()


def test_a_visitor_in_french_finds_a_meeting_and_starts_a_cba(browser, live_server, lyon):
    context, page = visitor(browser, live_server, "fr-FR")

    page.goto("/fr/meetings/")
    page.get_by_placeholder("Ville, code postal ou adresse").fill("Lyon")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name=re.compile("Réunions près de Lyon")).wait_for()
    assert "Mardi à la Croix-Rousse" in page.locator(".result .card-title").all_inner_texts()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Mardi à la Croix-Rousse", exact=True).click()
    page.get_by_role("heading", name="À propos de cette réunion").wait_for()
    assert "Chaque mardi" in page.locator(".meeting-hero").inner_text()
    # Coordinates in links keep their decimal point whatever the language's numbers look like.
    directions = page.get_by_role("link", name=re.compile("Itinéraire")).first.get_attribute("href")
    assert directions.endswith("destination=45.774,4.832")
    assert axe_violations(page) == []

    page.goto("/fr/worksheets/new/cba/")
    page.get_by_role("heading", name="Analyse coûts-bénéfices").wait_for()
    page.get_by_label("Le comportement que j’examine").fill("jouer en ligne")
    # The autosave's status line (static/js/autosave.js) speaks French too.
    status = page.locator("#autosave-status")
    status.get_by_text("Modifications pas encore enregistrées…").wait_for()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Pas enregistré dans un compte :").wait_for()
    assert axe_violations(page) == []
    context.close()


def test_the_urge_timer_speaks_the_pages_language(browser, live_server):
    context, page = visitor(browser, live_server, "de-DE")

    page.goto("/de/sos/")
    page.get_by_role("button", name="Timer starten").click()
    page.get_by_text("Timer läuft: 15 Minuten.", exact=False).wait_for()
    assert page.get_by_role("button", name="Pause").is_visible()
    page.get_by_role("button", name="Stopp").click()
    page.get_by_text("Timer gestoppt.").wait_for()
    page.get_by_role("button", name="Auf diesem Handy behalten").click()
    page.get_by_text("Schreib zuerst ein, zwei Zeilen.").wait_for()
    assert axe_violations(page) == []
    context.close()
