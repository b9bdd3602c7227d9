"""Lifestyle Balance Pie: 6-10 areas of life, each rated 0-10, drawn as a radial chart."""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import ItemList, Kind, Rating, Section, Text, register
from worksheets.kinds.hov import top_values

MIN_AREAS, MAX_AREAS = 6, 10
DEFAULT_AREAS = (
    "Health and body",
    "Family",
    "Friends and social life",
    "Work, studies or volunteering",
    "Money",
    "Rest and fun",
    "Home",
    "Meaning, growth or spirituality",
)
# The chart's geometry in SVG units: a rating of n reaches n tenths of the full radius.
SIZE, CENTRE, RADIUS = 260, 130, 100
COLOURS = (
    "#2f6f9f",
    "#4f8a3c",
    "#b5651d",
    "#7a4f9a",
    "#9a3f55",
    "#2d7f7a",
    "#8a7a1f",
    "#4a5aa8",
    "#a0522d",
    "#3f7f4f",
)

AREAS = ItemList(
    "areas",
    "Areas of my life",
    help=(
        f"Between {MIN_AREAS} and {MAX_AREAS} areas. Rename them to fit your life, and rate how "
        "satisfied you are with each one right now."
    ),
    item_label="Area",
    max_items=MAX_AREAS,
    subfields=(
        Text("area", "Area of life", max_length=80, lines=1),
        Rating("rating", "How satisfied I am", help="0 is not at all, 10 is completely."),
    ),
)


def initial_answers(worksheets: list) -> dict:
    """Areas from the participant's latest Hierarchy of Values, topped up with common ones."""
    hov = [w for w in worksheets if w.kind == WorksheetKind.HOV.value]
    latest = max(hov, key=lambda w: w.updated) if hov else None
    names = top_values(latest.answers, MAX_AREAS) if latest else []
    for name in DEFAULT_AREAS:
        if len(names) >= MIN_AREAS:
            break
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return {"areas": [{"area": name, "rating": None} for name in names]}


def _point(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return round(CENTRE + radius * math.cos(angle), 2), round(CENTRE + radius * math.sin(angle), 2)


def _sector(radius: float, start: float, end: float) -> str:
    x1, y1 = _point(radius, start)
    x2, y2 = _point(radius, end)
    large = 1 if end - start > 180 else 0
    return f"M {CENTRE},{CENTRE} L {x1},{y1} A {radius:g},{radius:g} 0 {large} 1 {x2},{y2} Z"


def summary(answers: dict, previous: dict | None = None) -> dict:
    """The chart's slices (radius from the rating), a text alternative, the change since last."""
    areas = [item for item in answers.get("areas") or [] if item.get("area")]
    before: dict[str, Any] = {}
    for item in (previous or {}).get("areas") or []:
        if item.get("area"):
            before[item["area"].strip().lower()] = item.get("rating")
    span = 360 / len(areas) if areas else 0
    rows = []
    for index, item in enumerate(areas):
        rating = item.get("rating")
        radius = RADIUS * (rating or 0) / 10
        start = -90 + index * span
        end = start + span
        earlier = before.get(item["area"].strip().lower())
        number_x, number_y = _point(RADIUS + 14, start + span / 2)
        rows.append(
            {
                "number": index + 1,
                "area": item["area"],
                "rating": rating,
                "radius": radius,
                "whole": len(areas) == 1,
                "path": _sector(radius, start, end) if radius and len(areas) > 1 else "",
                "outline": _sector(RADIUS, start, end) if len(areas) > 1 else "",
                "colour": COLOURS[index % len(COLOURS)],
                "number_x": number_x,
                "number_y": number_y,
                "previous": earlier,
                "change": None if rating is None or earlier is None else rating - earlier,
            }
        )
    described = "; ".join(
        f"{row['number']}. {row['area']}: "
        + (
            gettext("not rated")
            if row["rating"] is None
            else gettext("%(rating)s out of 10") % {"rating": row["rating"]}
        )
        for row in rows
    )
    rated = [row["rating"] for row in rows if row["rating"] is not None]
    note = ""
    if areas and not MIN_AREAS <= len(areas) <= MAX_AREAS:
        note = gettext(
            "The pie works best with %(least)s to %(most)s areas; you have %(count)s."
        ) % {"least": MIN_AREAS, "most": MAX_AREAS, "count": len(areas)}
    return {
        "template": "worksheets/summaries/balance_pie.html",
        "areas": rows,
        "size": SIZE,
        "centre": CENTRE,
        "rings": [RADIUS * n / 10 for n in (2, 4, 6, 8, 10)],
        "description": (
            gettext(
                "A radial chart of %(count)s areas of life, each drawn as a slice whose length "
                "shows the rating out of 10: %(described)s."
            )
            % {"count": len(rows), "described": described}
            if rows
            else gettext("No areas yet.")
        ),
        "average": round(sum(rated) / len(rated), 1) if rated else None,
        "has_previous": previous is not None,
        "note": note,
    }


KIND = register(
    Kind(
        key=WorksheetKind.BALANCE_PIE,
        languages=("en", "es", "fr"),
        intro=(
            "When one behaviour takes up a lot of room, other parts of life can get squeezed. "
            "Rating how satisfied you are with each area, from 0 to 10, draws a picture of your "
            "balance today. Fill one in again later to see what has changed."
        ),
        sections=(
            Section("My life today", (AREAS,)),
            Section(
                "A small nudge",
                (
                    Text(
                        "nudge",
                        "One area I'd like to nudge toward balance, and a first small step",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
        ),
        summary=summary,
        initial_answers=initial_answers,
        compares_previous=True,
    )
)
