"""Reminder settings (a section of the account page) and the one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from reminders.forms import ReminderSettingsForm
from reminders.models import ReminderSettings
from reminders.tasks import queue_sweep
from reminders.unsubscribe import user_id_from


@require_POST
@login_required
def save_settings(request: HttpRequest) -> HttpResponse:
    """The account page's reminders form: saved, or shown again with what to fix."""
    instance = ReminderSettings.objects.filter(user=request.user).first()
    form = ReminderSettingsForm(request.POST, instance=instance)
    if not form.is_valid():
        return render(request, "reminders/settings.html", {"form": form}, status=422)
    form.instance.user = request.user
    form.instance.language = request.LANGUAGE_CODE
    form.save()
    # A worker's sweep sends them; make sure one is queued (it usually is).
    transaction.on_commit(queue_sweep)
    if form.instance.any_on:
        messages.success(request, gettext("Your reminder settings are saved."))
    else:
        messages.success(request, gettext("Reminders are off."))
    return redirect(reverse("account") + "#reminders")


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def off(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every reminder: a button that turns them all off, no sign-in needed. Mail
    apps' own unsubscribe button POSTs here at once (RFC 8058), without a CSRF token: the
    signed token is the permission, and all it can do is turn reminders off."""
    user_id = user_id_from(token)
    choices = ReminderSettings.objects.filter(user_id=user_id).first() if user_id else None
    if choices is None:
        raise Http404("No such reminders.")
    if request.method == "POST":
        choices.turn_off()
    response = render(request, "reminders/off.html", {"done": request.method == "POST"})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "strict-origin"
    return response
