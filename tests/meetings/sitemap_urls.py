"""The site's URLs plus the sitemap routes the way ``meetings.sitemaps`` asks for them."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from meetings.sitemaps import SITEMAPS
from smartrecovery.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
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
]
