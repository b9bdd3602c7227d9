"""Rewrite every stored token under the newest of WORKSHEET_KEYS (after a rotation).

Every encrypted field is covered: worksheets and their revisions, the urge log and stage
check-ins. ``ENCRYPTED`` is checked against the models, so a new encrypted field is never
left under an old key.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from worksheets import crypto
from worksheets.models import KeyCanary, Revision, StageCheckIn, UrgeEntry, Worksheet

ENCRYPTED = {
    Worksheet: ("title", "answers"),
    Revision: ("title", "answers"),
    UrgeEntry: ("situation", "people", "feeling", "response"),
    StageCheckIn: ("answers",),
}


class Command(BaseCommand):
    help = (
        "Re-encrypt every worksheet, revision, urge, stage check-in and the key canary with the "
        "newest key."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options) -> None:
        crypto.check_keys()
        for model, fields in ENCRYPTED.items():
            done = self.rotate(model, fields, batch_size)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {done} re-encrypted")
        with transaction.atomic():
            for canary in KeyCanary.objects.select_for_update():
                canary.token = crypto.fernet().rotate(canary.token.encode()).decode()
                canary.save(update_fields=["token"])
        self.stdout.write(self.style.SUCCESS("Everything encrypted is now under the newest key."))

    def rotate(self, model, fields: tuple[str, ...], batch_size: int) -> int:
        """Each batch in its own transaction, reading and writing the raw tokens (never decoded)."""
        done = 0
        last = None
        while True:
            rows = model.objects.order_by("pk")
            if last is not None:
                rows = rows.filter(pk__gt=last)
            pks = list(rows.values_list("pk", flat=True)[:batch_size])
            if not pks:
                return done
            with transaction.atomic():
                table = model._meta.db_table
                columns = ", ".join(model._meta.get_field(f).column for f in fields)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT id, {columns} FROM {table} WHERE id = ANY(%s) FOR UPDATE",
                        [pks],
                    )
                    for pk, *tokens in cursor.fetchall():
                        rotated = [crypto.rotate(token) for token in tokens]
                        assignments = ", ".join(f"{c} = %s" for c in columns.split(", "))
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE id = %s", [*rotated, pk]
                        )
            done += len(pks)
            last = pks[-1]
