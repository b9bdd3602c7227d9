"""Sitemaps for search engines: the browse pages and every public meeting's page.

They are sections of the site's sitemap index (``smartrecovery.sitemaps``), because the meetings
outgrow one sitemap file: a file holds at most ``limit`` URLs and the rest go on further pages
the index lists.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting, MeetingQuerySet
from meetings.views.browse import world
from smartrecovery.sitemaps import LanguagesSitemap


class PlaceSitemap(LanguagesSitemap):
    """The world page, then every country, region and city that has meetings."""

    @cached_property
    def pages(self) -> list[tuple[str, datetime.datetime | None]]:
        # One aggregate query, made once per request (the view asks for the items repeatedly).
        pages = []
        for country in world():
            pages.append((country.url, country.updated))
            for region in country.sorted_regions():
                pages.append((region.url, region.updated))
                pages.extend((city.url, city.updated) for city in region.sorted_cities())
            pages.extend((city.url, city.updated) for city in country.sorted_cities())
        latest = max((updated for _, updated in pages if updated), default=None)
        return [(reverse("meetings:browse"), latest), *pages]

    def items(self) -> list[tuple[str, datetime.datetime | None]]:
        return self.pages

    def location(self, item: tuple[str, datetime.datetime | None]) -> str:
        # The pages were reversed once, in English; another language's page is under its prefix.
        language = translation.get_language()
        return item[0] if language == settings.LANGUAGE_CODE else f"/{language}{item[0]}"

    def lastmod(self, item: tuple[str, datetime.datetime | None]) -> datetime.datetime | None:
        return item[1]


class MeetingSitemap(LanguagesSitemap):
    """Every public meeting's page, temporarily closed ones too (their pages say so)."""

    # Smaller files than the protocol's 50,000 keep each response quick to build (each meeting
    # is one entry per language, each naming the other six).
    limit = 2_000

    def items(self) -> MeetingQuerySet:
        return Meeting.objects.listed().only("slug", "updated").order_by("pk")

    def location(self, meeting: Meeting) -> str:
        return reverse("meetings:detail", args=[meeting.slug])

    def lastmod(self, meeting: Meeting) -> datetime.datetime:
        return meeting.updated

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # The default walks every item; the database answers this in one aggregate.
        return Meeting.objects.listed().aggregate(latest=Max("updated"))["latest"]
