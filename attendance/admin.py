"""Facilitators answer requests from their "My meetings" page (the list is an include there):
one tap to confirm or decline, each a POST through the admin's own login, CSRF and scope."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext

from attendance.models import Proof, ProofError


@admin.register(Proof)
class ProofAdmin(admin.ModelAdmin):
    """No list or form: proofs are their owners' business; this only adds the two answers."""

    def get_urls(self) -> list:
        return [
            path(
                "<int:pk>/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="attendance_proof_confirm",
            ),
            path(
                "<int:pk>/decline/",
                self.admin_site.admin_view(self.decline_view),
                name="attendance_proof_decline",
            ),
        ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def confirm_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.answer(request, pk, confirm=True)

    def decline_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.answer(request, pk, confirm=False)

    def answer(self, request: HttpRequest, pk: int, *, confirm: bool) -> HttpResponse:
        """Only a request for a meeting this user runs; locked, so two taps answer it once."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        with transaction.atomic():
            scope = Proof.objects.for_facilitator(request.user).select_for_update()
            proof = get_object_or_404(scope, pk=pk)
            try:
                proof.confirm(request.user) if confirm else proof.decline(request.user)
            except ProofError as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return redirect("admin:meetings_meeting_mine")
        facts = {"name": proof.printed_name, "meeting": proof.meeting_name, "day": proof.day()}
        if confirm:
            self.message_user(
                request, gettext("Confirmed: %(name)s, %(meeting)s, %(day)s.") % facts
            )
        else:
            self.message_user(request, gettext("Declined: %(name)s, %(meeting)s, %(day)s.") % facts)
        return redirect("admin:meetings_meeting_mine")
