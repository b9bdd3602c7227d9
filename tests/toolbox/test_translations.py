"""Toolbox pages in other languages: files beside the English ones, shown where written, and
the English words with a note where not."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from toolbox.loading import CONTENT_DIR, ContentError, load, read_content
from toolbox.models import PageTranslation, Tool
from toolbox.translations import links_to_language

CBA = "/toolbox/tools/cost-benefit-analysis/"


@pytest.fixture
def translated(db) -> None:
    load(read_content())


def test_the_spanish_and_french_files_are_read_beside_the_english_ones():
    content = read_content()

    written = {(t.language, t.record.kind.name, t.record.slug) for t in content.translations}

    assert ("es", "tool", "cost-benefit-analysis") in written
    assert ("fr", "point", "coping-with-urges") in written
    assert {language for language, _, _ in written} >= {"es", "fr"}


def test_every_toolbox_page_is_written_in_spanish_and_french():
    english = sorted(path.relative_to(CONTENT_DIR) for path in CONTENT_DIR.glob("*/*.md"))

    for language in ("es", "fr"):
        written = sorted(
            path.relative_to(CONTENT_DIR / language)
            for path in (CONTENT_DIR / language).glob("*/*.md")
        )
        assert written == english, language


def copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    for path in CONTENT_DIR.rglob("*.md"):
        target = folder / path.relative_to(CONTENT_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def problems_with(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        read_content(folder)
    return [str(problem) for problem in error.value.problems]


def test_a_translation_keeps_the_english_page_name_and_its_language_headings(tmp_path):
    folder = copy_content(tmp_path)
    (folder / "es" / "tools" / "nothing-like-it.md").write_text(
        "---\ntitle: Nada\nsummary: Nada.\n---\n\nTexto.\n\n## Cómo usarla\n\n1. Uno.\n"
    )
    cba = folder / "es" / "tools" / "cost-benefit-analysis.md"
    cba.write_text(cba.read_text().replace("## Cómo usarla", "## How to use it"))
    point = folder / "fr" / "points" / "coping-with-urges.md"
    point.write_text(point.read_text().replace("title:", "number: 2\ntitle:"))

    problems = problems_with(folder)

    assert any("nothing-like-it.md: no English tool `nothing-like-it`" in p for p in problems)
    assert any(
        "es/tools/cost-benefit-analysis.md" in p and "`## Cómo usarla` is missing" in p
        for p in problems
    )
    assert any("fr/points/coping-with-urges.md:2: unknown field `number`" in p for p in problems)


def test_loading_stores_each_translation_rendered_and_is_safe_to_repeat(translated):
    cba = PageTranslation.objects.get(language="es", kind="tool", slug="cost-benefit-analysis")

    assert cba.title == "Análisis de Costos y Beneficios"
    assert "<em>beneficios</em>" in cba.texts["body_html"]
    assert cba.texts["steps"].splitlines()[0].startswith("Busca un momento tranquilo")
    changes = load(read_content())
    assert {c.outcome for c in changes if c.kind == "translation"} == {"unchanged"}


def test_a_tool_page_shows_its_spanish_words(client, translated):
    response = client.get(f"/es{CBA}")

    assertContains(response, "Análisis de Costos y Beneficios")
    assertContains(response, "Busca un momento tranquilo")
    assertNotContains(response, "Weigh, honestly and on paper")


def test_the_english_page_keeps_its_english_words(client, translated):
    response = client.get(CBA)

    assertContains(response, "Cost/Benefit Analysis")
    assertNotContains(response, "Análisis de Costos")


def test_a_page_not_yet_translated_shows_the_english_and_names_the_languages_it_has(
    client, translated
):
    response = client.get(f"/de{CBA}")

    assertContains(response, "Cost/Benefit Analysis")
    assert [code for code, _ in response.context["words_languages"]] == ["en", "es", "fr"]
    assert "words_languages" not in client.get(f"/fr{CBA}").context


def test_the_points_are_listed_in_french(client, translated):
    response = client.get("/fr/toolbox/")

    assertContains(response, "Faire face aux envies")
    assertContains(response, "Analyse coûts-bénéfices")


def test_a_stage_shows_its_sections_in_spanish(client, translated):
    response = client.get("/es/stages/relapse/")

    assertContains(response, "Recaída")
    assertContains(response, "Un tropiezo no tiene por qué convertirse")


def test_a_page_shown_in_english_links_to_the_pages_in_the_visitors_language(client, translated):
    german = client.get("/de/toolbox/tools/disputing-irrational-beliefs/").content.decode()
    english = client.get("/toolbox/tools/disputing-irrational-beliefs/").content.decode()

    assert 'href="/de/toolbox/tools/abc/"' in german
    assert 'href="/toolbox/tools/abc/"' not in german
    assert 'href="/toolbox/tools/abc/"' in english


def test_a_guide_in_english_keeps_its_query_and_outside_links_as_they_are(client, translated):
    portuguese = client.get("/pt/toolbox/family-and-friends/").content.decode()

    assert 'href="/pt/meetings/?program=family_friends"' in portuguese
    assert 'href="/pt/worksheets/new/ff-self-care/"' in portuguese


def test_only_our_own_addresses_are_moved_to_the_language():
    tool = Tool(slug="sample", body_html='<a href="/toolbox/">a</a> <a href="/static/x.css">b</a>')

    links_to_language(tool, "sv")

    assert tool.body_html == '<a href="/sv/toolbox/">a</a> <a href="/static/x.css">b</a>'


def test_a_list_of_pages_shown_in_english_reads_no_field_it_left_unread(
    client, translated, django_assert_num_queries
):
    """The home page lists the points with ``only()``: their HTML is not read page by page."""
    client.get("/")
    with CaptureQueriesContext(connection) as english:
        client.get("/")

    with django_assert_num_queries(len(english) + 1):  # the German words, where written
        client.get("/de/")
