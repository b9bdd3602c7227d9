from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Contrib extensions for nearest-first search (cube, earthdistance) and fuzzy names."""

    initial = True
    dependencies = []
    operations = [
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
        TrigramExtension(),
    ]
