"""Triggers: the people, places, feelings and thoughts that set off urges, ranked by risk.

The urge log offers the triggers of the participant's latest Triggers worksheet as choices, in
the box for their kind, riskiest first (``urge_log_choices``).
"""

from __future__ import annotations

from collections.abc import Iterable

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, ItemList, Kind, Rating, Section, Text, register

# Each type but the last two matches a trigger box of the urge log (worksheets.charts).
TYPES = (
    ("situation", "A place, time or situation"),
    ("people", "People"),
    ("feeling", "A feeling"),
    ("thought", "A thought or memory"),
    ("other", "Something else"),
)
# Thoughts and other triggers are offered in the urge log's situation box.
URGE_LOG_BOX = {"situation": "situation", "people": "people", "feeling": "feeling"}


def ranked(answers: dict) -> list[dict]:
    """The named triggers, riskiest first; unrated ones last, in the order written."""
    triggers = [item for item in answers.get("triggers") or [] if item.get("trigger")]
    return sorted(triggers, key=lambda item: -(item.get("risk") or -1))


def summary(answers: dict) -> dict:
    types = dict(TYPES)
    return {
        "template": "worksheets/summaries/triggers.html",
        "triggers": [
            {
                "trigger": item["trigger"],
                "type": types.get(item.get("type") or "", ""),
                "risk": item.get("risk"),
                "plan": item.get("plan") or "",
            }
            for item in ranked(answers)
        ],
    }


def urge_log_choices(worksheets: Iterable) -> dict[str, list[str]]:
    """The latest Triggers worksheet's triggers, by urge log box, riskiest first."""
    mine = [w for w in worksheets if w.kind == WorksheetKind.TRIGGERS.value]
    choices: dict[str, list[str]] = {box: [] for box in URGE_LOG_BOX.values()}
    if not mine:
        return choices
    latest = max(mine, key=lambda w: w.updated)
    for item in ranked(latest.answers):
        box = URGE_LOG_BOX.get(item.get("type") or "", "situation")
        if item["trigger"] not in choices[box]:
            choices[box].append(item["trigger"])
    return choices


KIND = register(
    Kind(
        key=WorksheetKind.TRIGGERS,
        languages=("en", "es", "fr"),
        intro=(
            "A trigger is anything that tends to set off an urge: a place, a time of day, certain "
            "people, a feeling, a thought. Knowing yours, and which are the riskiest, helps you "
            "plan for them. Your urge log then offers these triggers as choices, so noting an "
            "urge takes a tap."
        ),
        sections=(
            Section(
                "My triggers",
                (
                    ItemList(
                        "triggers",
                        "Triggers",
                        help=(
                            "Think back over recent urges. Where were you, who was there, how "
                            "were you feeling, what were you thinking?"
                        ),
                        item_label="Trigger",
                        max_items=50,
                        subfields=(
                            Text("trigger", "Trigger", max_length=200, lines=1),
                            Choice("type", "What kind of trigger", choices=TYPES),
                            Rating(
                                "risk",
                                "How risky is it for me?",
                                help="0 is hardly a risk, 10 is the riskiest there is.",
                            ),
                            Text(
                                "plan",
                                "How I can avoid it or handle it",
                                max_length=500,
                                lines=2,
                            ),
                        ),
                    ),
                ),
            ),
            Section(
                "Looking at the list",
                (
                    Text(
                        "reflection",
                        "What I notice, and where I'll start",
                        help="Often the riskiest two or three are the place to start planning.",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
        ),
        summary=summary,
    )
)
