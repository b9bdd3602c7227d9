"""The private calendar subscription: made, replaced and stopped from the account page; a feed
that follows the saved meetings' changes; a token kept only as a hash and out of the logs."""

from __future__ import annotations

import datetime
import logging
import re

import pytest
import time_machine
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import MeetingException
from mymeetings.models import CalendarFeed, SavedMeeting, hash_token

pytestmark = pytest.mark.django_db

# Tuesday 3 March 2026, 10:00 in Chicago.
NOW = datetime.datetime(2026, 3, 3, 16, 0, tzinfo=datetime.UTC)
TUESDAY = datetime.date(2026, 3, 10)


@pytest.fixture
def subscribed(client, participant, make_meeting):
    """The participant, signed in, with one saved Tuesday meeting and a calendar address."""
    meeting = make_meeting(name="Eastside Tuesday", day=2)
    SavedMeeting.objects.create(user=participant, meeting=meeting)
    client.force_login(participant)
    client.post("/meetings/mine/calendar/")
    return meeting


def feed_address(client) -> str:
    page = client.get("/accounts/").content.decode()
    return re.search(
        r'id="calendar-address" type="text" readonly value="https://[^/]+([^"]+)"', page
    )[1]


def events(client, address: str) -> list:
    with time_machine.travel(NOW, tick=False):
        response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def off_dates(event) -> list[datetime.date]:
    """The EXDATE dates of an event (one property, or one per date)."""
    found = event.get("exdate", [])
    lists = found if isinstance(found, list) else [found]
    return sorted(exdate.dt.date() for each in lists for exdate in each.dts)


def test_the_account_page_offers_a_calendar_address(client, participant):
    client.force_login(participant)

    assertContains(client.get("/accounts/"), "Make my calendar address")


def test_the_address_is_https_and_webcal_and_only_its_hash_is_stored(client, subscribed):
    page = client.get("/accounts/").content.decode()

    https = re.search(r'value="(https://testserver/meetings/mine/calendar/[\w-]+\.ics)"', page)[1]
    token = https.rsplit("/", 1)[1].removesuffix(".ics")
    assert f'href="webcal://testserver/meetings/mine/calendar/{token}.ics"' in page
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == hash_token(token)
    assert token not in str(CalendarFeed.objects.values().get())


def test_the_feed_holds_the_saved_meetings_weekly(client, subscribed):
    [event] = events(client, feed_address(client))

    assert str(event["summary"]) == "Eastside Tuesday"
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert event["dtstart"].dt == datetime.datetime(
        2026, 3, 3, 19, 0, tzinfo=event["dtstart"].dt.tzinfo
    )
    assert str(event["dtstart"].dt.tzinfo) == "America/Chicago"


def test_the_feed_follows_a_move_and_a_cancellation(client, subscribed):
    address = feed_address(client)
    MeetingException.objects.create(
        meeting=subscribed,
        kind="moved",
        date=TUESDAY,
        end_date=TUESDAY,
        new_time=datetime.time(18, 0),
    )
    cancelled = TUESDAY + datetime.timedelta(days=7)
    MeetingException.objects.create(
        meeting=subscribed, kind="cancelled", date=cancelled, end_date=cancelled
    )

    weekly, moved = events(client, address)

    assert off_dates(weekly) == [cancelled]
    assert moved["recurrence-id"].dt.date() == TUESDAY
    assert (moved["dtstart"].dt.date(), moved["dtstart"].dt.hour) == (TUESDAY, 18)


def test_the_feed_follows_a_closure_over_several_weeks(client, subscribed):
    address = feed_address(client)
    MeetingException.objects.create(
        meeting=subscribed,
        kind="closed",
        date=TUESDAY,
        end_date=TUESDAY + datetime.timedelta(days=20),
        note="Building works",
    )

    [weekly] = events(client, address)

    assert off_dates(weekly) == [TUESDAY + datetime.timedelta(days=7 * week) for week in range(3)]


def test_calendar_apps_may_ask_with_head(client, subscribed):
    assert client.head(feed_address(client)).status_code == 200


def test_a_closed_meeting_leaves_the_feed(client, subscribed):
    address = feed_address(client)
    subscribed.is_active = False
    subscribed.save()

    assert events(client, address) == []


def test_an_unsaved_meeting_leaves_the_feed(client, subscribed):
    address = feed_address(client)
    client.post(f"/meetings/mine/save/{subscribed.slug}/", {"saved": "0"})

    assert events(client, address) == []


def test_a_stopped_subscription_is_a_404(client, subscribed):
    address = feed_address(client)

    client.post("/meetings/mine/calendar/revoke/")

    assert client.get(address).status_code == 404
    assertContains(client.get("/accounts/"), "Make my calendar address")


def test_a_replaced_address_stops_the_old_one(client, subscribed):
    old = feed_address(client)

    client.post("/meetings/mine/calendar/")

    new = feed_address(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_token_never_reaches_the_logs(client, subscribed, caplog):
    address = feed_address(client)
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    client.post("/meetings/mine/calendar/revoke/")

    with caplog.at_level(logging.INFO):
        assert client.get(address).status_code == 404
        logging.getLogger("django.server").info('"GET %s HTTP/1.1" 200 12', address)

    assert "/meetings/mine/calendar/…" in caplog.text
    assert token not in caplog.text


def test_only_the_owner_can_make_or_stop_an_address(client, stranger):
    assert client.post("/meetings/mine/calendar/").status_code == 302
    assert not CalendarFeed.objects.exists()

    client.force_login(stranger)
    assertNotContains(client.get("/accounts/"), "calendar-address")
