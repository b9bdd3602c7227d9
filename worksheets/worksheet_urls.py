from django.urls import path

from worksheets import progress_views, share_views, views

app_name = "worksheets"

urlpatterns = [
    path("", views.worksheet_list, name="list"),
    # VACI was once called "vacation": its old address still starts one.
    path("new/vacation/", views.worksheet_new_vacation, name="new_vacation"),
    path("new/<slug:kind>/", views.worksheet_new, name="new"),
    path("compare/", views.worksheet_compare, name="compare"),
    path("urges/", progress_views.urge_log, name="urges"),
    path("urges/charts/", progress_views.urge_charts, name="urge_charts"),
    path("urges/<int:pk>/edit/", progress_views.urge_edit, name="urge_edit"),
    path("urges/<int:pk>/delete/", progress_views.urge_delete, name="urge_delete"),
    path("progress/", progress_views.progress, name="progress"),
    path("<uuid:pk>/", views.worksheet_edit, name="edit"),
    path("<uuid:pk>/autosave/", views.worksheet_autosave, name="autosave"),
    path("<uuid:pk>/print/", views.worksheet_print, name="print"),
    path("<uuid:pk>/export.json", views.worksheet_export, name="export"),
    path("<uuid:pk>/revisions/", views.worksheet_revisions, name="revisions"),
    path(
        "<uuid:pk>/revisions/<int:number>/restore/",
        views.worksheet_restore,
        name="restore",
    ),
    path("<uuid:pk>/duplicate/", views.worksheet_duplicate, name="duplicate"),
    path("<uuid:pk>/delete/", views.worksheet_delete, name="delete"),
    path("<uuid:pk>/share/", share_views.share_links, name="share"),
    path(
        "<uuid:pk>/share/<int:link_id>/revoke/",
        share_views.share_revoke,
        name="share_revoke",
    ),
    # A share link is shared/#<token>: the token never reaches a request line (sharing.py).
    path("shared/", share_views.open_shared, name="shared_open"),
    path("shared/<int:link_id>/", share_views.shared_worksheet, name="shared"),
]
