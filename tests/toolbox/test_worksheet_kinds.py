from __future__ import annotations

from toolbox.worksheet_kinds import URGE_LOG, WORKSHEETS, WorksheetKind


def test_the_worksheet_kinds_are_the_ones_the_worksheets_app_serves():
    assert [kind.value for kind in WorksheetKind] == [
        "cba",
        "change-plan",
        "hov",
        "abc",
        "disarm",
        "deads",
        "problem-solving",
        "balance-pie",
        "vaci",
        "journal",
        "triggers",
        "week-plan",
        "goals",
        "acceptance",
        "ff-communication",
        "ff-self-care",
    ]


def test_each_kind_starts_at_its_own_new_worksheet_address():
    for kind in WorksheetKind:
        assert WORKSHEETS[kind].url == f"/worksheets/new/{kind.value}/"
        assert WORKSHEETS[kind].title == kind.label
        assert WORKSHEETS[kind].description


def test_the_urge_log_is_a_worksheet_with_its_own_address():
    assert WORKSHEETS[URGE_LOG].title == "Urge Log"
    assert WORKSHEETS[URGE_LOG].url == "/worksheets/urges/"
