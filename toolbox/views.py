from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView, TemplateView

from toolbox.checkin import Answers, prompts, suggest
from toolbox.forms import CheckInForm, SearchForm
from toolbox.models import Point, Stage, Tool
from toolbox.search import search
from worksheets.models import StageCheckIn

Crumb = tuple[str, str]
TOOLBOX: Crumb = ("Toolbox", reverse_lazy("toolbox:point_list"))
STAGES: Crumb = ("Stages of change", reverse_lazy("toolbox:stage_list"))
ABOUT: Crumb = ("About", reverse_lazy("toolbox:about"))


def trail(*crumbs: Crumb) -> list[Crumb]:
    """The breadcrumb trail from the home page through ``crumbs`` to (not including) this page."""
    return [("Home", reverse("home")), *crumbs]


class BreadcrumbMixin:
    """Adds ``breadcrumbs``: the trail of (title, url) from the home page to this page's parent."""

    breadcrumbs: list[Crumb] = []

    def get_breadcrumbs(self) -> list[Crumb]:
        return self.breadcrumbs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = trail(*self.get_breadcrumbs())
        return context


class PointListView(BreadcrumbMixin, ListView):
    queryset = Point.objects.with_tools()
    template_name = "toolbox/point_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(search_form=SearchForm(), **kwargs)


class PointDetailView(BreadcrumbMixin, DetailView):
    queryset = Point.objects.with_tools()
    template_name = "toolbox/point_detail.html"
    breadcrumbs = [TOOLBOX]


class ToolDetailView(BreadcrumbMixin, DetailView):
    queryset = Tool.objects.with_links()
    template_name = "toolbox/tool_detail.html"

    def get_breadcrumbs(self) -> list[Crumb]:
        points = self.object.points.all()
        home_point = min(points, key=lambda point: point.number, default=None)
        if home_point is None:
            return [TOOLBOX]
        return [TOOLBOX, (str(home_point), home_point.get_absolute_url())]


class StageListView(BreadcrumbMixin, ListView):
    queryset = Stage.objects.all()
    template_name = "toolbox/stage_list.html"


class StageDetailView(BreadcrumbMixin, DetailView):
    queryset = Stage.objects.with_tools()
    template_name = "toolbox/stage_detail.html"
    breadcrumbs = [STAGES]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        stages = list(Stage.objects.all())
        index = stages.index(self.object)
        return super().get_context_data(
            previous_stage=stages[index - 1] if index > 0 else None,
            next_stage=stages[index + 1] if index + 1 < len(stages) else None,
            **kwargs,
        )


class SearchView(BreadcrumbMixin, TemplateView):
    """Ranked results for ``q``; with nothing (usable) to search for, the Four Points instead."""

    template_name = "toolbox/search.html"
    breadcrumbs = [TOOLBOX]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        return super().get_context_data(
            search_form=form,
            results=search(query) if query else None,
            points=Point.objects.all(),
            **kwargs,
        )


class PageView(BreadcrumbMixin, TemplateView):
    """A page of fixed text: about the program, a meeting's outline, privacy."""


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
            messages.success(request, "Your check-in is saved. Only you can see it.")
            return redirect("toolbox:checkin_detail", pk=saved.pk)
        context.update(suggestion=suggestion, stage=stage, answers=answers)
    return render(request, "toolbox/checkin.html", context)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(StageCheckIn.objects.owned_by(request.user), pk=pk)
    answers = Answers(importance=saved.importance, confidence=saved.confidence, **saved.answers)
    return render(
        request,
        "toolbox/checkin_detail.html",
        {
            "checkin": saved,
            "stage": Stage.objects.with_tools().get(pk=saved.stage_id),
            "answers": answers,
            "prompts": prompts(answers),
            "breadcrumbs": trail(STAGES, ("Where am I?", reverse("toolbox:checkin"))),
        },
    )
