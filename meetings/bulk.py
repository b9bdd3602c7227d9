"""Fast inserts for large batches (demo data, imports)."""

from __future__ import annotations

from django.db import connection, models


def copy_insert(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert rows with COPY, several times faster than INSERT for large demo sets.

    Ids are drawn from the table's sequence first, so the objects can be referred to after.
    Model ``save()`` logic does not run: callers set derived fields themselves.
    """
    if not objects:
        return
    meta = model._meta
    fields = meta.concrete_fields
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        columns = ", ".join(quote(field.column) for field in fields)
        statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for obj in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                )
