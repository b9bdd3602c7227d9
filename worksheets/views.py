"""Worksheets: every view reaches one through ``get_worksheet_for_user``; none is cached."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.access import (
    delete_worksheet,
    get_worksheet_for_user,
    save_worksheet,
    start_worksheet,
    worksheets_for,
)
from worksheets.export import printable_page, worksheet_data
from worksheets.forms import WorksheetForm
from worksheets.kinds import REGISTRY, get_kind
from worksheets.models import Revision, Worksheet
from worksheets.timezones import in_viewer_zone


@never_cache
@require_GET
@in_viewer_zone
def worksheet_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "worksheets/worksheet_list.html",
        {"worksheets": worksheets_for(request), "kinds": [get_kind(key) for key in REGISTRY]},
    )


@never_cache
@sensitive_variables()
@sensitive_post_parameters()
@in_viewer_zone
def worksheet_new(request: HttpRequest, kind: str) -> HttpResponse:
    """A blank worksheet; it is stored (account or session) only once something is saved."""
    spec = get_kind(kind)
    if spec is None:
        raise Http404("This worksheet is not available yet.")
    if request.method == "POST":
        form = WorksheetForm(spec, request.POST)
        autosave = request.POST.get("_autosave") == "1"
        if not form.is_valid():
            return _invalid(request, form, None, autosave=autosave)
        worksheet = start_worksheet(request, kind)
        return _save(request, worksheet, form, autosave=autosave)
    blank = Worksheet(kind=kind)
    blank.in_session = not request.user.is_authenticated
    if spec.initial_answers:
        blank.answers = spec.initial_answers(worksheets_for(request))
    return _render_form(request, blank, WorksheetForm.for_worksheet(blank), new=True)


@require_GET
def worksheet_new_vacation(request: HttpRequest) -> HttpResponse:
    """The old address of the VACI worksheet, from when it was called "vacation"."""
    url = reverse("worksheets:new", args=[WorksheetKind.VACI.value])
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


@never_cache
@sensitive_variables()
@sensitive_post_parameters()
@in_viewer_zone
def worksheet_edit(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    spec = get_kind(worksheet.kind)
    if request.method == "POST":
        form = WorksheetForm(spec, request.POST)
        if not form.is_valid():
            return _invalid(request, form, worksheet, autosave=False)
        return _save(request, worksheet, form, autosave=False)
    form = WorksheetForm.for_worksheet(worksheet, add=request.GET.get("add", ""))
    return _render_form(request, worksheet, form)


@never_cache
@require_POST
@sensitive_variables()
@sensitive_post_parameters()
def worksheet_autosave(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    form = WorksheetForm(get_kind(worksheet.kind), request.POST)
    if not form.is_valid():
        return _invalid(request, form, worksheet, autosave=True)
    return _save(request, worksheet, form, autosave=True)


def _invalid(
    request: HttpRequest, form: WorksheetForm, worksheet: Worksheet | None, *, autosave: bool
) -> HttpResponse:
    if autosave:
        # Messages only name limits and counts, never the words themselves.
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=422)
    if worksheet is None:
        worksheet = Worksheet(kind=form.kind.key.value)
        worksheet.in_session = not request.user.is_authenticated
        return _render_form(request, worksheet, form, new=True, status=422)
    return _render_form(request, worksheet, form, status=422)


@sensitive_variables()
def _save(
    request: HttpRequest, worksheet: Worksheet, form: WorksheetForm, *, autosave: bool
) -> HttpResponse:
    title, answers = form.cleaned_data["title"], form.answers()
    moved = "" if autosave else form.kind.move_row(answers, request.POST.get("move_row", ""))
    saved = save_worksheet(
        request,
        worksheet,
        title=title,
        answers=answers,
        status=form.status,
        expected_version=form.cleaned_data["version"],
        kind_of_save=Revision.KindOfSave.AUTOSAVE if autosave else Revision.KindOfSave.SAVE,
    )
    if not saved:
        if not worksheet.in_session:
            worksheet.keep_refused(title=title, answers=answers)
        if autosave:
            return JsonResponse(
                {
                    "conflict": True,
                    "version": worksheet.version,
                    "message": gettext("This worksheet was saved in another tab or device."),
                },
                status=409,
            )
        return _render_conflict(request, worksheet, form)
    if autosave:
        return JsonResponse(
            {
                "version": worksheet.version,
                "saved": timezone.now().isoformat(),
                "url": reverse("worksheets:edit", args=[worksheet.pk]),
                "autosave_url": reverse("worksheets:autosave", args=[worksheet.pk]),
            }
        )
    url = reverse("worksheets:edit", args=[worksheet.pk])
    add = request.POST.get("add_row", "")
    if add in {spec.name for spec in form.kind.fields}:
        return redirect(f"{url}?add={add}#list-{add}")
    if moved:
        return redirect(f"{url}#list-{moved}")
    messages.success(request, gettext("Saved."))
    return redirect(url)


def _render_form(
    request: HttpRequest,
    worksheet: Worksheet,
    form: WorksheetForm,
    *,
    new: bool = False,
    status: int = 200,
    conflict: dict | None = None,
) -> HttpResponse:
    kind = get_kind(worksheet.kind)
    if new:
        action = reverse("worksheets:new", args=[worksheet.kind])
        autosave_url = action
    else:
        action = reverse("worksheets:edit", args=[worksheet.pk])
        autosave_url = reverse("worksheets:autosave", args=[worksheet.pk])
    context = {
        "worksheet": worksheet,
        "kind": kind,
        "form": form,
        "layout": form.layout(),
        "new": new,
        "action": action,
        "autosave_url": autosave_url,
        "summary": None if new else _summary(request, worksheet),
        "conflict": conflict,
        "prompt_languages": kind.prompt_languages(get_language()),
    }
    return render(request, "worksheets/worksheet_form.html", context, status=status)


def _render_conflict(
    request: HttpRequest, worksheet: Worksheet, form: WorksheetForm
) -> HttpResponse:
    """Both texts: the participant's in the form, the stored one beside it; they choose."""
    stored = get_worksheet_for_user(request, worksheet.pk)
    data = request.POST.copy()
    data["version"] = str(stored.version)
    data.pop("add_row", None)
    mine = WorksheetForm(form.kind, data)
    mine.is_valid()
    conflict = {
        "title": stored.title,
        "readable": form.kind.readable(stored.answers),
        "updated": stored.updated,
    }
    return _render_form(request, stored, mine, status=409, conflict=conflict)


@never_cache
@require_GET
@in_viewer_zone
def worksheet_print(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    return render(
        request,
        "worksheets/worksheet_print.html",
        {"pages": [printable_page(worksheet, _earlier(request, worksheet))]},
    )


def _summary(request: HttpRequest, worksheet: Worksheet) -> dict | None:
    return get_kind(worksheet.kind).summary_for(worksheet, _earlier(request, worksheet))


def _earlier(request: HttpRequest, worksheet: Worksheet) -> list[Worksheet]:
    """The requester's worksheets, fetched only for a kind whose summary compares with last time."""
    return worksheets_for(request) if get_kind(worksheet.kind).compares_previous else []


@never_cache
@require_GET
def worksheet_export(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    return _json_download(worksheet_data(worksheet), f"worksheet-{worksheet.kind}-{worksheet.pk}")


@never_cache
@require_GET
@in_viewer_zone
def worksheet_revisions(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    kind = get_kind(worksheet.kind)
    revisions = [] if worksheet.in_session else list(worksheet.revisions.all())
    for revision in revisions:
        revision.readable = kind.readable(revision.answers)
    return render(
        request,
        "worksheets/worksheet_revisions.html",
        {"worksheet": worksheet, "kind": kind, "revisions": revisions},
    )


@require_POST
def worksheet_restore(request: HttpRequest, pk, number: int) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    revision = None if worksheet.in_session else worksheet.revisions.filter(number=number).first()
    if revision is None:
        raise Http404("No such revision.")
    worksheet.record(
        title=revision.title,
        answers=revision.answers,
        status=worksheet.status,
        expected_version=worksheet.version,
        kind_of_save=Revision.KindOfSave.RESTORE,
    )
    messages.success(
        request,
        gettext("Revision %(number)s is back. What was there before is kept as a revision too.")
        % {"number": number},
    )
    return redirect("worksheets:edit", pk=worksheet.pk)


@require_POST
def worksheet_duplicate(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    if worksheet.in_session:
        messages.info(
            request, gettext("Sign up to keep copies of your worksheets and compare them.")
        )
        return redirect(f"{reverse('signup')}?next={reverse('worksheets:list')}")
    copy = worksheet.duplicate()
    messages.success(
        request, gettext("Here is your copy to revisit. The original stays as it was.")
    )
    return redirect("worksheets:edit", pk=copy.pk)


@never_cache
@require_GET
@in_viewer_zone
def worksheet_compare(request: HttpRequest) -> HttpResponse:
    """Two worksheets (or two revisions: ``ra``/``rb`` name revision numbers) side by side."""
    first = _version(request, "a", "ra")
    second = _version(request, "b", "rb")
    if first["worksheet"].kind != second["worksheet"].kind:
        messages.info(request, gettext("Only worksheets of the same kind can be compared."))
        return redirect("worksheets:list")
    kind = get_kind(first["worksheet"].kind)
    pairs = []
    for left, right in zip(
        kind.readable(first["answers"]), kind.readable(second["answers"]), strict=True
    ):
        pairs.append(
            {
                "title": left["title"],
                "entries": list(zip(left["entries"], right["entries"], strict=True)),
            }
        )
    return render(
        request,
        "worksheets/worksheet_compare.html",
        {"first": first, "second": second, "kind": kind, "sections": pairs},
    )


def _version(request: HttpRequest, key: str, revision_key: str) -> dict:
    worksheet = get_worksheet_for_user(request, request.GET.get(key, ""))
    number = request.GET.get(revision_key, "")
    if not number:
        return {
            "worksheet": worksheet,
            "label": worksheet.display_title,
            "answers": worksheet.answers,
            "when": worksheet.updated,
        }
    revision = None
    if number.isdigit() and not worksheet.in_session:
        revision = worksheet.revisions.filter(number=int(number)).first()
    if revision is None:
        raise Http404("No such revision.")
    return {
        "worksheet": worksheet,
        "label": f"{revision.title or worksheet.display_title}, revision {revision.number}",
        "answers": revision.answers,
        "when": revision.saved,
    }


@never_cache
def worksheet_delete(request: HttpRequest, pk) -> HttpResponse:
    worksheet = get_worksheet_for_user(request, pk)
    if request.method == "POST":
        delete_worksheet(request, worksheet)
        messages.success(request, gettext("The worksheet and all its revisions are deleted."))
        return redirect("worksheets:list")
    return render(request, "worksheets/worksheet_delete.html", {"worksheet": worksheet})


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response
