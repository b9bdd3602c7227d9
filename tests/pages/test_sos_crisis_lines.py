from __future__ import annotations

import json
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains

from meetings.demo import COUNTRY_BOOST, ONLINE_ZONES
from meetings.models import Location, Meeting
from meetings.views.finder import SEARCHED_COUNTRY
from pages import crisis_lines


def zone_country(zone: str) -> str:
    """The country zone.tab gives a zone, as the demo's online meetings' people are from."""
    for directory in zoneinfo.TZPATH:
        table = Path(directory) / "zone.tab"
        if table.is_file():
            for line in table.read_text().splitlines():
                fields = line.split("\t")
                if not line.startswith("#") and len(fields) > 2 and fields[2] == zone:
                    return fields[0]
    raise LookupError(zone)


def test_every_entry_names_its_emergency_number_and_sources():
    data = json.loads(crisis_lines.DATA_FILE.read_text())

    assert data["checked"]
    for code, entry in data["countries"].items():
        assert len(code) == 2 and code.isupper(), code
        assert entry["name"] and entry["emergency"], code
        assert entry["emergency"].isdigit(), code
        assert entry["emergency_source"].startswith(("https://", "http://")), code
        for line in entry["lines"]:
            assert line["service"] and line["phone"] and line["hours"], code
            assert line["source"].startswith(("https://", "http://")), code
            for more in line.get("more_sources", []):
                assert more.startswith(("https://", "http://")), code
            assert any(c.isdigit() for c in line["phone"]), code


def test_every_country_where_the_demo_places_meetings_on_purpose_has_an_entry():
    """The demo favours these countries and its online meetings keep their zones' hours."""
    wanted = set(COUNTRY_BOOST) | {zone_country(zone) for zone in ONLINE_ZONES}

    assert wanted - set(crisis_lines.countries()) == set()


@pytest.mark.django_db
def test_every_country_with_public_meetings_from_seed_demo_has_an_entry(places):
    call_command("seed_demo", meetings=40, seed=3, no_accounts=True, verbosity=0)
    countries = set(
        Location.objects.filter(meetings__in=Meeting.objects.public())
        .values_list("country", flat=True)
        .distinct()
    )

    assert countries
    assert countries - set(crisis_lines.countries()) == set()


@pytest.mark.django_db
def test_the_footer_shows_the_line_for_the_browsers_language_region(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assertContains(response, "In the United Kingdom, Samaritans")
    assertContains(response, 'href="tel:116123"')
    assertContains(response, 'href="/sos/numbers/"')


@pytest.mark.django_db
def test_the_footer_prefers_the_country_of_the_place_searched_for(client):
    client.cookies[SEARCHED_COUNTRY] = "AU"

    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assertContains(response, "Lifeline")
    assertContains(response, 'href="tel:131114"')
    assertNotContains(response, "Samaritans")


@pytest.mark.django_db
def test_a_finder_search_remembers_the_places_country_for_the_footer(client, places):
    response = client.get("/meetings/", {"near": "London, United Kingdom"})

    assert response.cookies[SEARCHED_COUNTRY].value == "GB"
    assert not Session.objects.exists(), "no session row for an anonymous search"
    assertContains(response, 'href="tel:116123"')
    assertContains(client.get("/about/"), 'href="tel:116123"')


@pytest.mark.django_db
def test_the_footer_offers_a_directory_when_the_country_is_unknown(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="fr")

    assertContains(response, "Find a free helpline in your country")
    assertContains(response, crisis_lines.DIRECTORY_URL)


@pytest.mark.django_db
def test_the_footer_offers_a_directory_for_a_country_we_have_not_checked(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="is-IS")

    assertContains(response, "Find a free helpline in your country")


def test_a_searched_country_in_a_tampered_cookie_is_ignored(rf):
    request = rf.get("/", HTTP_ACCEPT_LANGUAGE="de, en-CA;q=0.8")
    request.COOKIES[SEARCHED_COUNTRY] = "<script>"

    assert crisis_lines.visitor_country(request) == "CA"


def test_a_tel_link_dials_only_digits():
    germany = crisis_lines.for_country("de")

    assert germany.first_line.tel == "08001110111"
    assert germany.emergency_tel == "112"
    assert crisis_lines.for_country("CL").first_line.tel == "*4141"


@pytest.mark.django_db
def test_a_country_with_only_an_emergency_number_also_points_to_a_directory(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en-MG")

    assertContains(response, "In an emergency</strong> in Madagascar")
    assertContains(response, 'href="tel:117"')
    assertContains(response, crisis_lines.DIRECTORY_URL)


@pytest.mark.django_db
def test_the_gaps_command_lists_countries_with_meetings_and_no_checked_line(make_meeting):
    from io import StringIO

    make_meeting()
    make_meeting(
        location=Location.objects.create(
            name="McMurdo Station",
            city="McMurdo",
            country="AQ",
            latitude=-77.85,
            longitude=166.67,
        ),
        timezone="Antarctica/McMurdo",
    )
    output = StringIO()

    call_command("crisis_line_gaps", stdout=output)

    assert "No entry: 1\n  AQ  1 meeting\n" in output.getvalue()
    assert "US" not in output.getvalue()
