"""SignedInSession moves here from worksheets: its table and rows stay as they are.

Only the migration state changes (worksheets' 0008 drops the model from its state); the table
keeps its name through ``db_table``. The model's content type follows it, so its permissions do.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="worksheets", target="accounts"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=target, model="signedinsession").exists():
        return
    ContentType.objects.filter(app_label=source, model="signedinsession").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="accounts", target="worksheets")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
        ("worksheets", "0005_signedinsession"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignedInSession",
                    fields=[
                        (
                            "session",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="sessions.session",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"db_table": "worksheets_signedinsession"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
