"""Fill the offline gazetteer (see meetings.places for what it holds and where it comes from)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from meetings import places
from meetings.models import Place


class Command(BaseCommand):
    help = "Replace the offline gazetteer with world places, other names and postal codes."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when places are already loaded."
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and Place.objects.exists():
            return
        counts = places.load()
        self.stdout.write(
            f"Gazetteer: {counts.get('city', 0):,} places, {counts.get('alias', 0):,} other "
            f"names and {counts.get('postcode', 0):,} postal codes in {counts['seconds']} s."
        )
