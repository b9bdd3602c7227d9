"""``manage.py db_worker`` in a process of its own, for the queue tests: the real worker
against the test database, its mail recorded by ``RecordingBackend``.

With ``$BARRIER`` (a folder) each worker, on starting its first task, waits until
``$BARRIER_SIZE`` workers have started one, so the tests' workers truly run side by side.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django

BARRIER_WAIT = 30


def wait_for_the_others(**kwargs) -> None:
    folder = Path(os.environ["BARRIER"])
    mark = folder / str(os.getpid())
    if mark.exists():
        return
    mark.touch()
    deadline = time.monotonic() + BARRIER_WAIT
    while len(list(folder.iterdir())) < int(os.environ["BARRIER_SIZE"]):
        if time.monotonic() > deadline:
            raise TimeoutError("the other workers never started a task")
        time.sleep(0.02)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartrecovery.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.tasks.signals import task_started

    settings.MAILERS = {"default": {"BACKEND": "tests.reminders.mailer.RecordingBackend"}}
    if os.environ.get("BARRIER"):
        task_started.connect(wait_for_the_others)
    call_command("db_worker", *sys.argv[1:])
