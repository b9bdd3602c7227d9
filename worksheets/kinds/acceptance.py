"""Unconditional acceptance of self, others and life, in the REBT style: the event, the
condemning belief, the dispute, an accepting belief and what I can still do."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, Kind, Rating, Section, Text, register

WHOM = (
    ("self", "Myself"),
    ("other", "Another person"),
    ("life", "Life, or a situation"),
)

KIND = register(
    Kind(
        key=WorksheetKind.ACCEPTANCE,
        languages=("en", "es", "fr"),
        intro=(
            "When something goes wrong we can end up condemning a whole person, ourselves or "
            "someone else, or life itself: “I'm worthless”, “they're rotten”, “this is "
            "unbearable”. In REBT, unconditional acceptance means rating actions and situations, "
            "not whole people or the whole of life. Take one moment apart, step by step."
        ),
        sections=(
            Section(
                "What happened",
                (
                    Choice("whom", "Who or what I was judging", choices=WHOM),
                    Text(
                        "event",
                        "What happened",
                        help="Just the facts, as a camera would have seen them.",
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "The judgment",
                (
                    Text(
                        "belief",
                        "What I told myself",
                        help="For example: “I'm a failure”, “She's a terrible person”, "
                        "“I can't stand this”.",
                        max_length=1000,
                        lines=2,
                    ),
                    Text("feeling", "How I felt, and what I did", max_length=1000, lines=2),
                    Rating("feeling_before", "How strong the feeling was", help="0 to 10."),
                ),
            ),
            Section(
                "Questioning it",
                (
                    Text(
                        "dispute",
                        "Is it true that this one thing sums up the whole person, or the whole "
                        "of life?",
                        help="What else is true? Would I judge a friend this way?",
                        max_length=1000,
                        lines=3,
                    ),
                    Text(
                        "accepting",
                        "An accepting belief",
                        help="For example: “I made a mistake, and I'm still a worthwhile "
                        "person”, “He behaved badly; he is a fallible human like me”, "
                        "“This is hard, and I can bear it”.",
                        max_length=1000,
                        lines=2,
                    ),
                    Rating(
                        "feeling_after",
                        "How strong the feeling is now",
                        help="0 to 10.",
                    ),
                ),
            ),
            Section(
                "What I can do",
                (
                    Text(
                        "action",
                        "What I can still change or do next, and what I'll accept",
                        max_length=1000,
                        lines=3,
                    ),
                ),
            ),
        ),
    )
)
