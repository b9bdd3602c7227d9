"""A participant's proofs (ask, see, print, revoke) and the public check at /verify/<code>/.

Every view of a participant's proof goes through ``get_proof_for_user``: anyone else's is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from attendance import codes
from attendance.forms import PeriodForm, ProofRequestForm, already_asked
from attendance.models import Proof, ProofError
from attendance.qr import qr_svg
from meetings.models import Meeting
from meetings.views.meeting import detail_context
from smartrecovery import ratelimit
from smartrecovery.client_address import client_address


def get_proof_for_user(request: HttpRequest, pk: int) -> Proof:
    return get_object_or_404(Proof.objects.owned_by(request.user), pk=pk)


def verify_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("verify", args=[code]))


@login_required
@require_POST
def request_proof(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.listed(), slug=slug)
    if not meeting.attendance_verification:
        messages.error(request, gettext("This meeting does not offer proof of attendance."))
        return redirect("meetings:detail", slug=meeting.slug)
    form = ProofRequestForm(request.POST, meeting=meeting, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                proof = form.save()
        except IntegrityError:
            # Two taps at once: the database's constraint let one of them through.
            form.add_error(None, already_asked(form.cleaned_data["date"]))
        else:
            messages.success(
                request,
                gettext(
                    "Your request is with the meeting's facilitators. Once one confirms it, your "
                    "proof is here and on your account page."
                ),
            )
            return redirect("attendance:proof", pk=proof.pk)
    context = {**detail_context(request, meeting), "proof_form": form}
    return render(request, "meetings/meeting_detail.html", context, status=422)


@never_cache
@login_required
@require_GET
def proof_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proof = get_proof_for_user(request, pk)
    code = proof.code()
    context = {"proof": proof, "facts": proof.facts(), "code": code}
    if code:
        url = verify_url(request, code)
        context |= {"grouped_code": codes.grouped(code), "verify_url": url, "qr": qr_svg(url)}
    return render(request, "attendance/proof_detail.html", context)


def pdf_response(request: HttpRequest, proofs: list[Proof], filename: str) -> HttpResponse:
    # Imported here: fpdf2 and what it brings take 30 MB that no other page needs.
    from attendance.pdf import proofs_pdf

    # In the language of the page it was asked from, as the participant reads and hands it on;
    # /verify/, where it is checked, shows in the language its reader chose.
    body = proofs_pdf(proofs, lambda code: verify_url(request, code))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def proof_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    proof = get_proof_for_user(request, pk)
    if not proof.is_valid:
        return redirect("attendance:proof", pk=proof.pk)
    return pdf_response(request, [proof], f"proof-of-attendance-{proof.date:%Y-%m-%d}.pdf")


@never_cache
@login_required
@require_GET
def proofs_period_pdf(request: HttpRequest) -> HttpResponse:
    """Every confirmed proof of meetings in a period, one page each, in date order."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(
            request, " ".join(form.non_field_errors()) or gettext("Give dates as YYYY-MM-DD.")
        )
        return redirect(reverse("account") + "#proofs-heading")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    proofs = list(
        Proof.objects.owned_by(request.user).confirmed().between(start, end).order_by("starts")
    )
    if not proofs:
        messages.info(request, gettext("You have no confirmed proofs of meetings in that period."))
        return redirect(reverse("account") + "#proofs-heading")
    stamp = timezone.localdate().isoformat()
    return pdf_response(request, proofs, f"proofs-of-attendance-{stamp}.pdf")


@login_required
@require_POST
def proof_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    proof = get_proof_for_user(request, pk)
    try:
        proof.revoke()
    except ProofError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, gettext("Revoked: its code now shows only that it was revoked."))
    return redirect("attendance:proof", pk=proof.pk)


@never_cache
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """The facts of a confirmed proof, or a plain answer saying why not; nothing else."""
    if not ratelimit.allow("verify", client_address(request)):
        outcome, status, proof = "limited", 429, None
    elif (normal := codes.normalise(code)) is None:
        outcome, status, proof = "malformed", 404, None
    else:
        proof = Proof.objects.for_code(normal).first()
        if proof is None:
            outcome, status = "unknown", 404
        elif proof.status == Proof.Status.REVOKED:
            outcome, status = "revoked", 410
        else:
            outcome, status = "valid", 200
    context = {"outcome": outcome, "facts": proof.facts() if outcome == "valid" else []}
    response = render(request, "attendance/verify.html", context, status=status)
    # The code is in this page's address: a Referer sent from here names the site, never the
    # page. Not "no-referrer": it makes browsers send "Origin: null" with the page's own form
    # (the header's sign-out), which the CSRF check refuses.
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
