"""Family & Friends: a self-care plan, because a loved one's struggle wears on the people near."""

from __future__ import annotations

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Date, ItemList, Kind, Rating, Section, Text, register

KIND = register(
    Kind(
        key=WorksheetKind.FAMILY_SELF_CARE,
        languages=("en", "es", "fr"),
        intro=(
            "For family and friends of someone who is struggling. Caring about someone with an "
            "addictive behaviour can be exhausting and lonely, and your own life matters too. "
            "Looking after yourself isn't selfish: it keeps you well, and a calmer you is often "
            "better able to help."
        ),
        sections=(
            Section(
                "How I am doing",
                (
                    Rating(
                        "stress",
                        "How stressed have I felt lately?",
                        help="0 not at all, 10 as much as I can imagine.",
                    ),
                    Text(
                        "neglected",
                        "What I've let slip while worrying about them",
                        help="Sleep, friends, interests, health, time for yourself.",
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "Things that restore me",
                (
                    ItemList(
                        "activities",
                        "Activities that are just for me",
                        item_label="Activity",
                        subfields=(
                            Text("activity", "Activity", max_length=300, lines=1),
                            Text("when", "When I'll do it", max_length=200, lines=1),
                        ),
                    ),
                ),
            ),
            Section(
                "Support for me",
                (
                    ItemList(
                        "people",
                        "People I can talk to",
                        item_label="Person",
                        subfields=(Text("person", "Who", max_length=200, lines=1),),
                    ),
                    Text(
                        "help",
                        "Other help I could use",
                        help=(
                            "For example: a Family & Friends meeting (the meeting finder lists "
                            "them), a counsellor, a helpline."
                        ),
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "Limits and safety",
                (
                    Text(
                        "boundaries",
                        "Limits I will keep, for my own wellbeing",
                        help="Say them calmly and keep them; they are about what you will do.",
                        max_length=1000,
                        lines=3,
                    ),
                    Text(
                        "safety",
                        "If I ever feel unsafe, what I will do and who I will call",
                        max_length=1000,
                        lines=2,
                    ),
                ),
            ),
            Section(
                "Looking back",
                (Date("review_date", "When I'll look at this plan again"),),
            ),
        ),
        see_also=(("ff-communication", "To plan a conversation with your loved one:"),),
    )
)
