from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation

from meetings.models import Attendance, Location, Meeting, Place, Region
from meetings.roles import COORDINATORS, FACILITATORS, ensure_groups
from pages.catalogues import compile_catalogues
from worksheets.models import Revision, Worksheet

PASSWORD = "a-long-test-passphrase-42"


def pytest_configure(config) -> None:
    """The translations' .mo files, as make setup compiles them, for a run started by hand."""
    compile_catalogues()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def tasks_done_at_once() -> Iterator[None]:
    """Background jobs run inside the request or call that enqueues them; the tests of the
    queue itself switch to the database backend."""
    immediate = "django.tasks.backends.immediate.ImmediateBackend"
    with override_settings(TASKS={"default": {"BACKEND": immediate}}):
        yield


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A request to /es/... leaves Spanish active in the thread: the next test starts English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_caches() -> None:
    """Each test starts with empty caches: cached places, feeds and rate-limit counts."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def participant(db) -> User:
    return User.objects.create_user("river", email="river@example.org", password=PASSWORD)


@pytest.fixture
def stranger(db) -> User:
    return User.objects.create_user("stranger", password=PASSWORD)


# Words a participant wrote that must never reach anyone else, a log or an error page.
SECRET = "I drink to quiet the 3am worry about Sam"


@pytest.fixture
def cba(participant) -> Worksheet:
    worksheet = Worksheet.objects.create(
        owner=participant,
        kind="cba",
        title="My CBA in spring",
        answers={
            "behaviour": "drinking on weeknights",
            "keep_benefits": [{"item": SECRET, "term": "short", "weight": 7}],
            "keep_costs": [
                {"item": "Foggy mornings at work", "term": "short", "weight": 6},
                {"item": "My liver", "term": "long", "weight": 9},
            ],
            "stop_benefits": [{"item": "Being there for Sam", "term": "long", "weight": 10}],
            "stop_costs": [],
            "reflection": "",
        },
    )
    worksheet.keep_revision(Revision.KindOfSave.SAVE)
    return worksheet


CITIES = [
    # name, admin1, country, lat, lng, population, label
    ("Austin", "TX", "US", 30.26715, -97.74306, 931830, "Austin, TX"),
    ("Springfield", "IL", "US", 39.80172, -89.64371, 116250, "Springfield, IL"),
    ("Springfield", "MO", "US", 37.21533, -93.29824, 166810, "Springfield, MO"),
    ("Springfield", "MA", "US", 42.10148, -72.58981, 153060, "Springfield, MA"),
    ("London", "ENG", "GB", 51.50853, -0.12574, 8961989, "London, United Kingdom"),
    ("London", "08", "CA", 42.98339, -81.23304, 346765, "London, Canada"),
    ("Manchester", "ENG", "GB", 53.48095, -2.23743, 395515, "Manchester, United Kingdom"),
    ("Manchester", "NH", "US", 42.99564, -71.45479, 110506, "Manchester, NH"),
    ("São Paulo", "27", "BR", -23.5475, -46.63611, 10021295, "São Paulo, Brazil"),
]


@pytest.fixture
def places(db) -> None:
    from meetings.geocoding import normalize

    Place.objects.bulk_create(
        Place(
            kind=Place.Kind.CITY,
            source_id=str(index),
            name=name,
            key=normalize(name),
            admin1=admin1,
            country=country,
            latitude=lat,
            longitude=lng,
            population=population,
            label=label,
        )
        for index, (name, admin1, country, lat, lng, population, label) in enumerate(CITIES)
    )
    Place.objects.create(
        kind=Place.Kind.POSTCODE,
        source_id="78701",
        name="Austin",
        key="78701",
        admin1="TX",
        country="US",
        latitude=30.2713,
        longitude=-97.7426,
        label="78701 (Austin, TX)",
    )


@pytest.fixture
def regions(db) -> dict[str, Region]:
    us = Region.objects.create(name="United States", slug="us")
    texas = Region.objects.create(name="Texas", slug="us-tx", parent=us)
    austin = Region.objects.create(name="Austin Metro", slug="us-tx-austin", parent=texas)
    britain = Region.objects.create(name="United Kingdom", slug="gb")
    return {"us": us, "texas": texas, "austin": austin, "gb": britain}


@pytest.fixture
def venue(db) -> Location:
    return Location.objects.create(
        name="Eastside Library",
        address="2100 E 7th St",
        city="Austin",
        state="TX",
        postal_code="78702",
        country="US",
        latitude=30.2614,
        longitude=-97.7218,
    )


@pytest.fixture
def make_meeting(db, venue) -> Callable[..., Meeting]:
    counter = iter(range(1, 10_000))

    def make(**fields) -> Meeting:
        number = next(counter)
        defaults = {
            "name": f"Meeting {number}",
            "slug": f"meeting-{number}",
            "day": 2,
            "time": datetime.time(19, 0),
            "end_time": datetime.time(20, 30),
            "timezone": "America/Chicago",
            "attendance": Attendance.IN_PERSON,
            "location": venue,
        }
        meeting = Meeting(**{**defaults, **fields})
        meeting.full_clean()
        meeting.save()
        return meeting

    return make


def staff(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if group:
        # Browser tests flush the database between tests, data-migration rows included.
        ensure_groups(Group, Permission)
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def facilitator(db) -> User:
    return staff("fay", FACILITATORS)


@pytest.fixture
def other_facilitator(db) -> User:
    return staff("otto", FACILITATORS)


@pytest.fixture
def coordinator(db, regions) -> User:
    user = staff("cora", COORDINATORS)
    user.coordinated_regions.add(regions["texas"])
    return user


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root", password=PASSWORD)
