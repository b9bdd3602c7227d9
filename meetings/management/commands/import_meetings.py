"""``import_meetings PATH|URL``: load a Meeting Guide feed or CSV, all or nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from meetings.importing import FORMATS, ImportFailed, fetch_url, guess_format, import_meetings


class Command(BaseCommand):
    help = (
        "Import meetings from a Meeting Guide JSON feed or a CSV (a file or an http(s) URL). "
        "Any bad row stops the import, which then lists every problem and changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="A file path, or an http:// or https:// URL.")
        parser.add_argument(
            "--format", choices=FORMATS, help="Default: from the file name, else its content."
        )

    def handle(self, *args, source: str, format: str | None = None, **options) -> None:
        try:
            if "://" in source:
                data = fetch_url(source)
                format = format or guess_format(urlsplit(source).path, data)
                result = import_meetings(source=data, format=format)
            else:
                result = import_meetings(source=source, format=format)
        except OSError as exc:
            raise CommandError(f"Cannot read {source}: {exc.strerror or exc}") from None
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(failure), returncode=1) from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(self.style.SUCCESS(f"Imported {result}"))
