"""Revoke every share link made while tokens were part of the link's path.

Those tokens may sit in access logs, so they are no longer secret. Their old addresses stopped
working with the change to ``/worksheets/shared/#<token>`` anyway; owners make new links.
Going back leaves them revoked: a revocation is never undone.
"""

from django.db import migrations
from django.utils import timezone


def revoke_active_links(apps, schema_editor):
    ShareLink = apps.get_model("worksheets", "ShareLink")
    now = timezone.now()
    ShareLink.objects.filter(revoked_at__isnull=True, expires_at__gt=now).update(revoked_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("worksheets", "0006_stagecheckin_answers_encrypted"),
    ]

    operations = [
        migrations.RunPython(revoke_active_links, migrations.RunPython.noop),
    ]
