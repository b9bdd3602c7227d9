"""Migrations are history: they never import the project's live modules, which keep changing.

A data migration that imports today's code (``from toolbox import content``) runs differently
next year, or not at all once that module moves. It carries a frozen copy instead: its own
functions, or a fixture file beside it. The one reach into live code allowed is the one
``makemigrations`` writes itself: ``import app.module`` to name a field class, validator or
default inside the ``Migration`` class.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings


def project_apps() -> list[tuple[str, Path]]:
    """The project's own apps (not Django's or a library's): their package and folder."""
    return [
        (config.name.split(".")[0], Path(config.path))
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    ]


PACKAGES = {package for package, _ in project_apps()}
MIGRATIONS = sorted(
    path
    for _, folder in project_apps()
    for path in (folder / "migrations").glob("*.py")
    if path.name != "__init__.py"
)


def is_live(module: str) -> bool:
    package, _, rest = module.partition(".")
    return package in PACKAGES and not rest.startswith("migrations")


def live_imports(path: Path) -> list[str]:
    """Each import of a live project module that is not a makemigrations reference."""
    tree = ast.parse(path.read_text(), filename=str(path))
    problems = []
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            # `from .. import x` climbs out of the migrations package into the app.
            if (node.level == 0 and is_live(node.module or "")) or node.level > 1:
                problems.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Import):
            imported.update(a.asname or a.name.split(".")[0] for a in node.names if is_live(a.name))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and is_live(str(node.args[0].value))
        ):
            problems.append(f"line {node.lineno}: import_module({node.args[0].value!r})")
    # A name from `import app.module` may appear only in the Migration class's operations.
    migration_class = {
        id(inner)
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == "Migration"
        for inner in ast.walk(node)
    }
    problems.extend(
        f"line {node.lineno}: {node.id} used outside the Migration class"
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id in imported and id(node) not in migration_class
    )
    return problems


def shown(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


@pytest.mark.parametrize("path", MIGRATIONS, ids=shown)
def test_a_migration_imports_no_live_module_of_the_project(path):
    assert live_imports(path) == []


def test_every_app_with_migrations_is_checked():
    assert {"meetings", "toolbox", "worksheets"} <= PACKAGES
    assert any(shown(path) == "toolbox/migrations/0002_content.py" for path in MIGRATIONS)


def test_the_check_catches_each_way_of_reaching_live_code(tmp_path):
    migration = tmp_path / "0009_example.py"
    migration.write_text(
        "import importlib\n"
        "import toolbox.markup\n"
        "from django.db import migrations\n"
        "from toolbox import content\n"
        "from toolbox.migrations import helpers\n"
        "from ..models import Tool\n"
        "\n"
        "def load(apps, schema_editor):\n"
        "    toolbox.markup.render(content.TEXT)\n"
        "    importlib.import_module('toolbox.content')\n"
        "\n"
        "class Migration(migrations.Migration):\n"
        "    operations = [migrations.AddField('tool', 'x', toolbox.markup.Field())]\n"
    )

    assert live_imports(migration) == [
        "line 4: from toolbox",
        "line 6: from ..models",
        "line 10: import_module('toolbox.content')",
        "line 9: toolbox used outside the Migration class",
    ]
