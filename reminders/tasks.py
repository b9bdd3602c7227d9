"""The sweep: a task on the database queue that plans and sends due reminders, then comes back.

Each sweep first queues the next one (``SWEEP_EVERY`` later), so a worker killed during a sweep
has already handed the chain on. ``SweepSchedule`` holds the queued one's id: a sweep, a change
of reminder settings or ``manage.py start_reminders`` queues a sweep only when none is queued (or
the one recorded has been running too long to be alive), so one chain runs however many workers
and machines there are. Sweeps that do overlap are harmless: planning and sending are safe to
run twice (``reminders.models.Delivery``, ``reminders.sending``).
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.tasks import TaskContext, TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reminders.models import Delivery, SweepSchedule
from reminders.planning import PLANNERS
from reminders.sending import send_due

logger = logging.getLogger(__name__)

SWEEP_EVERY = datetime.timedelta(minutes=1)
# A recorded sweep still "running" after this is taken as lost with its worker.
STUCK_AFTER = datetime.timedelta(minutes=10)
# Sent and dropped reminders are forgotten after this.
KEEP_FOR = datetime.timedelta(days=30)
# The queue keeps every finished job: at one sweep a minute, 1,440 a day. Each sweep deletes its
# own kind's older than this (other jobs are the operator's: prune_db_task_results).
KEEP_SWEEPS_FOR = datetime.timedelta(days=1)


@task(takes_context=True)
def sweep(context: TaskContext) -> dict[str, int]:
    """Queue the next sweep, plan what is due, send it, forget what is old."""
    now = timezone.now()
    queue_sweep(after=now + SWEEP_EVERY, current=context.task_result.id)
    for planner in PLANNERS:
        try:
            Delivery.objects.bulk_create(planner(now), ignore_conflicts=True)
        except Exception:
            # One kind failing must not hold up the others; the next sweep tries it again.
            logger.exception("Planning reminders (%s) failed", planner.__name__)
    sent = send_due(now)
    Delivery.objects.filter(occurs_at__lt=now - KEEP_FOR).delete()
    DBTaskResult.objects.successful().filter(
        task_path=sweep.module_path, finished_at__lt=now - KEEP_SWEEPS_FOR
    ).delete()
    return {"sent": sent}


def queue_sweep(*, after: datetime.datetime | None = None, current: str | None = None) -> bool:
    """Queue a sweep unless one is queued already; whether one was. A backend that cannot
    defer or look up tasks (the immediate one the tests use) runs no sweeps."""
    backend = sweep.get_backend()
    if not (backend.supports_defer and backend.supports_get_result):
        return False
    SweepSchedule.objects.get_or_create(pk=1)
    with transaction.atomic():
        schedule = SweepSchedule.objects.select_for_update().get(pk=1)
        if schedule.task_id and schedule.task_id != current and is_alive(schedule.task_id):
            return False
        schedule.task_id = str(sweep.using(run_after=after or timezone.now()).enqueue().id)
        schedule.save(update_fields=["task_id", "updated"])
    return True


def is_alive(task_id: str) -> bool:
    try:
        result = sweep.get_result(task_id)
    except TaskResultDoesNotExist:
        return False
    if result.status == TaskResultStatus.READY:
        return True
    recent = timezone.now() - STUCK_AFTER
    return result.status == TaskResultStatus.RUNNING and result.started_at > recent
