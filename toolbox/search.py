"""One search box over the toolbox: points, tools, stages and guides, and worksheets by title."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils.safestring import SafeString

from toolbox.models import SEARCH_CONFIG, Guide, Point, Stage, Tool, highlighted
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


def search(text: str) -> Results:
    """Rank matching points, tools, stages and guides together, best first; list worksheets."""
    pages = [
        Result(kind, str(row.title), row.get_absolute_url(), highlighted(row.snippet), row.rank)
        for kind, queryset in (
            ("Point", Point.objects),
            ("Tool", Tool.objects),
            ("Stage", Stage.objects),
            ("Guide", Guide.objects),
        )
        for row in queryset.search(text)
    ]
    pages.sort(key=lambda result: -result.rank)
    return Results(text, pages, matching_worksheets(text))


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
