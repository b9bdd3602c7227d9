from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of meetings/roles.py as it was: a later change of roles comes with its own migration.
ROLE_PERMISSIONS = {
    "Facilitators": [
        "view_meeting",
        "change_meeting",
        "view_location",
        "change_location",
        "view_changerequest",
        "change_changerequest",
    ],
    "Coordinators": [
        "view_meeting",
        "add_meeting",
        "change_meeting",
        "delete_meeting",
        "view_location",
        "add_location",
        "change_location",
        "view_region",
        "view_changerequest",
        "change_changerequest",
        "delete_changerequest",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model, permission_model = (
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
    )
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            permission_model.objects.filter(
                content_type__app_label="meetings", codename__in=codenames
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
