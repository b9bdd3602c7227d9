"""A participant's own pages in each language: the account page (reminders, proofs, calendar),
worksheets, the urge log, progress, a proof of attendance, sign-in and sign-up, with no English
interface text left over (the check of test_every_language.py)."""

from __future__ import annotations

import pytest

# The proof of attendance the account page lists, confirmed by its meeting's facilitator.
from tests.attendance.conftest import at, confirmed, make_proof, meeting, pending  # noqa: F401
from tests.pages.test_every_language import LANGUAGES, english_left_over, read
from worksheets.models import UrgeEntry, Worksheet

pytestmark = pytest.mark.django_db

SIGNED_IN = {
    "account": "/accounts/",
    "worksheets": "/worksheets/",
    "urges": "/worksheets/urges/",
    "progress": "/worksheets/progress/",
    "password": "/accounts/password/",
    "delete": "/accounts/delete/",
    "export_print": "/accounts/export/print/",
}
# A worksheet's prompts show in English where they are not written in the page's language,
# marked lang="en" (the check leaves out what is marked as another language).
SIGNED_OUT = {
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "not_found": "/no-such-page/",
}


@pytest.fixture
def records(participant, confirmed) -> dict[str, str]:  # noqa: F811
    """A worksheet, an urge and a proof of attendance: the pages show their lists."""
    worksheet = Worksheet.objects.create(owner=participant, kind="abc", answers={})
    UrgeEntry.objects.create(owner=participant, intensity=6, acted_on=True)
    return {
        "worksheet": f"/worksheets/{worksheet.pk}/",
        "proof": f"/attendance/{confirmed.pk}/",
    }


def pages_in(client, code: str, paths: dict[str, str]) -> dict:
    prefix = "" if code == "en" else f"/{code}"
    return {name: read_any(client.get(prefix + path)) for name, path in paths.items()}


def read_any(response):
    # The page that is not found answers 404, with its page all the same.
    if response.status_code == 404:
        response.status_code = 200
    return read(response)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_participants_pages_have_no_english_left_over(client, participant, records, code):
    client.force_login(participant)
    paths = SIGNED_IN | records
    pages = pages_in(client, code, paths)
    english = pages_in(client, "en", paths)
    client.logout()
    pages |= pages_in(client, code, SIGNED_OUT)
    english |= pages_in(client, "en", SIGNED_OUT)

    assert {name: page.lang for name, page in pages.items()} == dict.fromkeys(pages, code)
    left_over = {name: english_left_over(english[name], pages[name], set()) for name in pages}
    assert {name: words for name, words in left_over.items() if words} == {}
