from __future__ import annotations

import io
import json
from datetime import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from meetings.importing import ImportFailed, import_meetings, split_address
from meetings.models import Attendance, GeocodeCache, Location, Meeting, Region
from meetings.types import Program

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def gazetteer(db) -> None:
    """A few gazetteer rows, so the offline geocoder finds Austin, Chicago, Denver and London."""
    call_command("loaddata", DATA / "places.json", verbosity=0)


def snapshot() -> dict[str, list]:
    """Everything an import may write, to show that a failed one wrote nothing."""
    return {
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "locations": list(Location.objects.order_by("pk").values()),
        "regions": list(Region.objects.order_by("pk").values()),
        "geocoded": list(GeocodeCache.objects.order_by("pk").values()),
        "history": list(Meeting.history.order_by("pk").values()),
    }


def problems_of(source, **options) -> list[tuple[int, str]]:
    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=source, **options)
    return [(problem.row, problem.field) for problem in failure.value.problems]


def csv_of(*rows: str, header: str = "Name,Day,Time,Timezone,Address,Conference URL") -> bytes:
    return "\n".join([header, *rows]).encode()


def test_it_imports_a_meeting_guide_json_feed():
    result = import_meetings(source=DATA / "good_feed.json")

    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    library = Meeting.objects.get(slug="tuesday-evening-smart")
    assert library.name == "Tuesday Evening SMART"
    assert (library.day, library.time, library.end_time) == (2, time(19), time(20, 30))
    assert library.timezone == "America/Chicago"
    assert library.attendance == Attendance.IN_PERSON
    assert library.types == ["O", "D"]
    assert library.languages == ["EN"]
    assert library.notes == "Ring the bell at the side door."
    assert library.group == "Austin SMART"
    assert library.is_public and library.is_active
    assert str(library.region) == "Texas › Austin"
    venue = library.location
    assert venue.name == "Central Library"
    assert venue.notes == "Room 2B, second floor."
    assert (venue.address, venue.city, venue.state, venue.postal_code, venue.country) == (
        "710 W Cesar Chavez St",
        "Austin",
        "TX",
        "78701",
        "US",
    )
    assert (venue.latitude, venue.longitude, venue.approximate) == (30.26556, -97.75118, False)
    assert (library.latitude, library.longitude) == (30.26556, -97.75118)
    assert venue.timezone == "America/Chicago"


def test_it_reads_types_into_program_languages_and_flags():
    import_meetings(source=DATA / "good_feed.json")

    online = Meeting.objects.get(slug="reunion-en-linea")
    assert online.attendance == Attendance.ONLINE
    assert online.location is None
    assert online.program == Program.FAMILY_FRIENDS
    assert online.types == ["C"]
    assert online.languages == ["S"]
    assert (online.day, online.time) == (6, time(10))
    veterans = Meeting.objects.get(slug="veterans-hybrid")
    assert veterans.program == Program.VETERANS
    assert veterans.attendance_verification is True
    assert veterans.types == ["X"]
    closed = Meeting.objects.get(slug="denver-sunday-morning")
    assert closed.is_active is False
    assert closed.types == ["O"]
    assert closed.time == time(9, 30)


def test_it_geocodes_addresses_without_coordinates_and_takes_their_time_zone():
    import_meetings(source=DATA / "good_feed.json")

    veterans = Meeting.objects.get(slug="veterans-hybrid")
    # The gazetteer's ZIP 78701; the file gave no time zone.
    assert (veterans.location.latitude, veterans.location.longitude) == (30.2713, -97.7426)
    assert veterans.location.approximate is True
    assert veterans.timezone == "America/Chicago"
    denver = Meeting.objects.get(slug="denver-sunday-morning").location
    assert (denver.address, denver.city, denver.state, denver.postal_code) == (
        "1515 W Mississippi Ave",
        "Denver",
        "CO",
        "80223",
    )
    assert (denver.latitude, denver.longitude) == (39.7002, -105.0028)


def test_it_infers_attendance_as_meeting_guide_apps_do():
    import_meetings(source=DATA / "good_feed.json")

    # A street address and a conference phone: hybrid.
    assert Meeting.objects.get(slug="veterans-hybrid").attendance == Attendance.HYBRID
    # An approximate address (a city) and a link: online, keeping the city.
    checkin = Meeting.objects.get(slug="chicago-online-checkin-monday")
    assert checkin.attendance == Attendance.ONLINE
    assert checkin.location.city == "Chicago"
    assert checkin.location.approximate is True
    assert checkin.timezone == "America/Chicago"


def test_a_record_with_several_days_becomes_one_meeting_per_day():
    import_meetings(source=DATA / "good_feed.json")

    days = Meeting.objects.filter(name="Chicago Online Check-in").values_list("slug", "day")
    assert sorted(days) == [
        ("chicago-online-checkin-monday", 1),
        ("chicago-online-checkin-wednesday", 3),
    ]


def test_it_drops_another_fellowships_types_and_unknown_fields_with_a_warning():
    result = import_meetings(source=DATA / "good_feed.json")

    warnings = [(warning.row, warning.field, warning.reason) for warning in result.warnings]
    assert (4, "types", "dropped “B”, a type of another fellowship") in warnings
    assert (0, "file", "fields ignored: url") in warnings
    assert Meeting.objects.get(slug="chicago-online-checkin-monday").types == ["MED"]


def test_it_accepts_an_object_with_a_meetings_list():
    record = {"name": "A", "slug": "a", "day": 1, "time": "19:00", "timezone": "UTC"}
    feed = json.dumps({"meetings": [{**record, "conference_url": "https://zoom.us/j/1"}]})

    assert import_meetings(source=feed.encode()).created == 1
    assert Meeting.objects.get(slug="a").attendance == Attendance.ONLINE


def test_it_imports_the_12_step_meeting_list_plugins_csv():
    result = import_meetings(source=DATA / "good_meetings.csv")

    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    tuesday = Meeting.objects.get(slug="austin-tuesday-night")
    assert (tuesday.day, tuesday.time, tuesday.end_time) == (2, time(19), time(20, 30))
    assert tuesday.types == ["O", "D"]
    assert tuesday.notes == "Bring a friend."
    assert tuesday.group == "SMART Austin"
    assert str(tuesday.region) == "Texas › Austin"
    assert tuesday.location.formatted_address == "1201 Lavaca St, Austin, TX 78701, US"
    assert tuesday.location.notes == "Use the side door."
    spanish = Meeting.objects.get(slug="miercoles-en-espanol")
    assert (spanish.day, spanish.time) == (3, time(19))
    assert spanish.types == ["C", "BE"]
    assert spanish.languages == ["S"]
    # Two meetings at the same church share one location.
    assert spanish.location_id == tuesday.location_id
    assert Location.objects.count() == 2


def test_a_csv_row_without_a_slug_gets_one_from_its_name_and_day():
    import_meetings(source=DATA / "good_meetings.csv")

    lunch = Meeting.objects.get(slug="friday-lunch-online-friday")
    assert lunch.attendance == Attendance.ONLINE
    assert lunch.types == ["MED"]
    assert lunch.notes == "Cameras optional.\nArrive five minutes early."
    assert lunch.timezone == "America/Los_Angeles"
    assert (lunch.conference_url, lunch.conference_url_notes) == (
        "https://zoom.us/j/555",
        "Passcode 42",
    )
    assert lunch.conference_phone == "+14155550100"
    assert lunch.region.name == "Online"


def test_a_csv_row_with_a_street_and_a_link_is_hybrid():
    import_meetings(source=DATA / "good_meetings.csv")

    hybrid = Meeting.objects.get(slug="ff-hybrid")
    assert hybrid.attendance == Attendance.HYBRID
    assert hybrid.program == Program.FAMILY_FRIENDS
    assert hybrid.attendance_verification is True
    assert hybrid.timezone == "America/Chicago"
    assert hybrid.location.postal_code == "60641"


def test_csv_columns_match_without_regard_to_case_spaces_or_underscores():
    data = csv_of(
        "Online Hour,monday,7:30 p.m.,Europe/London,,https://zoom.us/j/1",
        header="NAME,day_of_week,start_time,Time Zone,street,conference_url",
    )

    import_meetings(source=data, format="csv")

    meeting = Meeting.objects.get()
    assert (meeting.name, meeting.day, meeting.time) == ("Online Hour", 1, time(19, 30))
    assert meeting.timezone == "Europe/London"


def test_it_reads_days_and_times_in_the_forms_other_tools_write():
    data = csv_of(
        "A,0,19:00,UTC,,https://zoom.us/j/1",
        "B,Tues,7 pm,UTC,,https://zoom.us/j/1",
        "C,thursday,7:05 AM,UTC,,https://zoom.us/j/1",
        "D,Sat,12:00 am,UTC,,https://zoom.us/j/1",
        "E,6,noon,UTC,,https://zoom.us/j/1",
    )

    import_meetings(source=data, format="csv")

    read = dict(Meeting.objects.values_list("name", "day"))
    assert read == {"A": 0, "B": 2, "C": 4, "D": 6, "E": 6}
    times = dict(Meeting.objects.values_list("name", "time"))
    assert times == {"A": time(19), "B": time(19), "C": time(7, 5), "D": time(0), "E": time(12)}


def test_it_accepts_time_zone_aliases():
    data = csv_of("Kolkata Online,1,19:00,Asia/Calcutta,,https://zoom.us/j/1")

    import_meetings(source=data, format="csv")

    assert Meeting.objects.get().timezone == "Asia/Calcutta"


def test_a_bad_csv_reports_every_bad_row_and_changes_nothing():
    Meeting.objects.create(
        name="Already here",
        slug="good-row",
        day=1,
        time=time(18),
        timezone="UTC",
        attendance=Attendance.ONLINE,
        conference_url="https://zoom.us/j/9",
    )
    before = snapshot()

    problems = problems_of(DATA / "bad_meetings.csv")

    assert problems == [
        (3, "day"),
        (4, "time"),
        (5, "types"),
        (6, "timezone"),
        (7, "address"),
        (8, "conference_url"),
        (9, "conference_phone"),
        (10, "name"),
        (11, "slug"),
    ]
    assert snapshot() == before


def test_problems_say_what_is_wrong():
    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=DATA / "bad_meetings.csv")

    reasons = {problem.row: problem.reason for problem in failure.value.problems}
    assert "“Funday” is not a day" in reasons[3]
    assert "“25:00” is not a time" in reasons[4]
    assert reasons[5] == "unknown type code(s): ZZZ"
    assert "Mars/Olympus" in reasons[6]
    assert "We could not find “12 Nowhere Lane, Atlantis” on the map" in reasons[7]
    assert "Use a web address starting https://" in reasons[8]
    assert "Digits and + , * # only" in reasons[9]
    assert reasons[10] == "required"
    assert reasons[11] == "“good-row” is also the slug of row 2"
    assert str(failure.value.problems[0]) == (
        "row 3, day: “Funday” is not a day: use 0-6 (Sunday is 0) or a day name"
    )


def test_a_bad_json_feed_reports_every_bad_record_and_changes_nothing():
    before = snapshot()

    problems = problems_of(DATA / "bad_feed.json")

    assert problems == [
        (2, "day"),
        (3, "time"),
        (4, "slug"),
        (5, "longitude"),
        (6, "record"),
        (7, "address"),
        (8, "types"),
    ]
    assert snapshot() == before


def test_a_record_without_a_day_or_with_bad_coordinates_is_refused():
    base = {
        "name": "A",
        "time": "19:00",
        "timezone": "UTC",
        "conference_url": "https://zoom.us/j/1",
    }
    records = [
        {**base, "slug": "no-day"},
        {**base, "slug": "no-days", "day": []},
        {**base, "slug": "not-a-number", "day": 1, "latitude": "30,2", "longitude": "-97"},
        {**base, "slug": "not-finite", "day": 1, "latitude": "nan", "longitude": "-97"},
        {**base, "slug": "off-the-globe", "day": 1, "latitude": "91", "longitude": "-97"},
    ]

    assert problems_of(json.dumps(records).encode()) == [
        (1, "day"),
        (2, "day"),
        (3, "latitude"),
        (4, "latitude"),
        (5, "latitude"),
    ]


def test_a_malformed_json_file_is_one_clear_problem():
    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=DATA / "malformed.json")

    [problem] = failure.value.problems
    assert (problem.row, problem.field) == (0, "file")
    assert problem.reason.startswith("not valid JSON: ")
    assert Meeting.objects.count() == 0


def test_a_json_file_that_is_not_a_list_of_meetings_is_refused():
    assert problems_of(b'{"name": "one meeting"}', format="json") == [(0, "file")]


def test_a_csv_without_a_required_column_names_it():
    data = b"Name,Time,Timezone\nA,19:00,UTC\n"

    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=data, format="csv")

    [problem] = failure.value.problems
    assert (problem.row, problem.field, problem.reason) == (
        1,
        "day",
        "no “Day” column in the header row",
    )


def test_a_csv_row_with_more_cells_than_the_header_is_refused():
    data = csv_of("A,1,19:00,UTC,,https://zoom.us/j/1,surplus")

    assert problems_of(data, format="csv") == [(2, "row")]


def test_a_csv_with_a_stray_quote_is_refused_rather_than_misread():
    data = csv_of('A,1,19:00,UTC,"1201 Lavaca St,https://zoom.us/j/1', "B,2,19:00,UTC,,")

    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=data, format="csv")

    [problem] = failure.value.problems
    assert (problem.row, problem.field) == (0, "file")
    assert problem.reason.startswith("not a readable CSV file: unexpected end of data")


def test_a_json_file_nested_too_deeply_is_one_clear_problem():
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=b"[" * 100_000, format="json")

    assert [str(problem) for problem in failure.value.problems] == [
        "row 0, file: not a meeting feed: lists or objects nest too deeply"
    ]
    assert snapshot() == before


def test_a_json_number_too_long_to_read_is_one_clear_problem():
    data = b'[{"name": "A", "day": ' + b"1" * 5000 + b"}]"

    assert problems_of(data, format="json") == [(0, "file")]


def test_a_nul_character_in_a_csv_cell_is_reported_on_its_row():
    before = snapshot()
    data = csv_of(
        "Fine,1,19:00,UTC,,https://zoom.us/j/1", "Bad\x00Name,1,19:00,UTC,,https://zoom.us/j/2"
    )

    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=data, format="csv")

    assert [str(problem) for problem in failure.value.problems] == [
        "row 3, name: contains a NUL character (byte 0), which cannot be stored"
    ]
    assert snapshot() == before


def test_json_values_the_database_cannot_hold_are_reported_on_their_records():
    online = {"day": 1, "time": "19:00", "timezone": "UTC", "conference_url": "https://x.org/1"}
    records = [
        {**online, "name": "Fine"},
        {**online, "name": "Bad\u0000Name"},
        {**online, "name": "Lone \ud800 surrogate"},
        {**online, "name": "Nested", "types": [["O"]]},
        {**online, "name": "Object", "notes": {"a": 1}},
    ]
    before = snapshot()

    problems = problems_of(json.dumps(records).encode(), format="json")

    assert problems == [(2, "name"), (3, "name"), (4, "types"), (5, "notes")]
    assert snapshot() == before


def test_an_upload_is_read_no_further_than_the_size_limit(settings):
    settings.IMPORT_MAX_MB = 1
    upload = io.BytesIO(b"[" + b" " * (1024 * 1024))

    with pytest.raises(ImportFailed) as failure:
        import_meetings(source=upload, format="json")

    assert [str(problem) for problem in failure.value.problems] == [
        "row 0, file: the file is larger than 1 MB, the most an import reads "
        "(the IMPORT_MAX_MB setting)"
    ]
    assert upload.tell() == 1024 * 1024 + 1


def test_a_file_that_is_not_utf8_is_refused():
    data = "Name,Day,Time\nCaf\xe9,1,19:00\n".encode("latin-1")

    assert problems_of(data, format="csv") == [(0, "file")]


def test_an_address_that_cannot_be_geocoded_stops_the_import_and_caches_nothing():
    data = csv_of(
        'Findable,1,19:00,,"1201 Lavaca St, Austin, TX 78701",',
        'Lost,1,19:00,UTC,"Nowhere Lane, Atlantis",',
    )

    assert problems_of(data, format="csv") == [(3, "address")]
    assert GeocodeCache.objects.count() == 0
    assert Location.objects.count() == 0


def test_an_online_or_hybrid_meeting_needs_a_link_and_an_in_person_one_an_address():
    data = csv_of(
        "Said online,1,19:00,UTC,,,online",
        "Said hybrid,1,19:00,UTC,,https://zoom.us/j/1,hybrid",
        "Nothing,1,19:00,UTC,,,",
        "Said teleported,1,19:00,UTC,,https://zoom.us/j/1,teleported",
        header="Name,Day,Time,Timezone,Address,Conference URL,Attendance Option",
    )

    assert problems_of(data, format="csv") == [
        (2, "conference_url"),
        (3, "address"),
        (4, "address"),
        (5, "attendance_option"),
    ]


def test_a_meeting_without_coordinates_or_an_address_needs_a_time_zone():
    assert problems_of(csv_of("A,1,19:00,,,https://zoom.us/j/1"), format="csv") == [(2, "timezone")]


def test_importing_the_same_file_twice_changes_nothing():
    import_meetings(source=DATA / "good_meetings.csv")
    before = snapshot()

    again = import_meetings(source=DATA / "good_meetings.csv")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (again.locations_created, again.regions_created) == (0, 0)
    assert snapshot() == before


def test_importing_a_json_feed_twice_creates_no_duplicates():
    import_meetings(source=DATA / "good_feed.json")
    counts = (Meeting.objects.count(), Location.objects.count(), Region.objects.count())

    again = import_meetings(source=DATA / "good_feed.json")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert (Meeting.objects.count(), Location.objects.count(), Region.objects.count()) == counts


def test_it_updates_meetings_by_slug_and_keeps_their_facilitators_and_privacy():
    import_meetings(source=DATA / "good_meetings.csv")
    facilitator = User.objects.create_user("sam")
    meeting = Meeting.objects.get(slug="austin-tuesday-night")
    meeting.facilitators.add(facilitator)
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False)
    changed = (DATA / "good_meetings.csv").read_bytes().replace(b"Bring a friend.", b"New room.")

    result = import_meetings(source=changed, format="csv")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    meeting.refresh_from_db()
    assert meeting.notes == "New room."
    assert meeting.is_public is False
    assert list(meeting.facilitators.all()) == [facilitator]
    assert meeting.history.first().history_change_reason == "Imported"


def test_it_reuses_existing_regions_and_locations():
    texas = Region.objects.create(name="Texas", slug="texas")
    austin = Region.objects.create(name="Austin", slug="texas-austin", parent=texas)

    import_meetings(source=DATA / "good_meetings.csv")

    assert Meeting.objects.get(slug="austin-tuesday-night").region == austin
    assert Region.objects.filter(name__in=["Texas", "Austin"]).count() == 2


def test_a_region_named_deeper_in_the_tree_is_found_there():
    country = Region.objects.create(name="United States", slug="us")
    texas = Region.objects.create(name="Texas", slug="texas", parent=country)
    data = csv_of(
        "A,1,19:00,UTC,,https://zoom.us/j/1,Texas,Austin",
        header="Name,Day,Time,Timezone,Address,Conference URL,Region,Sub Region",
    )

    import_meetings(source=data, format="csv")

    region = Meeting.objects.get().region
    assert (region.name, region.parent) == ("Austin", texas)


def test_an_import_records_who_made_the_change():
    user = User.objects.create_user("coordinator")
    # A coordinator of the file's top regions; Austin and Chicago are made below them.
    for name in ("Texas", "Online", "Illinois"):
        user.coordinated_regions.add(Region.objects.create(name=name, slug=name.lower()))

    import_meetings(source=DATA / "good_meetings.csv", user=user)

    record = Meeting.objects.get(slug="ff-hybrid").history.get()
    assert (record.history_type, record.history_user) == ("+", user)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("123 Main St, Austin, TX 78701, USA", ("123 Main St", "Austin", "TX", "78701", "USA")),
        ("Austin, TX, USA", ("", "Austin", "TX", "", "USA")),
        ("Chicago, IL 60641", ("", "Chicago", "IL", "60641", "")),
        ("10 Downing St, London SW1A 2AA, UK", ("10 Downing St", "London", "", "SW1A 2AA", "UK")),
        ("1 Church St, Toronto, ON M4Y 2C9, CA", ("1 Church St", "Toronto", "ON", "M4Y 2C9", "CA")),
        ("123 Main St", ("123 Main St", "", "", "", "")),
        ("Denver", ("", "Denver", "", "", "")),
    ],
)
def test_it_splits_a_one_line_address_into_its_parts(text, parts):
    found = split_address(text)

    assert (
        tuple(found[name] for name in ("address", "city", "state", "postal_code", "country"))
        == parts
    )
