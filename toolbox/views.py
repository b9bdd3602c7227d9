from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import DetailView, ListView, TemplateView

from toolbox.forms import SearchForm
from toolbox.models import Guide, Point, Stage, Tool
from toolbox.search import search

Crumb = tuple[str, str]
TOOLBOX: Crumb = ("Toolbox", reverse_lazy("toolbox:point_list"))
STAGES: Crumb = ("Stages of change", reverse_lazy("toolbox:stage_list"))


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


class GuideDetailView(BreadcrumbMixin, DetailView):
    queryset = Guide.objects.all()
    template_name = "toolbox/guide_detail.html"
    breadcrumbs = [TOOLBOX]


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


def vacation_from_addiction(request: HttpRequest) -> HttpResponse:
    """The old address of the VACI page, kept so links and bookmarks still arrive."""
    return redirect("toolbox:tool_detail", slug="vaci", permanent=True)
