"""Vacation from addiction: what the behaviour gave me, and new activities that could give it."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import ItemList, Kind, Rating, Section, Text, register


def summary(answers: dict) -> dict:
    """Each activity with its before and after ratings, and how far they moved."""
    activities = []
    for item in answers.get("activities") or []:
        if not item.get("activity"):
            continue
        before, after = item.get("before"), item.get("after")
        activities.append(
            {
                "activity": item["activity"],
                "gives": item.get("gives") or "",
                "before": before,
                "after": after,
                "change": after - before if before is not None and after is not None else None,
            }
        )
    return {
        "template": "worksheets/summaries/vacation.html",
        "activities": activities,
        "tried": sum(1 for a in activities if a["after"] is not None),
        "reflection": (
            "Some activities turn out better than expected, some worse. Either way you have "
            "learned something about what gives you what you need."
        ),
    }


KIND = register(
    Kind(
        key=WorksheetKind.VACATION,
        intro=(
            "A behaviour we keep coming back to usually gives us something real: relief, "
            "excitement, company, a break. A vacation from it is a chance to find other ways to "
            "get those things. Guess how much you will enjoy each new activity, try it, then say "
            "how it actually went."
        ),
        sections=(
            Section(
                "What the behaviour gave me",
                (
                    ItemList(
                        "gave",
                        "Things it gave me",
                        help="For example: a way to unwind, a reason to see friends, a thrill.",
                        item_label="Thing",
                        subfields=(Text("need", "Something it gave me", max_length=300, lines=1),),
                    ),
                ),
            ),
            Section(
                "New activities to try",
                (
                    ItemList(
                        "activities",
                        "Activities that could give me those things",
                        help="Rate each before you try it, and again after.",
                        item_label="Activity",
                        subfields=(
                            Text("activity", "Activity", max_length=300, lines=1),
                            Text("gives", "What it could give me", max_length=300, lines=1),
                            Rating(
                                "before",
                                "Before trying: how much I expect to enjoy it",
                                help="0 not at all, 10 very much.",
                            ),
                            Rating(
                                "after",
                                "After trying: how much I enjoyed it",
                                help="0 not at all, 10 very much.",
                            ),
                        ),
                    ),
                ),
            ),
            Section(
                "Looking back",
                (
                    Text(
                        "reflection",
                        "What I learned from trying them",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
        ),
        summary=summary,
    )
)
