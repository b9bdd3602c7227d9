from django.urls import path

from toolbox import views

app_name = "toolbox"

# Fixed paths come before the slug patterns that would otherwise swallow them; the models refuse
# slugs that collide with them.
urlpatterns = [
    path("toolbox/", views.PointListView.as_view(), name="point_list"),
    path("toolbox/search/", views.SearchView.as_view(), name="search"),
    path("toolbox/tools/<slug:slug>/", views.ToolDetailView.as_view(), name="tool_detail"),
    path("toolbox/<slug:slug>/", views.PointDetailView.as_view(), name="point_detail"),
    path("stages/", views.StageListView.as_view(), name="stage_list"),
    path("stages/<slug:slug>/", views.StageDetailView.as_view(), name="stage_detail"),
]
