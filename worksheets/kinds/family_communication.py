"""Family & Friends: a communication plan in the CRAFT way (positive, specific, well timed),
with the behaviour to notice and reward, and a thought for safety first."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import ItemList, Kind, Rating, Section, Text, register

KIND = register(
    Kind(
        key=WorksheetKind.FAMILY_COMMUNICATION,
        languages=("en", "es", "fr"),
        intro=(
            "For family and friends of someone whose behaviour worries you. Nagging, pleading and "
            "threats rarely help; calm, positive conversations, at a good moment, often do, and "
            "so does noticing and rewarding the times things go well. This plan follows that "
            "approach (known as CRAFT). Your own safety comes first: if you are ever at risk of "
            "harm, put your safety plan before any conversation."
        ),
        sections=(
            Section(
                "The conversation",
                (
                    Text(
                        "topic",
                        "What I'd like to talk about",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "timing",
                        "A good moment for it",
                        help="When you are both calm, and not while they are drinking or using.",
                        max_length=500,
                        lines=2,
                    ),
                    Text(
                        "feeling",
                        "How I feel, said as “I” rather than “you”",
                        help="For example: “I feel worried when you come home late.”",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "request",
                        "One short, positive, specific request",
                        help="Ask for what you'd like to happen, not for what should stop.",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "understanding",
                        "Something that shows I understand their side",
                        max_length=1000,
                        lines=2,
                    ),
                    Text(
                        "offer",
                        "What I could offer to help",
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "Noticing what goes well",
                (
                    ItemList(
                        "rewards",
                        "Things I'd like to see more of, and how I'll show I noticed",
                        help="Small, sincere rewards: thanks, time together, a favourite meal.",
                        item_label="Thing",
                        subfields=(
                            Text("behaviour", "What they do", max_length=300, lines=1),
                            Text("reward", "How I'll show I noticed", max_length=300, lines=1),
                        ),
                    ),
                ),
            ),
            Section(
                "Keeping safe",
                (
                    Text(
                        "safety",
                        "If things get heated or unsafe, what I will do and who I can call",
                        max_length=1000,
                        lines=3,
                    ),
                ),
            ),
            Section(
                "Looking back",
                (
                    Rating("went", "How did it go?", help="0 badly, 10 very well."),
                    Text(
                        "learned",
                        "What I learned, and what I'll try next time",
                        max_length=2000,
                        lines=3,
                    ),
                ),
                intro="Come back to this part after the conversation.",
            ),
        ),
        see_also=(("ff-self-care", "Looking after yourself matters too:"),),
    )
)
