from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.geocoding import geocode
from meetings.models import Place

pytestmark = pytest.mark.django_db


def test_it_loads_world_cities_and_us_zip_codes_and_can_run_again():
    call_command("load_places", stdout=StringIO())
    counts = Place.objects.filter(kind=Place.Kind.CITY).count(), Place.objects.count()

    call_command("load_places", stdout=StringIO())

    assert (Place.objects.filter(kind=Place.Kind.CITY).count(), Place.objects.count()) == counts
    assert counts[0] > 30_000
    assert counts[1] - counts[0] > 40_000
    assert geocode("Austin, TX").label == "Austin, TX"
    assert geocode("10001").label == "10001 (New York, NY)"
    assert geocode("Manchester, UK").label == "Manchester, England, United Kingdom"
