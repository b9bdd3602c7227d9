"""DISARM: the images and the voice of an urge, what they show and say, and how I answer them."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import ItemList, Kind, Section, Text, register

KIND = register(
    Kind(
        key=WorksheetKind.DISARM,
        languages=("en", "es", "fr"),
        intro=(
            "DISARM stands for Destructive Images and Self-talk Awareness and Refusal Method. "
            "An urge often shows us tempting pictures and talks to us in a familiar voice. "
            "Giving it a name, and writing down what it shows you, what it says and how you will "
            "answer, makes it easier to recognise the next time: it is the urge at work, not you."
        ),
        sections=(
            Section(
                "The voice of the urge",
                (
                    Text(
                        "name",
                        "A name for my urge's voice",
                        help="Anything that helps you spot it: a nickname, a character, a sound.",
                        max_length=120,
                        lines=1,
                    ),
                    Text(
                        "sounds_like",
                        "What it is like when it speaks (when, how it sounds, how it feels)",
                        max_length=1000,
                        lines=3,
                    ),
                ),
            ),
            Section(
                "The pictures it shows me",
                (
                    ItemList(
                        "images",
                        "Its usual pictures, and the rest of the story",
                        help=(
                            "The scenes the urge puts in your mind, then what really happens "
                            "next, or how you will let the picture fade."
                        ),
                        item_label="Picture",
                        subfields=(
                            Text("image", "What the urge shows me", max_length=300, lines=2),
                            Text("answer", "The rest of the story", max_length=300, lines=2),
                        ),
                    ),
                ),
            ),
            Section(
                "What it says, and how I answer",
                (
                    ItemList(
                        "lines",
                        "Its usual lines, and my answers",
                        help="Write each thing the urge tends to say, then your own reply to it.",
                        item_label="Line",
                        subfields=(
                            Text("line", "What the urge says", max_length=300, lines=2),
                            Text("answer", "My answer", max_length=300, lines=2),
                        ),
                    ),
                ),
            ),
            Section(
                "Saying no",
                (
                    Text(
                        "refusals",
                        "My firm refusals",
                        help="Short and clear works best, for example: “No. Not today.”",
                        max_length=1000,
                        lines=3,
                    ),
                    Text(
                        "after",
                        "What I will do right after saying no",
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
        ),
    )
)
