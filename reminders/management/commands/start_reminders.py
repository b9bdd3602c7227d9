from django.core.management.base import BaseCommand

from reminders.tasks import queue_sweep


class Command(BaseCommand):
    help = (
        "Queue the reminders' sweep unless one is queued already (safe to repeat, from any "
        "machine): run it after each release's migrate, or from cron as a watchdog."
    )

    def handle(self, *args, **options) -> None:
        if queue_sweep():
            self.stdout.write("Queued a sweep.")
        else:
            self.stdout.write("A sweep is queued already (or the task backend cannot run them).")
