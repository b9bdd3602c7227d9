"""Who may do what in the admin: a facilitator, another facilitator, a coordinator, a superuser."""

from __future__ import annotations

import pytest
from django.contrib import admin
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import ChangeRequest, Location, Meeting

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/meetings/meeting/"


def change_url(meeting: Meeting) -> str:
    return f"{CHANGELIST}{meeting.pk}/change/"


@pytest.fixture
def own_meeting(make_meeting, facilitator, regions):
    meeting = make_meeting(name="Fay's Tuesday", region=regions["austin"])
    meeting.facilitators.add(facilitator)
    return meeting


@pytest.fixture
def others_meeting(make_meeting, other_facilitator, regions):
    meeting = make_meeting(name="Otto's Private Group", region=regions["gb"], is_public=False)
    meeting.facilitators.add(other_facilitator)
    return meeting


def edit_form(meeting: Meeting, **changes) -> dict:
    data = {
        "name": meeting.name,
        "slug": meeting.slug,
        "day": meeting.day,
        "time": "18:15",
        "end_time": "19:30",
        "timezone": meeting.timezone,
        "is_active": "on",
        "attendance": meeting.attendance,
        "location": meeting.location_id,
        "program": meeting.program,
        "types": ["O"],
        "languages": ["EN"],
        "is_public": "on",
        # The one-off changes inline's management form: none shown, none added.
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_anonymous_visitors_are_sent_to_sign_in(client, own_meeting):
    response = client.get(change_url(own_meeting))

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_facilitator_lists_only_their_own_meetings(
    client, facilitator, own_meeting, others_meeting
):
    client.force_login(facilitator)

    response = client.get(CHANGELIST)

    assertContains(response, "Fay&#x27;s Tuesday")
    assertNotContains(response, "Otto&#x27;s Private Group")


def test_a_facilitator_changes_their_meetings_time(client, facilitator, own_meeting):
    client.force_login(facilitator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, time="18:15"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.time.strftime("%H:%M") == "18:15"


def test_a_facilitator_cannot_open_another_facilitators_meeting(
    client, facilitator, others_meeting
):
    client.force_login(facilitator)

    page = client.get(change_url(others_meeting))
    history = client.get(f"{CHANGELIST}{others_meeting.pk}/history/")
    post = client.post(change_url(others_meeting), edit_form(others_meeting))

    assert page.status_code == 302  # Django's admin redirects a missing object to the index.
    assert history.status_code == 403
    assert post.status_code == 302
    others_meeting.refresh_from_db()
    assert others_meeting.time.strftime("%H:%M") == "19:00"


def test_a_facilitator_cannot_reassign_their_meeting(
    client, facilitator, other_facilitator, own_meeting, regions
):
    client.force_login(facilitator)

    client.post(
        change_url(own_meeting),
        edit_form(own_meeting, region=regions["gb"].pk, facilitators=[other_facilitator.pk]),
    )

    own_meeting.refresh_from_db()
    assert own_meeting.region == regions["austin"]
    assert list(own_meeting.facilitators.all()) == [facilitator]


def test_a_facilitator_sees_their_meetings_history(client, facilitator, own_meeting):
    client.force_login(facilitator)
    client.post(change_url(own_meeting), edit_form(own_meeting, time="18:15"))

    response = client.get(f"{CHANGELIST}{own_meeting.pk}/history/")

    assertContains(response, "fay")
    assert own_meeting.history.first().history_user.username == "fay"


def test_a_facilitator_cannot_add_or_delete_meetings(client, facilitator, own_meeting):
    client.force_login(facilitator)

    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}{own_meeting.pk}/delete/").status_code == 403


def test_a_coordinator_sees_every_meeting_in_their_regions_nested_ones_too(
    client, coordinator, own_meeting, others_meeting
):
    client.force_login(coordinator)

    response = client.get(CHANGELIST)

    assertContains(response, "Fay&#x27;s Tuesday")
    assertNotContains(response, "Otto&#x27;s Private Group")


def test_a_coordinator_assigns_facilitators(
    client, coordinator, own_meeting, other_facilitator, regions
):
    client.force_login(coordinator)

    response = client.post(
        change_url(own_meeting),
        edit_form(own_meeting, region=regions["texas"].pk, facilitators=[other_facilitator.pk]),
    )

    assert response.status_code == 302
    assert list(own_meeting.facilitators.all()) == [other_facilitator]


def test_a_coordinator_cannot_move_a_meeting_out_of_their_regions(
    client, coordinator, own_meeting, regions
):
    client.force_login(coordinator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, region=regions["gb"].pk))

    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors


def test_a_superuser_sees_everything(client, superuser, own_meeting, others_meeting):
    client.force_login(superuser)

    response = client.get(CHANGELIST)

    assertContains(response, "Fay&#x27;s Tuesday")
    assertContains(response, "Otto&#x27;s Private Group")


def test_the_list_filters_by_type(client, superuser, make_meeting):
    make_meeting(name="Women Only", types=["W"])
    make_meeting(name="Open To All", types=["O"])
    client.force_login(superuser)

    response = client.get(CHANGELIST, {"type": "W"})

    assertContains(response, "Women Only")
    assertNotContains(response, "Open To All")


def test_change_requests_reach_only_the_meetings_people(
    client, facilitator, other_facilitator, own_meeting, others_meeting
):
    ChangeRequest.objects.create(meeting=own_meeting, message="Moved to room 4")
    ChangeRequest.objects.create(meeting=others_meeting, message="Link is broken")
    client.force_login(facilitator)

    response = client.get("/admin/meetings/changerequest/")

    assertContains(response, "Moved to room 4")
    assertNotContains(response, "Link is broken")


def test_a_change_request_is_marked_done(client, facilitator, own_meeting):
    request = ChangeRequest.objects.create(meeting=own_meeting, message="Moved to room 4")
    client.force_login(facilitator)

    client.post(
        "/admin/meetings/changerequest/",
        {"action": "mark_done", "_selected_action": [request.pk]},
    )

    request.refresh_from_db()
    assert request.resolved_by == facilitator
    assert request.resolved_at is not None


def test_a_facilitator_sees_only_their_meetings_venues(
    client, facilitator, own_meeting, make_meeting
):
    from meetings.models import Location

    elsewhere = Location.objects.create(name="Hidden Hall", city="Leeds", country="GB")
    make_meeting(location=elsewhere)
    client.force_login(facilitator)

    response = client.get("/admin/meetings/location/")

    assertContains(response, "Eastside Library")
    assertNotContains(response, "Hidden Hall")


def test_coordinators_find_the_import_screen_from_the_meeting_list(client, coordinator):
    client.force_login(coordinator)

    response = client.get(CHANGELIST)

    assertContains(response, 'href="/admin/meetings/meeting/import/"')
    assert client.get("/admin/meetings/meeting/import/").status_code == 200


def test_facilitators_neither_see_nor_open_the_import_screen(client, facilitator, own_meeting):
    client.force_login(facilitator)

    assertNotContains(client.get(CHANGELIST), "/admin/meetings/meeting/import/")
    assert client.get("/admin/meetings/meeting/import/").status_code == 403


# Venues: changing one moves every meeting held there, so only a venue all of whose meetings
# the user may edit is theirs to pick or change. others_meeting shares own_meeting's venue.

LOCATIONS = "/admin/meetings/location/"
AUTOCOMPLETE = "/admin/autocomplete/"


def venue_form(location: Location, **changes) -> dict:
    data = {
        "name": location.name,
        "address": location.address,
        "city": location.city,
        "state": location.state,
        "postal_code": location.postal_code,
        "country": location.country,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "notes": location.notes,
    }
    data.update(changes)
    return data


def venue_choices(client) -> list[str]:
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "meetings", "model_name": "meeting", "field_name": "location", "term": ""},
    )
    assert response.status_code == 200
    return sorted(result["text"] for result in response.json()["results"])


@pytest.fixture
def leeds_hall(make_meeting, other_facilitator, regions) -> Location:
    """A venue used only by a meeting in another region."""
    hall = Location.objects.create(
        name="Leeds Hall", city="Leeds", country="GB", latitude=53.8, longitude=-1.55
    )
    meeting = make_meeting(name="Leeds Monday", region=regions["gb"], location=hall)
    meeting.facilitators.add(other_facilitator)
    return hall


@pytest.fixture
def fays_own_venue(own_meeting) -> Location:
    """A venue only Fay's meeting uses."""
    hall = Location.objects.create(
        name="Fay's Hall", city="Austin", country="US", latitude=30.3, longitude=-97.7
    )
    own_meeting.location = hall
    own_meeting.save()
    return hall


def test_a_facilitator_cannot_move_their_meeting_to_another_regions_venue(
    client, facilitator, own_meeting, leeds_hall
):
    client.force_login(facilitator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, location=leeds_hall.pk))

    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.location != leeds_hall
    assert own_meeting.time.strftime("%H:%M") == "19:00"


def test_a_coordinator_cannot_move_a_meeting_to_a_venue_outside_their_regions(
    client, coordinator, own_meeting, leeds_hall
):
    client.force_login(coordinator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, location=leeds_hall.pk))

    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.location != leeds_hall


def test_a_facilitator_cannot_move_their_meeting_to_a_venue_shared_with_others(
    client, facilitator, fays_own_venue, own_meeting, others_meeting, venue
):
    client.force_login(facilitator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, location=venue.pk))

    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.location == fays_own_venue


def test_a_facilitator_still_saves_their_meeting_at_a_shared_venue(
    client, facilitator, own_meeting, others_meeting, venue
):
    client.force_login(facilitator)

    response = client.post(change_url(own_meeting), edit_form(own_meeting, time="18:15"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.location == venue
    assert own_meeting.time.strftime("%H:%M") == "18:15"


def test_a_coordinator_moves_a_meeting_to_a_new_venue(client, coordinator, own_meeting):
    hall = Location.objects.create(
        name="New Hall", city="Austin", country="US", latitude=30.3, longitude=-97.7
    )
    client.force_login(coordinator)

    response = client.post(
        change_url(own_meeting),
        edit_form(own_meeting, location=hall.pk, region=own_meeting.region_id),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    own_meeting.refresh_from_db()
    assert own_meeting.location == hall


@pytest.mark.parametrize("persona", ["facilitator", "coordinator"])
def test_a_venue_shared_with_someone_elses_meeting_is_read_only(
    client, persona, own_meeting, others_meeting, venue, request
):
    client.force_login(request.getfixturevalue(persona))
    url = f"{LOCATIONS}{venue.pk}/change/"

    page = client.get(url)
    post = client.post(url, venue_form(venue, name="Moved", latitude=51.5, longitude=-0.12))

    assert page.status_code == 200
    assertContains(page, "Eastside Library")
    assertNotContains(page, 'name="_save"')
    assert post.status_code == 403
    venue.refresh_from_db()
    others_meeting.refresh_from_db()
    assert venue.name == "Eastside Library"
    assert others_meeting.latitude == pytest.approx(30.2614)


def test_a_coordinator_of_every_region_using_a_venue_changes_it(
    client, coordinator, own_meeting, others_meeting, venue, regions
):
    coordinator.coordinated_regions.add(regions["gb"])
    client.force_login(coordinator)

    response = client.post(f"{LOCATIONS}{venue.pk}/change/", venue_form(venue, notes="Room 4"))

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.notes == "Room 4"


def test_a_facilitator_changes_a_venue_only_their_meetings_use(
    client, facilitator, fays_own_venue, others_meeting
):
    client.force_login(facilitator)

    response = client.post(
        f"{LOCATIONS}{fays_own_venue.pk}/change/", venue_form(fays_own_venue, notes="Room 4")
    )

    assert response.status_code == 302
    fays_own_venue.refresh_from_db()
    assert fays_own_venue.notes == "Room 4"


def test_the_venue_picker_offers_only_venues_the_user_may_change(
    client, facilitator, coordinator, make_meeting, own_meeting, others_meeting, leeds_hall
):
    hall = Location.objects.create(name="Fay's Hall", city="Austin", country="US")
    make_meeting(name="Fay's Thursday", location=hall).facilitators.add(facilitator)
    unused = Location.objects.create(name="Unused Hall", city="Austin", country="US")

    # Eastside Library holds Fay's meeting and Otto's: neither of them may pick it.
    client.force_login(facilitator)
    assert venue_choices(client) == ["Fay's Hall"]
    client.force_login(coordinator)
    assert venue_choices(client) == [str(unused)]


def test_a_superuser_may_change_and_pick_any_venue(
    superuser, own_meeting, others_meeting, leeds_hall, venue
):
    assert set(Location.objects.editable_by(superuser)) == {venue, leeds_hall}


def test_the_meeting_form_itself_refuses_a_venue_the_editor_may_not_change(
    rf, facilitator, own_meeting, leeds_hall
):
    request = rf.get("/")
    request.user = facilitator
    form_class = admin.site.get_model_admin(Meeting).get_form(request, own_meeting, change=True)
    form = form_class(edit_form(own_meeting, location=leeds_hall.pk), instance=own_meeting)
    # As if the picker's scope were lost: clean() still refuses the venue.
    form.fields["location"].queryset = Location.objects.all()

    assert not form.is_valid()
    assert "shared with meetings you cannot edit" in str(form.errors["location"])
