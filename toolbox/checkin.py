"""Where am I? Suggest the stage of change that seems to fit a short self-check.

The stages are a map, not a verdict: the answers point to a stage and its tools, and the
participant decides whether it fits. The rules are deliberately few and plain, so the page can
say in one sentence why it suggested what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext

# On the 0-10 readiness ruler, 3 or below is low and 7 or above is high: high enough importance
# to act on, once there is a plan.
LOW = 3
HIGH = 7
# Leaving maintenance behind asks for near-complete confidence and an old pull that is rare.
SETTLED_CONFIDENCE = 9


class Changing:
    NOT_YET = "not_yet"
    RECENTLY = "recently"
    SIX_MONTHS = "six_months"


class Pull:
    OFTEN = "often"
    SOMETIMES = "sometimes"
    RARELY = "rarely"


@dataclass(frozen=True)
class Answers:
    importance: int
    confidence: int
    changing: str
    slipped: bool
    plan: bool
    pull: str

    def questions(self) -> dict[str, str | bool]:
        """The answers besides the two rulers, as a saved check-in keeps them."""
        return {
            "changing": self.changing,
            "slipped": self.slipped,
            "plan": self.plan,
            "pull": self.pull,
        }


@dataclass(frozen=True)
class Suggestion:
    stage_slug: str
    reason: str
    prompts: list[str] = field(default_factory=list)


def suggest(answers: Answers) -> Suggestion:
    """Return the stage that seems to fit ``answers``, why, and questions worth asking oneself."""
    return Suggestion(*_stage(answers), prompts=prompts(answers))


def _stage(a: Answers) -> tuple[str, str]:
    if a.slipped:
        return "relapse", gettext(
            "You said you've gone back to the old behavior after a time of change."
        )
    if a.changing == Changing.SIX_MONTHS:
        if a.pull == Pull.RARELY and a.confidence >= SETTLED_CONFIDENCE:
            return (
                "termination",
                gettext(
                    "You've kept your changes up for six months or more, the old behavior rarely "
                    "pulls at you, and you feel very confident."
                ),
            )
        return "maintenance", gettext("You've kept your changes going for six months or more.")
    if a.changing == Changing.RECENTLY:
        return "action", gettext("You've started changing within the last six months.")
    if a.importance <= LOW:
        return (
            "precontemplation",
            gettext(
                "You haven't started changing, and change doesn't feel very important right now."
            ),
        )
    if a.plan and a.importance >= HIGH:
        return "preparation", gettext(
            "Change matters to you, and you have a plan or a date in mind."
        )
    return (
        "contemplation",
        gettext("Change matters to you at least somewhat, and you haven't settled on a plan yet."),
    )


def prompts(a: Answers) -> list[str]:
    """Motivational-interviewing style follow-ups to the two rulers."""
    prompts = []
    if a.importance > 0:
        prompts.append(
            gettext(
                "You put importance at %(importance)s, not 0. What made it a %(importance)s? "
                "Those reasons are your own reasons for change."
            )
            % {"importance": a.importance}
        )
    if a.confidence < 10:
        prompts.append(
            gettext("You put confidence at %(confidence)s. What would help move it to %(next)s?")
            % {"confidence": a.confidence, "next": a.confidence + 1}
        )
    if a.importance >= HIGH and a.confidence <= LOW:
        prompts.append(
            gettext(
                "This matters a lot to you, and you're less sure you can do it. That's a very "
                "common place to be. Confidence grows from small successes, so choose one small "
                "step from the tools suggested here."
            )
        )
    return prompts
