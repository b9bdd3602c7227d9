"""The site's fixed pages and the toolbox in the sitemap, and robots.txt: crawlers find every
public page in every language and are asked to keep out of the private ones."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.meetings.test_sitemap import all_locations_in, locations_in
from toolbox.models import Guide, Point, Stage, Tool

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Pages of one participant, reversed in each language; each must be out of crawlers' reach.
PRIVATE = [
    ("account", []),
    ("signup", []),
    ("login", []),
    ("worksheets:list", []),
    ("worksheets:new", ["cba"]),
    ("worksheets:urges", []),
    ("mymeetings:mine", []),
    ("reminders:settings", []),
    ("attendance:proof", [1]),
]
PUBLIC = [
    ("home", []),
    ("meetings:finder", []),
    ("meetings:online", []),
    ("meetings:browse", []),
    ("meetings:detail", ["tuesday-tools"]),
    ("toolbox:point_list", []),
    ("toolbox:tool_detail", ["cost-benefit-analysis"]),
    ("toolbox:stage_list", []),
    ("sos", []),
    ("about", []),
]


def robots(client) -> RobotFileParser:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def reversed_in_every_language(names: list[tuple[str, list]]) -> list[str]:
    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            paths.extend(reverse(name, args=args) for name, args in names)
    return paths


def test_the_fixed_pages_are_listed_in_every_language_and_each_answers(client):
    pages = all_locations_in(client.get("/sitemap-pages.xml"))

    english = locations_in(client.get("/sitemap-pages.xml"))
    assert {"/", "/meetings/", "/meetings/online/", "/sos/", "/toolbox/", "/stages/"} <= set(
        english
    )
    assert {"/about/", "/about/meeting-outline/", "/privacy/", "/stages/check-in/"} <= set(english)
    assert len(pages) == len(english) * len(LANGUAGES)
    assert "/sv/meetings/online/" in pages
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_every_toolbox_page_is_listed_under_each_language(client):
    response = client.get("/sitemap-toolbox.xml")

    pages = all_locations_in(response)
    expected = [
        item.get_absolute_url()
        for model in (Point, Tool, Stage, Guide)
        for item in model.objects.all()
    ]
    assert len(expected) > 20
    assert sorted(locations_in(response)) == sorted(expected)
    assert len(pages) == len(expected) * len(LANGUAGES)
    assert (
        '<xhtml:link rel="alternate" hreflang="fr" '
        'href="http://testserver/fr/toolbox/tools/cost-benefit-analysis/"/>'
    ) in response.content.decode()
    for page in pages:
        if page.startswith(("/toolbox/", "/es/")):
            assert client.get(page).status_code == 200, page


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_from_private_pages(client):
    parser = robots(client)

    assert parser.site_maps() == ["http://testserver/sitemap.xml"]
    for path in reversed_in_every_language(PRIVATE):
        assert not parser.can_fetch("*", f"http://testserver{path}"), path
    for path in ["/admin/", "/api/meetings/?near=Austin", "/verify/ABCD-EFGH/", "/language/es/"]:
        assert not parser.can_fetch("*", f"http://testserver{path}"), path


def test_robots_txt_lets_crawlers_read_every_public_page(client):
    parser = robots(client)

    for path in reversed_in_every_language(PUBLIC):
        assert parser.can_fetch("*", f"http://testserver{path}"), path
    for path in ["/sitemap.xml", "/meetings.json", "/meetings/tuesday-tools.ics"]:
        assert parser.can_fetch("*", f"http://testserver{path}"), path


def test_robots_txt_is_kept_by_caches_for_a_day(client):
    response = client.get("/robots.txt")

    assert response["Cache-Control"] == "public, max-age=86400"
