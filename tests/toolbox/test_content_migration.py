from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from toolbox import content
from toolbox.models import Point, Stage, Tool


def migrate(*targets: tuple[str, str | None]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


# Postgres runs schema changes in a transaction, so the test's own transaction undoes all this.
@pytest.mark.django_db
def test_the_content_migration_can_be_undone_and_run_again_from_nothing():
    migrate(("worksheets", None), ("toolbox", "0001_initial"))
    assert (Point.objects.count(), Stage.objects.count(), Tool.objects.count()) == (0, 0, 0)

    migrate()

    assert Point.objects.count() == len(content.POINTS) == 4
    assert Stage.objects.count() == len(content.STAGES) == 7
    assert Tool.objects.count() == len(content.TOOLS) == 13
    assert Tool.objects.search("urges").exists()
