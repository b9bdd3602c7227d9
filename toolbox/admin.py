from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from toolbox.models import Guide, Point, Stage, Tool


def preview(html: str) -> SafeString:
    """Show the rendered, sanitised Markdown as last saved: "Save and continue" to refresh it."""
    return format_html('<div class="toolbox-preview">{}</div>', mark_safe(html))


@admin.register(Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "slug"]
    list_display_links = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary", "intro"]
    readonly_fields = ["intro_preview"]
    fields = ["number", "title", "slug", "summary", "intro", "intro_preview"]

    @admin.display(description=_("Preview of the introduction, as saved"))
    def intro_preview(self, point: Point) -> SafeString:
        return preview(point.intro_html)


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "slug"]
    list_display_links = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary", "feels_like", "what_helps"]
    readonly_fields = ["feels_like_preview", "what_helps_preview"]
    fields = [
        "order",
        "title",
        "slug",
        "summary",
        "feels_like",
        "feels_like_preview",
        "what_helps",
        "what_helps_preview",
    ]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        """A stage's slug is fixed once saved: the check-in and the cycle drawing name it."""
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "slug"] if obj else fields

    def get_prepopulated_fields(self, request, obj=None) -> dict:
        return {} if obj else super().get_prepopulated_fields(request, obj)

    @admin.display(description=_("Preview of what it feels like, as saved"))
    def feels_like_preview(self, stage: Stage) -> SafeString:
        return preview(stage.feels_like_html)

    @admin.display(description=_("Preview of what helps, as saved"))
    def what_helps_preview(self, stage: Stage) -> SafeString:
        return preview(stage.what_helps_html)


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["title", "worksheet", "order"]
    list_editable = ["order"]
    list_filter = ["points", "stages", "worksheet"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "summary", "body", "steps"]
    filter_horizontal = ["points", "stages"]
    readonly_fields = ["body_preview", "steps_preview"]
    fields = [
        "title",
        "slug",
        "order",
        "summary",
        "body",
        "body_preview",
        "steps",
        "steps_preview",
        "worksheet",
        "points",
        "stages",
    ]

    @admin.display(description=_("Preview of the body, as saved"))
    def body_preview(self, tool: Tool) -> SafeString:
        return preview(tool.body_html)

    @admin.display(description=_("Preview of the steps, as saved"))
    def steps_preview(self, tool: Tool) -> SafeString:
        return format_html(
            "<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((s,) for s in tool.step_list))
        )


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "summary", "body"]
    readonly_fields = ["body_preview"]
    fields = ["title", "slug", "summary", "body", "body_preview"]

    @admin.display(description=_("Preview of the body, as saved"))
    def body_preview(self, guide: Guide) -> SafeString:
        return preview(guide.body_html)
