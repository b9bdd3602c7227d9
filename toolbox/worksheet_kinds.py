"""The worksheets a participant can fill in, named once for the toolbox and the worksheets app.

A worksheet kind is started at ``/worksheets/new/<kind>/``. The urge log is a worksheet too, but a
running log rather than a form filled in once, so it has its own address and is not a kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WorksheetKind(models.TextChoices):
    CBA = "cba", _("Cost/Benefit Analysis")
    CHANGE_PLAN = "change-plan", _("Change Plan")
    HOV = "hov", _("Hierarchy of Values")
    ABC = "abc", _("ABC (REBT)")
    DISARM = "disarm", "DISARM"
    DEADS = "deads", "DEADS"
    PROBLEM_SOLVING = "problem-solving", _("Problem Solving")
    BALANCE_PIE = "balance-pie", _("Lifestyle Balance Pie")
    VACI = "vaci", _("VACI (Vital Absorbing Creative Interest)")
    JOURNAL = "journal", _("Journal")
    TRIGGERS = "triggers", _("Triggers")
    WEEK_PLAN = "week-plan", _("Plan Your Week")
    GOALS = "goals", _("Goal Setting")
    ACCEPTANCE = "acceptance", _("Unconditional Acceptance")
    FAMILY_COMMUNICATION = "ff-communication", _("Communication Plan (Family and Friends)")
    FAMILY_SELF_CARE = "ff-self-care", _("Self-Care Plan (Family and Friends)")


URGE_LOG = "urges"


@dataclass(frozen=True)
class Worksheet:
    key: str
    title: str
    description: str

    @property
    def url(self) -> str:
        # By name: the worksheets' pages are under the page's language prefix.
        if self.key == URGE_LOG:
            return reverse("worksheets:urges")
        return reverse("worksheets:new", args=[self.key])


DESCRIPTIONS: dict[str, str] = {
    WorksheetKind.CBA: _(
        "Weigh what the behavior gives you and costs you, and what changing would give and cost, "
        "now and later."
    ),
    WorksheetKind.CHANGE_PLAN: _(
        "Write down the changes you want, why they matter, the steps, who can help, and how you "
        "will know it is working."
    ),
    WorksheetKind.HOV: _(
        "List what matters most to you, rank it, and check whether the behavior serves those "
        "values or gets in their way."
    ),
    WorksheetKind.ABC: _(
        "Take an upsetting moment apart: the activating event, your beliefs about it and the "
        "consequences; then dispute the beliefs and find a more helpful view."
    ),
    WorksheetKind.DISARM: _(
        "Notice the images and the voice that come with your urges, name them, and answer them."
    ),
    WorksheetKind.DEADS: _(
        "Plan your own ways to deny, escape, accept, dispute and substitute when an urge comes."
    ),
    WorksheetKind.PROBLEM_SOLVING: _(
        "Define a problem, brainstorm options, weigh them, choose one, and plan how to try it."
    ),
    WorksheetKind.BALANCE_PIE: _(
        "Rate how satisfied you are with each area of your life and choose one to nudge toward "
        "balance."
    ),
    WorksheetKind.VACI: _(
        "Start from what the behavior gave you, find absorbing interests that could give you the "
        "same, and rate each before and after you try it."
    ),
    WorksheetKind.JOURNAL: _(
        "Write dated, private entries about your days, with a prompt to start from when the page "
        "feels blank."
    ),
    WorksheetKind.TRIGGERS: _(
        "List the people, places, feelings and thoughts that set off your urges, rank how risky "
        "each is, and plan for the riskiest; the urge log then offers them as choices."
    ),
    WorksheetKind.WEEK_PLAN: _(
        "Plan each day of the coming week, name the times that could be hard, and look back at "
        "the end of the week."
    ),
    WorksheetKind.GOALS: _(
        "Make one change a specific, measurable goal with a date, break it into steps, and set "
        "dates to review your progress."
    ),
    WorksheetKind.ACCEPTANCE: _(
        "When you find yourself condemning yourself, someone else or life, question the "
        "judgment in the REBT way and find an accepting belief."
    ),
    WorksheetKind.FAMILY_COMMUNICATION: _(
        "For family and friends: plan a calm, positive conversation with your loved one, and "
        "how you'll notice and reward what goes well."
    ),
    WorksheetKind.FAMILY_SELF_CARE: _(
        "For family and friends: look after yourself, with time that restores you, people who "
        "support you, limits you'll keep and a plan for your safety."
    ),
    URGE_LOG: _(
        "Note each urge as it comes: when, where, how strong, what set it off and what you did, "
        "so you can spot patterns over time."
    ),
}

WORKSHEETS: dict[str, Worksheet] = {
    **{kind.value: Worksheet(kind.value, kind.label, DESCRIPTIONS[kind]) for kind in WorksheetKind},
    URGE_LOG: Worksheet(URGE_LOG, _("Urge Log"), DESCRIPTIONS[URGE_LOG]),
}

# What a tool may link to: any worksheet kind, or the urge log.
WORKSHEET_CHOICES: list[tuple[str, str]] = [
    (worksheet.key, worksheet.title) for worksheet in WORKSHEETS.values()
]
