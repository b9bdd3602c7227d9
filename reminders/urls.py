from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("settings/", views.save_settings, name="settings"),
    path("off/<str:token>/", views.off, name="off"),
]
