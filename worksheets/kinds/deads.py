"""DEADS: a plan for a situation, a line each for Delay, Escape, Avoid, Distract, Substitute."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Kind, Rating, Section, Text, register

LETTERS = (
    ("delay", "Delay", "How I will put off acting on the urge, even for a few minutes."),
    ("escape", "Escape", "How I can leave, or step away from, the situation if I need to."),
    ("avoid", "Avoid", "What I can steer clear of before the urge even starts."),
    ("distract", "Distract", "What I can turn my attention to while the urge passes."),
    ("substitute", "Substitute", "What I can do instead that gives me something I need."),
)

KIND = register(
    Kind(
        key=WorksheetKind.DEADS,
        intro=(
            "Urges rise and fall, usually within minutes. A plan made calmly, ahead of time, "
            "gives you something to reach for when one comes. Write one line for each letter; "
            "short and practical is perfect."
        ),
        sections=(
            Section(
                "The situation",
                (
                    Text(
                        "situation",
                        "The situation I'm planning for",
                        help="For example: Friday evening after work, or a family get-together.",
                        max_length=500,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "My plan",
                tuple(
                    Text(name, label, help=help, max_length=500, lines=2)
                    for name, label, help in LETTERS
                ),
            ),
            Section(
                "Looking ahead",
                (
                    Rating(
                        "confidence",
                        "How confident am I that this plan will help?",
                        help="0 is not at all, 10 is completely.",
                    ),
                ),
            ),
        ),
    )
)
