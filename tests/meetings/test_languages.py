"""Meeting times, weekdays and type names in the page's language; English as it always was."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import translation

from meetings.forms import OnlineFilterForm
from meetings.models import MeetingException
from meetings.online_schedule import day_label
from meetings.schedule import format_clock, when_label
from meetings.search import FinderForm
from meetings.types import type_help, type_name

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
# A Monday noon in Chicago.
NOW = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=CHICAGO)


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    return (NOW + datetime.timedelta(days=days)).replace(hour=hour, minute=minute)


def labels() -> list[str]:
    return [
        when_label(at(0, 19), NOW),
        when_label(at(0, 13, 30), NOW),
        when_label(at(1, 9, 30), NOW),
        when_label(at(3, 18, 30), NOW),
    ]


def test_english_keeps_its_twelve_hour_clock():
    assert labels() == ["Tonight 7:00 PM", "Today 1:30 PM", "Tomorrow 9:30 AM", "Thu 6:30 PM"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", ["Esta noche 19:00", "Hoy 13:30", "Mañana 9:30", "Jue 18:30"]),
        ("fr", ["Ce soir 19:00", "Aujourd’hui 13:30", "Demain 09:30", "Jeu. 18:30"]),
        ("de", ["Heute Abend 19:00", "Heute 13:30", "Morgen 09:30", "Do. 18:30"]),
        ("nl", ["Vanavond 19:00", "Vandaag 13:30", "Morgen 09:30", "Do 18:30"]),
        ("pt", ["Hoje à noite 19:00", "Hoje 13:30", "Amanhã 09:30", "Qui. 18:30"]),
        ("sv", ["I kväll 19:00", "I dag 13:30", "I morgon 09:30", "Tors 18:30"]),
    ],
)
def test_each_language_reads_times_and_days_its_own_way(code, expected):
    with translation.override(code):
        assert labels() == expected


def test_a_day_heading_is_written_out_in_the_language():
    date = datetime.date(2026, 12, 3)
    today = datetime.date(2026, 11, 30)

    assert day_label(date, today) == "Thursday 3 December"
    with translation.override("es"):
        assert day_label(date, today) == "Jueves, 3 de diciembre"
        assert day_label(today, today) == "Hoy"
    with translation.override("de"):
        assert day_label(date, today) == "Donnerstag, 3. Dezember"


def test_a_clock_time_alone():
    assert format_clock(datetime.time(0, 30)) == "12:30 AM"
    with translation.override("sv"):
        assert format_clock(datetime.time(0, 30)) == "00:30"


def test_meeting_types_and_languages_are_named_in_the_page_language():
    assert [type_name(code) for code in ("W", "BE", "S", "SRFF", "ZZ")] == [
        "Women",
        "Newcomer",
        "Spanish",
        "Family & Friends",
        "ZZ",
    ]
    with translation.override("es"):
        assert [type_name(code) for code in ("W", "BE", "S", "SRFF", "ZZ")] == [
            "Mujeres",
            "Recién llegados",
            "Español",
            "Familia y Amigos",
            "ZZ",
        ]
        assert type_help("X") == "Se puede llegar a la sala en silla de ruedas."
    with translation.override("fr"):
        assert type_name("O") == "Ouverte"


def test_the_filters_list_types_in_the_alphabetical_order_of_their_names():
    with translation.override("fr"):
        names = [name for _, name in FinderForm().fields["language"].choices][1:]
        kinds = [name for _, name in OnlineFilterForm().fields["type"].choices]

    assert names[:3] == ["Afrikaans", "Allemand", "Anglais"]
    assert "Arabe" in names
    assert kinds[0] == "Accessible en fauteuil roulant"
    assert kinds.index("Double diagnostic") < kinds.index("Enfants bienvenus")


def test_distances_keep_their_unit_whatever_the_language():
    with translation.override("sv"):
        assert dict(FinderForm().fields["unit"].choices) == {"mi": "engelska mil", "km": "km"}


def test_a_one_off_change_is_described_in_the_language():
    closure = MeetingException(
        kind=MeetingException.Kind.CLOSED,
        date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2027, 1, 3),
    )
    day_off = MeetingException(
        kind=MeetingException.Kind.CANCELLED, date=datetime.date(2026, 12, 24)
    )

    assert closure.describe() == "Closed 20 December – 3 January 2027"
    assert day_off.describe() == "No meeting on Thursday 24 December"
    with translation.override("es"):
        assert closure.describe() == "Cerrada del 20 de diciembre al 3 de enero de 2027"
        assert day_off.describe() == "No hay reunión el jueves, 24 de diciembre"
