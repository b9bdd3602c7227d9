"""Load the toolbox's words from toolbox/content/ into the database (safe to repeat)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toolbox.loading import CONTENT_DIR, KINDS, ContentError, load, read_content, shown


class Command(BaseCommand):
    help = (
        "Create or update the Four Points, stages and tools from their Markdown files, by slug. "
        "Rows that no file names are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only read and check the files; write nothing."
        )
        parser.add_argument(
            "--folder",
            type=Path,
            default=CONTENT_DIR,
            help=f"Read the files from here (default {shown(CONTENT_DIR)}).",
        )

    def handle(self, *args, check: bool, folder: Path, verbosity: int, **options) -> None:
        try:
            content = read_content(folder)
            if check:
                self.stdout.write(f"{shown(folder)}: {content.counts()}, all valid.")
                return
            changes = load(content)
        except ContentError as error:
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'s' if count > 1 else ''} in the toolbox's files, "
                f"nothing loaded:\n{error}"
            ) from None
        for change in changes:
            if change.outcome != "unchanged" or verbosity > 1:
                self.stdout.write(f"  {change.kind} {change.slug}: {change.outcome}")
        for kind in KINDS:
            outcomes = [change.outcome for change in changes if change.kind == kind.name]
            counts = ", ".join(
                f"{outcomes.count(outcome)} {outcome}"
                for outcome in ("created", "updated", "unchanged", "left alone")
                if outcomes.count(outcome) or outcome != "left alone"
            )
            self.stdout.write(f"{kind.folder.capitalize()}: {counts}.")
        outcomes = [change.outcome for change in changes if change.kind == "translation"]
        counts = ", ".join(
            f"{outcomes.count(outcome)} {outcome}"
            for outcome in ("created", "updated", "unchanged")
        )
        self.stdout.write(f"Translations: {counts}.")
