"""The urge charts count right: given a log on known days and hours, the numbers, bars, tables."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from worksheets import charts
from worksheets.models import UrgeEntry

UTC = datetime.UTC
CHICAGO = ZoneInfo("America/Chicago")
# Thursday 26 November 2026, 15:00 UTC (09:00 in Chicago).
NOW = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
TODAY = NOW.date()


def at(day: int, hour: int, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, 30, tzinfo=UTC)


def entry(felt_at, intensity=5, acted_on=False, situation="", people="", feeling=""):
    return UrgeEntry(
        felt_at=felt_at,
        intensity=intensity,
        acted_on=acted_on,
        situation=situation,
        people=people,
        feeling=feeling,
    )


# Newest first, as the log reads them.
LOG = [
    entry(at(26, 8), 9, True, "work", "boss", "stressed"),
    entry(at(25, 21), 6, False, "home alone", "", "bored, lonely"),
    entry(at(25, 21), 4, False, "Home alone", "", "Bored"),
    entry(at(24, 8), 8, True, "work, commute", "boss, team", "stressed"),
    entry(at(18, 21), 2, False, "home alone", "", "tired"),
    entry(at(3, 13), 7, False, "wedding", "family", "anxious"),
    entry(at(1, 13, month=10), 3, False, "work", "", ""),  # before the 28 days; 8 weeks back
]


# The numbers.


def test_per_day_counts_each_of_the_last_28_days():
    days = charts.per_day(LOG, today=TODAY, zone=UTC)

    assert len(days) == 28
    assert days[0] == (datetime.date(2026, 10, 30), 0)
    assert days[-1] == (TODAY, 1)
    counts = {day: count for day, count in days if count}
    assert counts == {
        datetime.date(2026, 11, 26): 1,
        datetime.date(2026, 11, 25): 2,
        datetime.date(2026, 11, 24): 1,
        datetime.date(2026, 11, 18): 1,
        datetime.date(2026, 11, 3): 1,
    }


def test_days_are_the_participants_own_days():
    # 21:30 UTC on the 25th is 15:30 in Chicago, the same day; 08:30 UTC on the 26th is 02:30.
    late = [entry(at(26, 3))]  # 03:30 UTC on the 26th is 21:30 on the 25th in Chicago
    days = dict(charts.per_day(late, today=datetime.date(2026, 11, 26), zone=CHICAGO))
    assert days[datetime.date(2026, 11, 25)] == 1
    assert days[datetime.date(2026, 11, 26)] == 0


def test_weekly_average_intensity_for_12_weeks_monday_to_sunday():
    weeks = charts.weekly_intensity(LOG, today=TODAY, zone=UTC)

    assert len(weeks) == 12
    assert weeks[-1] == charts.Week(datetime.date(2026, 11, 23), 4, 6.8)  # (9+6+4+8)/4 = 6.75
    assert weeks[-2] == charts.Week(datetime.date(2026, 11, 16), 1, 2.0)
    assert weeks[-3] == charts.Week(datetime.date(2026, 11, 9), 0, None)
    assert weeks[-4] == charts.Week(datetime.date(2026, 11, 2), 1, 7.0)
    assert weeks[-9] == charts.Week(datetime.date(2026, 9, 28), 1, 3.0)  # 1 October
    assert weeks[0].start == datetime.date(2026, 9, 7)
    assert sum(week.count for week in weeks) == 7


def test_triggers_are_counted_once_per_urge_case_ignored_most_frequent_first():
    assert charts.trigger_counts(LOG, "situation") == [
        ("home alone", 3),
        ("work", 3),
        ("commute", 1),
        ("wedding", 1),
    ]
    assert charts.trigger_counts(LOG, "people") == [("boss", 2), ("family", 1), ("team", 1)]
    assert charts.trigger_counts(LOG, "feeling", limit=2) == [("bored", 2), ("stressed", 2)]


def test_a_trigger_repeated_in_one_urge_counts_once():
    assert charts.trigger_counts([entry(NOW, situation="work; Work, work")], "situation") == [
        ("work", 1)
    ]


def test_the_heat_strip_counts_urges_by_hour_in_the_participants_zone():
    assert charts.by_hour(LOG, zone=UTC) == [
        *[0] * 8,
        2,  # 08:00
        *[0] * 4,
        2,  # 13:00
        *[0] * 7,
        3,  # 21:00
        0,
        0,
    ]
    chicago = charts.by_hour(LOG, zone=CHICAGO)
    assert chicago[2] == 2 and chicago[15] == 3 and chicago[7] == 1 and chicago[8] == 1


def test_the_share_ridden_out_is_those_not_acted_on():
    ridden = charts.ridden_out(LOG)
    assert (ridden.ridden, ridden.acted, ridden.total, ridden.percent) == (5, 2, 7, 71)
    assert charts.ridden_out([]).percent is None


def test_the_summary_compares_the_last_7_days_with_the_7_before():
    summary = charts.summary(LOG, now=NOW)
    assert (summary.last_7_days, summary.days_before) == (4, 1)
    assert summary.ridden.ridden == 5


# The drawings carry the same numbers.


def bars(svg: str) -> list[tuple[float, float]]:
    """(value, height) of each bar, in order."""
    found = re.findall(r'<rect class="chart-bar" [^>]*height="([\d.]+)" data-value="([\d.]+)"', svg)
    return [(float(value), float(height)) for height, value in found]


def row_bars(svg: str) -> list[tuple[float, float]]:
    """(value, length) of each horizontal bar, in order."""
    found = re.findall(
        r'<rect class="chart-bar" [^>]*width="([\d.]+)" [^>]*data-value="(\d+)"', svg
    )
    return [(float(value), float(width)) for width, value in found]


def test_the_per_day_chart_draws_a_bar_per_day_in_proportion():
    chart = next(c for c in charts.urge_charts(LOG, now=NOW, zone=UTC) if c.id == "per-day")
    drawn = bars(chart.svg)

    assert len(drawn) == 28
    assert [value for value, _ in drawn] == [count for _, count in chart.rows]
    assert drawn[-2] == (2.0, 100.0)  # the busiest day, 25 November, is full height
    assert drawn[-1] == (1.0, 50.0)
    assert drawn[0] == (0.0, 0.0)
    assert chart.rows[-2] == ("Wed 25 Nov", 2)
    assert '<svg class="chart" id="per-day-svg" role="img"' in chart.svg
    assert '<title id="per-day-title">Urges per day, last 28 days</title>' in chart.svg
    assert "30 Oct to 26 Nov: 6 in all, most on 25 Nov (2)." in chart.svg
    assert '<text class="chart-value" x="265" y="11" text-anchor="middle">2</text>' in chart.svg


def test_the_weekly_chart_is_drawn_on_the_0_to_10_scale():
    chart = next(c for c in charts.urge_charts(LOG, now=NOW, zone=UTC) if c.id == "weekly")
    drawn = bars(chart.svg)

    assert len(drawn) == 12
    assert drawn[-1] == (6.8, 68.0)
    assert drawn[-2] == (2.0, 20.0)
    assert drawn[-3] == (0.0, 0.0)
    assert chart.rows[-1] == ("Mon 23 Nov", 4, "6.8")
    assert chart.rows[-3] == ("Mon 9 Nov", 0, "–")
    assert ">6.8</text>" in chart.svg


def test_the_trigger_charts_show_the_counts_and_escape_what_was_typed():
    log = [*LOG, entry(NOW, situation='<script>alert("x")</script>')]
    found = {c.id: c for c in charts.urge_charts(log, now=NOW, zone=UTC)}
    situations = found["triggers-situation"]

    assert row_bars(situations.svg) == [(3, 150), (3, 150), (1, 50), (1, 50), (1, 50)]
    assert situations.rows[:2] == [("home alone", 3), ("work", 3)]
    assert "<script>" not in situations.svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in situations.svg
    assert [row[1] for row in found["triggers-people"].rows] == [2, 1, 1]


def test_the_heat_strip_shades_each_hour_and_writes_its_count():
    chart = next(c for c in charts.urge_charts(LOG, now=NOW, zone=UTC) if c.id == "hours")
    cells = re.findall(r'fill-opacity="([\d.]+)" data-hour="(\d+)" data-value="(\d+)"', chart.svg)

    assert len(cells) == 24
    assert cells[21] == ("1", "21", "3")
    assert cells[8] == ("0.67", "8", "2")
    assert cells[0] == ("0", "0", "0")
    assert chart.rows[21] == ("21:00–21:59", 3)
    assert "most often between 21:00 and 21:59 (3)" in chart.svg


def test_the_ridden_out_bar_is_the_share_not_acted_on():
    chart = next(c for c in charts.urge_charts(LOG, now=NOW, zone=UTC) if c.id == "ridden")
    assert 'width="214.3" height="24" data-value="5"' in chart.svg  # 5/7 of 300
    assert chart.rows == [("Ridden out", 5), ("Acted on", 2), ("All", 7)]
    assert chart.extra["percent"] == 71
    assert "5 of 7 urges ridden out (71%), 2 acted on." in chart.svg


def test_a_chart_with_no_urges_in_its_window_draws_flat_bars_without_dividing_by_zero():
    old = [entry(at(1, 12, month=1))]
    found = {c.id: c for c in charts.urge_charts(old, now=NOW, zone=UTC)}
    assert all(bar == (0.0, 0.0) for bar in bars(found["per-day"].svg))
    assert "0 in all." in found["per-day"].svg
    assert "no urges in these weeks" in found["weekly"].svg


# The page.


@pytest.fixture
def logged(participant) -> list[UrgeEntry]:
    return [
        UrgeEntry.objects.create(
            owner=participant,
            felt_at=e.felt_at,
            intensity=e.intensity,
            acted_on=e.acted_on,
            situation=e.situation,
            people=e.people,
            feeling=e.feeling,
        )
        for e in LOG
    ]


@time_machine.travel(NOW, tick=False)
def test_the_charts_page_shows_each_chart_with_its_table(client, participant, logged):
    client.force_login(participant)
    response = client.get("/worksheets/urges/charts/")
    content = response.content.decode()

    assert content.count('role="img"') == 7  # per day, weekly, three triggers, hours, share
    for chart_id in ("per-day", "weekly", "triggers-situation", "hours", "ridden"):
        assert f'<table class="table table-sm chart-table" id="{chart_id}-table">' in content
    assertContains(response, '<th scope="row">Wed 25 Nov</th><td>2</td>', html=True)
    # "Home alone" and "home alone" at the same minute: the later entry's spelling is shown.
    assertContains(response, '<th scope="row">Home alone</th><td>3</td>', html=True)
    assertContains(response, "<strong>71%</strong> ridden out", html=True)
    assertContains(response, "the 7 urges in your log")


@time_machine.travel(NOW, tick=False)
def test_the_charts_use_the_participants_zone(client, participant, logged):
    client.force_login(participant)
    client.cookies["tz"] = "America/Chicago"
    response = client.get("/worksheets/urges/charts/")
    assertContains(response, '<th scope="row">15:00–15:59</th><td>3</td>', html=True)
    assertContains(response, "America/Chicago")


def test_an_empty_log_says_there_is_nothing_yet_and_how_to_start(client, participant):
    client.force_login(participant)
    response = client.get("/worksheets/urges/charts/")

    assertContains(response, "Nothing to chart yet: your urge log is empty.")
    assertContains(response, 'href="/worksheets/urges/">Log an urge</a>')
    # No chart is drawn (the site's header carries its logo as an inline SVG).
    assertNotContains(response, '<svg class="chart"')


@time_machine.travel(NOW, tick=False)
def test_a_log_without_triggers_says_how_to_add_them(client, participant):
    UrgeEntry.objects.create(owner=participant, felt_at=at(25, 9), intensity=5)
    client.force_login(participant)
    response = client.get("/worksheets/urges/charts/")

    assertContains(response, "No situations noted yet.")
    assert response.content.decode().count('role="img"') == 4


def test_the_check_in_chart_draws_importance_and_confidence_over_time():
    svg = charts.checkin_chart(
        "checkins",
        checkins=[
            (datetime.date(2026, 9, 1), 4, 2),
            (datetime.date(2026, 10, 1), 7, 5),
            (datetime.date(2026, 11, 1), 9, 8),
        ],
    )
    importance = re.findall(
        r'<circle class="chart-dot chart-importance" [^>]*data-value="(\d+)"', svg
    )
    confidence = re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="3" data-value="\d+"', svg)

    assert importance == ["4", "7", "9"]
    # Three importance dots then three confidence dots: x from 22 across 270; y 10 (for 10) to 110.
    assert confidence == [
        ("22", "70"),
        ("157", "40"),
        ("292", "20"),
        ("22", "90"),
        ("157", "60"),
        ("292", "30"),
    ]
    assert '<polyline class="chart-line chart-importance" points="22,70 157,40 292,20"/>' in svg
    assert "importance went from 4 to 9, confidence from 2 to 8." in svg
    assert '<title id="checkins-title">Stage check-ins over time</title>' in svg
