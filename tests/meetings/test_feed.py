from __future__ import annotations

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from meetings.feed import CSV_COLUMNS, feed_csv, feed_json, feed_records, region_paths
from meetings.models import Attendance, Location, Meeting, Region
from meetings.types import Program

pytestmark = pytest.mark.django_db
# 12:30 in Austin on 5 January is 18:30 UTC.
AUSTIN_LUNCHTIME = datetime.datetime(2026, 1, 5, 12, 30, tzinfo=ZoneInfo("America/Chicago"))


def online(**fields) -> dict:
    return {
        "attendance": Attendance.ONLINE,
        "location": None,
        "conference_url": "https://zoom.us/j/123",
        **fields,
    }


def test_it_writes_the_spec_fields_for_an_in_person_meeting(make_meeting, venue, regions):
    with time_machine.travel(AUSTIN_LUNCHTIME, tick=False):
        venue.notes = "Room 2B."
        venue.save()
        make_meeting(
            name="Eastside Tuesday",
            slug="eastside-tuesday",
            types=["O", "D"],
            languages=["EN"],
            notes="Ring the bell.",
            group="Eastside SMART",
            region=regions["texas"],
            feedback_url="https://example.org/feedback",
        )

    [record] = feed_records(Meeting.objects.all())

    assert record == {
        "name": "Eastside Tuesday",
        "slug": "eastside-tuesday",
        "day": 2,
        "time": "19:00",
        "end_time": "20:30",
        "timezone": "America/Chicago",
        "types": ["O", "D", "EN"],
        "notes": "Ring the bell.",
        "location": "Eastside Library",
        "location_notes": "Room 2B.",
        "formatted_address": "2100 E 7th St, Austin, TX 78702, US",
        "address": "2100 E 7th St",
        "city": "Austin",
        "state": "TX",
        "postal_code": "78702",
        "country": "US",
        "approximate": "no",
        "latitude": 30.2614,
        "longitude": -97.7218,
        "region": "United States",
        "sub_region": "Texas",
        "group": "Eastside SMART",
        "feedback_url": "https://example.org/feedback",
        "attendance_option": "in_person",
        "updated": "2026-01-05 18:30:00",
    }


def test_it_leaves_out_empty_optional_fields_rather_than_sending_nulls(make_meeting):
    make_meeting(slug="online-hour", end_time=None, **online())

    [record] = feed_records(Meeting.objects.all())

    assert set(record) == {
        "name",
        "slug",
        "day",
        "time",
        "timezone",
        "conference_url",
        "attendance_option",
        "updated",
    }
    assert record["attendance_option"] == "online"


def test_a_hybrid_meeting_has_its_place_and_its_link(make_meeting):
    make_meeting(
        attendance=Attendance.HYBRID,
        conference_phone="+16465588656,,123#",
        conference_phone_notes="ID 123",
    )

    [record] = feed_records(Meeting.objects.all())

    assert record["attendance_option"] == "hybrid"
    assert record["formatted_address"] == "2100 E 7th St, Austin, TX 78702, US"
    assert record["conference_phone"] == "+16465588656,,123#"
    assert record["conference_phone_notes"] == "ID 123"


def test_a_top_level_region_has_no_sub_region(make_meeting, regions):
    make_meeting(region=regions["gb"])

    [record] = feed_records(Meeting.objects.all())

    assert record["region"] == "United Kingdom"
    assert "sub_region" not in record
    assert "regions" not in record


def test_regions_nested_deeper_than_two_levels_are_also_listed_in_full(make_meeting, regions):
    make_meeting(region=regions["austin"])

    [record] = feed_records(Meeting.objects.all())

    assert (record["region"], record["sub_region"]) == ("Texas", "Austin Metro")
    assert record["regions"] == ["United States", "Texas", "Austin Metro"]


def test_types_carry_program_languages_attendance_verification_and_closure(make_meeting):
    make_meeting(
        types=["C"],
        program=Program.FAMILY_FRIENDS,
        languages=["S"],
        attendance_verification=True,
        is_active=False,
    )

    [record] = feed_records(Meeting.objects.all())

    assert record["types"] == ["C", "SRFF", "S", "POA", "TC"]


def test_updated_is_the_later_of_the_meeting_and_its_venue_in_utc(make_meeting, venue):
    with time_machine.travel(AUSTIN_LUNCHTIME, tick=False):
        make_meeting()
    with time_machine.travel(AUSTIN_LUNCHTIME + datetime.timedelta(days=1), tick=False):
        venue.name = "Eastside Branch Library"
        venue.save()

    [record] = feed_records(Meeting.objects.all())

    assert record["updated"] == "2026-01-06 18:30:00"


def test_it_reads_the_whole_directory_in_two_queries(
    make_meeting, regions, django_assert_num_queries
):
    other = Location.objects.create(city="London", country="GB", latitude=51.5, longitude=-0.12)
    make_meeting(region=regions["austin"])
    make_meeting(region=regions["texas"], location=other)
    make_meeting(region=None, **online())

    # The regions, then the meetings with their venues: never a query per meeting.
    with django_assert_num_queries(2):
        records = feed_records(Meeting.objects.all())

    assert len(records) == 3


def test_it_feeds_only_the_meetings_it_is_given(make_meeting):
    make_meeting(slug="open-to-all")
    make_meeting(slug="inside-a-facility", is_public=False)
    make_meeting(slug="closed-for-now", is_active=False)

    records = feed_records(Meeting.objects.public())

    assert [record["slug"] for record in records] == ["open-to-all"]


def test_feed_json_is_a_plain_utf8_list(make_meeting):
    make_meeting(name="Reunión del martes")
    records = feed_records(Meeting.objects.all())

    body = feed_json(records)

    assert "Reunión del martes".encode() in body
    assert json.loads(body) == records


def test_feed_csv_has_the_importers_columns_with_days_by_name(make_meeting, regions):
    make_meeting(types=["O", "D"], languages=["S"], region=regions["austin"])
    records = feed_records(Meeting.objects.all())

    rows = list(csv.DictReader(io.StringIO(feed_csv(records))))

    assert list(rows[0]) == list(CSV_COLUMNS.values())
    assert rows[0]["Day"] == "Tuesday"
    assert rows[0]["Types"] == "O, D, S"
    assert rows[0]["Regions"] == "United States > Texas > Austin Metro"
    assert rows[0]["End Time"] == "20:30"


def test_region_paths_name_every_level_from_one_query(regions, django_assert_num_queries):
    with django_assert_num_queries(1):
        paths = region_paths()

    assert paths[regions["austin"].pk] == ["United States", "Texas", "Austin Metro"]
    assert paths[regions["gb"].pk] == ["United Kingdom"]


def test_a_loop_in_the_region_tree_does_not_hang_the_feed(regions):
    Region.objects.filter(pk=regions["us"].pk).update(parent=regions["austin"])

    assert region_paths()[regions["austin"].pk][-1] == "Austin Metro"
