from __future__ import annotations

from dataclasses import dataclass

import pytest
from geopy.exc import GeocoderTimedOut

from meetings import geocoding
from meetings.geocoding import AmbiguousPlace, PlaceNotFound, geocode, normalize
from meetings.models import GeocodeCache, Place

pytestmark = pytest.mark.django_db


@dataclass
class FakeLocation:
    latitude: float
    longitude: float
    address: str
    raw: dict


class FakeNominatim:
    """Stands in for the network: answers from a dict and records what it was asked."""

    def __init__(self, answers: dict[str, FakeLocation | Exception]):
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, query: str, addressdetails: bool = False):
        self.asked.append(query)
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def online(monkeypatch, settings):
    settings.GEOCODER = "nominatim"
    fake = FakeNominatim(
        {
            "10 Downing St, London": FakeLocation(
                51.5034,
                -0.1276,
                "10 Downing Street, London, SW1A 2AA, United Kingdom",
                {"address": {"road": "Downing Street", "country_code": "gb"}},
            ),
            "Ouagadougou": FakeLocation(
                12.3714, -1.5197, "Ouagadougou, Burkina Faso", {"address": {"country_code": "bf"}}
            ),
            "Slowtown": GeocoderTimedOut("too slow"),
        }
    )
    monkeypatch.setattr(geocoding, "online_geocoder", lambda: fake)
    return fake


def test_it_normalises_case_accents_and_spacing():
    assert normalize("  São   Paulo ,  BRAZIL ") == "sao paulo, brazil"


def test_a_city_and_state_finds_that_city(places):
    result = geocode("Springfield, IL")

    assert (result.latitude, result.longitude) == (39.80172, -89.64371)
    assert result.label == "Springfield, IL"
    assert result.source == "gazetteer"


def test_a_state_may_be_spelled_out(places):
    assert geocode("Springfield, Missouri").label == "Springfield, MO"


def test_a_city_and_country_finds_that_city(places):
    assert geocode("Manchester, UK").country == "GB"
    assert geocode("London, Canada").label == "London, Canada"


def test_a_zip_code_finds_its_centre(places):
    result = geocode("78701")

    assert result.label == "78701 (Austin, TX)"
    assert geocode("78701-1234").label == "78701 (Austin, TX)"


def test_an_unknown_zip_code_is_not_found(places):
    with pytest.raises(PlaceNotFound):
        geocode("99999")


def test_a_much_larger_namesake_wins(places):
    assert geocode("London").country == "GB"


def test_namesakes_of_similar_size_are_offered_to_choose_from(places):
    with pytest.raises(AmbiguousPlace) as caught:
        geocode("Springfield")

    labels = [candidate.label for candidate in caught.value.candidates]
    assert labels == ["Springfield, MO", "Springfield, MA", "Springfield, IL"]


def test_a_misspelt_city_is_found_by_similarity(places):
    assert geocode("Manchestr, UK").label == "Manchester, United Kingdom"


def test_accents_are_optional(places):
    assert geocode("Sao Paulo").label == "São Paulo, Brazil"


def test_an_unknown_place_suggests_close_matches(places):
    with pytest.raises(PlaceNotFound) as caught:
        geocode("Springfeeld, Ohio")

    assert caught.value.suggestions == []
    with pytest.raises(PlaceNotFound) as caught:
        geocode("Austn")
    assert caught.value.suggestions == ["Austin, TX"]


def test_an_address_falls_back_to_its_city_offline(places):
    result = geocode("500 Lamar Blvd, Austin, TX", precise=True)

    assert result.label == "Austin, TX"
    assert result.approximate


def test_answers_are_cached_in_the_database(places):
    geocode("Austin, TX")
    Place.objects.all().delete()

    assert geocode("austin,   tx").label == "Austin, TX"
    assert GeocodeCache.objects.filter(query="austin, tx").exists()


def test_ambiguous_answers_are_not_cached(places):
    with pytest.raises(AmbiguousPlace):
        geocode("Springfield")

    assert not GeocodeCache.objects.exists()


def test_the_online_geocoder_answers_what_the_gazetteer_cannot(places, online):
    result = geocode("Ouagadougou")

    assert result.source == "nominatim"
    assert result.country == "BF"
    assert online.asked == ["Ouagadougou"]


def test_the_gazetteer_answers_first_without_asking_online(places, online):
    geocode("Austin, TX")

    assert online.asked == []


def test_a_street_address_asks_online_first_for_precision(places, online):
    result = geocode("10 Downing St, London", precise=True)

    assert result.approximate is False
    assert result.latitude == 51.5034


def test_an_online_failure_is_a_plain_not_found(places, online):
    with pytest.raises(PlaceNotFound):
        geocode("Slowtown")


def test_no_online_geocoder_is_used_unless_configured(settings):
    geocoding.online_geocoder.cache_clear()
    settings.GEOCODER = ""

    assert geocoding.online_geocoder() is None


def test_time_zones_come_from_coordinates_offline():
    assert geocoding.timezone_at(30.27, -97.74) == "America/Chicago"
    assert geocoding.timezone_at(28.61, 77.21) == "Asia/Kolkata"
