from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Attendance, Location, Meeting, Region
from meetings.types import Program

pytestmark = pytest.mark.django_db


def errors_of(meeting: Meeting) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    return caught.value.message_dict


def test_a_meeting_that_ends_when_it_starts_is_refused(make_meeting, venue):
    meeting = Meeting(
        name="Noon",
        slug="noon",
        day=1,
        time=datetime.time(12),
        end_time=datetime.time(12),
        timezone="America/Chicago",
        location=venue,
    )

    assert "end_time" in errors_of(meeting)


def test_a_meeting_may_run_past_midnight(make_meeting):
    meeting = make_meeting(time=datetime.time(23, 30), end_time=datetime.time(0, 30))

    assert meeting.ends_next_day


def test_an_unknown_time_zone_is_refused(make_meeting):
    with pytest.raises(ValidationError) as caught:
        make_meeting(timezone="Mars/Olympus_Mons")

    assert "timezone" in caught.value.message_dict


def test_time_zone_aliases_from_browsers_are_accepted(make_meeting):
    assert make_meeting(timezone="Asia/Calcutta").timezone == "Asia/Calcutta"


def test_the_time_zone_defaults_to_the_locations(venue):
    meeting = Meeting(
        name="Zone", slug="zone", day=1, time=datetime.time(18), timezone="", location=venue
    )
    meeting.full_clean()

    assert meeting.timezone == "America/Chicago"


@pytest.mark.parametrize("attendance", [Attendance.ONLINE, Attendance.HYBRID])
def test_online_and_hybrid_meetings_need_a_link_or_a_phone(make_meeting, attendance):
    with pytest.raises(ValidationError) as caught:
        make_meeting(attendance=attendance)

    assert "conference_url" in caught.value.message_dict
    assert make_meeting(attendance=attendance, conference_phone="+15125550100,,123#")


def test_in_person_meetings_need_a_location(make_meeting):
    with pytest.raises(ValidationError) as caught:
        make_meeting(location=None)

    assert "location" in caught.value.message_dict


@pytest.mark.parametrize(
    "url", ["ftp://files.example.org/room", "javascript:alert(1)", "example.org/room"]
)
def test_conference_links_must_be_web_addresses(make_meeting, url):
    with pytest.raises(ValidationError) as caught:
        make_meeting(attendance=Attendance.ONLINE, location=None, conference_url=url)

    assert "conference_url" in caught.value.message_dict


@pytest.mark.parametrize("phone", ["+1 512 555 0100", "512-555-0100", "call me"])
def test_conference_phones_use_only_the_specs_characters(make_meeting, phone):
    with pytest.raises(ValidationError) as caught:
        make_meeting(conference_phone=phone)

    assert "conference_phone" in caught.value.message_dict


def test_slugs_are_unique_and_at_most_64_characters(make_meeting):
    make_meeting(slug="tuesday-night")

    with pytest.raises(ValidationError) as duplicate:
        make_meeting(slug="tuesday-night")
    with pytest.raises(ValidationError) as too_long:
        make_meeting(slug="x" * 65)

    assert "slug" in duplicate.value.message_dict
    assert "slug" in too_long.value.message_dict


def test_unknown_type_codes_are_refused(make_meeting):
    with pytest.raises(ValidationError) as caught:
        make_meeting(types=["O", "NOPE"])

    assert "NOPE" in str(caught.value.message_dict["types"])


def test_the_feeds_types_add_program_language_verification_and_closure(make_meeting):
    meeting = make_meeting(
        types=["O", "BE"],
        program=Program.FAMILY_FRIENDS,
        languages=["S"],
        attendance_verification=True,
        is_active=False,
    )

    assert meeting.feed_types() == ["O", "BE", "SRFF", "S", "POA", "TC"]


def test_program_codes_collide_with_no_spec_code():
    from meetings.types import LANGUAGES, OTHER_SPEC_CODES, PROGRAM_TYPES, SPEC_TYPES

    spec_codes = set(SPEC_TYPES) | set(LANGUAGES) | OTHER_SPEC_CODES | {"ONL"}
    assert not set(PROGRAM_TYPES) & spec_codes


def test_moving_a_location_moves_its_meetings_on_the_map(make_meeting, venue):
    meeting = make_meeting()

    venue.latitude, venue.longitude = 30.3, -97.8
    venue.save()

    meeting.refresh_from_db()
    assert (meeting.latitude, meeting.longitude) == (30.3, -97.8)


def test_a_location_builds_the_specs_formatted_address_and_finds_its_zone(venue):
    assert venue.formatted_address == "2100 E 7th St, Austin, TX 78702, US"
    assert venue.timezone == "America/Chicago"


def test_a_location_without_coordinates_is_geocoded_when_cleaned(places):
    location = Location(address="1 Congress Ave", city="Austin", state="TX", postal_code="78701")

    location.full_clean()

    assert (location.latitude, location.longitude) == (30.2713, -97.7426)
    assert location.approximate


def test_an_address_that_cannot_be_found_says_so_and_how_to_fix_it(places):
    location = Location(address="1 Nowhere Lane", city="Atlantis")

    with pytest.raises(ValidationError) as caught:
        location.full_clean()

    message = " ".join(caught.value.messages)
    assert "could not find" in message
    assert "latitude and longitude by hand" in message


def test_half_a_coordinate_is_refused():
    with pytest.raises(ValidationError):
        Location(city="Austin", latitude=30.2).full_clean()


def test_regions_nest_and_never_contain_themselves(regions):
    assert Region.subtree_ids([regions["us"].pk]) == {
        regions["us"].pk,
        regions["texas"].pk,
        regions["austin"].pk,
    }
    regions["us"].parent = regions["austin"]
    with pytest.raises(ValidationError):
        regions["us"].full_clean()


def test_public_hides_private_and_closed_meetings(make_meeting):
    shown = make_meeting()
    make_meeting(is_public=False)
    make_meeting(is_active=False)

    assert list(Meeting.objects.public()) == [shown]


def test_every_change_to_a_meeting_is_kept_in_its_history(make_meeting):
    meeting = make_meeting()
    meeting.time = datetime.time(18, 30)
    meeting.save()

    history = list(meeting.history.order_by("history_date"))
    assert [record.history_type for record in history] == ["+", "~"]
    assert history[-1].time == datetime.time(18, 30)


@pytest.mark.parametrize("slug", ["online", "browse", "calendar"])
def test_slugs_that_are_finder_pages_are_refused(make_meeting, slug):
    with pytest.raises(ValidationError) as caught:
        make_meeting(slug=slug)

    assert "slug" in caught.value.message_dict
