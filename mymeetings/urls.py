from django.urls import path

from mymeetings import views

app_name = "mymeetings"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("save/<slug:slug>/", views.save, name="save"),
    path("calendar/", views.calendar_new, name="calendar_new"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
