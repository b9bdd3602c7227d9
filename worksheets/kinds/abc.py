"""ABC (REBT): an upsetting moment taken apart, its beliefs questioned, a kinder view found."""

from __future__ import annotations

import functools
import re

from django.utils.translation import gettext

from smartrecovery import dates
from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import Kind, Rating, Section, Text, register

# Words that often turn a preference into a demand; pointed out gently, never as a mistake.
# English ones always, and those of the page's language: people write in their own.
DEMANDING = {
    "en": ("must", "should", "have to", "has to", "ought", "always", "never", "can't stand"),
    "es": (
        "debo",
        "debería",
        "tengo que",
        "tiene que",
        "hay que",
        "siempre",
        "nunca",
        "no soporto",
    ),
    "fr": ("dois", "doit", "devrais", "devrait", "il faut", "toujours", "jamais", "supporte pas"),
    "de": ("muss", "müsste", "sollte", "soll", "immer", "nie", "niemals", "nicht ausstehen"),
    "nl": ("moet", "zou moeten", "altijd", "nooit", "niet uitstaan"),
    "pt": ("devo", "deveria", "tenho que", "tem que", "sempre", "nunca", "não suporto"),
    "sv": ("måste", "borde", "alltid", "aldrig", "står inte ut"),
}


@functools.cache
def demanding_pattern(language: str) -> re.Pattern:
    words = DEMANDING["en"] + (DEMANDING.get(language, ()) if language != "en" else ())
    return re.compile(
        r"\b("
        + "|".join(re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]") for word in words)
        + r")\b",
        re.IGNORECASE,
    )


def demanding_words(text: str, language: str = "en") -> list[str]:
    """The demanding words in ``text``, each once, in the order they first appear."""
    found: list[str] = []
    for match in demanding_pattern(language).finditer(text or ""):
        # Phones type a curly apostrophe: "can’t stand" is named as "can't stand".
        word = " ".join(match.group(1).lower().replace("’", "'").split())
        if word not in found:
            found.append(word)
    return found


def summary(answers: dict) -> dict:
    """A gentle note when the beliefs hold must/should/always/never words."""
    words = demanding_words(answers.get("beliefs") or "", dates.language())
    note = ""
    if words:
        # Translators: one demanding word quoted, e.g. “must”.
        quoted = ", ".join(gettext("“%(word)s”") % {"word": word} for word in words)
        note = gettext(
            "Your beliefs use %(words)s. Words like these can quietly turn a wish into a demand "
            "on yourself, other people or the world. There is nothing wrong with having written "
            "them: you might try saying the same thing as a preference (“I'd really like…”, "
            "“It would be better if…”) and notice whether it feels any different."
        ) % {"words": quoted}
    return {
        "template": "worksheets/summaries/abc.html",
        "words": words,
        "note": note,
        "before": answers.get("feeling_strength"),
        "after": answers.get("new_feeling_strength"),
    }


KIND = register(
    Kind(
        key=WorksheetKind.ABC,
        languages=("en", "es", "fr"),
        intro=(
            "Upsetting moments are rarely caused by the event alone: what we tell ourselves about "
            "it shapes how we feel and what we do. Taking one moment apart, step by step, can "
            "loosen its grip. Take your time; you can come back to any part."
        ),
        sections=(
            Section(
                "A: what happened",
                (
                    Text(
                        "event",
                        "What happened (the activating event)",
                        help="Just the facts, as a camera would have seen it.",
                        max_length=2000,
                        lines=3,
                    ),
                ),
            ),
            Section(
                "B: what I told myself",
                (
                    Text(
                        "beliefs",
                        "What I believed or told myself about it",
                        help="The thoughts that went through your head, in your own words.",
                        max_length=2000,
                        lines=4,
                    ),
                ),
            ),
            Section(
                "C: what followed",
                (
                    Text("feelings", "How I felt", max_length=1000, lines=2),
                    Rating(
                        "feeling_strength",
                        "How strong were those feelings?",
                        help="0 is hardly at all, 10 is as strong as they get.",
                    ),
                    Text("actions", "What I did, or felt like doing", max_length=1000, lines=2),
                ),
            ),
            Section(
                "D: questioning the beliefs",
                (
                    Text(
                        "disputing",
                        "My answers to a few questions about those beliefs",
                        help=(
                            "Is it true? Where is the evidence? Is it helping me? Would I say it "
                            "to a friend? What would I tell someone I care about?"
                        ),
                        max_length=3000,
                        lines=5,
                    ),
                ),
            ),
            Section(
                "E: a more helpful view",
                (
                    Text(
                        "effective",
                        "What I can tell myself instead",
                        max_length=2000,
                        lines=4,
                    ),
                    Rating(
                        "new_feeling_strength",
                        "Thinking of it this way, how strong are the feelings now?",
                        help="0 is hardly at all, 10 is as strong as they get.",
                    ),
                ),
            ),
        ),
        summary=summary,
    )
)
