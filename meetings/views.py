from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meetings.forms import ChangeRequestForm, PlaceSearchForm
from meetings.models import Meeting

CHANGE_REQUESTS_PER_HOUR = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/home.html", {"form": PlaceSearchForm()})


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


def request_change(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.listed(), slug=slug)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _within_rate_limit(request):
            return render(
                request,
                "meetings/changerequest_form.html",
                {"meeting": meeting, "form": form, "rate_limited": True},
                status=429,
            )
        # A bot that filled the honeypot is thanked like anyone else, and nothing is stored.
        if not form.is_spam:
            form.instance.meeting = meeting
            form.save()
        messages.success(request, "Thank you. The meeting's facilitators will look at it soon.")
        return redirect("meetings:request_change", slug=meeting.slug)
    return render(request, "meetings/changerequest_form.html", {"meeting": meeting, "form": form})


def _within_rate_limit(request: HttpRequest) -> bool:
    """Count this address's change requests in the last hour; False past the limit."""
    key = f"change-requests:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) <= CHANGE_REQUESTS_PER_HOUR
