from django.urls import path

from worksheets import checkin_views

app_name = "checkin"

# Mounted at /stages/check-in/, beside the toolbox's stage pages.
urlpatterns = [
    path("", checkin_views.checkin, name="form"),
    path("<int:pk>/", checkin_views.checkin_detail, name="detail"),
]
