"""The site's fixed public pages for search engines; the toolbox, the browse pages and the
meetings have sections of their own (``smartrecovery.urls`` puts them in one index)."""

from __future__ import annotations

from django.urls import reverse

from smartrecovery.sitemaps import LanguagesSitemap

# By URL name. Pages a participant reaches signed in (worksheets, account) are not listed, and
# robots.txt asks crawlers to keep out of them.
PAGES = [
    "home",
    "meetings:finder",
    "meetings:online",
    "sos",
    "sos_numbers",
    "toolbox:point_list",
    "toolbox:stage_list",
    "checkin:form",
    "about",
    "meeting_outline",
    "privacy",
]


class PageSitemap(LanguagesSitemap):
    def items(self) -> list[str]:
        return PAGES

    def location(self, item: str) -> str:
        return reverse(item)
