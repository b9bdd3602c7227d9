from __future__ import annotations

import re

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

from tests.toolbox.conftest import links
from toolbox.models import Stage
from toolbox.templatetags.toolbox_tags import slash_breaks

pytestmark = pytest.mark.django_db


def svg_of(response) -> str:
    """The cycle drawing (the site's header has a drawing of its own, the brand mark)."""
    pattern = r'<svg class="stage-cycle-drawing".*?</svg>'
    return re.search(pattern, response.content.decode(), re.DOTALL).group(0)


def test_the_stages_page_lists_the_seven_stages_in_order(client):
    response = client.get("/stages/")

    assertTemplateUsed(response, "toolbox/stage_list.html")
    assert list(response.context["stage_list"]) == list(Stage.objects.order_by("order"))
    content = response.content.decode()
    list_part = content[content.index("The seven stages") :]
    positions = [list_part.index(f">{stage.title}</a>") for stage in Stage.objects.all()]
    assert positions == sorted(positions)


def test_the_cycle_is_drawn_as_an_accessible_svg_with_every_stage_a_link(client):
    svg = svg_of(client.get("/stages/"))

    assert 'aria-labelledby="cycle-title"' in svg
    assert '<title id="cycle-title">The cycle of change</title>' in svg
    assert 'aria-describedby="cycle-desc"' in svg
    assert '<desc id="cycle-desc">' in svg
    assert "<image" not in svg
    assert " style=" not in svg
    for stage in Stage.objects.all():
        assert f'<a href="{stage.get_absolute_url()}" class="cycle-stage' in svg
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    for title in ("Precontemplation", "Contemplation", "Action", "Maintenance", "Relapse"):
        assert title in labels
    assert {"Determination/", "Preparation", "Termination"} <= set(labels)


def test_a_stage_page_shows_what_it_feels_like_what_helps_and_its_tools(client):
    stage = Stage.objects.get(slug="contemplation")

    response = client.get("/stages/contemplation/")

    assertTemplateUsed(response, "toolbox/stage_detail.html")
    assertContains(response, "<h1>Contemplation</h1>", html=True)
    assertContains(response, "What it feels like")
    assertContains(response, stage.feels_like_html)
    assertContains(response, "What helps")
    assertContains(response, stage.what_helps_html)
    hrefs = links(response)
    for tool in stage.tools.all():
        assert tool.get_absolute_url() in hrefs
    assert "/toolbox/tools/cost-benefit-analysis/" in hrefs
    assert "/worksheets/new/cba/" in hrefs


def test_a_stage_page_leads_to_the_stages_either_side(client):
    hrefs = links(client.get("/stages/action/"))

    assert "/stages/preparation/" in hrefs
    assert "/stages/maintenance/" in hrefs


def test_the_first_and_last_stages_lead_only_one_way(client):
    first = client.get("/stages/precontemplation/").context
    last = client.get("/stages/termination/").context

    assert first["previous_stage"] is None
    assert first["next_stage"].slug == "contemplation"
    assert last["previous_stage"].slug == "relapse"
    assert last["next_stage"] is None


def test_a_stage_page_has_breadcrumbs_back_to_the_stages(client):
    response = client.get("/stages/relapse/")

    assertContains(response, '<a href="/stages/">Stages of change</a>', html=True)
    assertContains(response, 'aria-current="page">Relapse<', html=False)


def test_an_unknown_stage_is_a_404(client):
    assert client.get("/stages/no-such-stage/").status_code == 404


def test_a_stage_title_with_a_slash_may_wrap_after_it_not_inside_a_word(client):
    response = client.get("/stages/preparation/")

    assert ">Determination/<wbr>Preparation</h1>" in response.content.decode()


def test_slash_breaks_escapes_the_text_first():
    assert slash_breaks("<b>Either/or</b>") == "&lt;b&gt;Either/<wbr>or&lt;/<wbr>b&gt;"
