from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from geopy.exc import GeocoderTimedOut

from meetings import geocoding
from meetings.geocoding import (
    MAX_FUZZY_NAME,
    MAX_QUERY_LENGTH,
    AmbiguousPlace,
    PlaceNotFound,
    TooManyLookups,
    geocode,
    normalize,
)
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


def test_answers_are_remembered_in_the_cache_not_the_database(places):
    geocode("Austin, TX")
    Place.objects.all().delete()

    assert geocode("austin,   tx").label == "Austin, TX"
    assert not GeocodeCache.objects.exists()


def test_a_place_not_found_is_remembered(places, django_assert_num_queries):
    with pytest.raises(PlaceNotFound):
        geocode("Austn")

    with django_assert_num_queries(0), pytest.raises(PlaceNotFound) as caught:
        geocode("  AUSTN ")
    assert caught.value.suggestions == ["Austin, TX"]


def test_lookups_are_kept_in_a_cache_of_their_own_not_the_default_one(places):
    for text in ("Austin, TX", "Atlantis"):
        with contextlib.suppress(PlaceNotFound):
            geocode(text)

    assert cache.get(geocoding._outcome_key("austin, tx")) is None
    assert caches["geocoding"].get(geocoding._outcome_key("atlantis"))[0] == "not found"


def test_a_place_not_found_is_forgotten_after_ten_minutes(places):
    with pytest.raises(PlaceNotFound):
        geocode("Lakeway, TX")
    Place.objects.create(
        kind=Place.Kind.CITY,
        source_id="lakeway",
        name="Lakeway",
        key="lakeway",
        admin1="TX",
        country="US",
        latitude=30.36,
        longitude=-97.98,
        label="Lakeway, TX",
    )

    with time_machine.travel(datetime.timedelta(minutes=9)), pytest.raises(PlaceNotFound):
        geocode("Lakeway, TX")
    with time_machine.travel(datetime.timedelta(minutes=11)):
        assert geocode("Lakeway, TX").label == "Lakeway, TX"


def test_an_ambiguous_place_is_remembered(places, django_assert_num_queries):
    with pytest.raises(AmbiguousPlace):
        geocode("Springfield")

    with django_assert_num_queries(0), pytest.raises(AmbiguousPlace) as caught:
        geocode("springfield")
    assert len(caught.value.candidates) == 3


def test_ambiguous_answers_are_not_cached(places):
    with pytest.raises(AmbiguousPlace):
        geocode("Springfield")

    assert not GeocodeCache.objects.exists()


def test_made_up_names_that_fuzzily_match_a_city_never_grow_the_table(places):
    for junk in (
        "Manchesterqz, UK",
        "Manchestrzq, UK",
        "12 Nowhere Lane, Manchester, UK",
        "78701 z",
    ):
        assert geocode(junk).source == "gazetteer"

    assert not GeocodeCache.objects.exists()


def test_too_long_text_is_no_place_and_is_not_looked_up(places, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(PlaceNotFound):
        geocode("Austin, TX " + "x" * MAX_QUERY_LENGTH)


def test_a_lookup_past_the_cache_asks_first_and_may_be_refused(places):
    asked = []

    def refuse() -> bool:
        asked.append(True)
        return False

    with pytest.raises(TooManyLookups):
        geocode("Austin, TX", may_look_up=refuse)
    geocode("Austin, TX")
    assert geocode("Austin, TX", may_look_up=refuse).label == "Austin, TX"
    assert len(asked) == 1


def test_the_fuzzy_step_reads_the_trigram_index(places):
    # Enough towns that reading every city would cost more than the index, as it does for real.
    Place.objects.bulk_create(
        Place(
            kind=Place.Kind.CITY,
            source_id=f"t{number}",
            name=f"Town {number}",
            key=f"town {number}",
            country="GB",
            latitude=0,
            longitude=0,
            label=f"Town {number}",
        )
        for number in range(2000)
    )
    with CaptureQueriesContext(connection) as captured:
        geocode("Manchestr, UK")
    [fuzzy] = [query["sql"] for query in captured if "SIMILARITY(" in query["sql"].upper()]

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_place")
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.3', true)")
        cursor.execute(f"EXPLAIN {fuzzy}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "% 'manchestr'" in fuzzy
    assert "place_key_trgm" in plan


def fuzzy_queries(text: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured, contextlib.suppress(PlaceNotFound):
        geocode(text)
    return [query["sql"] for query in captured if "SIMILARITY(" in query["sql"].upper()]


def test_a_repeated_word_is_compared_once(places):
    [fuzzy] = fuzzy_queries("Manchestr  manchestr manchestr, UK")

    assert "% 'manchestr'" in fuzzy


def test_a_name_longer_than_any_city_is_not_compared_with_every_city(places):
    assert fuzzy_queries("Lake " + "x" * MAX_FUZZY_NAME) == []
    assert len(fuzzy_queries("Lake " + "x" * (MAX_FUZZY_NAME - 5))) == 1


def test_an_unknown_place_costs_one_similarity_query_like_a_typo(places):
    assert len(fuzzy_queries("Manchestr, UK")) == 1
    assert len(fuzzy_queries("Xqzvbnkl")) == 1


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


def test_an_online_failure_is_not_remembered_as_a_miss(places, online):
    with pytest.raises(PlaceNotFound):
        geocode("Slowtown")
    online.answers["Slowtown"] = FakeLocation(1.0, 2.0, "Slowtown", {"address": {}})

    assert geocode("Slowtown").label == "Slowtown"
    assert online.asked == ["Slowtown", "Slowtown"]


def test_online_answers_are_kept_in_the_database(places, online):
    geocode("Ouagadougou")
    geocoding.outcome_cache().clear()

    assert GeocodeCache.objects.get().query == "ouagadougou"
    assert geocode("Ouagadougou").label == "Ouagadougou, Burkina Faso"
    assert online.asked == ["Ouagadougou"]


def test_no_online_geocoder_is_used_unless_configured(settings):
    geocoding.online_geocoder.cache_clear()
    settings.GEOCODER = ""

    assert geocoding.online_geocoder() is None


def test_time_zones_come_from_coordinates_offline():
    assert geocoding.timezone_at(30.27, -97.74) == "America/Chicago"
    assert geocoding.timezone_at(28.61, 77.21) == "Asia/Kolkata"
