from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("settings/", views.settings, name="settings"),
    path("off/<str:token>/", views.off, name="off"),
]
