"""A coordinator's import stays inside the regions they coordinate.

A superuser's import, or the command's (no user), may touch any meeting. A coordinator's may
create or change only meetings in their regions (and below), never add a top-level region, and
change an existing venue only when every meeting held there is theirs to edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext

from meetings.importing.problems import ImportProblem, Report
from meetings.importing.rows import Row
from meetings.importing.writer import Plan
from meetings.models import Location, Meeting, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def is_scoped(user: User | None) -> bool:
    """Whether the import must stay inside the user's regions."""
    return user is not None and not user.is_superuser


class ScopeCheck:
    """Refuses rows that would create or change a meeting, or a venue, the user cannot edit."""

    def __init__(self, user: User, plan: Plan, report: Report) -> None:
        self.user, self.plan, self.report = user, plan, report
        self.reported: set[ImportProblem] = set()

    def refuse(self, number: int, field_name: str, reason: str) -> None:
        # One record with several days is several rows of one number: report it once.
        problem = ImportProblem(number, field_name, reason)
        if problem not in self.reported:
            self.reported.add(problem)
            self.report.problems.append(problem)

    def check(self, rows: list[Row]) -> None:
        coordinated = list(self.user.coordinated_regions.values_list("pk", flat=True))
        allowed = Region.subtree_ids(coordinated)
        existing = dict(
            Meeting.objects.filter(slug__in=[row.slug for row in rows]).values_list(
                "slug", "region_id"
            )
        )
        for row in rows:
            if row.slug in existing and existing[row.slug] not in allowed:
                self.refuse(
                    row.number,
                    "slug",
                    gettext("“%(slug)s” is a meeting outside the regions you coordinate")
                    % {"slug": row.slug},
                )
            path = " > ".join(row.region_path)
            if not row.region_path:
                self.refuse(
                    row.number,
                    "region",
                    gettext("required: name one of the regions you coordinate"),
                )
                continue
            region, _missing = self.plan.region_plans[row.region_path]
            if region is None:
                self.refuse(
                    row.number,
                    "region",
                    gettext(
                        "“%(region)s” would be a new top-level region, which only a superuser "
                        "can add"
                    )
                    % {"region": path},
                )
            elif region.pk not in allowed:
                self.refuse(
                    row.number,
                    "region",
                    gettext("“%(region)s” is outside the regions you coordinate")
                    % {"region": path},
                )
        self._check_venues()

    def _check_venues(self) -> None:
        """An existing venue is changed only if every meeting held there is the user's."""
        venues = self.plan.venues
        changing = venues.changing()
        editable = set(
            Location.objects.editable_by(self.user)
            .filter(pk__in=[location.pk for location in changing.values()])
            .values_list("pk", flat=True)
        )
        for key, location in changing.items():
            if location.pk not in editable:
                what = ", ".join(venues.changes(location, venues.wanted[key]))
                self.refuse(
                    venues.first_rows[key],
                    "location",
                    gettext(
                        "would change the %(what)s of “%(venue)s”, a venue shared with meetings "
                        "you cannot edit; give its current values or ask a coordinator of those "
                        "meetings"
                    )
                    % {"what": what, "venue": location},
                )
