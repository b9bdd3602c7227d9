"""What every sitemap section of the site shares: each page in each of the site's languages.

The sections (``pages.sitemaps``, ``toolbox.sitemaps``, ``meetings.sitemaps``) are routed through
one sitemap index at ``/sitemap.xml`` (``smartrecovery.urls``), which ``/robots.txt`` names.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap


class LanguagesSitemap(Sitemap):
    """Each item once per language, naming the others as ``hreflang`` alternates (English,
    unprefixed, is also ``x-default``)."""

    i18n = True
    alternates = True
    x_default = True
