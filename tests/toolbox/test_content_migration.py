"""The data migration ships the toolbox as it first was, from its own frozen copy.

0002_content reads toolbox/migrations/0002_content.json, never the files in toolbox/content/:
history must not change when writers do. The files are loaded by ``manage.py load_toolbox``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import toolbox
from toolbox.loading import load, read_content
from toolbox.models import Guide, Point, Stage, Tool

FROZEN = json.loads(
    (Path(toolbox.__file__).parent / "migrations" / "0002_content.json").read_text()
)

# The files began as exactly what 0002 ships. A writer who edits a file, or adds one, changes
# what `load_toolbox` does to a migrated database: that is expected, and named here, so the
# files and the frozen copy never drift apart unnoticed. Add "<kind> <slug>": "updated" (or
# "created" for a new file) when you do; never edit 0002_content.json.
CHANGED_SINCE_0002: dict[str, str] = {
    # 0003 moved "vacation-from-addiction" to "vaci"; the file's new words then update it.
    "tool vaci": "updated",
    "tool deads": "updated",
    "tool disarm": "updated",
    "stage relapse": "updated",
    "stage termination": "updated",
    "tool journaling": "created",
    "tool triggers": "created",
    "tool plan-your-week": "created",
    "tool goal-setting": "created",
    "tool change-plan": "updated",
    "tool unconditional-self-acceptance": "updated",
    "tool self-compassion": "created",
    "tool disputing-irrational-beliefs": "created",
}


def migrate(*targets: tuple[str, str | None]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


def row(item: Point | Stage | Tool, names: list[str]) -> dict:
    values = {name: getattr(item, name) for name in names if name not in ("points", "stages")}
    if isinstance(item, Tool):
        values["points"] = list(item.points.order_by("id").values_list("slug", flat=True))
        values["stages"] = list(item.stages.order_by("id").values_list("slug", flat=True))
    return values


# Postgres runs schema changes in a transaction, so the test's own transaction undoes all this.
@pytest.mark.django_db
def test_the_content_migration_can_be_undone_and_run_again_from_nothing():
    migrate(("worksheets", None), ("toolbox", "0001_initial"))
    assert (Point.objects.count(), Stage.objects.count(), Tool.objects.count()) == (0, 0, 0)

    migrate()

    assert (Point.objects.count(), Stage.objects.count(), Tool.objects.count()) == (4, 7, 13)
    assert Tool.objects.search("urges").exists()


@pytest.mark.django_db
def test_the_migration_creates_the_rows_of_its_frozen_copy_rendered_html_included():
    # Later migrations move rows (0003: VACI); step back to see what 0002 itself made.
    migrate(("toolbox", "0002_content"))
    for model, rows in (
        (Point, FROZEN["points"]),
        (Stage, FROZEN["stages"]),
        (Tool, FROZEN["tools"]),
    ):
        names = list(rows[0])
        assert [row(item, names) for item in model.objects.order_by("id")] == rows


@pytest.mark.django_db
def test_the_files_load_onto_a_migrated_database_changing_only_what_writers_changed():
    changes = load(read_content())

    changed = {
        f"{change.kind} {change.slug}": change.outcome
        for change in changes
        # Translations are new rows of their own table, which 0002_content never held.
        if change.outcome != "unchanged" and change.kind != "translation"
    }
    assert changed == CHANGED_SINCE_0002, (
        "load_toolbox changes rows that 0002_content shipped: if a writer edited or added these "
        "files, list them in CHANGED_SINCE_0002 (and leave the frozen copy as it is)."
    )


@pytest.mark.django_db
def test_0003_moves_vacation_from_addiction_to_vaci_and_back():
    migrate(("toolbox", "0002_content"))
    assert Tool.objects.filter(slug="vacation-from-addiction", worksheet="vacation").exists()

    migrate(("toolbox", "0003_vaci_replaces_vacation"))
    assert not Tool.objects.filter(slug="vacation-from-addiction").exists()
    assert Tool.objects.filter(slug="vaci", worksheet="vaci").count() == 1

    migrate(("toolbox", "0002_content"))
    assert Tool.objects.filter(slug="vacation-from-addiction", worksheet="vacation").exists()
    assert not Tool.objects.filter(slug="vaci").exists()


@pytest.mark.django_db
def test_0010_ships_the_family_and_friends_guide_from_its_frozen_copy():
    frozen = json.loads(
        (Path(toolbox.__file__).parent / "migrations" / "0010_guide.json").read_text()
    )["guides"]

    assert [row(guide, list(frozen[0])) for guide in Guide.objects.all()] == frozen
    assert Guide.objects.search("loved one").exists()
