"""My progress: days since a start date (reset without shame, history kept), check-ins, urges."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.conftest import PASSWORD
from worksheets.models import StageCheckIn, StartDate, UrgeEntry, Worksheet

UTC = datetime.UTC
# Thursday 26 November 2026, 03:00 UTC: still Wednesday the 25th in Chicago.
NOW = datetime.datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


def start(owner: User, date: datetime.date, set_on: datetime.datetime) -> StartDate:
    return StartDate.objects.create(owner=owner, date=date, created=set_on)


# Days since the start date.


@time_machine.travel(NOW, tick=False)
def test_it_counts_the_days_since_the_current_start_date(client, participant):
    start(participant, datetime.date(2026, 10, 27), NOW - datetime.timedelta(days=30))
    client.force_login(participant)
    response = client.get("/worksheets/progress/")

    assertContains(response, '<strong id="days-count">30</strong> days since', html=False)
    assertContains(response, "27 October 2026")


@time_machine.travel(NOW, tick=False)
def test_days_are_counted_in_the_participants_own_zone(client, participant):
    start(participant, datetime.date(2026, 10, 27), NOW - datetime.timedelta(days=30))
    client.force_login(participant)
    client.cookies["tz"] = "America/Chicago"
    response = client.get("/worksheets/progress/")
    assertContains(response, '<strong id="days-count">29</strong> days since', html=False)


@time_machine.travel(NOW, tick=False)
def test_setting_a_start_date_the_first_time(client, participant):
    client.force_login(participant)
    assertContains(client.get("/worksheets/progress/"), "No start date yet")

    response = client.post("/worksheets/progress/", {"date": "2026-11-20"})

    assertRedirects(response, "/worksheets/progress/", fetch_redirect_response=False)
    assert StartDate.objects.get().date == datetime.date(2026, 11, 20)
    assert StartDate.objects.get().owner == participant
    page = client.get("/worksheets/progress/")
    assertContains(page, '<strong id="days-count">6</strong> days since', html=False)
    assertContains(page, "Starting again")


@time_machine.travel(NOW, tick=False)
def test_a_reset_after_a_lapse_keeps_the_history_and_says_so_kindly(client, participant):
    start(participant, datetime.date(2026, 9, 1), datetime.datetime(2026, 9, 1, 8, tzinfo=UTC))
    start(participant, datetime.date(2026, 10, 10), datetime.datetime(2026, 10, 11, 8, tzinfo=UTC))
    client.force_login(participant)

    response = client.post("/worksheets/progress/", {"date": "2026-11-24"}, follow=True)

    assert list(StartDate.objects.owned_by(participant).values_list("date", flat=True)) == [
        datetime.date(2026, 11, 24),
        datetime.date(2026, 10, 10),
        datetime.date(2026, 9, 1),
    ]
    assert StartDate.objects.owned_by(participant).current().date == datetime.date(2026, 11, 24)
    assertContains(response, "Starting again is part of changing")
    assertContains(response, '<strong id="days-count">2</strong> days since', html=False)
    assertContains(response, "A lapse is part of change")
    assertContains(
        response, 'From <time datetime="2026-10-10">10 Oct 2026</time> to 24 Nov 2026: 45 days'
    )
    assertContains(
        response, 'From <time datetime="2026-09-01">1 Sep 2026</time> to 10 Oct 2026: 39 days'
    )


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-11-27", "That date is still to come"),
        ("1850-01-01", "Choose a date from 1900 on."),
        ("not a date", "Enter a date."),
        ("", "Choose the date to count from."),
    ],
)
def test_a_bad_start_date_is_refused_beside_the_field(client, participant, date, message):
    client.force_login(participant)
    response = client.post("/worksheets/progress/", {"date": date})

    assertContains(response, 'id="id_date_error"', status_code=422)
    assertContains(response, message, status_code=422)
    assert StartDate.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_today_in_the_participants_zone_is_not_the_future(client, participant):
    client.force_login(participant)
    client.cookies["tz"] = "Pacific/Auckland"  # already 26 November, 16:00
    client.post("/worksheets/progress/", {"date": "2026-11-26"})
    assert StartDate.objects.count() == 1

    client.cookies["tz"] = "America/Chicago"  # still 25 November
    response = client.post("/worksheets/progress/", {"date": "2026-11-26"})
    assert response.status_code == 422
    assert StartDate.objects.count() == 1


# The rest of the dashboard.


@time_machine.travel(NOW, tick=False)
def test_it_shows_check_ins_urges_and_the_latest_worksheet_of_each_kind(client, participant):
    from toolbox.models import Stage

    stage = Stage.objects.order_by("order").first()
    StageCheckIn.objects.create(owner=participant, stage=stage, importance=8, confidence=3)
    for days_ago, acted_on in [(1, False), (2, False), (3, True), (9, False)]:
        UrgeEntry.objects.create(
            owner=participant,
            felt_at=NOW - datetime.timedelta(days=days_ago),
            intensity=5,
            acted_on=acted_on,
        )
    older = Worksheet.objects.create(
        owner=participant, kind="cba", title="First CBA", updated=NOW - datetime.timedelta(days=9)
    )
    newer = Worksheet.objects.create(owner=participant, kind="cba", title="CBA revisited")
    plan = Worksheet.objects.create(owner=participant, kind="change-plan", title="My plan")
    client.force_login(participant)
    response = client.get("/worksheets/progress/")

    assertContains(response, f"<strong>{stage.title}</strong>", html=True)
    assertContains(response, "importance 8/10 · confidence 3/10")
    assertContains(response, '<dd id="urges-last-7">3</dd>', html=True)
    assertContains(response, '<dd id="urges-before">1</dd>', html=True)
    assertContains(response, '<dd id="urges-ridden">75%</dd>', html=True)
    assertContains(response, 'href="/worksheets/urges/charts/"')
    assertContains(response, f'href="/worksheets/{newer.pk}/"')
    assertContains(response, f'href="/worksheets/{plan.pk}/"')
    assertNotContains(response, f'href="/worksheets/{older.pk}/"')


def test_an_empty_dashboard_says_how_to_start_each_part(client, participant):
    client.force_login(participant)
    response = client.get("/worksheets/progress/")

    assertContains(response, "No start date yet")
    assertContains(response, "No urges logged yet.")
    assertContains(response, "No check-ins saved yet.")
    assertContains(response, "No worksheets yet.")
    assertContains(response, 'href="/stages/check-in/"')


@pytest.mark.parametrize("persona", ["stranger", "facilitator"])
def test_no_one_sees_anothers_progress(client, participant, persona, request):
    start(participant, datetime.date(2026, 1, 2), datetime.datetime(2026, 1, 2, tzinfo=UTC))
    UrgeEntry.objects.create(owner=participant, intensity=4)
    Worksheet.objects.create(owner=participant, kind="cba", title="River's private CBA")
    other = request.getfixturevalue(persona)
    client.force_login(other)

    response = client.get("/worksheets/progress/")

    assertContains(response, "No start date yet")
    assertContains(response, "No urges logged yet.")
    assertNotContains(response, "River&#x27;s private CBA")
    client.post("/worksheets/progress/", {"date": "2026-01-05"})
    assert StartDate.objects.owned_by(participant).current().date == datetime.date(2026, 1, 2)
    assert StartDate.objects.owned_by(other).current().date == datetime.date(2026, 1, 5)


def test_a_visitor_is_asked_to_sign_in(client, db):
    response = client.post("/worksheets/progress/", {"date": "2026-01-05"})
    assertRedirects(
        response, "/accounts/login/?next=/worksheets/progress/", fetch_redirect_response=False
    )
    assert StartDate.objects.count() == 0


def test_the_worksheets_list_links_to_the_urge_log_and_progress(client, participant):
    client.force_login(participant)
    response = client.get("/worksheets/")
    assertContains(response, 'href="/worksheets/urges/"')
    assertContains(response, 'href="/worksheets/progress/"')


# Export and deletion.


def test_the_account_export_holds_the_urge_log_and_start_dates(client, participant, stranger):
    felt = datetime.datetime(2026, 11, 20, 21, 15, tzinfo=UTC)
    UrgeEntry.objects.create(
        owner=participant,
        felt_at=felt,
        intensity=8,
        minutes=25,
        situation="payday",
        people="Sam",
        feeling="restless",
        response="Called my sister",
        acted_on=False,
    )
    UrgeEntry.objects.create(owner=stranger, intensity=2, situation="not river's")
    start(participant, datetime.date(2026, 10, 1), datetime.datetime(2026, 10, 1, tzinfo=UTC))
    start(participant, datetime.date(2026, 11, 2), datetime.datetime(2026, 11, 2, tzinfo=UTC))
    client.force_login(participant)

    data = client.get("/accounts/export/").json()

    assert data["urges"] == [
        {
            "felt_at": "2026-11-20T21:15:00+00:00",
            "intensity": 8,
            "minutes": 25,
            "situation": "payday",
            "people": "Sam",
            "feeling": "restless",
            "what_i_did": "Called my sister",
            "acted_on": False,
            "created": data["urges"][0]["created"],
        }
    ]
    assert [start["date"] for start in data["start_dates"]] == ["2026-11-02", "2026-10-01"]


def test_deleting_the_account_removes_the_urge_log_and_start_dates(client, participant, stranger):
    UrgeEntry.objects.create(owner=participant, intensity=8, situation="payday")
    start(participant, datetime.date(2026, 10, 1), datetime.datetime(2026, 10, 1, tzinfo=UTC))
    theirs = UrgeEntry.objects.create(owner=stranger, intensity=2)
    client.force_login(participant)

    client.post("/accounts/delete/", {"password": PASSWORD})

    assert not User.objects.filter(pk=participant.pk).exists()
    assert list(UrgeEntry.objects.all()) == [theirs]
    assert StartDate.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_two_check_ins_or_more_are_drawn_over_time(client, participant):
    from toolbox.models import Stage

    stage = Stage.objects.order_by("order").first()
    client.force_login(participant)
    first = StageCheckIn.objects.create(owner=participant, stage=stage, importance=3, confidence=2)
    StageCheckIn.objects.filter(pk=first.pk).update(created=NOW - datetime.timedelta(days=20))
    assertNotContains(client.get("/worksheets/progress/"), 'id="checkins-svg"')

    StageCheckIn.objects.create(owner=participant, stage=stage, importance=6, confidence=7)
    response = client.get("/worksheets/progress/")
    assertContains(response, 'id="checkins-svg" role="img"')
    assertContains(response, "importance went from 3 to 6, confidence from 2 to 7.")
