"""Which countries with public meetings have no checked crisis numbers, or only an emergency
number: the list to work through when checking pages/data/crisis_lines.json (docs/sos.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Count

from meetings.models import Location, Meeting
from pages import crisis_lines


class Command(BaseCommand):
    help = "Lists countries with public meetings and no checked crisis line, most meetings first."

    def handle(self, *args, **options) -> None:
        rows = (
            Location.objects.filter(meetings__in=Meeting.objects.public())
            .values("country")
            .annotate(meetings=Count("meetings"))
            .order_by("-meetings", "country")
        )
        known = crisis_lines.countries()
        missing = [row for row in rows if row["country"] not in known]
        bare = [row for row in rows if row["country"] in known and not known[row["country"]].lines]
        for title, found in (("No entry", missing), ("Emergency number only", bare)):
            self.stdout.write(f"{title}: {len(found)}")
            for row in found:
                count = row["meetings"]
                self.stdout.write(f"  {row['country']}  {count} meeting{'' if count == 1 else 's'}")
