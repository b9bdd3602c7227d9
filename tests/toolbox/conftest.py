from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User

from toolbox.models import Tool


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def links(response) -> list[str]:
    """Every link's href on a page, in order, including the links inside SVG drawings."""
    parser = LinkParser()
    parser.feed(response.content.decode())
    return parser.hrefs


@pytest.fixture
def signed_in(client, participant) -> User:
    client.force_login(participant)
    return participant


@pytest.fixture
def urge_log(db) -> Tool:
    return Tool.objects.get(slug="urge-log")
