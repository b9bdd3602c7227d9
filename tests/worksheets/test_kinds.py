"""The kinds: declared once, given a form, a readable page and (for the CBA) a summary."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.forms import WorksheetForm
from worksheets.kinds import REGISTRY, ItemList, get_kind
from worksheets.kinds.cba import summary


def test_every_kind_is_registered_and_nothing_else():
    assert set(REGISTRY) == {kind.value for kind in WorksheetKind}
    assert get_kind("urges") is None
    assert get_kind("nonsense") is None


def test_the_cba_summary_totals_each_box():
    result = summary(
        {
            "keep_benefits": [
                {"item": "Relief", "term": "short", "weight": 8},
                {"item": "Fun with friends", "term": "short", "weight": None},
            ],
            "keep_costs": [{"item": "Debt", "term": "long", "weight": 9}],
            "stop_benefits": [
                {"item": "Money", "term": "long", "weight": 7},
                {"item": "Sleep", "term": "short", "weight": 5},
            ],
            "stop_costs": [{"item": "", "term": "short", "weight": 10}],
        }
    )
    assert [box["total"] for box in result["boxes"]] == [8, 9, 12, 0]
    assert result["boxes"][0]["items"][0] == {"text": "Relief", "term": "Short-term", "weight": 8}
    assert result["reflection"]


def test_the_change_plan_asks_every_part_of_a_plan():
    kind = get_kind("change-plan")
    names = {spec.name for spec in kind.fields}
    assert names == {
        "changes",
        "importance",
        "confidence",
        "reasons",
        "steps",
        "helpers",
        "signs",
        "obstacles",
    }
    steps = next(spec for spec in kind.fields if spec.name == "steps")
    assert isinstance(steps, ItemList)
    assert [sub.name for sub in steps.subfields] == ["step", "date"]


def test_the_form_keeps_rows_and_drops_empty_ones():
    kind = get_kind("change-plan")
    form = WorksheetForm(
        kind,
        {
            "version": "1",
            "confidence": "0",
            "steps-0-step": "Tell my GP",
            "steps-0-date": "2026-12-01",
            "steps-1-step": "",
            "steps-2-step": "Join an online meeting",
        },
    )
    assert form.is_valid(), form.errors
    answers = form.answers()
    assert answers["confidence"] == 0
    assert answers["importance"] is None
    assert answers["steps"] == [
        {"step": "Tell my GP", "date": "2026-12-01"},
        {"step": "Join an online meeting", "date": ""},
    ]


def test_a_rating_outside_the_ruler_is_refused():
    form = WorksheetForm(get_kind("change-plan"), {"version": "1", "importance": "11"})
    assert not form.is_valid()
    assert "importance" in form.errors


def test_the_toolbox_links_the_first_two_kinds_to_their_start_page(client, db):
    from toolbox.worksheet_kinds import WORKSHEETS

    assert WORKSHEETS["cba"].url == "/worksheets/new/cba/"
    assert WORKSHEETS["change-plan"].url == "/worksheets/new/change-plan/"
    assert client.get(WORKSHEETS["cba"].url).status_code == 200
    assert client.get(WORKSHEETS["change-plan"].url).status_code == 200


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("/stages/contemplation/", "/worksheets/new/cba/"),
        ("/toolbox/tools/cost-benefit-analysis/", "/worksheets/new/cba/"),
        ("/stages/preparation/", "/worksheets/new/change-plan/"),
        ("/toolbox/tools/change-plan/", "/worksheets/new/change-plan/"),
    ],
)
def test_the_stage_and_tool_pages_link_to_the_worksheet(client, db, page, link):
    assertContains(client.get(page), f'href="{link}"')
