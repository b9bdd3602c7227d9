"""Journal: dated private entries, each with an optional prompt to start from."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, Date, ItemList, Kind, Section, Text, register

PROMPTS = (
    ("today", "How did today go, and what did I notice?"),
    ("went-well", "What went well, and what helped it go well?"),
    ("hard", "What was hard, and how did I handle it?"),
    ("urge", "Did an urge come? What set it off, and what did I do?"),
    ("feeling", "What am I feeling right now, and what thoughts come with it?"),
    ("grateful", "What am I grateful for?"),
    ("values", "Did I act on what matters most to me today?"),
    ("tomorrow", "What would I like tomorrow to hold?"),
)

KIND = register(
    Kind(
        key=WorksheetKind.JOURNAL,
        languages=("en", "es", "fr"),
        intro=(
            "A journal is a private place to put your thoughts into words. Writing regularly, even "
            "a few lines, helps you notice patterns in your moods, your urges and your progress, "
            "and to see how far you have come. Date each entry; pick a prompt if you'd like a "
            "place to start, or simply write."
        ),
        sections=(
            Section(
                "My entries",
                (
                    ItemList(
                        "entries",
                        "Entries",
                        # Before sign-up a journal lives in the visitor's browser session, so
                        # "only you can see them" would not hold on a shared computer.
                        help=(
                            "Add a new entry whenever you like. Entries are encrypted and open "
                            "only in your account or, until you sign up, in this browser, unless "
                            "you share the journal."
                        ),
                        item_label="Entry",
                        max_items=200,
                        subfields=(
                            Date("date", "Date"),
                            Choice(
                                "prompt",
                                "A prompt to start from (optional)",
                                choices=PROMPTS,
                            ),
                            Text("entry", "What I want to write", max_length=5000, lines=6),
                        ),
                    ),
                ),
            ),
            Section(
                "Looking back",
                (
                    Text(
                        "patterns",
                        "Patterns I notice when I read back",
                        help="Now and then, read your entries and note what keeps coming up.",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
        ),
    )
)
