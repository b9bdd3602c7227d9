"""Keep cached public outputs honest: any saved or deleted meeting, venue or region bumps the
directory version (bulk imports and the demo seeder bump it themselves) and, once the change is
committed, queues a rebuild of the public feed (the next feed request would queue it otherwise)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from meetings import public_feed
from meetings.models import DirectoryVersion, Location, Meeting, Region


def directory_changed(sender, **kwargs) -> None:
    DirectoryVersion.bump()
    transaction.on_commit(public_feed.request_rebuild)


def connect() -> None:
    for model in (Meeting, Location, Region):
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"directory-{model}")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"directory-del-{model}")
