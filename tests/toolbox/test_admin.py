from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from toolbox.models import Point, Stage, Tool

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["point", "stage", "tool", "guide"])
def test_editors_can_list_and_add_each_kind_of_content(admin_client, model):
    assert admin_client.get(f"/admin/toolbox/{model}/").status_code == 200
    assert admin_client.get(f"/admin/toolbox/{model}/add/").status_code == 200


def test_a_tools_form_previews_its_rendered_body_and_steps(admin_client):
    tool = Tool.objects.get(slug="deads")

    response = admin_client.get(f"/admin/toolbox/tool/{tool.pk}/change/")

    assertContains(response, "Preview of the body, as saved")
    assertContains(response, "<strong>Deny or delay.</strong>", html=True)
    assertContains(response, f"<li>{tool.step_list[0]}</li>", html=True)


def test_the_preview_shows_the_sanitised_body_never_the_raw_markup(admin_client, urge_log):
    urge_log.body = "Fine **text**.\n\n<script>alert('x')</script><img src=x onerror=alert(1)>"
    urge_log.save()

    response = admin_client.get(f"/admin/toolbox/tool/{urge_log.pk}/change/")

    assertContains(response, "<strong>text</strong>", html=True)
    preview = response.content.decode().split('class="toolbox-preview"')[1][:500]
    assert "<script" not in preview
    assert "onerror" not in preview


def test_point_and_stage_forms_preview_their_rendered_text(admin_client):
    point = Point.objects.get(number=1)
    stage = Stage.objects.get(slug="action")

    point_page = admin_client.get(f"/admin/toolbox/point/{point.pk}/change/")
    stage_page = admin_client.get(f"/admin/toolbox/stage/{stage.pk}/change/")

    assertContains(point_page, "Preview of the introduction, as saved")
    assertContains(point_page, point.intro_html)
    assertContains(stage_page, "Preview of what it feels like, as saved")
    assertContains(stage_page, stage.what_helps_html)


def test_an_editor_saves_markdown_and_the_page_shows_it_rendered(admin_client, client, urge_log):
    response = admin_client.post(
        f"/admin/toolbox/tool/{urge_log.pk}/change/",
        {
            "title": urge_log.title,
            "slug": urge_log.slug,
            "order": urge_log.order,
            "summary": urge_log.summary,
            "body": 'Write it *down*.\n\n<a href="#" onclick="steal()">Trick</a>',
            "steps": "One.\nTwo.\nThree.",
            "worksheet": "urges",
            "points": [point.pk for point in urge_log.points.all()],
            "stages": [stage.pk for stage in urge_log.stages.all()],
        },
    )

    assert response.status_code == 302
    page = client.get(urge_log.get_absolute_url())
    assertContains(page, "Write it <em>down</em>.", html=True)
    assertNotContains(page, "steal()")


def test_tools_can_be_filtered_by_point_and_by_stage(admin_client):
    urges = Point.objects.get(slug="coping-with-urges")
    termination = Stage.objects.get(slug="termination")

    by_point = admin_client.get("/admin/toolbox/tool/", {"points__id__exact": urges.pk})
    by_stage = admin_client.get("/admin/toolbox/tool/", {"stages__id__exact": termination.pk})

    assert set(by_point.context["cl"].result_list) == set(urges.tools.all())
    assert set(by_stage.context["cl"].result_list) == set(termination.tools.all())
    assertContains(by_point, "By points")
    assertContains(by_point, "By stages")


def test_a_stages_slug_cannot_be_changed_once_saved(admin_client):
    stage = Stage.objects.get(slug="action")

    response = admin_client.post(
        f"/admin/toolbox/stage/{stage.pk}/change/",
        {
            "order": stage.order,
            "title": stage.title,
            "slug": "doing-it",
            "summary": stage.summary,
            "feels_like": stage.feels_like,
            "what_helps": stage.what_helps,
        },
    )

    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.slug == "action"
    assert admin_client.get("/admin/toolbox/stage/add/").context["adminform"].prepopulated_fields
