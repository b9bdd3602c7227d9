"""A coordinator's bulk actions on the meeting list: move to a region, set the time zone,
export; each kept to their regions, each change in the meetings' history."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/meetings/meeting/"


@pytest.fixture
def texas_meetings(make_meeting, regions, facilitator):
    meetings = [
        make_meeting(name="Austin Monday", region=regions["austin"]),
        make_meeting(name="Texas Online", region=regions["texas"]),
    ]
    meetings[0].facilitators.add(facilitator)
    return meetings


@pytest.fixture
def leeds(make_meeting, regions):
    return make_meeting(name="Leeds Wednesday", region=regions["gb"], timezone="Europe/London")


def act(client, action: str, meetings, **extra):
    data = {"action": action, "_selected_action": [meeting.pk for meeting in meetings], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_a_coordinator_moves_meetings_to_one_of_their_regions(
    client, coordinator, texas_meetings, regions
):
    client.force_login(coordinator)

    response = act(client, "move_to_region", texas_meetings, region=regions["austin"].pk)

    assertContains(response, "2 meetings moved to")
    for meeting in texas_meetings:
        meeting.refresh_from_db()
        assert meeting.region == regions["austin"]
    record = texas_meetings[1].history.first()
    assert record.history_user == coordinator
    assert record.history_change_reason == "Moved to Austin Metro with others"


def test_a_coordinator_cannot_move_meetings_to_a_region_not_theirs(
    client, coordinator, texas_meetings, regions
):
    client.force_login(coordinator)

    response = act(client, "move_to_region", texas_meetings, region=regions["gb"].pk)

    assertContains(response, "Choose one of your regions")
    texas_meetings[0].refresh_from_db()
    assert texas_meetings[0].region == regions["austin"]


def test_the_region_list_offers_only_the_coordinators_regions(client, coordinator, texas_meetings):
    client.force_login(coordinator)

    response = client.get(CHANGELIST)

    assertContains(response, "Austin Metro</option>")
    assertNotContains(response, "United Kingdom</option>")


def test_a_coordinators_action_never_reaches_a_meeting_outside_their_regions(
    client, coordinator, texas_meetings, leeds
):
    client.force_login(coordinator)

    act(client, "set_timezone", [*texas_meetings, leeds], timezone="America/Denver")

    leeds.refresh_from_db()
    assert leeds.timezone == "Europe/London"
    texas_meetings[0].refresh_from_db()
    assert texas_meetings[0].timezone == "America/Denver"


def test_an_unknown_time_zone_changes_nothing(client, coordinator, texas_meetings):
    client.force_login(coordinator)

    response = act(client, "set_timezone", texas_meetings, timezone="Texas/Austin")

    assertContains(response, "Give a time zone name")
    texas_meetings[0].refresh_from_db()
    assert texas_meetings[0].timezone == "America/Chicago"


def test_a_coordinator_exports_their_meetings_as_csv_and_json(
    client, coordinator, texas_meetings, leeds
):
    client.force_login(coordinator)

    as_csv = act(client, "export_csv", [*texas_meetings, leeds])
    as_json = act(client, "export_json", [*texas_meetings, leeds])

    names = sorted(row["Name"] for row in csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert names == ["Austin Monday", "Texas Online"]
    assert sorted(record["name"] for record in json.loads(as_json.content)) == names


def test_facilitators_have_no_bulk_actions(client, facilitator, texas_meetings, regions):
    client.force_login(facilitator)

    listing = client.get(CHANGELIST)
    act(client, "move_to_region", texas_meetings[:1], region=regions["texas"].pk)

    assertNotContains(listing, "move_to_region")
    assertNotContains(listing, "export_csv")
    texas_meetings[0].refresh_from_db()
    assert texas_meetings[0].region == regions["austin"]
