from django.urls import path

from pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("styleguide/", views.styleguide, name="styleguide"),
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
