"""The one way to read and change a participant's saved meetings.

A signed-in participant's saved meetings are rows in their account; a visitor's are meeting ids
in their session, moved into the account when they sign up or sign in (as worksheets are).
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest

from meetings.models import Meeting
from mymeetings.models import SavedMeeting

SESSION_KEY = "saved_meetings"
# A session is not a database: past this a visitor is asked to make an account.
MOST_IN_SESSION = 100
# Where a request keeps what it read, so a page of many stars asks the database once.
CACHE_ATTRIBUTE = "_saved_meeting_ids"


class TooManyInSession(Exception):
    """A visitor's session holds MOST_IN_SESSION meetings already."""


def saved_ids(request: HttpRequest) -> frozenset[int]:
    """The ids of the meetings the requester saved, read once per request."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        if request.user.is_authenticated:
            rows = SavedMeeting.objects.filter(user=request.user)
            cached = frozenset(rows.values_list("meeting_id", flat=True))
        else:
            cached = frozenset(request.session.get(SESSION_KEY, []))
        setattr(request, CACHE_ATTRIBUTE, cached)
    return cached


def set_saved(request: HttpRequest, meeting: Meeting, saved: bool) -> None:
    """Save or unsave ``meeting``; doing either twice is the same as once."""
    if request.user.is_authenticated:
        if saved:
            SavedMeeting.objects.get_or_create(user=request.user, meeting=meeting)
        else:
            SavedMeeting.objects.filter(user=request.user, meeting=meeting).delete()
    else:
        ids = set(request.session.get(SESSION_KEY, []))
        if saved and meeting.pk not in ids and len(ids) >= MOST_IN_SESSION:
            raise TooManyInSession
        ids = ids | {meeting.pk} if saved else ids - {meeting.pk}
        request.session[SESSION_KEY] = sorted(ids)
    if hasattr(request, CACHE_ATTRIBUTE):
        delattr(request, CACHE_ATTRIBUTE)


def meetings_saved_by(user) -> QuerySet[Meeting]:
    """The listed meetings ``user`` saved (closed ones too), ready for the schedule to read."""
    return _listed(SavedMeeting.objects.filter(user=user).values("meeting_id"))


def saved_meetings(request: HttpRequest) -> QuerySet[Meeting]:
    if request.user.is_authenticated:
        return meetings_saved_by(request.user)
    return _listed(request.session.get(SESSION_KEY, []))


def _listed(ids: QuerySet | list[int]) -> QuerySet[Meeting]:
    return (
        Meeting.objects.listed()
        .filter(pk__in=ids)
        .select_related("location")
        .with_upcoming_exceptions()
    )


@receiver(user_logged_in, dispatch_uid="mymeetings.move_session_saves")
def move_session_saves(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """A visitor's saved meetings join the account they sign up for or sign in to."""
    if request is None or not hasattr(request, "session"):
        return
    ids = request.session.pop(SESSION_KEY, [])
    existing = Meeting.objects.listed().filter(pk__in=ids).values_list("pk", flat=True)
    SavedMeeting.objects.bulk_create(
        [SavedMeeting(user=user, meeting_id=pk) for pk in existing], ignore_conflicts=True
    )
