from django.contrib import admin
from django.urls import include, path

from meetings import views as meeting_views

admin.site.site_header = "SMART Recovery meetings"
admin.site.site_title = "SMART Recovery admin"

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("healthz", meeting_views.healthz, name="healthz"),
    path("meetings/", include("meetings.urls")),
    path("", include("toolbox.urls")),
    path("accounts/", include("worksheets.urls")),
    path("admin/", admin.site.urls),
]
