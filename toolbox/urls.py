from django.urls import path, register_converter

from toolbox import views
from toolbox.models import GUIDES


class GuideConverter:
    """Only a guide's slug: guides share /toolbox/<slug>/ with the points."""

    regex = "|".join(GUIDES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(GuideConverter, "guide")

app_name = "toolbox"

# Fixed paths come before the slug patterns that would otherwise swallow them; the models refuse
# slugs that collide with them.
urlpatterns = [
    path("toolbox/", views.PointListView.as_view(), name="point_list"),
    path("toolbox/search/", views.SearchView.as_view(), name="search"),
    # VACI's page was "Vacation from Addiction" until the toolbox was checked against the program.
    path(
        "toolbox/tools/vacation-from-addiction/",
        views.vacation_from_addiction,
        name="vacation_from_addiction",
    ),
    path("toolbox/tools/<slug:slug>/", views.ToolDetailView.as_view(), name="tool_detail"),
    path("toolbox/<guide:slug>/", views.GuideDetailView.as_view(), name="guide_detail"),
    path("toolbox/<slug:slug>/", views.PointDetailView.as_view(), name="point_detail"),
    path("stages/", views.StageListView.as_view(), name="stage_list"),
    path("stages/<slug:slug>/", views.StageDetailView.as_view(), name="stage_detail"),
]
