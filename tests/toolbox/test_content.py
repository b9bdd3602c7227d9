"""The data migration ships the whole toolbox to every fresh database."""

from __future__ import annotations

import re

import pytest

from toolbox.models import Point, Stage, Tool
from toolbox.worksheet_kinds import URGE_LOG, WorksheetKind

pytestmark = pytest.mark.django_db

TOOLS_AND_WORKSHEETS = {
    "Cost/Benefit Analysis": WorksheetKind.CBA,
    "Change Plan": WorksheetKind.CHANGE_PLAN,
    "Hierarchy of Values": WorksheetKind.HOV,
    "Urge Log": URGE_LOG,
    "DISARM": WorksheetKind.DISARM,
    "DEADS": WorksheetKind.DEADS,
    "ABC (REBT)": WorksheetKind.ABC,
    "Problem Solving": WorksheetKind.PROBLEM_SOLVING,
    "Brainstorming": "",
    "Role-play and Rehearsal": "",
    "Unconditional Self-Acceptance": "",
    "Lifestyle Balance Pie": WorksheetKind.BALANCE_PIE,
    "Vacation from Addiction": WorksheetKind.VACATION,
}
PLACEHOLDERS = re.compile(r"lorem|ipsum|todo|tbd|coming soon|placeholder|xxx", re.IGNORECASE)


def tools_of(stage_slug: str) -> set[str]:
    return set(Stage.objects.get(slug=stage_slug).tools.values_list("title", flat=True))


def test_it_has_the_four_points_in_order():
    assert list(Point.objects.values_list("number", "title")) == [
        (1, "Building and Maintaining Motivation"),
        (2, "Coping with Urges"),
        (3, "Managing Thoughts, Feelings and Behaviors"),
        (4, "Living a Balanced Life"),
    ]


def test_it_has_every_tool_with_its_worksheet():
    assert dict(Tool.objects.values_list("title", "worksheet")) == TOOLS_AND_WORKSHEETS


def test_it_has_the_seven_stages_of_change_in_order():
    assert list(Stage.objects.values_list("order", "title")) == [
        (1, "Precontemplation"),
        (2, "Contemplation"),
        (3, "Determination/Preparation"),
        (4, "Action"),
        (5, "Maintenance"),
        (6, "Relapse"),
        (7, "Termination"),
    ]


def test_every_tool_sits_on_a_point_and_suits_a_stage():
    for tool in Tool.objects.with_links():
        assert tool.points.exists(), tool
        assert tool.stages.exists(), tool


def test_every_point_and_stage_has_tools():
    for item in [*Point.objects.all(), *Stage.objects.all()]:
        assert item.tools.exists(), item


def test_each_stage_has_the_tools_that_fit_it():
    assert "Cost/Benefit Analysis" in tools_of("contemplation")
    assert "Change Plan" in tools_of("preparation")
    assert {"Urge Log", "DISARM", "DEADS", "ABC (REBT)", "Problem Solving"} <= tools_of("action")
    assert {"Lifestyle Balance Pie", "Hierarchy of Values"} <= tools_of("maintenance")
    assert {"Cost/Benefit Analysis", "Change Plan"} <= tools_of("relapse")


def test_relapse_is_described_as_learning_and_never_as_failure():
    relapse = Stage.objects.get(slug="relapse")

    assert "learn" in relapse.summary
    assert "not a failure" in relapse.feels_like
    assert "part of how change works" in relapse.feels_like


def test_every_tool_has_a_summary_a_body_of_paragraphs_and_three_to_seven_steps():
    for tool in Tool.objects.all():
        assert len(tool.summary) > 40, tool
        assert tool.body_html.count("<p>") >= 3, tool
        assert 3 <= len(tool.step_list) <= 7, tool


def test_every_stage_says_what_it_feels_like_and_what_helps():
    for stage in Stage.objects.all():
        assert stage.feels_like_html.count("<p>") >= 2, stage
        assert stage.what_helps_html.count("<li>") >= 3, stage


def test_every_point_has_an_introduction():
    for point in Point.objects.all():
        assert point.intro_html.count("<p>") >= 3, point


def test_no_text_is_a_placeholder():
    texts = [
        *Point.objects.values_list("summary", "intro"),
        *Stage.objects.values_list("summary", "feels_like", "what_helps"),
        *Tool.objects.values_list("summary", "body", "steps"),
    ]
    for text in (field for row in texts for field in row):
        assert not PLACEHOLDERS.search(text), text


def test_the_shipped_content_is_rendered_exactly_as_saving_would_render_it():
    for model in (Point, Stage, Tool):
        for item in model.objects.all():
            before = {f.name: getattr(item, f.name) for f in model._meta.concrete_fields}
            item.save()
            item.refresh_from_db()
            after = {f.name: getattr(item, f.name) for f in model._meta.concrete_fields}
            assert after == before, item


def test_the_shipped_content_is_searchable():
    for model in (Point, Stage, Tool):
        assert not model.objects.filter(search_vector=None).exists()
