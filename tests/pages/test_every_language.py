"""Each language renders the main pages with its own lang attribute and no English left over.

"English left over" is a text node of the English page (two words or more) that appears as it
is on the other language's page, leaving out the words that are data rather than interface:
the meeting's name and place, the brand, numbers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from toolbox.loading import load, read_content
from toolbox.models import Point, Stage, Tool

pytestmark = pytest.mark.django_db

LANGUAGES = ["es", "fr", "de", "nl", "pt", "sv"]
PAGES = {
    "home": "/",
    "finder": "/meetings/?lat=30.2672&lng=-97.7431",
    "meeting": "/meetings/tuesday-tools/",
    "online": "/meetings/online/?tz=America/Chicago",
    "tool": "/toolbox/tools/cost-benefit-analysis/",
    "worksheet": "/worksheets/new/cba/",
    "sos": "/sos/",
    "browse": "/meetings/browse/",
    "browse_city": "/meetings/browse/us/texas/austin/",
    "my_meetings": "/meetings/mine/",
}
# Names: of the site, the meeting and its place, time zones (German and Dutch say "in" too).
DATA = {
    "SMART Recovery",
    "Tuesday Tools",
    "Austin, TX",
    "Cost/Benefit Analysis",
    "People of Color",
    "Isle of Man",
    "Port of Spain",
    "America/Chicago",
    # The letters of DEADS on /sos/: the program's acronym, the same in every language.
    "A",
}
# Interface sentences have some of these; names of places, zones and venues do not.
ENGLISH = re.compile(
    r"\b(the|an?|to|of|in|and|your|you|is|are|for|with|on|at|by|or|not|this|what|how|no)\b",
    re.IGNORECASE,
)
# The toolbox's words are written in Spanish and French; elsewhere they show in English.
CONTENT_LANGUAGES = {"es", "fr"}


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Text(HTMLParser):
    """The page's text nodes and visible attributes, leaving out script and style, and words
    marked as another language than the page's (content not yet written in it, names)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: set[str] = set()
        self.hidden = 0
        self.lang = ""
        self.open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.lang = lang or ""
        elif tag not in VOID:
            self.open.append(bool(lang) and lang != self.lang)
        if tag in {"script", "style", "svg"}:
            self.hidden += 1
        if any(self.open):
            return
        for name, value in attrs:
            if name in {"alt", "title", "placeholder", "aria-label"} and value:
                self.nodes.add(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "svg"} and self.hidden:
            self.hidden -= 1
        if tag not in VOID and tag != "html" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.hidden and not any(self.open):
            self.nodes.add(text)


def read(response) -> Text:
    assert response.status_code == 200
    parser = Text()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def site(make_meeting) -> None:
    make_meeting(name="Tuesday Tools", slug="tuesday-tools", day=2)
    content = read_content()
    content.translations = [
        translated
        for translated in content.translations
        if translated.record.slug == "cost-benefit-analysis"
        or translated.record.kind.name == "point"
    ]
    load(content)


def english_left_over(english: Text, other: Text, allowed: set[str]) -> list[str]:
    return sorted(
        node
        for node in english.nodes & other.nodes
        if ENGLISH.search(node)
        and not any(word in node for word in DATA)
        and not any(words in node for words in allowed)
    )


def toolbox_words() -> set[str]:
    """The toolbox's English titles and summaries: content, not interface."""
    return {
        text
        for model in (Point, Stage, Tool)
        for row in model.objects.values("title", "summary")
        for text in row.values()
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_renders_the_main_pages_in_it(client, site, code):
    pages = {name: read(client.get(f"/{code}{path}")) for name, path in PAGES.items()}
    english = {name: read(client.get(path)) for name, path in PAGES.items()}

    assert {name: page.lang for name, page in pages.items()} == dict.fromkeys(PAGES, code)
    allowed = set() if code in CONTENT_LANGUAGES else toolbox_words()
    left_over = {name: english_left_over(english[name], pages[name], allowed) for name in PAGES}
    assert {name: words for name, words in left_over.items() if words} == {}
