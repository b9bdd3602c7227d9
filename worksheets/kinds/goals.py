"""Goal setting: one SMART goal (specific, measurable, achievable, realistic, timed), its steps
and the dates to review it. Linked from the Change Plan."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Date, ItemList, Kind, Rating, Section, Text, register

KIND = register(
    Kind(
        key=WorksheetKind.GOALS,
        languages=("en", "es", "fr"),
        intro=(
            "A goal is easier to reach when it is SMART: specific, measurable, achievable, "
            "realistic and timed. Take one change you want, perhaps from your Change Plan, and "
            "make it concrete: what exactly, how you'll know, the steps, and when you'll check "
            "how it is going."
        ),
        sections=(
            Section(
                "My goal",
                (
                    Text(
                        "goal",
                        "My goal, as specifically as I can put it",
                        help="Not “get fit” but “walk for 30 minutes three times a week”.",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "measure",
                        "How I'll measure it",
                        help="What you'll count or notice to know you are getting there.",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "achievable",
                        "Why it is achievable and realistic for me now",
                        help="What you already have going for you, and what you may need.",
                        max_length=1000,
                        lines=2,
                    ),
                    Date("target", "By when"),
                    Text("why", "Why it matters to me", max_length=1000, lines=2),
                ),
            ),
            Section(
                "Steps",
                (
                    ItemList(
                        "steps",
                        "The steps that will get me there",
                        item_label="Step",
                        subfields=(
                            Text("step", "Step", max_length=300, lines=1),
                            Date("date", "By when"),
                        ),
                    ),
                ),
            ),
            Section(
                "Reviews",
                (
                    ItemList(
                        "reviews",
                        "Dates to review my progress",
                        help="Set a few dates now; when one comes, note how it is going.",
                        item_label="Review",
                        subfields=(
                            Date("date", "Review date"),
                            Rating(
                                "progress",
                                "How far along am I?",
                                help="0 not started, 10 reached.",
                            ),
                            Text(
                                "notes",
                                "What's working, and what I'll adjust",
                                max_length=1000,
                                lines=2,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )
)
