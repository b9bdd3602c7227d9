from __future__ import annotations

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.toolbox.conftest import links
from toolbox.models import Point
from toolbox.search import search

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [result.title for result in search(query).pages]


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("urges", "Urge Log"),
        ("values", "Hierarchy of Values"),
        ("problem", "Problem Solving"),
        ("relapse", "Relapse"),
        ("balanced life", "Living a Balanced Life"),
        ("REBT", "ABC (REBT)"),
    ],
)
def test_the_best_match_comes_first(query, best):
    assert titles(query)[0] == best


def test_a_title_match_outranks_a_passing_mention():
    found = titles("urges")

    assert found.index("Urge Log") < found.index("DEADS") < found.index("Action")


def test_it_searches_points_tools_and_stages_together():
    kinds = {result.kind for result in search("urges").pages}

    assert kinds == {"Point", "Tool", "Stage"}


def test_english_stemming_finds_other_forms_of_a_word():
    assert titles("motivated")[0] == "Building and Maintaining Motivation"
    assert "Relapse" in titles("slipped")


def test_snippets_highlight_the_matched_words():
    snippet = search("urges").pages[0].snippet

    assert "<mark>urge</mark>" in snippet
    assert "<mark>urges</mark>" in snippet


def test_snippets_are_escaped_text_apart_from_the_highlights(urge_log):
    urge_log.summary = "Note each urge boldly & honestly <img src=x onerror=alert(1)> 1 < 2."
    urge_log.save()

    snippet = search("boldly").pages[0].snippet

    assert "<mark>boldly</mark> &amp; honestly" in snippet
    assert "1 &lt; 2." in snippet
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")


def test_it_lists_matching_worksheets_by_title():
    assert [w.title for w in search("change plan").worksheets][0] == "Change Plan"
    assert "Urge Log" in [w.title for w in search("urge").worksheets]
    assert search("relapse").worksheets == []


def test_the_search_page_shows_ranked_results_with_links(client):
    response = client.get("/toolbox/search/", {"q": "values"})

    assertTemplateUsed(response, "toolbox/search.html")
    assertContains(response, "Results for “values”")
    hrefs = links(response)
    assert hrefs.index("/toolbox/tools/hierarchy-of-values/") < hrefs.index("/stages/maintenance/")
    assertContains(response, "<mark>values</mark>", html=False)
    assertContains(response, '<a href="/worksheets/new/hov/">Hierarchy of Values</a>', html=True)


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_shows_the_four_points_instead_of_an_error(client, query):
    response = client.get("/toolbox/search/", {"q": query})

    assert response.status_code == 200
    assert response.context["results"] is None
    for point in Point.objects.all():
        assert point.get_absolute_url() in links(response)
    assertNotContains(response, "Nothing matched")


def test_a_search_page_without_a_query_shows_the_four_points(client):
    response = client.get("/toolbox/search/")

    assert response.status_code == 200
    assertContains(response, "The Four Points")


@pytest.mark.parametrize("query", ["xylophone", "the", "!!! ((", '"unclosed'])
def test_a_search_with_no_matches_says_so_and_offers_the_four_points(client, query):
    response = client.get("/toolbox/search/", {"q": query})

    assert response.status_code == 200
    assertContains(response, "Nothing matched")
    assertContains(response, "The Four Points")


def test_an_overlong_search_is_refused_politely(client):
    response = client.get("/toolbox/search/", {"q": "urge " * 100})

    assert response.status_code == 200
    assert response.context["results"] is None
    assertContains(response, "Ensure this value has at most 200 characters")
    assertContains(response, "The Four Points")


# The tools issue 14 added, and a word a participant might search for each.
NEW_TOOLS = [
    ("journal", "Journaling"),
    ("trigger", "Triggers"),
    ("week", "Plan Your Week"),
    ("goal", "Goal Setting"),
    ("acceptance", "Unconditional Acceptance"),
    ("compassion", "Practice Self-Compassion"),
    ("dispute", "Disputing Irrational Beliefs (DIBs)"),
    ("DIBs", "Disputing Irrational Beliefs (DIBs)"),
]


@pytest.mark.parametrize(("query", "title"), NEW_TOOLS)
def test_it_finds_every_tool_added_since_the_first_release(query, title):
    call_command("load_toolbox", verbosity=0)

    assert title in titles(query)
