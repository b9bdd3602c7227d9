"""Change Plan: the change I want, why, the steps, who can help, what could get in the way."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Date, ItemList, Kind, Rating, Section, Text, register

KIND = register(
    Kind(
        key=WorksheetKind.CHANGE_PLAN,
        languages=("en", "es", "fr"),
        intro=(
            "A plan turns a wish to change into a few concrete steps. Write it in your own words; "
            "you can come back and change it as often as you need. Plans that bend are still plans."
        ),
        see_also=(
            (
                "goals",
                "To turn one change into a specific, measurable goal with steps and review dates:",
            ),
        ),
        sections=(
            Section(
                "The change",
                (
                    Text("changes", "The changes I want to make", max_length=2000, lines=4),
                    Rating(
                        "importance",
                        "How important is making this change to me right now?",
                        help="0 is not important at all, 10 is the most important thing.",
                    ),
                    Rating(
                        "confidence",
                        "How confident am I that I can make it?",
                        help="0 is not confident at all, 10 is completely confident.",
                    ),
                    Text(
                        "reasons",
                        "My most important reasons for making this change",
                        max_length=2000,
                        lines=4,
                    ),
                ),
            ),
            Section(
                "How I'll go about it",
                (
                    ItemList(
                        "steps",
                        "The steps I plan to take",
                        help="Small steps count. Give each a date to aim for.",
                        item_label="Step",
                        subfields=(
                            Text("step", "Step", max_length=300, lines=2),
                            Date("date", "By when"),
                        ),
                    ),
                    ItemList(
                        "helpers",
                        "People who can help, and how",
                        item_label="Person",
                        subfields=(
                            Text("person", "Who", max_length=120, lines=1),
                            Text("how", "How they can help", max_length=300, lines=2),
                        ),
                    ),
                ),
            ),
            Section(
                "Keeping it on track",
                (
                    Text(
                        "signs",
                        "How I will know the plan is working",
                        max_length=2000,
                        lines=3,
                    ),
                    ItemList(
                        "obstacles",
                        "What could get in the way, and what I will do then",
                        item_label="Obstacle",
                        subfields=(
                            Text("obstacle", "What could get in the way", max_length=300, lines=2),
                            Text("response", "What I will do then", max_length=300, lines=2),
                        ),
                    ),
                ),
            ),
        ),
    )
)
