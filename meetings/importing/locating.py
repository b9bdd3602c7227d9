"""Putting each row's venue on the map, and each meeting in a time zone.

A venue without coordinates is geocoded; a meeting without a zone takes its venue's. Each address
and each point is looked up once per import, however many rows share it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from meetings.geocoding import timezone_at
from meetings.importing.problems import Report
from meetings.importing.rows import Row
from meetings.models import Attendance, Location


class Locator:
    """Geocoding answers and time zones by point, remembered for the length of one import."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._timezones_at: dict[tuple[float, float], str | None] = {}
        self._geocoded: dict[str, tuple[float, float, bool] | str] = {}

    def locate(self, rows: list[Row]) -> None:
        """Geocode venues without coordinates, and take missing time zones from coordinates."""
        for row in rows:
            location = row.location
            if location is not None and location.latitude is None:
                if not location.address_query():
                    if row.values["attendance"] == Attendance.ONLINE:
                        self.report.warn(
                            row.number,
                            "location",
                            gettext("“%(venue)s” left out: it has no address")
                            % {"venue": location.name},
                        )
                        row.location = location = None
                    else:
                        self.report.problem(
                            row.number,
                            "address",
                            gettext("“%(venue)s” has no address or coordinates")
                            % {"venue": location.name},
                        )
                        continue
                else:
                    found = self._geocode(location)
                    if isinstance(found, str):
                        self.report.problem(row.number, "address", found)
                        continue
                    location.latitude, location.longitude, location.approximate = found
            elif location is not None:
                # The file's coordinates: as exact as it says, or as its address suggests.
                location.approximate = (
                    row.approximate if row.approximate is not None else not location.address
                )
            if not row.values["timezone"]:
                zone = self.timezone_at(location) if location is not None else None
                if zone is None:
                    self.report.problem(
                        row.number,
                        "timezone",
                        gettext("required without an address or coordinates, e.g. Europe/London"),
                    )
                row.values["timezone"] = zone or ""

    def timezone_at(self, location: Location) -> str | None:
        point = (location.latitude, location.longitude)
        if point not in self._timezones_at:
            self._timezones_at[point] = timezone_at(*point)
        return self._timezones_at[point]

    def _geocode(self, location: Location) -> tuple[float, float, bool] | str:
        """The coordinates and their "approximate", or why the address was not found."""
        query = location.address_query()
        if query not in self._geocoded:
            try:
                location.geocode()
            except ValidationError as error:
                self._geocoded[query] = " ".join(error.messages)
            else:
                self._geocoded[query] = (
                    location.latitude,
                    location.longitude,
                    location.approximate,
                )
        return self._geocoded[query]
