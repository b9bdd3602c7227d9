"""The toolbox's pages for search engines: every point, tool, stage and guide."""

from __future__ import annotations

from django.db import models

from smartrecovery.sitemaps import LanguagesSitemap
from toolbox.models import Guide, Point, Stage, Tool


class ToolboxSitemap(LanguagesSitemap):
    """Each page at the address its model gives (``get_absolute_url``), in each language."""

    def items(self) -> list[models.Model]:
        return [
            *Point.objects.only("slug"),
            *Tool.objects.only("slug"),
            *Stage.objects.only("slug"),
            *Guide.objects.only("slug"),
        ]
