"""What an import reports: the problems that stop it, the warnings it gives, and what it did."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass(frozen=True)
class ImportProblem:
    """What is wrong (or, as a warning, left out) in one row; row 0 is the file as a whole."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return gettext("row %(row)s, %(field)s: %(reason)s") % {
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


class ImportFailed(Exception):
    """The file had problems, all listed; nothing was written."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported.")
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    locations_created: int = 0
    regions_created: int = 0
    warnings: list[ImportProblem] = field(default_factory=list)

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        return gettext(
            "%(total)s meetings: %(created)s created, %(updated)s updated, %(unchanged)s "
            "unchanged; %(locations)s new locations, %(regions)s new regions."
        ) % {
            "total": total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "locations": self.locations_created,
            "regions": self.regions_created,
        }


@dataclass
class Report:
    """Every problem and warning one import has found so far, in the order found.

    Each step of an import (reading, parsing, locating, planning) adds to the same report, so
    that a file's every problem is listed at once rather than the first one alone.
    """

    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)

    def problem(self, row: int, field_name: str, reason: str) -> None:
        self.problems.append(ImportProblem(row, field_name, reason))

    def warn(self, row: int, field_name: str, reason: str) -> None:
        self.warnings.append(ImportProblem(row, field_name, reason))

    def failure(self) -> ImportFailed:
        """The problems as one exception, by row (a row's own in the order found)."""
        return ImportFailed(sorted(self.problems, key=lambda problem: problem.row))
