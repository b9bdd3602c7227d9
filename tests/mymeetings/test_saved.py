"""Saving meetings with the star: in the session for visitors, in the account once signed in."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Attendance, MeetingException
from mymeetings.models import SavedMeeting
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

# A Tuesday in Chicago, 10:00 (16:00 UTC).
NOW = datetime.datetime(2026, 3, 3, 16, 0, tzinfo=datetime.UTC)


def save(client, meeting, *, saved: bool = True, referer: str = "", next_url: str = "/meetings/"):
    return client.post(
        f"/meetings/mine/save/{meeting.slug}/",
        {"saved": "1" if saved else "0", "next": next_url, "anchor": f"star-{meeting.slug}"},
        headers={"referer": referer} if referer else {},
    )


def listed(meeting) -> str:
    return f'<a href="/meetings/{meeting.slug}/">{meeting.name}</a></h2>'


def test_a_visitor_saves_a_meeting_and_goes_back_to_the_star(client, make_meeting):
    meeting = make_meeting(name="Eastside Tuesday")

    response = save(client, meeting, referer="http://testserver/meetings/?near=Austin")

    assert response.status_code == 302
    assert response["Location"] == f"http://testserver/meetings/?near=Austin#star-{meeting.slug}"
    assertContains(client.get("/meetings/mine/"), listed(meeting))
    assert not SavedMeeting.objects.exists()


def test_the_star_says_whether_the_meeting_is_saved(client, make_meeting):
    meeting = make_meeting(name="Eastside Tuesday")
    page = client.get(f"/meetings/{meeting.slug}/")
    assertContains(page, 'Save<span class="visually-hidden"> Eastside Tuesday to my meetings')

    save(client, meeting)

    page = client.get(f"/meetings/{meeting.slug}/")
    assertContains(page, 'Saved<span class="visually-hidden">: remove Eastside Tuesday')
    assertContains(page, 'name="saved" value="0"')


def test_unsaving_takes_it_off_my_meetings(client, make_meeting):
    meeting = make_meeting(name="Eastside Tuesday")
    save(client, meeting)

    save(client, meeting, saved=False)

    assertNotContains(client.get("/meetings/mine/"), listed(meeting))


def test_a_signed_in_participant_keeps_them_in_the_account(client, participant, make_meeting):
    meeting = make_meeting()
    client.force_login(participant)

    save(client, meeting)
    save(client, meeting)

    assert list(SavedMeeting.objects.values_list("user", "meeting")) == [
        (participant.pk, meeting.pk)
    ]


def test_signing_up_moves_the_visitors_saved_meetings_into_the_account(client, make_meeting):
    first, second = make_meeting(), make_meeting()
    save(client, first)
    save(client, second)

    client.post(
        "/accounts/signup/",
        {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
    )

    user = User.objects.get(username="newcomer")
    assert set(SavedMeeting.objects.filter(user=user).values_list("meeting", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert "saved_meetings" not in client.session


def test_signing_in_adds_them_to_those_already_in_the_account(client, participant, make_meeting):
    kept, new = make_meeting(), make_meeting()
    SavedMeeting.objects.create(user=participant, meeting=kept)
    save(client, kept)
    save(client, new)

    client.post("/accounts/login/", {"username": "river", "password": PASSWORD})

    saved = SavedMeeting.objects.filter(user=participant).values_list("meeting", flat=True)
    assert sorted(saved) == sorted([kept.pk, new.pk])


def test_the_star_never_sends_anyone_to_another_site(client, make_meeting):
    meeting = make_meeting()

    response = save(
        client, meeting, referer="https://evil.example/", next_url="https://evil.example/"
    )

    assert response["Location"] == f"/meetings/mine/#star-{meeting.slug}"


def test_without_a_referrer_the_star_goes_back_to_the_page_it_was_on(client, make_meeting):
    meeting = make_meeting()

    response = save(client, meeting, next_url=f"/meetings/{meeting.slug}/")

    assert response["Location"] == f"/meetings/{meeting.slug}/#star-{meeting.slug}"


def test_a_private_meeting_cannot_be_saved(client, make_meeting):
    meeting = make_meeting(is_public=False)

    assert save(client, meeting).status_code == 404


def test_saving_needs_a_post(client, make_meeting):
    meeting = make_meeting()

    assert client.get(f"/meetings/mine/save/{meeting.slug}/").status_code == 405


def test_a_meeting_listed_twice_on_a_page_has_two_distinct_stars(rf, make_meeting):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.template import engines

    meeting = make_meeting()
    request = rf.get("/meetings/online/")
    request.user, request.session = AnonymousUser(), SessionStore()
    template = engines["django"].from_string(
        "{% load mymeetings_tags %}{% save_star meeting %}{% save_star meeting %}"
    )

    html = template.render({"meeting": meeting}, request)

    assert f'id="star-{meeting.slug}"' in html
    assert f'id="star-{meeting.slug}-2"' in html


def test_my_meetings_are_in_order_of_their_next_date_in_my_zone(client, make_meeting):
    later = make_meeting(name="Thursday evening", day=4)
    sooner = make_meeting(name="Tuesday evening", day=2)
    save(client, later)
    save(client, sooner)
    client.cookies["tz"] = "Europe/London"

    with time_machine.travel(NOW, tick=False):
        page = client.get("/meetings/mine/")

    html = page.content.decode()
    assert html.index(listed(sooner)) < html.index(listed(later))
    # 19:00 in Chicago on Tuesday 3 March is 01:00 on Wednesday in London.
    assertContains(page, "Tomorrow 1:00 AM")
    assertContains(page, "Europe/London")


def test_my_meetings_show_cancellations_and_closed_meetings_last(client, make_meeting):
    cancelled = make_meeting(name="Cancelled one", day=2)
    closed = make_meeting(name="Closed one", day=1, is_active=False)
    MeetingException.objects.create(
        meeting=cancelled,
        kind=MeetingException.Kind.CANCELLED,
        date=datetime.date(2026, 3, 3),
        end_date=datetime.date(2026, 3, 3),
        note="Room booked",
    )
    save(client, closed)
    save(client, cancelled)

    with time_machine.travel(NOW, tick=False):
        page = client.get("/meetings/mine/")

    assertContains(page, "No meeting on Tuesday 3 March")
    assertContains(page, "Room booked")
    assertContains(page, "Temporarily closed")
    html = page.content.decode()
    assert html.index(listed(cancelled)) < html.index(listed(closed))
    # The next date is a week on, past the cancelled one (and past the clocks' change).
    assertContains(page, 'datetime="2026-03-11T00:00:00+00:00"')


def test_my_meetings_says_how_to_save_one_when_there_are_none(client):
    page = client.get("/meetings/mine/")

    assertContains(page, "You have not saved any meetings yet")
    assertContains(page, "☆ Save")


def test_the_online_schedule_carries_the_star(client, make_meeting):
    meeting = make_meeting(
        name="Online Tuesday",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://meet.example/x",
    )

    with time_machine.travel(NOW, tick=False):
        page = client.get("/meetings/online/?tz=America/Chicago")

    assertContains(page, f'action="/meetings/mine/save/{meeting.slug}/"')


def test_the_stars_script_gets_a_json_answer_and_no_page(client, make_meeting):
    meeting = make_meeting(name="Eastside Tuesday")

    response = client.post(
        f"/meetings/mine/save/{meeting.slug}/",
        {"saved": "1"},
        headers={"accept": "application/json"},
    )

    assert response.json() == {"saved": True, "message": "“Eastside Tuesday” is in My meetings."}
    assert client.session["saved_meetings"] == [meeting.pk]


def test_the_script_comes_once_with_the_first_star(client, make_meeting):
    meeting = make_meeting()

    page = client.get(f"/meetings/{meeting.slug}/").content.decode()

    assert page.count("js/save_star.js") == 1


def test_finder_results_carry_the_star(client, make_meeting):
    meeting = make_meeting(name="Eastside Tuesday")

    page = client.get("/meetings/", {"lat": "30.2614", "lng": "-97.7218"})

    assertContains(page, f'action="/meetings/mine/save/{meeting.slug}/"')


def test_my_meetings_can_be_shown_in_another_zone_which_is_remembered(client, make_meeting):
    save(client, make_meeting())

    page = client.get("/meetings/mine/", {"tz": "Asia/Tokyo"})

    assertContains(page, "in <strong>Asia/Tokyo</strong>")
    assertContains(page, '<option value="Asia/Tokyo" selected>')
    assert page.cookies["tz"].value == "Asia/Tokyo"
