from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

from tests.toolbox.conftest import links
from toolbox.models import Point, Tool

pytestmark = pytest.mark.django_db


def test_the_toolbox_shows_the_four_points_with_their_tools(client):
    response = client.get("/toolbox/")

    assertTemplateUsed(response, "toolbox/point_list.html")
    hrefs = links(response)
    for point in Point.objects.all():
        assertContains(response, f"{point.number}. {point.title}")
        assert point.get_absolute_url() in hrefs
        for tool in point.tools.all():
            assert tool.get_absolute_url() in hrefs


def test_the_toolbox_offers_search_and_the_stage_check_in(client):
    response = client.get("/toolbox/")

    assertContains(response, 'action="/toolbox/search/"')
    assertContains(response, 'role="search"')
    assert {"/stages/check-in/", "/stages/"} <= set(links(response))


def test_a_point_page_shows_its_introduction_and_tools(client):
    point = Point.objects.get(slug="coping-with-urges")

    response = client.get("/toolbox/coping-with-urges/")

    assertTemplateUsed(response, "toolbox/point_detail.html")
    assertContains(response, "<h1>Coping with Urges</h1>", html=True)
    assertContains(response, point.intro_html)
    hrefs = links(response)
    for tool in point.tools.all():
        assert tool.get_absolute_url() in hrefs
    assert Tool.objects.get(slug="problem-solving").get_absolute_url() not in hrefs


def test_a_point_page_has_breadcrumbs_back_to_the_toolbox(client):
    response = client.get("/toolbox/living-a-balanced-life/")

    assertContains(response, '<nav aria-label="Breadcrumb"', html=False)
    assertContains(response, '<a href="/toolbox/">Toolbox</a>', html=True)
    assertContains(response, 'aria-current="page">4. Living a Balanced Life<', html=False)


@pytest.mark.parametrize("path", ["/toolbox/no-such-point/", "/toolbox/tools/"])
def test_an_unknown_point_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_the_toolbox_points_family_and_friends_to_their_guide(client):
    response = client.get("/toolbox/")

    assertContains(response, '<h2 id="family-heading">For family and friends</h2>', html=True)
    assert "/toolbox/family-and-friends/" in links(response)
