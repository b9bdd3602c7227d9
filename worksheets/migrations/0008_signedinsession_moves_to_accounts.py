"""SignedInSession now belongs to accounts (its 0001): only the state forgets it here.

The table and its rows stay; accounts' model keeps the table's name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("worksheets", "0007_revoke_links_with_tokens_in_paths"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SignedInSession")],
            database_operations=[],
        ),
    ]
