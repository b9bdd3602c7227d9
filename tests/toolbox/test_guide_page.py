"""The guide for family and friends: its own page, linked from the toolbox, found by search."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

from meetings.search import FinderForm
from meetings.types import Program
from tests.toolbox.conftest import links
from toolbox.models import Guide
from toolbox.search import search
from toolbox.worksheet_kinds import WORKSHEETS, WorksheetKind

pytestmark = pytest.mark.django_db

PAGE = "/toolbox/family-and-friends/"


def test_the_guide_has_a_page_of_its_own_under_the_toolbox(client):
    response = client.get(PAGE)

    assertTemplateUsed(response, "toolbox/guide_detail.html")
    assertContains(response, "<h1>For Family and Friends</h1>", html=True)
    assertContains(response, '<a href="/toolbox/">Toolbox</a>', html=True)
    assertContains(response, Guide.objects.get(slug="family-and-friends").body_html)


def test_it_links_to_the_finder_filtered_to_family_and_friends_meetings(client):
    finder_links = [href for href in links(client.get(PAGE)) if href.startswith("/meetings/?")]

    assert finder_links
    for href in finder_links:
        query = {name: values[0] for name, values in parse_qs(urlsplit(href).query).items()}
        form = FinderForm(query)
        # The finder reads the link as its program filter, not as a word to search for.
        assert form.is_valid(), form.errors
        assert form.cleaned_data["program"] == Program.FAMILY_FRIENDS


def test_it_links_to_the_two_family_worksheets(client):
    hrefs = links(client.get(PAGE))

    for kind in (WorksheetKind.FAMILY_COMMUNICATION, WorksheetKind.FAMILY_SELF_CARE):
        assert WORKSHEETS[kind].url in hrefs


def test_it_explains_craft_in_plain_words_with_safety_and_an_emergency_number(client):
    response = client.get(PAGE)
    # The site's footer names emergency numbers too: look in the guide's own words.
    text = " ".join(Guide.objects.get(slug="family-and-friends").body.split())

    for heading in (
        "Communication",
        "Positive reinforcement",
        "Allowing natural consequences",
        "Looking after yourself",
        "Safety first",
    ):
        assertContains(response, f"<h3>{heading}</h3>", html=True)
    assert "CRAFT, Community Reinforcement and Family Training" in text
    assert "If you are in danger right now" in text
    assert "call your local emergency number" in text


def test_the_toolbox_and_the_about_page_link_to_it(client):
    assert PAGE in links(client.get("/toolbox/"))
    assert PAGE in links(client.get("/about/"))


def test_search_finds_the_guide(client):
    found = [(result.kind, result.url) for result in search("family friends").pages]

    assert ("Guide", PAGE) in found
    assert PAGE in links(client.get("/toolbox/search/", {"q": "loved one"}))


@pytest.mark.parametrize("path", ["/toolbox/family-and-friend/", "/toolbox/guides/"])
def test_an_address_that_is_no_guide_is_a_404(client, path):
    assert client.get(path).status_code == 404
