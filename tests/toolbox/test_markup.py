"""Markdown bodies are rendered once on save and sanitised: no scripts or event handlers."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from toolbox import markup
from toolbox.models import Point, Stage, Tool

pytestmark = pytest.mark.django_db

HOSTILE = """\
Helpful **advice** and a [good link](https://example.org/help).

<script>alert("stolen")</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('link')">click me</a>
<p onclick="alert('p')" style="color: red">styled</p>
<iframe src="https://evil.example"></iframe>
<style>body { display: none }</style>
"""


def assert_harmless(html: str) -> None:
    lowered = html.lower()
    assert "<style" not in lowered and "display: none" not in lowered, html
    for forbidden in (
        "<script",
        "alert(",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
    ):
        assert forbidden not in lowered, html


def test_it_renders_markdown_to_html():
    html = markup.render("A **bold** step.\n\n- one\n- two")

    assert html == "<p>A <strong>bold</strong> step.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_it_strips_scripts_event_handlers_styles_and_javascript_links():
    html = markup.render(HOSTILE)

    assert_harmless(html)
    assert "<strong>advice</strong>" in html
    assert 'href="https://example.org/help"' in html


def test_a_tool_body_is_sanitised_when_saved(urge_log):
    urge_log.body = HOSTILE
    urge_log.save()
    urge_log.refresh_from_db()

    assert_harmless(urge_log.body_html)
    assert "<strong>advice</strong>" in urge_log.body_html


def test_a_stage_and_a_point_are_sanitised_when_saved():
    stage = Stage.objects.get(slug="action")
    stage.feels_like = stage.what_helps = HOSTILE
    stage.save()
    point = Point.objects.get(number=1)
    point.intro = HOSTILE
    point.save()

    for html in (stage.feels_like_html, stage.what_helps_html, point.intro_html):
        assert_harmless(html)


def test_a_hostile_body_never_reaches_the_page(client, urge_log):
    urge_log.body = HOSTILE
    urge_log.save()

    response = client.get(urge_log.get_absolute_url())

    assertContains(response, "<strong>advice</strong>", html=True)
    assertNotContains(response, "stolen")
    assertNotContains(response, "onerror")
    assertNotContains(response, "javascript:")


def test_the_search_text_is_plain_words_without_markup(urge_log):
    urge_log.body = "Some **bold** words & <em>more</em>."
    urge_log.save()

    assert "Some bold words & more." in urge_log.search_text
    assert "<" not in urge_log.search_text


def test_a_tools_steps_are_one_per_line_ignoring_blank_lines():
    tool = Tool(steps="First.\n\n  Second.  \nThird.\n")

    assert tool.step_list == ["First.", "Second.", "Third."]
