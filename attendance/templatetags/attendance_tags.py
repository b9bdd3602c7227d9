"""What the meeting page, the account page and the facilitators' page show of proofs.

Those pages belong to apps that do not know this one, so each includes a template of ours that
loads its data here.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from attendance.forms import PeriodForm, ProofRequestForm
from attendance.models import Proof
from attendance.occurrences import local_date, requestable_occurrence
from meetings.models import Meeting
from meetings.schedule import format_clock
from smartrecovery import dates

register = template.Library()


@register.simple_tag(takes_context=True)
def proof_request(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    """The date proof can be asked for now, the viewer's request for it, and the form."""
    user = context["request"].user
    posted: ProofRequestForm | None = context.get("proof_form")
    # A refused request's reasons show whether or not the form is offered now.
    errors = [*posted.non_field_errors(), *posted["date"].errors] if posted else []
    occurrence = requestable_occurrence(meeting, timezone.now())
    if occurrence is None:
        return {"occurrence": None, "errors": errors}
    date = local_date(meeting, occurrence.starts)
    existing = Proof.objects.owned_by(user).filter(meeting=meeting, date=date).first()
    form = posted or ProofRequestForm(meeting=meeting, user=user, initial={"date": date})
    return {
        "errors": errors,
        "occurrence": occurrence,
        # "Thursday 3 December, 7:00 PM"; "jueves, 3 de diciembre, 19:00", ...
        "label": f"{dates.weekday_and_date(occurrence.starts.date())}, "
        f"{format_clock(occurrence.starts)}",
        "existing": existing,
        "form": form,
    }


@register.simple_tag(takes_context=True)
def account_proofs(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    return {"proofs": list(Proof.objects.owned_by(user)), "period_form": PeriodForm()}


@register.simple_tag(takes_context=True)
def proofs_to_answer(context: template.Context) -> list[Proof]:
    """Requests waiting for this facilitator, earliest meeting first."""
    user = context["request"].user
    return list(Proof.objects.awaiting().for_facilitator(user).order_by("starts"))
