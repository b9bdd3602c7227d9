"""The urge charts in Spanish: headings, descriptions, tables and dates in the language."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from worksheets import charts

ZONE = ZoneInfo("America/Mexico_City")
NOW = datetime.datetime(2026, 12, 3, 20, 0, tzinfo=ZONE)


def urge(days_ago: int, *, acted_on: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        felt_at=NOW - datetime.timedelta(days=days_ago),
        intensity=6,
        acted_on=acted_on,
        situation="fiesta",
        people="",
        feeling="",
    )


def test_the_urge_charts_speak_spanish():
    entries = [urge(0), urge(1), urge(2, acted_on=True)]

    with translation.override("es"):
        made = {chart.id: chart for chart in charts.urge_charts(entries, now=NOW, zone=ZONE)}

    assert made["per-day"].heading == "Impulsos por día, últimos 28 días"
    assert made["per-day"].columns == ("Día", "Impulsos")
    assert made["per-day"].rows[-1][0] == "Jue, 3 dic"
    assert made["triggers-situation"].lead == ""
    assert made["triggers-people"].lead == "Todavía no hay personas anotadas."
    assert made["ridden"].lead == "2 de 3 impulsos superados (67 %); actué en 1."
    assert "Impulsos registrados cada día del 6 nov al 3 dic" in made["per-day"].lead


def test_english_keeps_its_words():
    with translation.override("en"):
        made = {chart.id: chart for chart in charts.urge_charts([urge(0)], now=NOW, zone=ZONE)}

    assert made["per-day"].rows[-1][0] == "Thu 3 Dec"
    assert made["ridden"].lead == "1 of 1 urge ridden out (100%), 0 acted on."
