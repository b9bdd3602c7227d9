"""The one way to reach a worksheet: ``get_worksheet_for_user``, and the session's own worksheets.

A signed-in participant reaches only their own worksheets (staff and superusers included: anyone
else gets a 404). A visitor without an account reaches only the worksheets kept, encrypted, in
their own session, which move into their account when they sign up or sign in.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import Http404, HttpRequest
from django.utils import timezone

from worksheets import crypto
from worksheets.models import Revision, Worksheet

SESSION_KEY = "worksheets"


def get_worksheet_for_user(request: HttpRequest, pk: Any) -> Worksheet:
    """The requester's own worksheet ``pk``, from their account or their session; else 404."""
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise Http404("No such worksheet.") from None
    if request.user.is_authenticated:
        worksheet = Worksheet.objects.owned_by(request.user).filter(pk=pk).first()
    else:
        worksheet = SessionWorksheets(request.session).get(pk)
    if worksheet is None:
        raise Http404("No such worksheet.")
    return worksheet


def worksheets_for(request: HttpRequest) -> list[Worksheet]:
    if request.user.is_authenticated:
        return list(Worksheet.objects.owned_by(request.user))
    return SessionWorksheets(request.session).all()


def start_worksheet(request: HttpRequest, kind: str) -> Worksheet:
    if request.user.is_authenticated:
        worksheet = Worksheet.objects.create(owner=request.user, kind=kind)
        return worksheet
    return SessionWorksheets(request.session).create(kind)


def save_worksheet(
    request: HttpRequest,
    worksheet: Worksheet,
    *,
    title: str,
    answers: dict,
    status: str,
    expected_version: int,
    kind_of_save: str,
) -> bool:
    """Save if ``expected_version`` is still the stored one; False (nothing changed) if not."""
    if worksheet.in_session:
        return SessionWorksheets(request.session).record(
            worksheet,
            title=title,
            answers=answers,
            status=status,
            expected_version=expected_version,
        )
    return worksheet.record(
        title=title,
        answers=answers,
        status=status,
        expected_version=expected_version,
        kind_of_save=kind_of_save,
    )


def delete_worksheet(request: HttpRequest, worksheet: Worksheet) -> None:
    if worksheet.in_session:
        SessionWorksheets(request.session).delete(worksheet.pk)
    else:
        worksheet.delete()


class SessionWorksheets:
    """Worksheets of a visitor without an account, each encrypted before it enters the session."""

    def __init__(self, session) -> None:
        self.session = session

    def _tokens(self) -> dict[str, str]:
        return self.session.get(SESSION_KEY, {})

    def _build(self, pk: str, token: str) -> Worksheet:
        data = crypto.decrypt(token)
        worksheet = Worksheet(
            id=uuid.UUID(pk),
            kind=data["kind"],
            title=data["title"],
            answers=data["answers"],
            status=data["status"],
            version=data["version"],
            created=datetime.datetime.fromisoformat(data["created"]),
            updated=datetime.datetime.fromisoformat(data["updated"]),
        )
        worksheet.in_session = True
        return worksheet

    def all(self) -> list[Worksheet]:
        worksheets = [self._build(pk, token) for pk, token in self._tokens().items()]
        return sorted(worksheets, key=lambda w: w.updated, reverse=True)

    def get(self, pk: uuid.UUID) -> Worksheet | None:
        token = self._tokens().get(str(pk))
        return self._build(str(pk), token) if token else None

    def store(self, worksheet: Worksheet) -> None:
        tokens = dict(self._tokens())
        tokens[str(worksheet.pk)] = crypto.encrypt(
            {
                "kind": worksheet.kind,
                "title": worksheet.title,
                "answers": worksheet.answers,
                "status": worksheet.status,
                "version": worksheet.version,
                "created": worksheet.created.isoformat(),
                "updated": worksheet.updated.isoformat(),
            }
        )
        self.session[SESSION_KEY] = tokens

    def create(self, kind: str) -> Worksheet:
        now = timezone.now()
        worksheet = Worksheet(kind=kind, created=now, updated=now)
        worksheet.in_session = True
        self.store(worksheet)
        return worksheet

    def record(self, worksheet: Worksheet, *, expected_version: int, **content: Any) -> bool:
        stored = self.get(worksheet.pk)
        if stored is None or stored.version != expected_version:
            worksheet.version = stored.version if stored else worksheet.version
            return False
        worksheet.title = content["title"]
        worksheet.answers = content["answers"]
        worksheet.status = content["status"]
        worksheet.version = stored.version + 1
        worksheet.updated = timezone.now()
        self.store(worksheet)
        return True

    def delete(self, pk: uuid.UUID) -> None:
        tokens = dict(self._tokens())
        tokens.pop(str(pk), None)
        self.session[SESSION_KEY] = tokens

    @transaction.atomic
    def move_to(self, user: AbstractBaseUser) -> int:
        """Every session worksheet into ``user``'s account, word for word, same address."""
        moved = 0
        for worksheet in self.all():
            if Worksheet.objects.filter(pk=worksheet.pk).exists():
                continue
            worksheet.owner = user
            worksheet.in_session = False
            worksheet.save(force_insert=True)
            worksheet.keep_revision(Revision.KindOfSave.SAVE)
            moved += 1
        self.session.pop(SESSION_KEY, None)
        return moved


@receiver(user_logged_in, dispatch_uid="worksheets.move_session_worksheets")
def move_session_worksheets(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        SessionWorksheets(request.session).move_to(user)
