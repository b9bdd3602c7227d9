"""One search box over the toolbox: points, tools, stages and guides, and worksheets by title."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy

from toolbox.models import (
    MARK_START,
    MARK_STOP,
    SEARCH_CONFIG,
    Guide,
    PageTranslation,
    Point,
    Stage,
    Tool,
    highlighted,
)
from toolbox.worksheet_kinds import WORKSHEETS, Worksheet


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString
    rank: float


@dataclass(frozen=True)
class Results:
    query: str
    pages: list[Result]
    worksheets: list[Worksheet]

    def __bool__(self) -> bool:
        return bool(self.pages or self.worksheets)


# PostgreSQL's own text-search configurations for the languages pages are written in.
SEARCH_CONFIGS = {
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "nl": "dutch",
    "pt": "portuguese",
    "sv": "swedish",
}
MODELS = {"point": Point, "tool": Tool, "stage": Stage, "guide": Guide}


KIND_LABELS = {
    "point": pgettext_lazy("kind of toolbox page", "Point"),
    "tool": pgettext_lazy("kind of toolbox page", "Tool"),
    "stage": pgettext_lazy("kind of toolbox page", "Stage"),
    "guide": pgettext_lazy("kind of toolbox page", "Guide"),
}


def kind_label(kind: str) -> str:
    """ "Point", "Tool", ... in the page's language."""
    return str(KIND_LABELS[kind])


def search(text: str) -> Results:
    """Rank matching points, tools, stages and guides together, best first; list worksheets.

    On a page in another language, the pages written in it are searched in it too (stemmed
    the language's way), and English matches show under their translated titles.
    """
    language = (get_language() or "en").split("-")[0]
    translated = translated_pages(text, language)
    found = {result.url for result in translated}
    titles = {}
    if language in SEARCH_CONFIGS:
        titles = {
            (kind, slug): title
            for kind, slug, title in PageTranslation.objects.filter(language=language).values_list(
                "kind", "slug", "title"
            )
        }
    pages = translated + [
        Result(
            kind_label(kind),
            str(titles.get((kind, row.slug), row.title)),
            row.get_absolute_url(),
            highlighted(row.snippet),
            row.rank,
        )
        for kind, queryset in (
            ("point", Point.objects),
            ("tool", Tool.objects),
            ("stage", Stage.objects),
            ("guide", Guide.objects),
        )
        for row in queryset.search(text)
        if row.get_absolute_url() not in found
    ]
    pages.sort(key=lambda result: -result.rank)
    return Results(text, pages, matching_worksheets(text))


def translated_pages(text: str, language: str) -> list[Result]:
    """Pages written in ``language`` whose words match, with a snippet of their summary."""
    config = SEARCH_CONFIGS.get(language)
    if config is None:
        return []
    vector = (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector(Cast("texts", TextField()), weight="C", config=config)
    )
    query = SearchQuery(text, search_type="websearch", config=config)
    rows = (
        PageTranslation.objects.filter(language=language)
        .annotate(vector=vector)
        .filter(vector=query)
        .annotate(
            rank=SearchRank(F("vector"), query),
            snippet=SearchHeadline(
                "summary", query, config=config, start_sel=MARK_START, stop_sel=MARK_STOP
            ),
        )
    )
    pages = (
        {
            kind: {
                page.slug: page for page in model.objects.filter(slug__in=[r.slug for r in rows])
            }
            for kind, model in MODELS.items()
        }
        if rows
        else {}
    )
    return [
        Result(
            kind_label(row.kind),
            row.title,
            pages[row.kind][row.slug].get_absolute_url(),
            highlighted(row.snippet),
            row.rank,
        )
        for row in rows
        if row.slug in pages.get(row.kind, {})
    ]


def matching_worksheets(text: str) -> list[Worksheet]:
    """Worksheets whose title or description match, best first, stemmed as the pages are.

    Worksheet kinds live in code rather than in a table, so they are matched in one query over a
    VALUES list, with the same text-search configuration and weights as the pages.
    """
    worksheets = list(WORKSHEETS.values())
    # Only placeholders are formatted into the SQL; every value goes in as a parameter.
    rows = ", ".join(["(%s, %s, %s)"] * len(worksheets))
    sql = f"""
        SELECT worksheet.key
        FROM (VALUES {rows}) AS worksheet (key, title, description),
            LATERAL (
                SELECT setweight(to_tsvector(%s::regconfig, worksheet.title), 'A')
                    || setweight(to_tsvector(%s::regconfig, worksheet.description), 'B') AS vector
            ) AS document,
            websearch_to_tsquery(%s::regconfig, %s) AS query
        WHERE document.vector @@ query
        ORDER BY ts_rank(document.vector, query) DESC, worksheet.title
    """
    params = [str(value) for w in worksheets for value in (w.key, w.title, w.description)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, SEARCH_CONFIG, SEARCH_CONFIG, SEARCH_CONFIG, text])
        return [WORKSHEETS[key] for (key,) in cursor.fetchall()]
