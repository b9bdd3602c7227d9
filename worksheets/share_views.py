"""Share links: the owner makes, lists and revokes them; anyone holding one reads one worksheet.

The owner's views reach the worksheet through ``get_worksheet_for_user``. A link is
``/worksheets/shared/#<token>``: the token stays in the browser (see ``worksheets.sharing``)
until the page posts it. Exchanging it lets this browser's session read that one worksheet at
``/worksheets/shared/<link id>/`` for as long as the link is active; a link is found only by the
hash of its token, and every unknown, expired or revoked token (or a session without the link)
gets the same plain 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from worksheets import crypto
from worksheets.access import get_worksheet_for_user
from worksheets.kinds import get_kind
from worksheets.models import ShareLink, ShareView, Worksheet
from worksheets.sharing import OpenSharedForm, ShareLinkForm, share_url
from worksheets.timezones import in_viewer_zone

# The links this browser has opened, by id: the session's permission to read each one.
SESSION_KEY = "shared_links"
# The link just made, shown once on the page the POST redirects to: its token is encrypted while it
# waits in the session (the database never holds a usable token) and removed when shown.
NEW_LINK_KEY = "new_share_link"


def _owned_for_sharing(request: HttpRequest, pk) -> Worksheet | None:
    """The owner's saved worksheet; None for one kept only in a visitor's session."""
    worksheet = get_worksheet_for_user(request, pk)
    return None if worksheet.in_session else worksheet


def _sign_up_first(request: HttpRequest, worksheet_pk) -> HttpResponse:
    messages.info(
        request, gettext("Sign up to share a worksheet: a link needs it saved to an account.")
    )
    next_url = reverse("worksheets:edit", args=[worksheet_pk])
    return redirect(f"{reverse('signup')}?next={next_url}")


@never_cache
@in_viewer_zone
def share_links(request: HttpRequest, pk) -> HttpResponse:
    """The worksheet's links, and a form to make one. A link made is shown once, on the page the
    POST redirects to (POST-redirect-GET), so reloading that page never makes a second link."""
    worksheet = _owned_for_sharing(request, pk)
    if worksheet is None:
        return _sign_up_first(request, pk)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            _, token = ShareLink.issue(worksheet, form.duration)
            request.session[NEW_LINK_KEY] = {
                "worksheet": str(worksheet.pk),
                "token": crypto.encrypt(token),
            }
            return redirect(reverse("worksheets:share", args=[worksheet.pk]) + "#new-link")
        status = 422
    else:
        status = 200
    new_url = ""
    made = request.session.pop(NEW_LINK_KEY, None)
    if made and made.get("worksheet") == str(worksheet.pk):
        new_url = share_url(request, crypto.decrypt(made["token"]))
    links = list(worksheet.share_links.prefetch_related("views"))
    # The site's same-origin referrer policy keeps a fresh token here from other sites; never
    # "no-referrer" on this page, which would make its own form posts fail the CSRF origin check.
    return render(
        request,
        "worksheets/worksheet_share.html",
        {"worksheet": worksheet, "form": form, "links": links, "new_url": new_url},
        status=status,
    )


@require_POST
def share_revoke(request: HttpRequest, pk, link_id: int) -> HttpResponse:
    worksheet = _owned_for_sharing(request, pk)
    if worksheet is None:
        raise Http404("No such link.")
    link = worksheet.share_links.filter(pk=link_id).first()
    if link is None:
        raise Http404("No such link.")
    link.revoke()
    messages.success(request, gettext("The link is revoked: it no longer opens this worksheet."))
    return redirect("worksheets:share", pk=worksheet.pk)


def _private(response: HttpResponse) -> HttpResponse:
    """Keep a shared page out of search engines.

    The site's same-origin referrer policy stays: these addresses hold no token, and
    "no-referrer" would send "Origin: null" with the page's own forms (the header's sign-out),
    which the CSRF check refuses.
    """
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _inactive(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "worksheets/share_inactive.html", status=404))


@never_cache
@require_http_methods(["GET", "POST"])
def open_shared(request: HttpRequest) -> HttpResponse:
    """Where a link lands: its token, posted from the page, buys this session a look."""
    form = OpenSharedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = ShareLink.objects.active().for_token(form.token).first()
        if link is None:
            return _inactive(request)
        opened = set(request.session.get(SESSION_KEY, []))
        request.session[SESSION_KEY] = sorted(opened | {link.pk})
        return redirect("worksheets:shared", link_id=link.pk)
    status = 422 if form.errors else 200
    return _private(render(request, "worksheets/shared_open.html", {"form": form}, status=status))


@never_cache
@require_GET
@in_viewer_zone
def shared_worksheet(request: HttpRequest, link_id: int) -> HttpResponse:
    """One worksheet, read-only, for a session that opened an active link; every view is logged."""
    link = None
    if link_id in request.session.get(SESSION_KEY, []):
        link = ShareLink.objects.active().filter(pk=link_id).select_related("worksheet").first()
    if link is None:
        return _inactive(request)
    ShareView.objects.create(link=link)
    worksheet = link.worksheet
    kind = get_kind(worksheet.kind)
    page = {
        "worksheet": worksheet,
        "kind": kind,
        "readable": kind.readable(worksheet.answers),
        # Only this worksheet: nothing drawn from the owner's others.
        "summary": kind.summary_for(worksheet),
    }
    return _private(
        render(request, "worksheets/worksheet_shared.html", {"page": page, "link": link})
    )
