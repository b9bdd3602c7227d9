"""A participant's worksheets and records, as plain data for the JSON download and printing.

The account's own details are added by ``accounts``, whose export views use ``export_for``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from worksheets.kinds import get_kind
from worksheets.models import StageCheckIn, StartDate, UrgeEntry, Worksheet


def worksheet_data(worksheet: Worksheet, *, revisions: bool = True) -> dict[str, Any]:
    kind = get_kind(worksheet.kind)
    data: dict[str, Any] = {
        "id": str(worksheet.pk),
        "kind": worksheet.kind,
        "kind_name": worksheet.get_kind_display(),
        "title": worksheet.title,
        "status": worksheet.status,
        "created": worksheet.created.isoformat(),
        "updated": worksheet.updated.isoformat(),
        "copied_from": str(worksheet.copied_from_id) if worksheet.copied_from_id else None,
        "answers": worksheet.answers,
        "readable": kind.readable(worksheet.answers) if kind else [],
    }
    if kind and kind.summary:
        data["summary"] = kind.summary(worksheet.answers)
    if revisions and not worksheet.in_session:
        data["revisions"] = [
            {
                "number": revision.number,
                "kind_of_save": revision.kind_of_save,
                "saved": revision.saved.isoformat(),
                "title": revision.title,
                "answers": revision.answers,
            }
            for revision in worksheet.revisions.all()
        ]
        # Who could read it and when it was opened; the tokens themselves are never kept.
        data["share_links"] = [
            {
                "created": link.created.isoformat(),
                "expires_at": link.expires_at.isoformat(),
                "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
                "viewed_at": [view.viewed_at.isoformat() for view in link.views.all()],
            }
            for link in worksheet.share_links.all()
        ]
    return data


def export_for(user: AbstractBaseUser) -> dict[str, Any]:
    """Everything ``user`` keeps here: worksheets (with revisions), check-ins, urges, dates."""
    return {
        "worksheets": [
            worksheet_data(worksheet)
            for worksheet in Worksheet.objects.owned_by(user).prefetch_related(
                "revisions", "share_links__views"
            )
        ],
        "stage_checkins": [
            {
                "stage": str(checkin.stage),
                "importance": checkin.importance,
                "confidence": checkin.confidence,
                "answers": checkin.answers,
                "created": checkin.created.isoformat(),
            }
            for checkin in StageCheckIn.objects.owned_by(user).select_related("stage")
        ],
        "urges": [
            {
                "felt_at": urge.felt_at.isoformat(),
                "intensity": urge.intensity,
                "minutes": urge.minutes,
                "situation": urge.situation,
                "people": urge.people,
                "feeling": urge.feeling,
                "what_i_did": urge.response,
                "acted_on": urge.acted_on,
                "created": urge.created.isoformat(),
            }
            for urge in UrgeEntry.objects.owned_by(user)
        ],
        "start_dates": [
            {"date": start.date.isoformat(), "set": start.created.isoformat()}
            for start in StartDate.objects.owned_by(user)
        ],
    }


def printable_page(worksheet: Worksheet, earlier: Iterable[Worksheet] = ()) -> dict[str, Any]:
    """What a worksheet's printed page shows; ``earlier`` are its owner's other worksheets."""
    kind = get_kind(worksheet.kind)
    return {
        "worksheet": worksheet,
        "kind": kind,
        "readable": kind.readable(worksheet.answers),
        "summary": kind.summary_for(worksheet, earlier),
    }


def printable_pages(user: AbstractBaseUser) -> list[dict[str, Any]]:
    """Every worksheet of ``user``'s, as printed pages."""
    worksheets = list(Worksheet.objects.owned_by(user))
    return [printable_page(worksheet, worksheets) for worksheet in worksheets]
