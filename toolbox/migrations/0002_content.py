"""Load the toolbox's text, so every fresh database has the whole toolbox.

The historical models have no custom ``save()``, so the rendering it does is repeated here with
the same functions; the database fills in the search vectors itself.
"""

from django.db import migrations
from django.utils.html import escape

from toolbox import content, markup


def load_content(apps, schema_editor):
    Point = apps.get_model("toolbox", "Point")
    Stage = apps.get_model("toolbox", "Stage")
    Tool = apps.get_model("toolbox", "Tool")

    points = {}
    for data in content.POINTS:
        intro_html = markup.render(data["intro"])
        points[data["number"]] = Point.objects.create(
            **data,
            intro_html=intro_html,
            search_text=markup.plain_text(escape(data["summary"]), intro_html),
        )

    stages = {}
    for data in content.STAGES:
        feels_like_html = markup.render(data["feels_like"])
        what_helps_html = markup.render(data["what_helps"])
        stages[data["slug"]] = Stage.objects.create(
            **data,
            feels_like_html=feels_like_html,
            what_helps_html=what_helps_html,
            search_text=markup.plain_text(
                escape(data["summary"]), feels_like_html, what_helps_html
            ),
        )

    for order, data in enumerate(content.TOOLS, start=1):
        fields = {key: data[key] for key in ("slug", "title", "summary", "body", "worksheet")}
        body_html = markup.render(data["body"])
        steps = "\n".join(data["steps"])
        tool = Tool.objects.create(
            **fields,
            order=order * 10,
            steps=steps,
            body_html=body_html,
            search_text=markup.plain_text(escape(data["summary"]), body_html, escape(steps)),
        )
        tool.points.set(points[number] for number in data["points"])
        tool.stages.set(stages[slug] for slug in data["stages"])


def remove_content(apps, schema_editor):
    for name in ("Tool", "Point", "Stage"):
        apps.get_model("toolbox", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]

    operations = [migrations.RunPython(load_content, remove_content)]
