from django.urls import path

from pages import sos, views

urlpatterns = [
    path("", views.home, name="home"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("sos/", sos.sos, name="sos"),
    path("sos/numbers/", sos.sos_numbers, name="sos_numbers"),
    path("sw.js", sos.service_worker, name="service_worker"),
    path("manifest.webmanifest", sos.web_manifest, name="web_manifest"),
    path("about/", views.TextPageView.as_view(template_name="pages/about.html"), name="about"),
    path(
        "about/meeting-outline/",
        views.TextPageView.as_view(
            template_name="pages/meeting_outline.html", breadcrumbs=[views.ABOUT]
        ),
        name="meeting_outline",
    ),
    path(
        "privacy/", views.TextPageView.as_view(template_name="pages/privacy.html"), name="privacy"
    ),
]
