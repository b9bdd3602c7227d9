"""Problem Solving: define it, brainstorm freely, weigh pros and cons, choose, plan, look back."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, Date, ItemList, Kind, Rating, Section, Text, register

WORKING = (
    ("yes", "Yes, it's working"),
    ("partly", "Partly"),
    ("not-yet", "Not yet"),
)

KIND = register(
    Kind(
        key=WorksheetKind.PROBLEM_SOLVING,
        languages=("en", "es", "fr"),
        intro=(
            "A problem often feels smaller once it is written down. Go one step at a time: say "
            "what the problem is, list every option without judging any of them, then weigh the "
            "pros and cons of each, pick one to try, and plan the next week. Later, come back and "
            "see how it went."
        ),
        sections=(
            Section(
                "The problem",
                (
                    Text(
                        "problem",
                        "The problem, as clearly as I can put it",
                        help="What is happening, when, and why it matters to you.",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
            Section(
                "Every option I can think of",
                (
                    ItemList(
                        "options",
                        "Options",
                        help=(
                            "Write them all down, even the odd ones. Judging comes later: once "
                            "the list is done, add the pros and cons of each."
                        ),
                        item_label="Option",
                        subfields=(
                            Text("option", "Option", max_length=300, lines=2),
                            Text("pros", "Pros: what speaks for it", max_length=1000, lines=2),
                            Text("cons", "Cons: what speaks against it", max_length=1000, lines=2),
                            Rating(
                                "appeal",
                                "How well could it work?",
                                help="Optional, once the list is done: 0 not at all, 10 very well.",
                            ),
                        ),
                    ),
                ),
            ),
            Section(
                "My choice and my plan",
                (
                    Text(
                        "choice",
                        "The option I'll try, and why",
                        max_length=1000,
                        lines=3,
                    ),
                    ItemList(
                        "steps",
                        "The steps for the coming week",
                        item_label="Step",
                        subfields=(
                            Text("step", "Step", max_length=300, lines=2),
                            Date("date", "By when"),
                        ),
                    ),
                ),
            ),
            Section(
                "Looking back",
                (
                    Date("review_date", "When I'll look back at how it went"),
                    Choice("working", "Is it working?", choices=WORKING),
                    Text(
                        "review",
                        "What went well, and what I'll keep or change",
                        max_length=2000,
                        lines=3,
                    ),
                ),
                intro="Come back to this part after you have tried your plan for a while.",
            ),
        ),
    )
)
