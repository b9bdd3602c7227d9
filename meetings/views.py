from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meetings.forms import PlaceSearchForm


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
