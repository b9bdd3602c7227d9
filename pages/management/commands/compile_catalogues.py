"""Compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads, without GNU gettext."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pages.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compiles each catalogue (.po to .mo) with Babel; only stale ones unless --force."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="compile every catalogue")

    def handle(self, *args, force: bool = False, **options) -> None:
        for path in compile_catalogues(force=force):
            self.stdout.write(f"compiled {path.parent.parent.name}")
