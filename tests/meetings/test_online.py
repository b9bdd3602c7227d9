"""/meetings/online/: the week's online meetings a day at a time in the viewer's zone, and the home
page's few."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from meetings.models import Attendance, Meeting
from meetings.online_schedule import listed_meetings
from meetings.schedule import occurrences_between
from meetings.types import Program

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
URL = "/meetings/online/"
SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(7)
# Monday 12 January 2026, noon in London (winter on both sides of the Atlantic).
JANUARY_MONDAY_NOON = datetime.datetime(2026, 1, 12, 12, 0, tzinfo=UTC)


def frozen(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def online_meeting(make_meeting) -> Callable[..., Meeting]:
    """An online meeting on Monday at 19:00 in New York unless told otherwise."""

    def make(**fields) -> Meeting:
        defaults = {
            "attendance": Attendance.ONLINE,
            "location": None,
            "conference_url": "https://video.example.org/j/123456",
            "timezone": "America/New_York",
            "day": MONDAY,
            "time": datetime.time(19, 0),
            "end_time": datetime.time(20, 30),
        }
        return make_meeting(**{**defaults, **fields})

    return make


def section(content: str, heading_id: str) -> str:
    """The HTML of the section labelled by this heading ("" when the page has none)."""
    match = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', content, re.S)
    return match.group(1) if match else ""


def days(content: str) -> list[tuple[str, str]]:
    """Each day's heading and its HTML, in page order (a page lists one day)."""
    pattern = r'class="mb-4 day-section".*?<time datetime="[^"]+">([^<]+)</time>(.*?)</section>'
    return re.findall(pattern, content, re.S)


def day_of(content: str, name: str) -> str:
    found = [label for label, html in days(content) if name in html]
    assert len(found) == 1, f"{name} is listed under {found}"
    return found[0]


def day_listing(content: str) -> str:
    """The HTML of the one day the page lists."""
    [(_, html)] = days(content)
    return html


def listed_names(content: str) -> list[str]:
    return re.findall(r'<h3 class="online-name"><a href="[^"]+">([^<]+)</a>', day_listing(content))


def day_links(content: str) -> list[tuple[str, str, str]]:
    """The day navigation: each link's href, whether it is the current page, and its text."""
    nav = re.search(r'<nav class="day-nav" aria-label="Days">(.*?)</nav>', content, re.S)
    assert nav, "the page has no day navigation"
    links = re.findall(r'<a href="([^"]*)"( aria-current="page")?>(.*?)</a>', nav.group(1), re.S)
    return [(href, current, re.sub(r"<[^>]+>", "", text)) for href, current, text in links]


# --- The viewer's zone ---------------------------------------------------------------------


def test_it_shows_a_new_york_monday_evening_on_tuesday_at_midnight_in_london(
    client, online_meeting
):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London", "date": "2026-01-13"})

    assert response.status_code == 200
    assertTemplateUsed(response, "meetings/online.html")
    assertContains(response, '<time datetime="2026-01-13T00:00+00:00">12:00 AM</time>', html=False)
    assertContains(response, '<time datetime="2026-01-13T01:30+00:00">1:30 AM</time>', html=False)
    assert day_of(response.content.decode(), "Monday Evening Online") == "Tomorrow"
    assertContains(response, "7:00 PM in New York")


def test_in_mid_march_the_same_meeting_is_at_2300_on_monday_in_london(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(datetime.datetime(2026, 3, 16, 12, 0, tzinfo=UTC)):
        response = client.get(URL, {"tz": "Europe/London"})

    assertContains(response, '<time datetime="2026-03-16T23:00+00:00">11:00 PM</time>', html=False)
    assert day_of(response.content.decode(), "Monday Evening Online") == "Today"


def test_in_july_it_is_tuesday_at_midnight_in_london_again(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(datetime.datetime(2026, 7, 13, 12, 0, tzinfo=UTC)):
        response = client.get(URL, {"tz": "Europe/London", "date": "2026-07-14"})

    assertContains(response, '<time datetime="2026-07-14T00:00+01:00">12:00 AM</time>', html=False)
    assert day_of(response.content.decode(), "Monday Evening Online") == "Tomorrow"


def test_the_meetings_own_clock_is_not_repeated_for_a_viewer_in_its_zone(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "America/New_York"})

    assertContains(response, '<time datetime="2026-01-12T19:00-05:00">7:00 PM</time>', html=False)
    assertNotContains(response, "in New York")
    assert day_of(response.content.decode(), "Monday Evening Online") == "Today"


def test_an_alias_zone_is_accepted_and_keeps_the_half_hour(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Asia/Calcutta", "date": "2026-01-13"})

    assertContains(response, '<time datetime="2026-01-13T05:30+05:30">5:30 AM</time>', html=False)
    assertContains(response, "Mon 7:00 PM in New York")
    assertContains(response, '<option value="Asia/Calcutta" selected>', html=False)
    assert response.cookies["tz"].value == "Asia/Calcutta"


def test_a_zone_name_in_the_wrong_case_is_understood(client, online_meeting):
    online_meeting()

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "europe/london"})

    assertContains(response, "in Europe/London.")
    assertContains(response, '<option value="Europe/London" selected>', html=False)
    assert response.cookies["tz"].value == "Europe/London"


def test_a_sydney_monday_morning_shows_on_sunday_in_los_angeles(client, online_meeting):
    online_meeting(name="Sydney Monday Morning", timezone="Australia/Sydney", time=datetime.time(9))

    # Sunday 11 January 2026, 10:00 in Los Angeles.
    with frozen(datetime.datetime(2026, 1, 11, 18, 0, tzinfo=UTC)):
        response = client.get(URL, {"tz": "America/Los_Angeles"})

    assertContains(response, '<time datetime="2026-01-11T14:00-08:00">2:00 PM</time>', html=False)
    assert day_of(response.content.decode(), "Sydney Monday Morning") == "Today"
    assertContains(response, "Mon 9:00 AM in Sydney")


def test_the_zone_asked_for_is_remembered_in_a_cookie_for_a_year(client, online_meeting):
    online_meeting()

    response = client.get(URL, {"tz": "Europe/London"})

    cookie = response.cookies["tz"]
    assert cookie.value == "Europe/London"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert not cookie["secure"]
    assert "Cookie" in response.headers["Vary"]


def test_the_cookie_is_secure_on_a_secure_request(client):
    response = client.get(URL, {"tz": "Europe/London"}, secure=True)

    assert response.cookies["tz"]["secure"]


def test_the_remembered_zone_is_used_when_no_zone_is_asked_for(client, online_meeting):
    online_meeting(name="Monday Evening Online")
    client.get(URL, {"tz": "Asia/Tokyo"})

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"date": "2026-01-13"})

    # 19:00 in New York on Monday is 09:00 on Tuesday in Tokyo.
    assertContains(response, '<time datetime="2026-01-13T09:00+09:00">9:00 AM</time>', html=False)
    assertContains(response, '<option value="Asia/Tokyo" selected>', html=False)
    assertContains(response, 'data-viewer-zone="Asia/Tokyo" data-zone-asked="false"', html=False)
    assertNotContains(response, "Times are in UTC because")
    assert "tz" not in response.cookies


def test_without_a_zone_it_shows_utc_and_asks_for_one(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"date": "2026-01-13"})

    assertContains(response, "Times are in UTC because we don't know your time zone yet")
    assertContains(response, '<time datetime="2026-01-13T00:00+00:00">12:00 AM</time>', html=False)
    assertContains(response, 'data-viewer-zone="UTC" data-zone-asked="false"', html=False)
    assertContains(response, '<option value="UTC" selected>', html=False)
    assertContains(response, "js/zone.js")
    assert "tz" not in response.cookies


def test_the_picker_offers_zones_grouped_by_region(client):
    response = client.get(URL, {"tz": "Europe/London"})

    assertContains(response, '<form method="get" action="/meetings/online/"', html=False)
    assertContains(response, '<select class="form-select" id="zone-select" name="tz"', html=False)
    for region in ("Africa", "America", "Asia", "Australia", "Europe", "Pacific"):
        assertContains(response, f'<optgroup label="{region}">', html=False)
    assertContains(response, '<option value="America/New_York">New York</option>', html=False)
    assertContains(response, '<option value="Asia/Kolkata">Kolkata</option>', html=False)
    assertContains(response, '<option value="Europe/London" selected>London</option>', html=False)
    assertContains(response, "Show times</button>")


# --- Bad input -----------------------------------------------------------------------------


def test_an_unknown_zone_is_a_clear_message_and_falls_back_to_utc(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Mars/Olympus_Mons", "date": "2026-01-13"})

    assert response.status_code == 200
    assertContains(response, "We don't know a time zone called “Mars/Olympus_Mons”")
    assertContains(response, "Times below are in UTC.")
    assertContains(response, '<time datetime="2026-01-13T00:00+00:00">12:00 AM</time>', html=False)
    assertContains(response, 'class="form-select is-invalid"', html=False)
    assert "tz" not in response.cookies


def test_an_unknown_zone_falls_back_to_the_remembered_one(client):
    client.get(URL, {"tz": "Asia/Tokyo"})

    response = client.get(URL, {"tz": "Nowhere/Special"})

    assertContains(response, "We don't know a time zone called “Nowhere/Special”")
    assertContains(response, "Times below are in Asia/Tokyo.")
    assert "tz" not in response.cookies
    assert client.cookies["tz"].value == "Asia/Tokyo"


def test_what_the_visitor_typed_is_escaped(client):
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'

    response = client.get(URL, {"tz": attack})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x" in content


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/etc/localtime",
        "America",
        "Europe/",
        "x" * 5000,
        "a\x00b",
        "localtime",
        "Factory",
    ],
)
def test_odd_zone_names_are_a_message_never_an_error(client, name):
    response = client.get(URL, {"tz": name})

    assert response.status_code == 200
    assertContains(response, "We don't know a time zone called")
    assert "tz" not in response.cookies


def test_control_characters_are_not_shown_back(client):
    response = client.get(URL, {"tz": "Mars\x00\x1b[31m"})

    assertContains(response, "“Mars[31m”")
    assert "\x00" not in response.content.decode()


def test_a_long_zone_name_is_cut_short_in_the_message(client):
    response = client.get(URL, {"tz": "Z" * 500})

    assertContains(response, "“" + "Z" * 80 + "”")
    assertNotContains(response, "Z" * 81)


def test_a_broken_cookie_is_ignored(client):
    client.cookies["tz"] = "<b>bold</b>"

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, "Times are in UTC because")
    assertNotContains(response, "<b>bold</b>")


# --- In progress, within the hour, the week ------------------------------------------------


def test_it_shows_what_is_in_progress_and_what_starts_within_the_hour(client, online_meeting):
    online_meeting(
        name="Late Monday Online",
        timezone="Europe/London",
        time=datetime.time(23, 0),
        end_time=datetime.time(0, 30),
        conference_url="https://video.example.org/j/late",
        conference_phone="+442071234567,,998877#",
    )
    online_meeting(
        name="Small Hours Online",
        day=TUESDAY,
        timezone="Europe/London",
        time=datetime.time(1, 0),
        end_time=datetime.time(2, 0),
        conference_url="https://video.example.org/j/small-hours",
    )
    online_meeting(
        name="Later Tuesday Online",
        day=TUESDAY,
        timezone="Europe/London",
        time=datetime.time(2, 0),
        end_time=datetime.time(3, 0),
        conference_url="https://video.example.org/j/later",
    )

    # Tuesday 13 January 2026, 00:15 in London: the Monday meeting runs past midnight.
    with frozen(datetime.datetime(2026, 1, 13, 0, 15, tzinfo=UTC)):
        response = client.get(URL, {"tz": "Europe/London"})

    content = response.content.decode()
    now = section(content, "now-heading")
    soon = section(content, "soon-heading")
    assert "In progress now" in now
    assert "Late Monday Online" in now
    assert 'href="https://video.example.org/j/late"' in now
    assert 'href="tel:+442071234567,,998877%23"' in now
    assert "ends in 15 min" in now
    assert "Small Hours Online" not in now
    assert "Starting within the hour" in soon
    assert "Small Hours Online" in soon
    assert 'href="https://video.example.org/j/small-hours"' in soon
    assert "Starts in 45 min" in soon
    assert "Late Monday Online" not in soon
    assert "Later Tuesday Online" not in now + soon
    assert "video.example.org/j/later" not in content
    # Today's list below holds what is still to start; the one running is next Monday's there.
    assert listed_names(content) == ["Small Hours Online", "Later Tuesday Online"]
    with frozen(datetime.datetime(2026, 1, 13, 0, 15, tzinfo=UTC)):
        monday = client.get(URL, {"tz": "Europe/London", "date": "2026-01-19"}).content.decode()
    assert day_of(monday, "Late Monday Online") == "Monday 19 January"
    assert section(monday, "now-heading") == section(monday, "soon-heading") == ""


def test_without_anything_now_it_says_when_the_next_meeting_is(client, online_meeting):
    online_meeting(name="Monday Evening Online")

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London"})

    content = response.content.decode()
    assert section(content, "now-heading") == section(content, "soon-heading") == ""
    assertContains(response, "No meeting is running right now or starting within the hour")
    assertContains(response, "Tomorrow 12:00 AM")


def test_each_day_lists_the_meetings_of_the_viewers_local_date(client, online_meeting):
    london = {"timezone": "Europe/London"}
    online_meeting(name="Wednesday Evening", day=WEDNESDAY, time=datetime.time(18), **london)
    online_meeting(name="Thursday Morning", day=THURSDAY, time=datetime.time(9), **london)
    online_meeting(name="Friday Lunch", day=FRIDAY, time=datetime.time(12), **london)
    online_meeting(
        name="Wednesday Breakfast",
        day=WEDNESDAY,
        time=datetime.time(8),
        end_time=datetime.time(9),
        **london,
    )

    # Wednesday 25 November 2026, 10:00 in London.
    with frozen(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=UTC)):
        pages = {
            date: client.get(URL, {"tz": "Europe/London", "date": date}).content.decode()
            for date in ("", "2026-11-26", "2026-11-27", "2026-11-28")
        }

    # This morning's has been and gone, so today lists only the evening's.
    assert listed_names(pages[""]) == ["Wednesday Evening"]
    assert day_of(pages[""], "Wednesday Evening") == "Today"
    assert listed_names(pages["2026-11-26"]) == ["Thursday Morning"]
    assert day_of(pages["2026-11-26"], "Thursday Morning") == "Tomorrow"
    assert listed_names(pages["2026-11-27"]) == ["Friday Lunch"]
    assert '<time datetime="2026-11-27">Friday 27 November</time>' in pages["2026-11-27"]
    assert listed_names(pages["2026-11-28"]) == []
    assert "No online meetings on Saturday 28 November." in pages["2026-11-28"]


def test_a_viewer_ahead_of_the_meeting_sees_it_on_the_next_day(client, online_meeting):
    online_meeting(name="Wednesday Evening New York", day=WEDNESDAY, time=datetime.time(20))

    # Wednesday 25 November 2026, 10:00 UTC; 20:00 in New York is 01:00 Thursday UTC.
    with frozen(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=UTC)):
        in_tokyo_today = client.get(URL, {"tz": "Asia/Tokyo"}).content.decode()
        in_tokyo = client.get(URL, {"tz": "Asia/Tokyo", "date": "2026-11-26"}).content.decode()
        in_new_york = client.get(URL, {"tz": "America/New_York"}).content.decode()

    assert "Wednesday Evening New York" not in day_listing(in_tokyo_today)
    assert day_of(in_tokyo, "Wednesday Evening New York") == "Tomorrow"
    assert '<time datetime="2026-11-26T10:00+09:00">10:00 AM</time>' in in_tokyo
    assert day_of(in_new_york, "Wednesday Evening New York") == "Today"


def test_each_listing_links_the_meeting_and_names_its_types(client, online_meeting):
    online_meeting(
        name="Women Online in Spanish",
        slug="women-online-spanish",
        types=["W", "D"],
        languages=["S"],
        program=Program.FAMILY_FRIENDS,
    )

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "America/New_York"})

    assertContains(
        response,
        '<a href="/meetings/women-online-spanish/">Women Online in Spanish</a>',
        html=False,
    )
    badges = re.search(r'<ul class="online-badges"[^>]*>(.*?)</ul>', response.text).group(1)
    for name in ("Women", "Discussion", "Spanish", "Family &amp; Friends"):
        assert f"<li>{name}</li>" in badges


def test_hybrid_meetings_are_listed_and_marked(client, online_meeting, venue):
    online_meeting(name="Library Hybrid", attendance=Attendance.HYBRID, location=venue)

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "America/New_York"})

    content = response.content.decode()
    listing = content[content.index("Library Hybrid") :]
    assert (
        '<li class="hybrid-badge">Hybrid: also in person</li>' in listing[: listing.index("</ul>")]
    )


def test_private_closed_and_in_person_meetings_are_never_shown(client, online_meeting, venue):
    online_meeting(name="Open Online")
    online_meeting(name="Facility Private", is_public=False)
    online_meeting(name="Temporarily Closed Online", is_active=False)
    online_meeting(name="Room Only", attendance=Attendance.IN_PERSON, location=venue)

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "America/New_York"})

    assertContains(response, "Open Online")
    for hidden in ("Facility Private", "Temporarily Closed Online", "Room Only"):
        assertNotContains(response, hidden)


def test_it_says_kindly_when_there_is_nothing_to_show(client, online_meeting):
    online_meeting(name="Private Only", is_public=False)

    response = client.get(URL, {"tz": "Europe/London"})

    assert response.status_code == 200
    assertContains(response, "No more online meetings start today. Choose another day above.")
    assertContains(response, 'href="/meetings/"', html=False)


# --- One day at a time ---------------------------------------------------------------------


@pytest.fixture
def london_week(online_meeting) -> None:
    """Something each evening in London, Monday 12 to Sunday 18 January 2026."""
    for day in range(7):
        online_meeting(
            name=f"Evening {day}", day=day, timezone="Europe/London", time=datetime.time(18)
        )


def test_it_lists_today_by_default_and_offers_the_next_seven_days(client, london_week):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London"})

    content = response.content.decode()
    assert listed_names(content) == [f"Evening {MONDAY}"]
    assert day_of(content, f"Evening {MONDAY}") == "Today"
    assert "Evening 2" not in content
    assert day_links(content) == [
        ("?tz=Europe%2FLondon", ' aria-current="page"', "Today 12 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-13", "", "Tomorrow 13 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-14", "", "Wed 14 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-15", "", "Thu 15 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-16", "", "Fri 16 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-17", "", "Sat 17 Jan"),
        ("?tz=Europe%2FLondon&amp;date=2026-01-18", "", "Sun 18 Jan"),
    ]
    assertContains(response, '<time class="day-nav-date" datetime="2026-01-14">', html=False)
    assertContains(response, 'Next day: Tomorrow<span aria-hidden="true"> →</span>', html=False)
    assertNotContains(response, 'name="date"')


def test_another_day_is_chosen_with_date(client, london_week):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London", "date": "2026-01-15"})

    content = response.content.decode()
    assert response.status_code == 200
    assert listed_names(content) == [f"Evening {THURSDAY}"]
    assert day_of(content, f"Evening {THURSDAY}") == "Thursday 15 January"
    assert [text for _, current, text in day_links(content) if current] == ["Thu 15 Jan"]
    assertContains(response, "Next day: Friday 16 January")
    assertContains(response, "It is now <time", html=False)
    # The picker keeps the day when the zone or the filters change.
    assertContains(response, '<input type="hidden" name="date" value="2026-01-15">', html=False)
    assertNotContains(response, "No meeting is running right now")
    assertNotContains(response, 'class="date-problem"')


def test_what_runs_now_is_shown_only_on_todays_page(client, online_meeting):
    online_meeting(name="Noon London", timezone="Europe/London", time=datetime.time(11, 30))
    online_meeting(name="Half Past", timezone="Europe/London", time=datetime.time(12, 30))

    with frozen(JANUARY_MONDAY_NOON):
        today = client.get(URL, {"tz": "Europe/London"}).content.decode()
        tomorrow = client.get(URL, {"tz": "Europe/London", "date": "2026-01-13"}).content.decode()

    assert "Noon London" in section(today, "now-heading")
    assert "Half Past" in section(today, "soon-heading")
    assert "In progress now" not in tomorrow
    assert "Starting within the hour" not in tomorrow
    assert "Noon London" not in tomorrow and "Half Past" not in tomorrow


def test_the_last_day_has_no_next_day_link(client, london_week):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London", "date": "2026-01-18"})

    assert listed_names(response.content.decode()) == [f"Evening {SUNDAY}"]
    assertNotContains(response, "Next day:")


@pytest.mark.parametrize(
    "value",
    [
        "2026-1-15",
        "20260115",
        "2026-W03-4",
        "2026-01-15T00:00",
        " 2026-01-15",
        "2026-02-30",
        "٢٠٢٦-٠١-١٥",
        "tomorrow",
        "<script>alert(1)</script>",
        "x" * 2000,
        "2026-01-15\x00",
    ],
)
def test_a_date_it_cannot_read_shows_today_with_a_short_message(client, london_week, value):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London", "date": value})

    assert response.status_code == 200
    content = response.content.decode()
    assert listed_names(content) == [f"Evening {MONDAY}"]
    assertContains(
        response,
        '<p class="date-problem" role="status">We couldn&#x27;t read the date in that address, '
        "so here is today&#x27;s list.</p>",
        html=False,
    )
    # What was typed is not shown back at all.
    assert "alert(1)" not in content
    assert "xxxxxxxxxx" not in content
    # The links go back to days that exist.
    assert day_links(content)[0][0] == "?tz=Europe%2FLondon"


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("2026-01-11", "Sunday 11 January 2026"),
        ("2026-01-19", "Monday 19 January 2026"),
        ("1999-12-31", "Friday 31 December 1999"),
        ("9999-12-31", "Friday 31 December 9999"),
        ("0001-01-01", "Monday 1 January 1"),
    ],
)
def test_a_date_outside_the_seven_days_shows_today_and_says_why(client, london_week, value, named):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "Europe/London", "date": value})

    assert response.status_code == 200
    assert listed_names(response.content.decode()) == [f"Evening {MONDAY}"]
    assertContains(response, f"We list the next seven days, and {named} is not one of them")


def test_the_seven_days_are_the_viewers_own(client, online_meeting):
    online_meeting(name="Tokyo Monday", timezone="Asia/Tokyo", day=MONDAY, time=datetime.time(9))

    # Monday 12 January 2026, 20:00 UTC: already Tuesday 05:00 in Tokyo, still Monday in London.
    with frozen(datetime.datetime(2026, 1, 12, 20, 0, tzinfo=UTC)):
        tokyo = client.get(URL, {"tz": "Asia/Tokyo", "date": "2026-01-19"})
        london = client.get(URL, {"tz": "Europe/London", "date": "2026-01-19"})

    assert day_of(tokyo.content.decode(), "Tokyo Monday") == "Monday 19 January"
    assertNotContains(tokyo, 'class="date-problem"')
    assertContains(london, "Monday 19 January 2026 is not one of them")


def test_day_boundaries_follow_the_clock_change_in_spring(client, online_meeting):
    utc = {"timezone": "UTC", "end_time": None}
    online_meeting(name="Saturday Late UTC", day=SATURDAY, time=datetime.time(23, 30), **utc)
    online_meeting(name="Sunday Early UTC", day=SUNDAY, time=datetime.time(0, 30), **utc)
    online_meeting(name="Sunday Late UTC", day=SUNDAY, time=datetime.time(23, 30), **utc)
    # 01:30 does not exist in London that night: the clocks jump from 01:00 to 02:00.
    online_meeting(
        name="In The Gap",
        day=SUNDAY,
        time=datetime.time(1, 30),
        end_time=None,
        timezone="Europe/London",
    )

    # Friday 27 March 2026; London springs forward at 01:00 UTC on Sunday 29 March, so Sunday
    # has 23 hours there, from 00:00 UTC to 23:00 UTC.
    with frozen(datetime.datetime(2026, 3, 27, 12, 0, tzinfo=UTC)):
        pages = {
            date: client.get(URL, {"tz": "Europe/London", "date": date}).content.decode()
            for date in ("2026-03-28", "2026-03-29", "2026-03-30")
        }

    assert listed_names(pages["2026-03-28"]) == ["Saturday Late UTC"]
    assert listed_names(pages["2026-03-29"]) == ["Sunday Early UTC", "In The Gap"]
    assert '<time datetime="2026-03-29T00:30+00:00">12:30 AM</time>' in pages["2026-03-29"]
    assert '<time datetime="2026-03-29T02:30+01:00">2:30 AM</time>' in pages["2026-03-29"]
    assert listed_names(pages["2026-03-30"]) == ["Sunday Late UTC"]
    assert '<time datetime="2026-03-30T00:30+01:00">12:30 AM</time>' in pages["2026-03-30"]


def test_day_boundaries_follow_the_clock_change_in_autumn(client, online_meeting):
    utc = {"timezone": "UTC", "end_time": None}
    online_meeting(name="Saturday Late UTC", day=SATURDAY, time=datetime.time(23, 30), **utc)
    online_meeting(name="Sunday Late UTC", day=SUNDAY, time=datetime.time(23, 30), **utc)
    online_meeting(name="New York Sunday", day=SUNDAY, time=datetime.time(19, 0), end_time=None)

    # Friday 23 October 2026; London falls back at 01:00 UTC on Sunday 25 October, so Sunday has
    # 25 hours there, from 23:00 UTC on Saturday to 00:00 UTC on Monday.
    with frozen(datetime.datetime(2026, 10, 23, 12, 0, tzinfo=UTC)):
        pages = {
            date: client.get(URL, {"tz": "Europe/London", "date": date}).content.decode()
            for date in ("2026-10-24", "2026-10-25", "2026-10-26")
        }

    assert listed_names(pages["2026-10-24"]) == []
    assert listed_names(pages["2026-10-25"]) == [
        "Saturday Late UTC",
        "New York Sunday",
        "Sunday Late UTC",
    ]
    assert '<time datetime="2026-10-25T00:30+01:00">12:30 AM</time>' in pages["2026-10-25"]
    assert '<time datetime="2026-10-25T23:30+00:00">11:30 PM</time>' in pages["2026-10-25"]
    # New York changes a week later: until then 19:00 there is 23:00 in London, not midnight.
    assert '<time datetime="2026-10-25T23:00+00:00">11:00 PM</time>' in pages["2026-10-25"]
    assert listed_names(pages["2026-10-26"]) == []


def test_the_day_links_keep_the_zone_and_the_filters(client, assorted):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(
            URL,
            {
                "tz": "asia/calcutta",
                "type": ["W", "ZZZ"],
                "language": "S",
                "program": "<b>",
                "date": "2026-01-14",
            },
        )

    links = day_links(response.content.decode())
    kept = "tz=Asia%2FCalcutta&amp;type=W&amp;language=S"
    assert links[0][0] == f"?{kept}"
    assert [href for href, _, _ in links[1:]] == [
        f"?{kept}&amp;date=2026-01-{day}" for day in range(13, 19)
    ]
    assertContains(
        response, f'<a href="?{kept}&amp;date=2026-01-15">Next day: Thursday 15 January', html=False
    )
    # Clearing the filters keeps the zone and the day.
    assertContains(
        response,
        '<a href="?tz=Asia%2FCalcutta&amp;date=2026-01-14">Show all online meetings</a>',
        html=False,
    )


def test_day_links_rely_on_the_cookie_when_the_zone_was_not_in_the_address(client):
    client.cookies["tz"] = "Asia/Tokyo"

    response = client.get(URL, {"type": "W"})

    links = day_links(response.content.decode())
    assert links[0][0] == "?type=W"
    assert all("tz=" not in href for href, _, _ in links)


def test_a_rejected_zone_is_not_carried_into_the_day_links(client):
    response = client.get(URL, {"tz": "Mars/Olympus_Mons"})

    assert all("Mars" not in href for href, _, _ in day_links(response.content.decode()))


# --- Filters -------------------------------------------------------------------------------


@pytest.fixture
def assorted(online_meeting) -> None:
    online_meeting(name="Women Discussion", types=["W", "D"])
    online_meeting(name="Men Discussion", types=["M", "D"])
    online_meeting(name="Spanish Speaker", types=["SP"], languages=["S"])
    online_meeting(name="Family Circle", program=Program.FAMILY_FRIENDS)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"type": "W"}, {"Women Discussion"}, {"Men Discussion", "Spanish Speaker"}),
        ({"type": ["D", "M"]}, {"Men Discussion"}, {"Women Discussion"}),
        ({"type": "D"}, {"Women Discussion", "Men Discussion"}, {"Spanish Speaker"}),
        ({"language": "S"}, {"Spanish Speaker"}, {"Women Discussion", "Family Circle"}),
        ({"program": "family_friends"}, {"Family Circle"}, {"Women Discussion"}),
    ],
)
def test_filters_narrow_the_list(client, assorted, query, shown, hidden):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(URL, {"tz": "America/New_York", **query})

    for name in shown:
        assertContains(response, name)
    for name in hidden:
        assertNotContains(response, name)
    assertContains(response, "Showing only:")


def test_filters_are_kept_in_the_zone_form(client, assorted):
    response = client.get(URL, {"tz": "Europe/London", "type": "W", "language": "S"})

    assertContains(response, 'value="W" class="form-check-input" id="id_type_', html=False)
    assert re.search(r'<input type="checkbox" name="type" value="W"[^>]* checked', response.text)
    assertContains(response, '<option value="S" selected>Spanish</option>', html=False)
    assertContains(response, 'Filter meetings <span class="fw-normal">(2 on)</span>', html=False)
    assertContains(response, "Showing only: Women, Spanish.")


def test_unknown_filter_values_are_ignored_not_echoed(client, assorted):
    with frozen(JANUARY_MONDAY_NOON):
        response = client.get(
            URL, {"tz": "UTC", "type": ["ZZZ<i>", "W"], "program": "<b>x", "language": "Klingon"}
        )

    assert response.status_code == 200
    assertContains(response, "Women Discussion")
    assertNotContains(response, "Men Discussion")
    for typed in ("ZZZ", "<b>x", "&lt;b&gt;x", "Klingon"):
        assertNotContains(response, typed)


def test_with_filters_and_no_match_it_suggests_fewer_filters(client, assorted):
    response = client.get(URL, {"tz": "UTC", "type": "ASL"})

    assertContains(response, "No more online meetings start today with these filters.")
    assertContains(response, "Try fewer filters")
    with frozen(JANUARY_MONDAY_NOON):
        another_day = client.get(URL, {"tz": "UTC", "type": "ASL", "date": "2026-01-15"})
    assertContains(another_day, "No online meetings on Thursday 15 January with these filters.")
    assertContains(
        another_day, 'href="?tz=UTC&amp;date=2026-01-15">see every online meeting', html=False
    )


# --- Cost ----------------------------------------------------------------------------------


def test_each_day_reads_its_meetings_in_one_query(
    client, online_meeting, django_assert_max_num_queries
):
    for number in range(14):
        online_meeting(
            name=f"Online {number}",
            day=number % 7,
            types=["O", "D"],
            languages=["EN"],
            conference_phone="+15550001111,,123#",
        )
    # One running now (noon in London), so today's page has every section.
    online_meeting(
        name="Running Now", types=["D"], timezone="Europe/London", time=datetime.time(11, 30)
    )

    pages = []
    with frozen(JANUARY_MONDAY_NOON):
        for offset in range(7):
            date = (JANUARY_MONDAY_NOON.date() + datetime.timedelta(days=offset)).isoformat()
            with django_assert_max_num_queries(1):
                response = client.get(URL, {"tz": "Europe/London", "type": "D", "date": date})
            pages.append(response.content.decode())

    assert "Running Now" in section(pages[0], "now-heading")
    seen = [name for content in pages for name in listed_names(content)]
    # 19:00 in New York is midnight in London: Sunday's two fall on Mondays, today's gone by
    # and next week's beyond the seven days.
    assert sorted(seen) == sorted(f"Online {number}" for number in range(14) if number % 7)


def test_a_day_page_reads_only_what_starts_that_day(client, online_meeting):
    online_meeting(name="Tuesday Evening", day=TUESDAY)

    with frozen(JANUARY_MONDAY_NOON), CaptureQueriesContext(connection) as queries:
        client.get(URL, {"tz": "America/New_York", "date": "2026-01-14"})

    # Only meetings whose own weekday can start on the Wednesday are asked for.
    [query] = queries.captured_queries
    assert '"day" = 3' in query["sql"] and '"day" = 2' in query["sql"]
    assert '"day" = 5' not in query["sql"]


# --- The home page -------------------------------------------------------------------------


def soon_on_home(content: str) -> str:
    start = content.index('id="online-heading"')
    return content[start : content.index("</section>", start)]


def test_home_shows_three_meetings_starting_soon_in_utc_when_no_zone_is_known(
    client, online_meeting
):
    for hour in (13, 14, 15, 16):
        online_meeting(name=f"Monday {hour}h", timezone="UTC", time=datetime.time(hour))
    online_meeting(name="Private Soon", timezone="UTC", time=datetime.time(12, 30), is_public=False)

    with frozen(JANUARY_MONDAY_NOON):
        response = client.get("/")

    soon = soon_on_home(response.content.decode())
    assert "Starting soon" in soon
    assert "Monday 13h" in soon and "Monday 14h" in soon and "Monday 15h" in soon
    assert "Monday 16h" not in soon
    assert "Private Soon" not in soon
    # Marked UTC until the browser rewrites them in its own zone (static/js/local_times.js).
    assert "Today 1:00 PM UTC" in soon
    assert "data-local-times" in soon
    assert "Times are in UTC" not in soon
    assert soon.index("Starting soon") < soon.index("See online meetings")
    assert "Cookie" in response.headers["Vary"]


def test_home_uses_the_remembered_zone(client, online_meeting):
    online_meeting(name="Monday Evening Online")
    client.cookies["tz"] = "Asia/Kolkata"

    # Monday 12 January 2026, 20:00 UTC: already 01:30 on Tuesday in Kolkata, where the New York
    # Monday evening meeting starts at 05:30.
    with frozen(datetime.datetime(2026, 1, 12, 20, 0, tzinfo=UTC)):
        response = client.get("/")

    soon = soon_on_home(response.content.decode())
    assert "Monday Evening Online" in soon
    assert "Today 5:30 AM" in soon
    assert "Times are in Asia/Kolkata." in soon
    assert '<time datetime="2026-01-13T05:30+05:30">Today 5:30 AM</time>' in soon
    assert "data-local-times" not in soon


def test_home_lists_nothing_extra_without_online_meetings_soon(client):
    response = client.get("/")

    soon = soon_on_home(response.content.decode())
    assert "Starting soon" not in soon
    assertContains(response, "See online meetings")


@pytest.mark.parametrize(
    "now",
    [
        datetime.datetime(2026, 1, 14, 9, 10, tzinfo=UTC),
        # New York springs forward at 07:00 UTC; London at 01:00 UTC on 29 March.
        datetime.datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
        # 03:15 in New York, just after the jump: the 02:30 meeting, which does not exist on the
        # clock that night, starts at 03:30.
        datetime.datetime(2026, 3, 8, 7, 15, tzinfo=UTC),
        datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        # Sydney falls back at 16:00 UTC on 4 April; New York at 06:00 UTC on 1 November.
        datetime.datetime(2026, 4, 4, 15, 30, tzinfo=UTC),
        datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
    ],
)
@pytest.mark.parametrize("hours", [3, 24])
def test_starting_between_reads_only_what_can_start_and_misses_nothing(now, hours):
    zones = [
        "America/New_York",
        "America/Los_Angeles",
        "Europe/London",
        "Asia/Kolkata",
        "Asia/Calcutta",
        "Australia/Sydney",
        "Pacific/Chatham",
        "Pacific/Kiritimati",
        "Etc/GMT+12",
    ]
    clocks = ["00:15", "02:30", "07:00", "12:45", "19:00", "23:30"]
    Meeting.objects.bulk_create(
        Meeting(
            name=f"{zone} {day} {clock}",
            slug=f"m-{index}",
            day=day,
            time=datetime.time.fromisoformat(clock),
            end_time=None,
            timezone=zone,
            attendance=Attendance.ONLINE,
            conference_url="https://video.example.org/j/1",
        )
        for index, (zone, day, clock) in enumerate(
            (zone, day, clock) for zone in zones for day in range(7) for clock in clocks
        )
    )
    end = now + datetime.timedelta(hours=hours)
    everything = occurrences_between(list(listed_meetings()), now, end)

    found = listed_meetings().starting_between(now, end)

    assert found == [occurrence for occurrence in everything if now < occurrence.starts <= end]
    assert len(found) >= 3, "the window should hold several starts to compare"


def test_home_reads_at_most_two_queries_for_starting_soon(
    client, online_meeting, django_assert_max_num_queries
):
    online_meeting(name="Only One Today", timezone="UTC", time=datetime.time(20))

    # Two for starting soon, one for the Four Points.
    with frozen(JANUARY_MONDAY_NOON), django_assert_max_num_queries(3):
        response = client.get("/")

    # Fewer than three start within three hours, so the whole day is searched.
    assert "Only One Today" in soon_on_home(response.content.decode())


# --- The page's order and length -------------------------------------------------------------


def test_the_next_meetings_to_join_come_before_what_is_in_progress(client, online_meeting):
    online_meeting(name="Running Now", timezone="UTC", time=datetime.time(11, 30))
    online_meeting(name="Starting Soon", timezone="UTC", time=datetime.time(12, 20))

    with frozen(JANUARY_MONDAY_NOON):
        content = client.get(URL, {"tz": "UTC"}).content.decode()

    assert "Next meetings you can join" in section(content, "soon-heading")
    assert content.index('id="soon-heading"') < content.index('id="now-heading"')
    # What runs now is one group, folded until the visitor opens it.
    now = section(content, "now-heading")
    assert '<details class="now-group">' in now
    assert "Running Now" in now
    assert content.index('id="now-heading"') < content.index('id="day-heading"')


def test_a_busy_day_lists_thirty_meetings_then_offers_more(client, online_meeting):
    for minute in range(35):
        online_meeting(
            name=f"Tuesday {minute:02d}",
            day=2,
            timezone="UTC",
            time=datetime.time(8, minute),
            end_time=datetime.time(9, minute),
        )

    with frozen(JANUARY_MONDAY_NOON):
        first = client.get(URL, {"tz": "UTC", "date": "2026-01-13"}).content.decode()
        second = client.get(
            URL, {"tz": "UTC", "date": "2026-01-13", "shown": "60"}
        ).content.decode()

    assert len(listed_names(first)) == 30
    assert "Show 5 more meetings" in first
    assert "date=2026-01-13&amp;shown=60#entry-31" in first
    assert len(listed_names(second)) == 35
    assert "Show" not in re.sub(r"Show times|Showing only|Show all", "", day_listing(second))


@pytest.mark.parametrize("shown", ["", "abc", "-5", "0", "999999"])
def test_any_shown_value_lists_at_least_a_page_and_never_fails(client, online_meeting, shown):
    online_meeting(name="Only One")

    response = client.get(URL, {"tz": "UTC", "shown": shown})

    assert response.status_code == 200


def test_the_pickers_groups_are_named_in_the_pages_language(client):
    response = client.get(f"/es{URL}", {"tz": "Europe/London"})

    assertContains(response, '<optgroup label="Europa">', html=False)
    assertContains(response, '<optgroup label="Océano Índico">', html=False)
    assertContains(response, "UTC (tiempo universal coordinado)")
    assertContains(response, '<option value="Europe/London" selected>London</option>', html=False)
