"""The admin's pages in each language chosen in the picker, with no English left over: Django's
own words come from its catalogues, ours (models, fields, fieldsets, filters, actions, the
facilitators' pages) from the site's."""

from __future__ import annotations

import pytest

from tests.pages.test_every_language import LANGUAGES, english_left_over, read, toolbox_words

pytestmark = pytest.mark.django_db

PAGES = {
    "index": "/admin/",
    "meetings": "/admin/meetings/meeting/",
    "meeting": "/admin/meetings/meeting/{meeting}/change/",
    "add_meeting": "/admin/meetings/meeting/add/",
    "mine": "/admin/meetings/meeting/mine/",
    "import": "/admin/meetings/meeting/import/",
    "locations": "/admin/meetings/location/",
    "add_location": "/admin/meetings/location/add/",
    "change_requests": "/admin/meetings/changerequest/",
    "regions": "/admin/meetings/region/",
    "add_tool": "/admin/toolbox/tool/add/",
    "add_stage": "/admin/toolbox/stage/add/",
}
# Names, not words of the interface: the meeting's, its venue's and Django's own (in the
# "Authentication and Authorization" section, which some languages leave as it is).
DATA = {"Tuesday Tools", "Austin", "SMART Recovery", "Django"}
# Words spelled the same in English and the page's language.
SAME = {"No"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_admin_has_no_english_left_over(client, superuser, make_meeting, code):
    meeting = make_meeting(name="Tuesday Tools", slug="tuesday-tools", day=2)
    client.force_login(superuser)
    paths = {name: path.format(meeting=meeting.pk) for name, path in PAGES.items()}
    english = {name: read(client.get(path)) for name, path in paths.items()}
    client.cookies["language"] = code
    pages = {name: read(client.get(path)) for name, path in paths.items()}

    assert {name: page.lang for name, page in pages.items()} == dict.fromkeys(pages, code)
    # The toolbox's points, offered in a tool's form, are content (in English where not written).
    allowed = DATA | toolbox_words()
    left_over = {
        name: [
            words for words in english_left_over(english[name], page, allowed) if words not in SAME
        ]
        for name, page in pages.items()
    }
    assert {name: words for name, words in left_over.items() if words} == {}
