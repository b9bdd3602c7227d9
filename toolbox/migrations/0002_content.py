"""Load the toolbox's words as they first shipped, so every fresh database has the whole toolbox.

The rows come from a frozen copy beside this file, 0002_content.json: the Markdown, the HTML and
search text rendered from it, and each tool's points and stages by slug. Reading it needs no live
module, so the files in toolbox/content/ and the rendering in toolbox/markup.py can change without
changing what this migration creates. Later words reach a database through
``manage.py load_toolbox``. The database fills in the search vectors itself.
"""

import json
from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).with_name("0002_content.json")


def load_content(apps, schema_editor):
    content = json.loads(FROZEN.read_text(encoding="utf-8"))
    Point = apps.get_model("toolbox", "Point")
    Stage = apps.get_model("toolbox", "Stage")
    Tool = apps.get_model("toolbox", "Tool")

    points = {data["slug"]: Point.objects.create(**data) for data in content["points"]}
    stages = {data["slug"]: Stage.objects.create(**data) for data in content["stages"]}
    for data in content["tools"]:
        point_slugs = data.pop("points")
        stage_slugs = data.pop("stages")
        tool = Tool.objects.create(**data)
        tool.points.set([points[slug] for slug in point_slugs])
        tool.stages.set([stages[slug] for slug in stage_slugs])


def remove_content(apps, schema_editor):
    for name in ("Tool", "Point", "Stage"):
        apps.get_model("toolbox", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]

    operations = [migrations.RunPython(load_content, remove_content)]
