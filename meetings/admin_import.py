"""The admin's "Import meetings" page: upload a feed or CSV, see every problem or the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from meetings.importing import ImportFailed, import_meetings, max_file_size
from meetings.models import Meeting
from meetings.roles import COORDINATORS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.core.files.uploadedfile import UploadedFile

# Messages ride in the session to the next page: a few are read, thousands would not fit.
SHOWN_WARNINGS = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A Meeting Guide JSON feed or a CSV; see docs/import.md.")
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Tell from the file")), ("json", _("Meeting Guide JSON")), ("csv", "CSV")],
        required=False,
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        # Refused before it is read: a large file held a worker for minutes and gigabytes.
        if upload.size > max_file_size():
            raise forms.ValidationError(
                gettext(
                    "This file is %(size).1f MB; an import reads at most %(most)s MB. Split it "
                    "into smaller files."
                )
                % {"size": upload.size / (1024 * 1024), "most": settings.IMPORT_MAX_MB}
            )
        return upload


def can_import(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Imports touch any meeting by slug, so only superusers and coordinators may run them."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=COORDINATORS).exists())


def import_view(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    # Bound on any POST: a post with no fields at all must still say the file is missing.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems = []
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_meetings(
                source=upload, format=form.cleaned_data["format"] or None, user=request.user
            )
        except ImportFailed as failure:
            problems = failure.problems
        else:
            messages.success(
                request,
                gettext("Imported %(file)s: %(result)s") % {"file": upload.name, "result": result},
            )
            for warning in result.warnings[:SHOWN_WARNINGS]:
                messages.warning(request, str(warning))
            hidden = len(result.warnings) - SHOWN_WARNINGS
            if hidden > 0:
                messages.warning(
                    request,
                    ngettext(
                        "… and %(count)s more warning.", "… and %(count)s more warnings.", hidden
                    )
                    % {"count": hidden},
                )
            return redirect(request.path)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Import meetings"),
        "opts": Meeting._meta,
        "form": form,
        "problems": problems,
    }
    return render(request, "admin/meetings/meeting/import.html", context)
