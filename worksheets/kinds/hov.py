"""Hierarchy of Values: what matters most to me, in order, and how the behaviour has fitted in."""

from __future__ import annotations

from django.utils.translation import gettext

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, ItemList, Kind, Section, Text, register

TOP = 5
EFFECTS = (
    ("helps", "It helps this"),
    ("mixed", "Some of each"),
    ("harms", "It gets in the way of this"),
    ("none", "It makes no difference here"),
)
PLACES = (
    ("first", "At the very top: above everything on my list"),
    ("top", "Among my top five"),
    ("below", "Below my top five"),
    ("unsure", "I'm not sure yet"),
)

VALUES = ItemList(
    "values",
    "What matters most to me, most important first",
    help=(
        "People, health, honesty, freedom, work, faith, fun: whatever matters to you. Use the "
        "Move up and Move down buttons to put them in order; the first five are your top five."
    ),
    item_label="Value",
    max_items=20,
    orderable=True,
    subfields=(
        Text("value", "What matters to me", max_length=200, lines=1),
        Text("effect_note", "How the behaviour affects it", max_length=500, lines=2),
        Choice("effect", "On the whole, the behaviour…", choices=EFFECTS),
    ),
)


def top_values(answers: dict, count: int = TOP) -> list[str]:
    """The first ``count`` values, in the participant's order."""
    return [item["value"] for item in answers.get("values") or [] if item.get("value")][:count]


def summary(answers: dict) -> dict:
    """The top five, and where the behaviour helps or gets in the way."""
    values = [item for item in answers.get("values") or [] if item.get("value")]
    harmed = [item["value"] for item in values if item.get("effect") in {"harms", "mixed"}]
    return {
        "template": "worksheets/summaries/hov.html",
        "top": top_values(answers),
        "place": dict(PLACES).get(answers.get("behaviour_place") or "", ""),
        "harmed": harmed,
        "reflection": gettext(
            "Look at your top five beside the place the behaviour has been taking in practice. "
            "Any gap you notice is not a judgement of you: it is information you can use."
        ),
    }


KIND = register(
    Kind(
        key=WorksheetKind.HOV,
        languages=("en", "es", "fr"),
        intro=(
            "Our values are what we most want our lives to be about. Listing them, and putting "
            "them in order, can show where an addictive behaviour has been fitting in, and what "
            "you would like to make room for instead. There are no right answers here."
        ),
        sections=(
            Section(
                "What matters to me",
                (VALUES,),
                intro=(
                    "Write down as many as you like, then put the ones that matter most at the top."
                ),
            ),
            Section(
                "Where the behaviour has been ranking",
                (
                    Text(
                        "behaviour",
                        "The behaviour I'm thinking about",
                        max_length=300,
                        lines=1,
                    ),
                    Choice(
                        "behaviour_place",
                        "Judging by how I've spent my time, money and energy, it has been ranking…",
                        choices=PLACES,
                        help="Honestly, in practice: not where you would like it to be.",
                    ),
                    Text(
                        "reflection",
                        "What I notice, and what I'd like to put first",
                        max_length=4000,
                        lines=5,
                    ),
                ),
            ),
        ),
        summary=summary,
    )
)
