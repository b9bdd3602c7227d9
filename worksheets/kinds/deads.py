"""DEADS: a plan for a situation, a line each for Deny, Escape, Accept, Dispute, Substitute.

The program's current letters. Its classic form (Deny/Delay, Escape, Avoid, Distract,
Substitute), which many groups still use and which this worksheet once followed, keeps an
optional section of its own, so earlier answers under Delay, Avoid and Distract stay in view.
"""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Kind, Rating, Section, Text, register

LETTERS = (
    ("deny", "Deny", "How I will refuse to bargain with the urge or give it my attention."),
    ("escape", "Escape", "How I can leave, or step away from, the situation if I need to."),
    ("accept", "Accept", "What I will tell myself to let the urge rise and pass without acting."),
    ("dispute", "Dispute", "The urge's usual claims, and what I know is really true."),
    ("substitute", "Substitute", "What I can do instead that gives me something I need."),
)
CLASSIC = (
    ("delay", "Delay", "How I will put off acting on the urge, even for a few minutes."),
    ("avoid", "Avoid", "What I can steer clear of before the urge even starts."),
    ("distract", "Distract", "What I can turn my attention to while the urge passes."),
)

KIND = register(
    Kind(
        key=WorksheetKind.DEADS,
        languages=("en", "es", "fr"),
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
                "The classic letters (optional)",
                tuple(
                    Text(name, label, help=help, max_length=500, lines=2)
                    for name, label, help in CLASSIC
                ),
                intro=(
                    "Many groups still teach the classic form: Deny or Delay, Escape, Avoid, "
                    "Distract, Substitute. If those letters help you too, add them here."
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
