from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from toolbox.forms import SearchForm
from toolbox.models import Guide, Point, Stage, Tool
from toolbox.search import search
from toolbox.translations import languages_with, localize, page_language

Crumb = tuple[str, str]
TOOLBOX: Crumb = (_("Toolbox"), reverse_lazy("toolbox:point_list"))
STAGES: Crumb = (_("Stages of change"), reverse_lazy("toolbox:stage_list"))


def trail(*crumbs: Crumb) -> list[Crumb]:
    """The breadcrumb trail from the home page through ``crumbs`` to (not including) this page."""
    return [(_("Home"), reverse("home")), *crumbs]


class BreadcrumbMixin:
    """Adds ``breadcrumbs``: the trail of (title, url) from the home page to this page's parent."""

    breadcrumbs: list[Crumb] = []

    def get_breadcrumbs(self) -> list[Crumb]:
        return self.breadcrumbs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = trail(*self.get_breadcrumbs())
        return context


class TranslatedPageMixin:
    """The page, and the pages it lists (``related``, prefetched), in the visitor's language
    where translated; ``words_languages`` names the languages a page still in English has."""

    related: tuple[str, ...] = ()

    def get_object(self, queryset: Any = None) -> Any:
        page = super().get_object(queryset)
        localize([page])
        for name in self.related:
            localize(getattr(page, name).all())
        return page

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.object.words_language != page_language():
            context["words_languages"] = languages_with(self.object)
            context["words_codes"] = [code for code, _ in context["words_languages"]]
        return context


class TranslatedListMixin:
    """Every page listed, and the pages each lists (``related``), in the visitor's language."""

    related: tuple[str, ...] = ()

    def get_queryset(self) -> Any:
        # The queryset's own rows are localized in place, so it stays a queryset for ListView.
        pages = super().get_queryset()
        localize(pages)
        for name in self.related:
            localize(item for page in pages for item in getattr(page, name).all())
        return pages


class PointListView(TranslatedListMixin, BreadcrumbMixin, ListView):
    queryset = Point.objects.with_tools()
    template_name = "toolbox/point_list.html"
    related = ("tools",)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(search_form=SearchForm(), **kwargs)


class PointDetailView(TranslatedPageMixin, BreadcrumbMixin, DetailView):
    queryset = Point.objects.with_tools()
    template_name = "toolbox/point_detail.html"
    breadcrumbs = [TOOLBOX]
    related = ("tools",)


class ToolDetailView(TranslatedPageMixin, BreadcrumbMixin, DetailView):
    queryset = Tool.objects.with_links()
    template_name = "toolbox/tool_detail.html"
    related = ("points", "stages")

    def get_breadcrumbs(self) -> list[Crumb]:
        points = self.object.points.all()
        home_point = min(points, key=lambda point: point.number, default=None)
        if home_point is None:
            return [TOOLBOX]
        return [TOOLBOX, (str(home_point), home_point.get_absolute_url())]


class GuideDetailView(TranslatedPageMixin, BreadcrumbMixin, DetailView):
    queryset = Guide.objects.all()
    template_name = "toolbox/guide_detail.html"
    breadcrumbs = [TOOLBOX]


class StageListView(TranslatedListMixin, BreadcrumbMixin, ListView):
    queryset = Stage.objects.all()
    template_name = "toolbox/stage_list.html"


class StageDetailView(TranslatedPageMixin, BreadcrumbMixin, DetailView):
    queryset = Stage.objects.with_tools()
    template_name = "toolbox/stage_detail.html"
    breadcrumbs = [STAGES]
    related = ("tools",)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        stages = localize(Stage.objects.all())
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
