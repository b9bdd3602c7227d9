"""Signing up, the account page, and a participant's way out: export and deletion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from accounts.emails import save_with_email, send_account_exists_notice
from accounts.forms import DeleteAccountForm, EmailForm, SignUpForm
from attendance.export import proofs_data
from mymeetings.export import my_meetings_data
from reminders.export import reminders_data
from smartrecovery import ratelimit
from smartrecovery.client_address import client_address
from worksheets.export import export_for, printable_pages

USERNAME_JUST_TAKEN = _("Someone took that username a moment ago. Please choose another.")
TOO_MANY_SIGNUPS = _("Too many accounts were made from your connection lately. Please try later.")
TOO_MANY_FOR_EMAIL = _(
    "Too many sign-ups gave this email address today. Try again tomorrow, or leave it out."
)
TOO_MANY_EMAIL_CHANGES = _(
    "Too many email addresses were given from your connection lately. Please try later."
)
EMAIL_GIVEN = _(
    "Thank you. If no other account has that address, it is this account's now. If one has, "
    "it stays with that account, and we have emailed it to say so."
)
EMAIL_REMOVED = _(
    "Your email address is removed. A forgotten password can't be reset by email now."
)


@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = SignUpForm(request.POST or None)
    status = 200
    if form.is_valid():
        if not ratelimit.allow("signup", client_address(request)):
            form.add_error(None, TOO_MANY_SIGNUPS)
            status = 429
        elif form.cleaned_data["email"] and not ratelimit.allow(
            "signup-email", form.cleaned_data["email"]
        ):
            form.add_error("email", TOO_MANY_FOR_EMAIL)
            status = 429
        elif opened := _open_account(request, form, next_url):
            return opened
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=status)


def _open_account(request: HttpRequest, form: SignUpForm, next_url: str) -> HttpResponse | None:
    """The same for an email address an account has and one nobody has: only its owner hears.

    Signing in moves the visitor's session worksheets into the account (``worksheets.access``).
    None, with the form saying why, when another sign-up took the username since the form
    checked it.
    """
    user = form.save(commit=False)
    try:
        owner_email = save_with_email(user, form.cleaned_data["email"])
    except IntegrityError:
        form.add_error("username", USERNAME_JUST_TAKEN)
        return None
    if owner_email:
        _notify_owner(request, owner_email, on_sign_up=True)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request, gettext("Welcome, %(name)s. Your account is ready.") % {"name": user.username}
    )
    return redirect(next_url or "home")


def _notify_owner(request: HttpRequest, email: str, *, on_sign_up: bool) -> None:
    send_account_exists_notice.enqueue(
        email,
        request.build_absolute_uri(reverse("login")),
        request.build_absolute_uri(reverse("password_reset")),
        on_sign_up=on_sign_up,
        language=get_language(),
    )


@never_cache
@login_required
@sensitive_post_parameters("password")
def account(request: HttpRequest) -> HttpResponse:
    """The account's details, and its optional email, given by the rules sign-up follows.

    A new address counts against the same limits as at sign-up (per client, per address); one
    that another account has stays there, its owner is told, and the answer is the same.
    """
    user = request.user
    form = EmailForm(user, request.POST or None, initial={"email": user.email})
    status = 200
    if form.is_valid():
        email = form.cleaned_data["email"]
        new = bool(email) and email != user.email
        if new and not ratelimit.allow("signup", client_address(request)):
            form.add_error("email", TOO_MANY_EMAIL_CHANGES)
            status = 429
        elif new and not ratelimit.allow("signup-email", email):
            form.add_error("email", TOO_MANY_FOR_EMAIL)
            status = 429
        else:
            if owner_email := save_with_email(user, email):
                _notify_owner(request, owner_email, on_sign_up=False)
            messages.success(request, EMAIL_GIVEN if email else EMAIL_REMOVED)
            return redirect("account")
    return render(request, "accounts/account.html", {"form": form}, status=status)


def _account_details(user: AbstractBaseUser) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


@never_cache
@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    data = {
        "account": _account_details(request.user),
        **export_for(request.user),
        "attendance_proofs": proofs_data(request.user),
        **my_meetings_data(request.user),
        "reminders": reminders_data(request.user),
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="smartrecovery-export-{stamp}.json"'
    return response


@never_cache
@login_required
@require_GET
def account_export_print(request: HttpRequest) -> HttpResponse:
    data = export_for(request.user)
    return render(
        request,
        "worksheets/worksheet_print.html",
        {
            "pages": printable_pages(request.user),
            "account": _account_details(request.user),
            "checkins": data["stage_checkins"],
            "urges": data["urges"],
            "start_dates": data["start_dates"],
            "whole_account": True,
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("password")
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if form.is_valid():
        user = request.user
        logout(request)
        # Ends the account's sessions in every other browser too (accounts.sessions).
        user.delete()
        messages.success(
            request, gettext("Your account and everything in it have been deleted. Take good care.")
        )
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})
