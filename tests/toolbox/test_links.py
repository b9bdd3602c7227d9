"""Every link on every toolbox page leads somewhere real."""

from __future__ import annotations

import pytest

from tests.toolbox.conftest import links
from toolbox.models import Guide, Point, Stage, Tool
from toolbox.worksheet_kinds import WORKSHEETS

pytestmark = pytest.mark.django_db

# Served by other parts of the site, built in their own issues: linked by their fixed addresses.
ELSEWHERE = ("/meetings/", "/worksheets/", "/accounts/export/", "/accounts/delete/")
# The footer's helpline directory, for a visitor whose country has no line of ours.
OUTSIDE = ("https://findahelpline.com/",)
WORKSHEET_URLS = {worksheet.url for worksheet in WORKSHEETS.values()}


def pages() -> list[str]:
    return [
        "/toolbox/",
        *(point.get_absolute_url() for point in Point.objects.all()),
        *(tool.get_absolute_url() for tool in Tool.objects.all()),
        *(guide.get_absolute_url() for guide in Guide.objects.all()),
        "/stages/",
        *(stage.get_absolute_url() for stage in Stage.objects.all()),
        "/stages/check-in/",
        "/toolbox/search/?q=urges",
        "/toolbox/search/",
        "/about/",
        "/about/meeting-outline/",
        "/privacy/",
    ]


def test_every_link_on_every_toolbox_page_works(client):
    checked: dict[str, int] = {}
    # Read before any request: following a language link leaves that language active here.
    english_pages = pages()
    for page in english_pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for href in links(response):
            if href in OUTSIDE:
                continue
            assert href.startswith(("/", "#")), (page, href)
            if href.startswith("#") or href.startswith(ELSEWHERE):
                continue
            if href not in checked:
                # The language picker's links remember the choice, then show the page.
                follow = href.startswith("/language/")
                checked[href] = client.get(href, follow=follow).status_code
            assert checked[href] == 200, (page, href)
    assert set(english_pages) - {"/toolbox/search/?q=urges", "/toolbox/search/"} <= checked.keys()


def test_worksheet_links_go_to_the_worksheet_addresses(client):
    for page in pages():
        for href in links(client.get(page)):
            if href.startswith("/worksheets/") and href != "/worksheets/":
                assert href in WORKSHEET_URLS, (page, href)


def test_a_check_in_result_links_only_to_real_pages(client):
    response = client.post(
        "/stages/check-in/",
        {
            "importance": "2",
            "confidence": "9",
            "changing": "not_yet",
            "slipped": "no",
            "plan": "no",
            "pull": "often",
        },
    )

    hrefs = links(response)
    assert "/stages/precontemplation/" in hrefs
    for href in hrefs:
        if href.startswith("/") and not href.startswith(ELSEWHERE):
            follow = href.startswith("/language/")
            assert client.get(href, follow=follow).status_code == 200, href


def test_the_home_page_links_each_of_the_four_points_and_the_toolbox(client):
    hrefs = links(client.get("/"))

    for point in Point.objects.all():
        assert point.get_absolute_url() in hrefs
        assert client.get(point.get_absolute_url()).status_code == 200
    assert "/toolbox/" in hrefs
