"""The week's online and hybrid meetings at /meetings/online/, one day at a time, in the viewer's
time zone, and the home page's "starting soon".

The zone is the viewer's (meetings.zones): the ``tz`` parameter, else the ``tz`` cookie a valid
parameter sets, else UTC with a prompt to choose. The page lists one local day, today or another
of the next seven days given as ``date=YYYY-MM-DD`` (meetings.online_schedule builds it).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from meetings.forms import OnlineFilterForm
from meetings.online_schedule import ChosenDay, DaySchedule, OnlineListing, listed_meetings
from meetings.schedule import zone
from meetings.search import SOON_WINDOWS, next_online
from meetings.zones import ViewerZone, choose_zone, remember_zone, zone_choices

# A day's page lists this many meetings, then "Show more" (a busy day has a couple of hundred).
DAY_PAGE = 30
# "Next meetings you can join" shows at most this many of those starting within the hour.
SOON_SHOWN = 6


def shown_count(text: str, total: int) -> int:
    """How many of the day's meetings to list: ``shown`` rounded to a page, at least one page."""
    try:
        asked = int(text)
    except ValueError:
        asked = DAY_PAGE
    pages = max(1, -(-min(asked, total) // DAY_PAGE))
    return pages * DAY_PAGE


def kept_query(viewer: ViewerZone, filters: OnlineFilterForm) -> QueryDict:
    """What the day links carry over: the zone asked for and the filters, both cleaned, so a
    value the page does not know is never repeated in its links."""
    query = QueryDict(mutable=True)
    if viewer.source == "query":
        query["tz"] = viewer.name
    for key, values in filters.data.lists():
        query.setlist(key, values)
    return query


# Not gzipped (gzip_page): a signed-in visitor's header holds the sign-out form's CSRF token
# beside what the visitor typed (tz), the conditions for BREACH.
@require_GET
@vary_on_cookie
def online(request: HttpRequest) -> HttpResponse:
    viewer = choose_zone(request)
    filters = OnlineFilterForm.from_query(request.GET)
    now = timezone.now()
    chosen = ChosenDay.from_query(
        request.GET.get("date", ""), now.astimezone(zone(viewer.name)).date()
    )
    schedule = DaySchedule.build(filters.filter(listed_meetings()), viewer.name, now, chosen.date)
    shown = shown_count(request.GET.get("shown", ""), len(schedule.listings))
    hidden = len(schedule.listings) - shown
    more = (
        {"shown": shown + DAY_PAGE, "count": min(hidden, DAY_PAGE), "first": shown + 1}
        if hidden > 0
        else None
    )
    context = {
        "zone": viewer,
        "listings": schedule.listings[:shown],
        "more": more,
        "soon_shown": SOON_SHOWN,
        "soon_slice": f":{SOON_SHOWN}",
        "zone_choices": zone_choices(viewer.name),
        "filters": filters,
        "filter_summary": filters.summary(),
        "schedule": schedule,
        "date_problem": chosen.problem,
        "kept_query": kept_query(viewer, filters),
    }
    response = render(request, "meetings/online.html", context)
    remember_zone(request, response, viewer)
    return response


def starting_soon(request: HttpRequest, count: int = 3) -> dict:
    """The next few online meetings to start within a day, in the remembered zone (or UTC)."""
    viewer = choose_zone(request, use_query=False)
    now = timezone.now()
    # Most hours have plenty of meetings starting; a quiet directory needs the whole day.
    soon = next_online(listed_meetings(), now, count, SOON_WINDOWS)
    local_now = now.astimezone(zone(viewer.name))
    listings = [OnlineListing.of(occurrence, viewer.name, local_now) for occurrence in soon]
    return {"zone": viewer, "listings": listings}
