"""A coordinator's import creates and changes only meetings and venues in their regions."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from meetings.importing import ImportFailed, import_meetings
from meetings.models import Location, Meeting, Region

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
ONLINE = "Name,Day,Time,Timezone,Conference URL,Region,Sub Region,Slug"
AT_A_VENUE = (
    "Name,Day,Time,Timezone,Location,Address,City,State,Postal Code,Country,Latitude,Longitude,"
    "Location Notes,Region,Sub Region,Slug"
)


@pytest.fixture(autouse=True)
def gazetteer(db) -> None:
    call_command("loaddata", DATA / "places.json", verbosity=0)


def csv_of(header: str, *rows: str) -> bytes:
    return "\n".join([header, *rows]).encode()


def online(region: str, sub_region: str = "", slug: str = "", name: str = "Check-in") -> str:
    return f"{name},1,19:00,UTC,https://zoom.us/j/1,{region},{sub_region},{slug}"


def at_eastside_library(notes: str, slug: str = "eastside-import") -> str:
    """A row naming the venue fixture exactly: its name, address and coordinates."""
    return (
        f"Eastside Library,2,19:00,America/Chicago,Eastside Library,2100 E 7th St,Austin,TX,"
        f"78702,US,30.2614,-97.7218,{notes},Texas,Austin Metro,{slug}"
    )


def failure_of(data: bytes, user) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=data, format="csv", user=user)
    return [(problem.row, problem.field, problem.reason) for problem in failure.value.problems]


def directory() -> list:
    return [
        list(Meeting.objects.order_by("pk").values()),
        list(Location.objects.order_by("pk").values()),
        list(Region.objects.order_by("pk").values()),
    ]


def test_a_coordinator_imports_into_their_regions_and_new_sub_regions_below_them(
    coordinator, regions
):
    data = csv_of(
        "Name,Day,Time,Timezone,Conference URL,Regions,Slug",
        "Statewide,1,19:00,UTC,https://zoom.us/j/1,Texas,statewide",
        "Austin,1,19:00,UTC,https://zoom.us/j/1,Texas > Austin Metro,austin-online",
        "Houston,1,19:00,UTC,https://zoom.us/j/1,United States > Texas > Houston,houston",
    )

    result = import_meetings(source=data, format="csv", user=coordinator)

    assert (result.created, result.regions_created) == (3, 1)
    houston = Meeting.objects.get(slug="houston").region
    assert (houston.name, houston.parent) == ("Houston", regions["texas"])
    assert Meeting.objects.get(slug="austin-online").region == regions["austin"]


def test_a_coordinator_cannot_create_a_meeting_in_another_region(coordinator, regions):
    before = directory()
    data = csv_of(ONLINE, online("Texas", slug="fine"), online("United Kingdom", slug="leeds"))

    assert failure_of(data, coordinator) == [
        (3, "region", "“United Kingdom” is outside the regions you coordinate")
    ]
    assert directory() == before


def test_a_coordinator_cannot_add_a_meeting_without_a_region_or_a_new_top_level_one(
    coordinator, regions
):
    before = directory()
    data = csv_of(ONLINE, online(""), online("Atlantis", "Deep", name="Undersea"))

    assert failure_of(data, coordinator) == [
        (2, "region", "required: name one of the regions you coordinate"),
        (
            3,
            "region",
            "“Atlantis > Deep” would be a new top-level region, which only a superuser can add",
        ),
    ]
    assert directory() == before


def test_a_coordinator_cannot_take_over_another_regions_meeting_by_its_slug(
    coordinator, regions, make_meeting
):
    private = make_meeting(slug="otto-private", region=regions["gb"], is_public=False)
    before = directory()
    data = csv_of(ONLINE, online("Texas", slug="otto-private", name="Mine now"))

    assert failure_of(data, coordinator) == [
        (2, "slug", "“otto-private” is a meeting outside the regions you coordinate")
    ]
    assert directory() == before
    private.refresh_from_db()
    assert (private.name, private.region) == ("Meeting 1", regions["gb"])


def test_a_coordinator_cannot_move_their_meeting_out_of_their_regions(
    coordinator, regions, make_meeting
):
    make_meeting(slug="austin-tuesday", region=regions["austin"])
    before = directory()
    data = csv_of(ONLINE, online("United Kingdom", slug="austin-tuesday"))

    assert failure_of(data, coordinator) == [
        (2, "region", "“United Kingdom” is outside the regions you coordinate")
    ]
    assert directory() == before


def test_a_coordinator_updates_their_meeting_by_its_slug(coordinator, regions, make_meeting):
    make_meeting(slug="austin-tuesday", region=regions["austin"])
    data = csv_of(ONLINE, online("Texas", "Austin Metro", slug="austin-tuesday", name="Renamed"))

    result = import_meetings(source=data, format="csv", user=coordinator)

    assert result.updated == 1
    assert Meeting.objects.get(slug="austin-tuesday").name == "Renamed"


def test_a_coordinator_cannot_change_a_venue_shared_with_another_regions_meeting(
    coordinator, regions, make_meeting, venue
):
    make_meeting(region=regions["gb"])
    before = directory()
    data = csv_of(AT_A_VENUE, at_eastside_library("Side door"))

    assert failure_of(data, coordinator) == [
        (
            2,
            "location",
            "would change the location notes of “Eastside Library”, a venue shared with meetings "
            "you cannot edit; give its current values or ask a coordinator of those meetings",
        )
    ]
    assert directory() == before


def test_a_coordinator_reuses_a_shared_venue_as_it_is(coordinator, regions, make_meeting, venue):
    make_meeting(region=regions["gb"])
    before = Location.objects.values().get(pk=venue.pk)
    data = csv_of(AT_A_VENUE, at_eastside_library(""))

    result = import_meetings(source=data, format="csv", user=coordinator)

    assert (result.created, result.locations_created) == (1, 0)
    assert Meeting.objects.get(slug="eastside-import").location == venue
    assert Location.objects.values().get(pk=venue.pk) == before


def test_a_coordinator_changes_a_venue_only_their_meetings_use(
    coordinator, regions, make_meeting, venue
):
    make_meeting(region=regions["austin"])
    data = csv_of(AT_A_VENUE, at_eastside_library("Side door"))

    import_meetings(source=data, format="csv", user=coordinator)

    venue.refresh_from_db()
    assert venue.notes == "Side door"


@pytest.mark.parametrize("persona", ["superuser", None])
def test_a_superuser_and_the_command_line_import_anywhere(
    persona, regions, make_meeting, venue, request
):
    user = request.getfixturevalue(persona) if persona else None
    make_meeting(slug="otto-private", region=regions["gb"], is_public=False)
    data = csv_of(
        ONLINE,
        online("", slug="otto-private", name="Renamed"),
        online("Atlantis", slug="undersea"),
    )

    result = import_meetings(source=data, format="csv", user=user)

    assert (result.created, result.updated, result.regions_created) == (1, 1, 1)
    assert Meeting.objects.get(slug="otto-private").region is None
