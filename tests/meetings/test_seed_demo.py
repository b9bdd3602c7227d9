from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from meetings.models import Attendance, Meeting
from meetings.types import EDITABLE_TYPES, Program

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    output = StringIO()
    call_command("seed_demo", *args, stdout=output)
    return output.getvalue()


def snapshot() -> list[tuple]:
    return list(
        Meeting.objects.order_by("slug").values_list(
            "slug", "day", "time", "timezone", "attendance", "types", "location__city"
        )
    )


def test_the_same_seed_gives_the_same_meetings(places):
    seed("--meetings", "60", "--seed", "7", "--no-accounts")
    first = snapshot()
    Meeting.objects.all().delete()

    seed("--meetings", "60", "--seed", "7", "--no-accounts")

    assert snapshot() == first


def test_running_it_again_adds_nothing(places):
    seed("--meetings", "40", "--no-accounts")

    output = seed("--meetings", "40", "--no-accounts")

    assert Meeting.objects.count() == 40
    assert "0 new meetings" in output


def test_if_empty_leaves_an_existing_directory_alone(places, make_meeting):
    make_meeting()

    seed("--if-empty", "--no-accounts")

    assert Meeting.objects.count() == 1


def test_the_demo_is_a_realistic_mix(places):
    seed("--meetings", "600", "--no-accounts")
    meetings = list(Meeting.objects.select_related("location"))

    online = [m for m in meetings if m.attendance == Attendance.ONLINE]
    assert 0.25 < len(online) / len(meetings) < 0.42
    assert any(m.attendance == Attendance.HYBRID for m in meetings)
    assert {m.program for m in meetings} == set(Program.values)
    assert set(EDITABLE_TYPES) <= {code for m in meetings for code in m.types}
    assert all(m.location and m.latitude is not None for m in meetings if m not in online)
    assert all(m.conference_url for m in online)
    assert all(not m.is_public for m in meetings if m.program == Program.INSIDEOUT)
    # Every meeting passes the same validation an editor's would.
    for meeting in meetings[:100]:
        meeting.full_clean()


def test_in_person_meetings_sit_in_real_cities_weighted_by_population(places):
    seed("--meetings", "300", "--no-accounts")

    cities = set(Meeting.objects.exclude(location=None).values_list("location__city", flat=True))
    assert cities <= {"Austin", "Springfield", "London", "Manchester", "São Paulo"}
    assert Meeting.objects.filter(location__city="London", location__country="GB").count() > (
        Meeting.objects.filter(location__city="Springfield").count()
    )


def test_demo_accounts_are_made_for_local_use(places, settings):
    settings.DEBUG = True

    seed("--meetings", "30")

    facilitator = User.objects.get(username="demo-facilitator")
    assert facilitator.check_password("demo-facilitator-pass")
    assert facilitator.facilitated_meetings.exists()
    coordinator = User.objects.get(username="demo-coordinator")
    assert coordinator.coordinated_regions.filter(slug="us").exists()


def test_demo_accounts_are_never_made_in_production(places, settings):
    settings.DEBUG = False

    output = seed("--meetings", "10")

    assert not User.objects.filter(username__startswith="demo-").exists()
    assert "skipped" in output


def test_seeding_refreshes_cached_feeds(places):
    from meetings.models import DirectoryVersion

    before = DirectoryVersion.current()

    seed("--meetings", "5", "--no-accounts")

    assert DirectoryVersion.current() > before
