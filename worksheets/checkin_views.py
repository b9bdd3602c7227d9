"""The stage check-in: the toolbox's questions, answered here and, if the person chooses, kept.

The questions and what they suggest are the toolbox's (toolbox/checkin.py); keeping the answers
is a participant's private record, so the views live beside the other private ones.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from toolbox.checkin import Answers, prompts, suggest
from toolbox.forms import CheckInForm
from toolbox.models import Stage
from toolbox.translations import localize
from toolbox.views import STAGES, trail
from worksheets.models import StageCheckIn


@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    form = CheckInForm(request.POST or None)
    context = {"form": form, "breadcrumbs": trail(STAGES)}
    if form.is_valid():
        answers = form.answers()
        suggestion = suggest(answers)
        stage = get_object_or_404(Stage.objects.with_tools(), slug=suggestion.stage_slug)
        if form.cleaned_data["save"] and request.user.is_authenticated:
            saved = StageCheckIn.objects.create(
                owner=request.user,
                stage=stage,
                importance=answers.importance,
                confidence=answers.confidence,
                answers=answers.questions(),
            )
            messages.success(request, gettext("Your check-in is saved. Only you can see it."))
            return redirect("checkin:detail", pk=saved.pk)
        localize([stage])
        localize(stage.tools.all())
        context.update(suggestion=suggestion, stage=stage, answers=answers)
    return render(request, "worksheets/checkin.html", context)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(StageCheckIn.objects.owned_by(request.user), pk=pk)
    answers = Answers(importance=saved.importance, confidence=saved.confidence, **saved.answers)
    return render(
        request,
        "worksheets/checkin_detail.html",
        {
            "checkin": saved,
            "stage": localized_stage(saved.stage_id),
            "answers": answers,
            "prompts": prompts(answers),
            "breadcrumbs": trail(STAGES, (gettext("Where am I?"), reverse("checkin:form"))),
        },
    )


def localized_stage(pk: int) -> Stage:
    """The stage and its tools in the page's language, where written."""
    stage = Stage.objects.with_tools().get(pk=pk)
    localize([stage])
    localize(stage.tools.all())
    return stage
