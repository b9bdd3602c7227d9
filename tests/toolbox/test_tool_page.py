from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.toolbox.conftest import links
from toolbox.models import Tool

pytestmark = pytest.mark.django_db


def test_a_tool_page_shows_its_summary_body_and_steps_in_order(client):
    tool = Tool.objects.get(slug="deads")

    response = client.get("/toolbox/tools/deads/")

    assertTemplateUsed(response, "toolbox/tool_detail.html")
    assertContains(response, "<h1>DEADS</h1>", html=True)
    assertContains(response, tool.summary)
    assertContains(response, tool.body_html)
    assertContains(response, "How to use it")
    steps = "".join(f"<li>{step}</li>" for step in tool.step_list)
    assertContains(response, f"<ol>{steps}</ol>", html=True)


def test_a_tool_page_links_its_worksheet(client):
    response = client.get("/toolbox/tools/cost-benefit-analysis/")

    assertContains(
        response,
        '<a class="btn btn-primary" href="/worksheets/new/cba/">Start this worksheet</a>',
        html=True,
    )


def test_the_urge_log_links_to_the_running_log(client):
    response = client.get("/toolbox/tools/urge-log/")

    assertContains(
        response,
        '<a class="btn btn-primary" href="/worksheets/urges/">Start this worksheet</a>',
        html=True,
    )


def test_a_tool_without_a_worksheet_offers_none(client):
    response = client.get("/toolbox/tools/brainstorming/")

    assertNotContains(response, "Start this worksheet")
    assert [href for href in links(response) if href.startswith("/worksheets/")] == ["/worksheets/"]


def test_a_tool_page_links_its_points_and_stages(client):
    tool = Tool.objects.get(slug="hierarchy-of-values")

    hrefs = links(client.get(tool.get_absolute_url()))

    for item in [*tool.points.all(), *tool.stages.all()]:
        assert item.get_absolute_url() in hrefs
    assert "/stages/action/" not in hrefs


def test_a_tool_page_has_breadcrumbs_through_its_first_point(client):
    response = client.get("/toolbox/tools/hierarchy-of-values/")

    assertContains(
        response,
        '<li class="breadcrumb-item"><a href="/toolbox/building-motivation/">'
        "1. Building and Maintaining Motivation</a></li>",
        html=True,
    )
    assertContains(response, 'aria-current="page">Hierarchy of Values<', html=False)


def test_an_unknown_tool_is_a_404(client):
    assert client.get("/toolbox/tools/no-such-tool/").status_code == 404


def test_the_old_vacation_from_addiction_page_redirects_to_vaci(client):
    response = client.get("/toolbox/tools/vacation-from-addiction/")

    assert response.status_code == 301
    assert response.url == "/toolbox/tools/vaci/"
    page = client.get(response.url)
    assertContains(page, "Vital Absorbing Creative Interest")
    assertContains(page, 'href="/worksheets/new/vaci/"')
