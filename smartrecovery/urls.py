from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.forms import AdminSignInForm
from attendance import views as attendance_views
from meetings.sitemaps import MeetingSitemap, PlaceSitemap
from meetings.views import feeds
from pages import languages
from pages import views as pages_views
from pages.sitemaps import PageSitemap
from toolbox.sitemaps import ToolboxSitemap

admin.site.site_header = _("SMART Recovery meetings")
admin.site.site_title = _("SMART Recovery admin")

handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
admin.site.login_form = AdminSignInForm

SITEMAPS = {
    "pages": PageSitemap,
    "toolbox": ToolboxSitemap,
    "places": PlaceSitemap,
    "meetings": MeetingSitemap,
}

# The feed, the API, robots.txt, the sitemaps, the admin, /healthz, /verify/ and the language
# switch have one address in every language; every other page is English here and under /es/,
# /fr/, ... too (DESIGN.md, pages/languages.py).
urlpatterns = [
    path("healthz", pages_views.healthz, name="healthz"),
    path("language/<str:code>/", languages.switch, name="language_switch"),
    path("meetings.json", feeds.meeting_guide_feed, name="meeting_feed"),
    path("api/meetings/", feeds.api_search, name="api_meetings"),
    path("robots.txt", pages_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("verify/<str:code>/", attendance_views.verify, name="verify"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    # Before the meetings' own URLs, where "mine" would read as a meeting's slug.
    path("meetings/mine/", include("mymeetings.urls")),
    path("meetings/", include("meetings.urls")),
    path("stages/check-in/", include("worksheets.checkin_urls")),
    path("", include("toolbox.urls")),
    path("accounts/", include("accounts.urls")),
    path("reminders/", include("reminders.urls")),
    path("worksheets/", include("worksheets.worksheet_urls")),
    path("attendance/", include("attendance.urls")),
    prefix_default_language=False,
)
