from __future__ import annotations

from collections import Counter
from io import StringIO
from itertools import islice

import pytest
from django.core.management import call_command

from meetings import places
from meetings.geocoding import geocode
from meetings.models import Place

pytestmark = pytest.mark.django_db


def test_it_loads_world_places_and_postcodes():
    call_command("load_places", stdout=StringIO())

    counts = Counter(Place.objects.values_list("kind", flat=True))
    assert counts[Place.Kind.CITY] > 180_000
    assert counts[Place.Kind.ALIAS] > 150_000
    assert counts[Place.Kind.POSTCODE] > 45_000
    assert geocode("Austin, TX").label == "Austin, TX"
    assert geocode("10001").label == "10001 (New York, NY)"
    assert geocode("Manchester, UK").label == "Manchester, England, United Kingdom"
    assert geocode("EH1 1YZ").label == "EH1 (Edinburgh, UK)"
    assert geocode("M5V 2T6").label == "M5V (Downtown Toronto, ON)"


def test_loading_again_replaces_every_row():
    rows = list(islice(places.uk_outcode_rows(), 3))

    places.load(rows)
    places.load(rows)

    assert Place.objects.count() == 3
