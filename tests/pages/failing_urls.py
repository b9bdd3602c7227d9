"""The site's URLs plus one that fails, to see the 500 page the way a visitor would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from smartrecovery.urls import handler404, handler500
from smartrecovery.urls import urlpatterns as site_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]
