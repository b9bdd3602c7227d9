from django.db import migrations


class Migration(migrations.Migration):
    """The trigram index on the gazetteer's names without a pending list.

    ``place_key_trgm`` (0002) is a GIN index, which by default (``fastupdate``) parks new
    entries in an unsorted pending list until a vacuum merges them. ``load_places`` inserts the
    whole gazetteer at once, so until autovacuum came round every fuzzy lookup read that list
    in full: 5 to 40 ms a lookup on the full gazetteer where the merged index answers in 0.1 to
    2 ms. With ``fastupdate`` off each insert goes straight into the index (a full load takes
    about 2 s longer), and the list already there is merged now.

    Only the database changes here: ``Place.Meta.indexes`` should say ``fastupdate=False`` too,
    so that an index rebuilt from the model keeps it.
    """

    dependencies = [("meetings", "0004_directory_version")]

    operations = [
        migrations.RunSQL(
            sql=[
                "ALTER INDEX place_key_trgm SET (fastupdate = off)",
                "SELECT gin_clean_pending_list('place_key_trgm')",
            ],
            reverse_sql=["ALTER INDEX place_key_trgm RESET (fastupdate)"],
        )
    ]
