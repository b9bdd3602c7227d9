"""Cost/Benefit Analysis: four boxes weighing keeping on with a behaviour against stopping it."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Choice, ItemList, Kind, Rating, Section, Text, register

TERMS = (("short", _("Short-term")), ("long", _("Long-term")))


def box(name: str, label: str, item: str, help: str) -> ItemList:
    return ItemList(
        name,
        label,
        help=help,
        item_label=item,
        subfields=(
            Text("item", item, max_length=300, lines=2),
            Choice("term", _("Short-term or long-term"), choices=TERMS),
            Rating(
                "weight",
                _("How much it weighs for me"),
                help=_("Optional: 0 is hardly, 10 is a lot."),
            ),
        ),
    )


BOXES = (
    box(
        "keep_benefits",
        _("What keeping on gives me"),
        _("Something it gives me"),
        _("The things you get from the behaviour, honestly, even the ones that are hard to admit."),
    ),
    box(
        "keep_costs",
        _("What keeping on costs me"),
        _("Something it costs me"),
        _(
            "What the behaviour takes from you: health, money, time, people, self-respect, "
            "anything."
        ),
    ),
    box(
        "stop_benefits",
        _("What stopping would give me"),
        _("Something stopping would give me"),
        _("What you might gain by stopping or cutting down, now and further ahead."),
    ),
    box(
        "stop_costs",
        _("What stopping would cost me"),
        _("Something stopping would cost me"),
        _("What would be hard or lost if you stopped. Naming it helps you plan for it."),
    ),
)


def summary(answers: dict) -> dict:
    """The four boxes side by side, each with its items and the total of their weights."""
    boxes = []
    for spec in BOXES:
        items = [item for item in answers.get(spec.name) or [] if item.get("item")]
        boxes.append(
            {
                "title": str(spec.label),
                "items": [
                    {
                        "text": item["item"],
                        "term": str(dict(TERMS).get(item.get("term") or "", "")),
                        "weight": item.get("weight"),
                    }
                    for item in items
                ],
                "total": sum(item.get("weight") or 0 for item in items),
            }
        )
    return {
        "boxes": boxes,
        "reflection": gettext(
            "Take a moment with the four boxes side by side. Which items weigh most for you, and "
            "which of them are short-term or long-term? There is no right answer: whatever you "
            "notice is worth knowing."
        ),
    }


KIND = register(
    Kind(
        key=WorksheetKind.CBA,
        intro=_(
            "Any behaviour we keep coming back to gives us something, and costs us something. "
            "Writing both sides down, for keeping on and for stopping, helps you see the whole "
            "picture in your own words. Be as honest as you like: only you can see this."
        ),
        sections=(
            Section(
                _("What I'm weighing up"),
                (
                    Text(
                        "behaviour",
                        _("The behaviour I'm looking at"),
                        max_length=300,
                        lines=1,
                        help=_("For example: drinking on weeknights, gambling online."),
                    ),
                ),
            ),
            Section(
                _("Keeping on with it"),
                BOXES[:2],
                intro=_("Mark each item short-term or long-term, and weigh it if you like."),
            ),
            Section(
                _("Stopping or cutting down"),
                BOXES[2:],
                intro=_("Mark each item short-term or long-term, and weigh it if you like."),
            ),
            Section(
                _("Looking at it all together"),
                (
                    Text(
                        "reflection",
                        _("Looking at the four boxes, what stands out to me?"),
                        max_length=4000,
                        lines=5,
                    ),
                ),
            ),
        ),
        summary=summary,
        languages=("en", "es", "fr", "de", "nl", "pt", "sv"),
    )
)
