"""VACI (Vital Absorbing Creative Interest): what the behaviour gave me, and interests that could.

A new VACI starts from the benefits the participant listed on their latest Cost/Benefit Analysis,
the program's own suggested starting point.
"""

from __future__ import annotations

from django.utils.translation import gettext

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import ItemList, Kind, Rating, Section, Text, register


def initial_answers(worksheets: list) -> dict:
    """What keeping on gave me, copied from the latest Cost/Benefit Analysis, if there is one."""
    cbas = [w for w in worksheets if w.kind == WorksheetKind.CBA.value]
    if not cbas:
        return {}
    latest = max(cbas, key=lambda w: w.updated)
    benefits = [
        (item.get("item") or "").strip() for item in latest.answers.get("keep_benefits") or []
    ]
    return {"gave": [{"need": benefit[:300]} for benefit in benefits if benefit]}


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
        "template": "worksheets/summaries/vaci.html",
        "activities": activities,
        "tried": sum(1 for a in activities if a["after"] is not None),
        "reflection": gettext(
            "Some activities turn out better than expected, some worse. Either way you have "
            "learned something about what gives you what you need."
        ),
    }


KIND = register(
    Kind(
        key=WorksheetKind.VACI,
        languages=("en", "es", "fr"),
        intro=(
            "A behaviour we keep coming back to usually gives us something real: relief, "
            "excitement, company, a break. A VACI, a Vital Absorbing Creative Interest, can give "
            "us those things in a healthier way. Start from what the behaviour gave you "
            "(your Cost/Benefit Analysis lists it), guess how much you will enjoy each new "
            "activity, try it, then say how it actually went."
        ),
        sections=(
            Section(
                "What the behaviour gave me",
                (
                    ItemList(
                        "gave",
                        "Things it gave me",
                        help=(
                            "For example: a way to unwind, a reason to see friends, a thrill. "
                            "A new worksheet starts with the benefits from your latest "
                            "Cost/Benefit Analysis."
                        ),
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
        initial_answers=initial_answers,
    )
)
