"""The meeting finder at /meetings/, its map view and "add all to calendar"."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation.trans_real import parse_accept_lang_header

from meetings import search
from meetings.calendar import build_calendar
from meetings.maps import map_settings
from meetings.search import FinderForm
from meetings.types import LANGUAGES, PROGRAM_TYPES
from meetings.zones import choose_zone, remember_zone
from smartrecovery import ratelimit
from smartrecovery.client_address import client_address


def place_lookups(request: HttpRequest) -> Callable[[], bool]:
    """Counts a place name looked up past the cache against the client's "place-lookup" limit.

    Only lookups count, so paging through one place's meetings is never limited.
    """
    return lambda: ratelimit.allow("place-lookup", client_address(request))


def visitor_country(request: HttpRequest) -> str:
    """The country of the first language the browser prefers that names one ("en-GB" is GB),
    so that a visitor from Britain typing "Birmingham" finds the one in England."""
    header = request.headers.get("Accept-Language", "")[:MAX_ACCEPT_LANGUAGE]
    for language, _quality in parse_accept_lang_header(header):
        _, _, region = language.partition("-")
        if len(region) == 2 and region.isalpha():
            return region.upper()
    return ""


def remember_searched_country(request: HttpRequest, response: HttpResponse, country: str) -> None:
    """The country of the place searched for, kept for the footer's crisis line
    (pages/crisis_lines.py): it says more about where the visitor is than their language.

    A cookie, not the session: a session would be a database row written for every anonymous
    search.
    """
    if request.COOKIES.get(SEARCHED_COUNTRY) != country:
        response.set_cookie(
            SEARCHED_COUNTRY,
            country,
            max_age=SEARCHED_COUNTRY_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )


def searched_country(request: HttpRequest) -> str:
    """The country of the place last searched for: this request's search, else the cookie."""
    country = getattr(request, SEARCHED_COUNTRY, "") or request.COOKIES.get(SEARCHED_COUNTRY, "")
    return country.upper() if len(country) == 2 and country.isalpha() else ""


def too_many_lookups(response: HttpResponse) -> HttpResponse:
    """A 429 that says when to come back: the limit's window."""
    response.status_code = 429
    response["Retry-After"] = str(ratelimit.limit_for("place-lookup")[1])
    return response


# Longer headers are cut: Django parses at most this much of one anyway.
MAX_ACCEPT_LANGUAGE = 500
SEARCHED_COUNTRY = "searched_country"
SEARCHED_COUNTRY_AGE = 30 * 24 * 60 * 60
FILTERS = ("day", "time", "type", "attendance", "program", "language", "q")
# The filter bar's dropdown chips, in order; "More" holds the meeting kind, words and distance.
FILTER_CHIPS = (
    ("day", pgettext_lazy("filter", "Day")),
    ("time", pgettext_lazy("filter", "Time")),
    ("attendance", pgettext_lazy("filter", "Attendance")),
    ("type", pgettext_lazy("filter", "Type")),
    ("language", pgettext_lazy("filter", "Language")),
)
# Languages have their own chip and programs the meeting kind: the Type chip lists neither.
NOT_TYPES = {*LANGUAGES, *PROGRAM_TYPES, "TC"}
SHORT_DAYS = {
    "0": pgettext_lazy("short weekday", "Sun"),
    "1": pgettext_lazy("short weekday", "Mon"),
    "2": pgettext_lazy("short weekday", "Tue"),
    "3": pgettext_lazy("short weekday", "Wed"),
    "4": pgettext_lazy("short weekday", "Thu"),
    "5": pgettext_lazy("short weekday", "Fri"),
    "6": pgettext_lazy("short weekday", "Sat"),
}


def non_empty(query: QueryDict) -> QueryDict:
    """The query without its empty values: a GET form sends every field, filled or not."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        filled = [value for value in values if value.strip()]
        if filled:
            kept.setlist(name, filled)
    return kept


def label_of(form: FinderForm, name: str, value: str) -> str:
    if name == "day" and value in SHORT_DAYS:
        return str(SHORT_DAYS[value])
    if name == "q":
        return f"“{value}”"
    if name == "day" and value == "today":
        return gettext("Today")
    return str(dict(form.fields[name].choices).get(value, value))


def address(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def active_filters(form: FinderForm, query: QueryDict, path: str) -> list[dict]:
    """Each filter in the address as a chip: its words and the address without it."""
    chips = []
    for name in FILTERS:
        for value in query.getlist(name):
            rest = query.copy()
            rest.setlist(name, [other for other in query.getlist(name) if other != value])
            rest.pop("page", None)
            chips.append({"label": label_of(form, name, value), "url": address(path, rest)})
    if query.get("radius"):
        rest = query.copy()
        rest.pop("radius")
        rest.pop("page", None)
        chips.append(
            {
                "label": (
                    gettext("Within %(radius)s %(unit)s")
                    % {"radius": query["radius"], "unit": query.get("unit", "")}
                ).strip(),
                "url": address(path, rest),
            }
        )
    return chips


def filter_chips(form: FinderForm, query: QueryDict) -> list[dict]:
    """The filter bar: each chip's name, what it holds now ("Day: Tue, Thu") and its choices."""
    chips = []
    for name, label in FILTER_CHIPS:
        chosen = [label_of(form, name, value) for value in query.getlist(name)]
        choices = list(form[name])
        if name == "type":
            choices = [choice for choice in choices if choice.data["value"] not in NOT_TYPES]
        if name == "language":
            choices = [choice for choice in choices if choice.data["value"]]
        chips.append(
            {
                "name": name,
                "label": label,
                "summary": ", ".join(chosen[:2])
                + (f" +{len(chosen) - 2}" if len(chosen) > 2 else ""),
                "active": bool(chosen),
                "choices": choices,
                "multiple": name != "language",
            }
        )
    return chips


def chips_key(query: QueryDict) -> str:
    """What the filter bar's markup depends on besides the language: the values chosen in it.

    The bar lists every type and language as a choice, most of the finder page's rendering
    time; the template caches it under this key, so most visitors (no filters, or the same
    few) get it ready-made.
    """
    return "&".join(
        f"{name}={','.join(sorted(query.getlist(name)))}" for name, _label in FILTER_CHIPS
    )


def finder(request: HttpRequest) -> HttpResponse:
    query = non_empty(request.GET)
    if query.urlencode() != request.GET.urlencode():
        # No empty parameters in addresses people share: /meetings/?near=Austin, not &radius=&q=.
        return redirect(address(request.path, query))
    form = FinderForm(request.GET or None)
    viewer = choose_zone(request)
    found = None
    if form.is_valid():
        found = search.run(
            form.cleaned_data,
            viewer_zone=viewer.known,
            may_look_up=place_lookups(request),
            home=visitor_country(request),
            version=search.directory_version(request),
        )
        if found.too_many_lookups:
            form.add_error("near", str(found.too_many_lookups))
        elif found.place is not None and found.place.country:
            # For this page's footer; the cookie keeps it for the next pages.
            setattr(request, SEARCHED_COUNTRY, found.place.country)
    show_map = request.GET.get("view") == "map" and found is not None and found.results
    context = {
        "form": form,
        "search": found,
        "show_map": show_map,
        "map": map_settings() if show_map else None,
        "map_points": map_points(found) if show_map else [],
        "filters_open": any(request.GET.get(name) for name in FILTERS),
        "zone": viewer,
        # Called only when the template's cached filter bar is missing (see chips_key).
        "filter_chips": lambda: filter_chips(form, query),
        "chips_key": chips_key(query),
        "active_filters": active_filters(form, query, request.path),
        "more_active": bool(query.get("program") or query.get("q") or query.get("radius")),
        "sort": query.get("sort") or "nearest",
    }
    if found is not None and found.too_many_lookups:
        context["kept_filters"] = [
            (name, value) for name in FILTERS for value in request.GET.getlist(name)
        ]
        return too_many_lookups(render(request, "meetings/finder.html", context))
    response = render(request, "meetings/finder.html", context)
    remember_zone(request, response, viewer)
    if country := getattr(request, SEARCHED_COUNTRY, ""):
        remember_searched_country(request, response, country)
    return response


def map_points(found: search.Search) -> list[dict]:
    return [
        {
            "lat": result.meeting.latitude,
            "lng": result.meeting.longitude,
            "name": result.meeting.name,
            "when": result.when,
            "url": reverse("meetings:detail", args=[result.meeting.slug]),
        }
        for result in found.results
    ]


def search_calendar(request: HttpRequest) -> HttpResponse:
    """Every meeting on the search's page as one calendar file."""
    form = FinderForm(request.GET or None)
    if not form.is_valid():
        return HttpResponse(
            gettext("That search is not valid."), status=400, content_type="text/plain"
        )
    found = search.run(
        form.cleaned_data,
        viewer_zone=choose_zone(request).known,
        may_look_up=place_lookups(request),
        home=visitor_country(request),
    )
    if found.too_many_lookups:
        message = str(found.too_many_lookups)
        return too_many_lookups(HttpResponse(message, content_type="text/plain"))
    listed = found.results + (found.online if found.lists_online else [])
    body = build_calendar(
        [result.meeting for result in listed],
        now=timezone.now(),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smart-recovery-meetings.ics"'
    return response
