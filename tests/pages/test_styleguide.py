from __future__ import annotations

from pytest_django.asserts import assertContains, assertNotContains


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


def test_no_font_is_preloaded_and_the_font_script_is_on_every_page(client, db):
    """Figtree waits for the page's load (js/fonts.js; the browser test checks when it is
    fetched), so nothing competes with the stylesheets for the first paint."""
    response = client.get("/about/")

    assertNotContains(response, 'rel="preload"')
    assertContains(response, 'src="/static/js/fonts.js" defer')
