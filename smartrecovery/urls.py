from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "SMART Recovery meetings"
admin.site.site_title = "SMART Recovery admin"

urlpatterns = [
    path("", include("meetings.urls")),
    path("", include("toolbox.urls")),
    path("accounts/", include("worksheets.urls")),
    path("admin/", admin.site.urls),
]
