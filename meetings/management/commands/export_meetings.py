"""``export_meetings``: the directory as a Meeting Guide JSON feed or a CSV the importer reads."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from meetings.feed import feed_csv, feed_json, feed_records
from meetings.importing import FORMATS
from meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Export meetings as a Meeting Guide JSON feed or a CSV, to stdout or a file. Public "
        "meetings only (temporarily closed ones included, marked TC) unless --include-private."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", type=Path, help="A file to write; default stdout.")
        parser.add_argument(
            "--include-private",
            action="store_true",
            help="Also private meetings. The file does not say which they were: an import "
            "into another site lists them publicly.",
        )

    def handle(
        self,
        *args,
        format: str = "json",
        output: Path | None = None,
        include_private: bool = False,
        **options,
    ) -> None:
        meetings = Meeting.objects.all() if include_private else Meeting.objects.listed()
        records = feed_records(meetings.order_by("day", "time", "name", "slug"))
        text = feed_csv(records) if format == "csv" else feed_json(records).decode()
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8", newline="")
            self.stderr.write(f"Exported {len(records)} meetings to {output}.")
