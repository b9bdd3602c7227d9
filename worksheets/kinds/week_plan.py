"""Plan your week: a plan for each day, the risky times named, and a review at the week's end."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Date, Kind, Rating, Section, Text, register

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

KIND = register(
    Kind(
        key=WorksheetKind.WEEK_PLAN,
        languages=("en", "es", "fr"),
        intro=(
            "Empty hours can be the hardest ones. Planning your week ahead gives each day some "
            "shape: the things you have to do, the things you enjoy, people to see, rest, and "
            "time for your recovery. Plan as much or as little as helps, and come back at the "
            "end of the week to see how it went."
        ),
        sections=(
            Section(
                "My week",
                (
                    Date("week_start", "The week starting"),
                    *(
                        Text(
                            day.lower(),
                            day,
                            help="Morning, afternoon and evening, if that helps.",
                            max_length=1000,
                            lines=3,
                        )
                        for day in DAYS
                    ),
                ),
            ),
            Section(
                "Risky times",
                (
                    Text(
                        "risky",
                        "Times this week that could be hard, and my plan for each",
                        help="For example: payday, an evening alone, a family event.",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
            Section(
                "At the end of the week",
                (
                    Rating(
                        "followed",
                        "How closely did my week follow the plan?",
                        help="0 not at all, 10 completely. Either way, there is something to see.",
                    ),
                    Text("went_well", "What went well", max_length=2000, lines=3),
                    Text(
                        "next_week",
                        "What I'll do differently next week",
                        max_length=2000,
                        lines=3,
                    ),
                ),
                intro="Come back to this part when the week is over.",
            ),
        ),
    )
)
