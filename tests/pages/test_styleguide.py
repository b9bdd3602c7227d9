from __future__ import annotations

from pytest_django.asserts import assertContains


def test_the_style_guide_shows_every_component_in_development(client, settings):
    settings.DEBUG = True

    response = client.get("/styleguide/")

    for component in (
        "Brand",
        "Colour",
        "Type",
        "Space",
        "Buttons",
        "Page header",
        "Meeting card and row",
        "Chips",
        "Filter bar",
        "Empty state",
        "Alerts",
    ):
        assertContains(response, f">{component}</h2>")
    assertContains(response, 'name="robots" content="noindex"')


def test_the_style_guide_is_not_found_in_production(client, settings):
    settings.DEBUG = False

    assert client.get("/styleguide/").status_code == 404


def test_every_page_preloads_the_self_hosted_font(client, db):
    response = client.get("/about/")

    font = "/static/vendor/figtree/figtree-latin-wght-normal.woff2"
    assertContains(response, f'rel="preload" href="{font}" as="font" type="font/woff2" crossorigin')
