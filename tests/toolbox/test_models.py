from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from toolbox.models import Point, Stage, Tool

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["search", "tools"])
def test_a_point_cannot_take_the_address_of_the_search_or_tool_pages(slug):
    point = Point.objects.get(number=1)
    point.slug = slug

    with pytest.raises(ValidationError) as error:
        point.full_clean()
    assert "slug" in error.value.message_dict


def test_a_stage_cannot_take_the_address_of_the_check_in():
    stage = Stage.objects.get(slug="action")
    stage.slug = "check-in"

    with pytest.raises(ValidationError) as error:
        stage.full_clean()
    assert "slug" in error.value.message_dict


def test_a_tool_knows_the_address_of_its_worksheet():
    assert Tool.objects.get(slug="cost-benefit-analysis").worksheet_link.url == (
        "/worksheets/new/cba/"
    )
    assert Tool.objects.get(slug="urge-log").worksheet_link.url == "/worksheets/urges/"
    assert Tool.objects.get(slug="brainstorming").worksheet_link is None


def test_editing_a_tool_updates_what_search_finds(urge_log):
    urge_log.summary = "Keep notes about every craving, including the zebra-striped ones."
    urge_log.save()

    assert list(Tool.objects.search("zebra")) == [urge_log]


def test_pages_have_addresses_by_slug():
    assert Point.objects.get(number=2).get_absolute_url() == "/toolbox/coping-with-urges/"
    assert Tool.objects.get(slug="deads").get_absolute_url() == "/toolbox/tools/deads/"
    assert Stage.objects.get(order=6).get_absolute_url() == "/stages/relapse/"
