"""The site's own pages: home, the program's fixed texts, and the health check."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import csrf, defaults
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import TemplateView

from meetings.forms import PlaceSearchForm
from meetings.views.online import starting_soon
from toolbox.models import Point
from toolbox.translations import localize
from toolbox.views import BreadcrumbMixin, Crumb

ABOUT: Crumb = (_("About"), reverse_lazy("about"))
# Where crawlers have nothing to read: a participant's own pages (each behind a sign-in or a
# token anyway), in every language, and the admin, the JSON search and the language switch.
PRIVATE_PATHS = ["accounts/", "worksheets/", "meetings/mine/", "reminders/", "attendance/"]
UNPREFIXED_PRIVATE_PATHS = ["/admin/", "/api/", "/verify/", "/language/"]
ROBOTS_MAX_AGE = 24 * 60 * 60


@require_GET
@vary_on_cookie
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "form": PlaceSearchForm(),
        "online_soon": starting_soon(request),
        "points": localize(
            Point.objects.order_by("number").only("number", "title", "slug", "summary")
        ),
    }
    return render(request, "pages/home.html", context)


@require_GET
def styleguide(request: HttpRequest) -> HttpResponse:
    """Every component of the design system on one page, for development only."""
    if not settings.DEBUG:
        raise Http404("The style guide is shown in development only.")
    return render(request, "pages/styleguide.html")


class TextPageView(BreadcrumbMixin, TemplateView):
    """A page of fixed text: about the program, a meeting's outline, privacy.

    Written in another language, the page is a template of the same name under that language's
    folder (pages/es/about.html); where there is none, the English one shows, with a note that
    names the languages that have it.
    """

    def template_in(self, language: str) -> str:
        folder, name = self.template_name.rsplit("/", 1)
        return f"{folder}/{language}/{name}"

    def written_in(self) -> list[str]:
        languages = []
        for code in dict(settings.LANGUAGES):
            if code == settings.LANGUAGE_CODE:
                languages.append(code)
                continue
            try:
                get_template(self.template_in(code))
            except TemplateDoesNotExist:
                continue
            languages.append(code)
        return languages

    def get_template_names(self) -> list[str]:
        language = get_language()
        if language == settings.LANGUAGE_CODE:
            return [self.template_name]
        return [self.template_in(language), self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        written = self.written_in()
        if get_language() not in written:
            context["words_codes"] = written
            context["words_languages"] = [
                (code, name) for code, name in settings.LANGUAGES if code in written
            ]
        return context


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer load balancers: 200 when the app and its database both answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=ROBOTS_MAX_AGE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Keep crawlers out of private pages, and name the sitemap index of the public ones."""
    prefixes = ["/"] + [
        f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    private = [prefix + path for prefix in prefixes for path in PRIVATE_PATHS]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in [*UNPREFIXED_PRIVATE_PATHS, *private]),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="pages/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return defaults.server_error(request, template_name="pages/500.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form posted without its token, usually from a page left open too long."""
    return csrf.csrf_failure(request, reason, template_name="pages/403_csrf.html")
