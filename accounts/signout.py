"""Signing out also empties what this site stored in the browser for offline use."""

from __future__ import annotations

from django.contrib.auth.views import LogoutView
from django.http import HttpRequest, HttpResponse


class SignOutView(LogoutView):
    """Django's sign-out, plus ``Clear-Site-Data: "cache"`` so the browser drops this site's
    cached responses. The /sos/ service worker deletes its own stored copies when it sees the
    sign-out go past (templates/pages/service_worker.js): it holds no private page, but a shared
    phone should keep nothing of the visit."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response
