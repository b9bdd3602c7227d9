from django.urls import path

from toolbox import views

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
    path("toolbox/<slug:slug>/", views.PointDetailView.as_view(), name="point_detail"),
    path("stages/", views.StageListView.as_view(), name="stage_list"),
    path("stages/<slug:slug>/", views.StageDetailView.as_view(), name="stage_detail"),
]
