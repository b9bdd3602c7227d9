"""Collect the messages marked for translation into each language's catalogue (no GNU gettext)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pages.catalogues import update_catalogues


class Command(BaseCommand):
    help = (
        "Adds every message the code and templates mark for translation to "
        "locale/<code>/LC_MESSAGES/django.po (all languages, or those named) and lists what is "
        "left to translate."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "languages", nargs="*", help="language codes (default: all but English)"
        )

    def handle(self, *args, languages: list[str], **options) -> None:
        known = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        unknown = sorted(set(languages) - set(known))
        if unknown:
            raise CommandError(f"Not in LANGUAGES: {', '.join(unknown)}.")
        for code, missing in update_catalogues(languages or known).items():
            self.stdout.write(f"{code}: {len(missing)} to translate")
            for message in missing:
                self.stdout.write(f"  {message.id!r}")
