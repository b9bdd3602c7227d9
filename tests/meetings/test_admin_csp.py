"""The admin's pages keep to the site's Content-Security-Policy: no inline styles or scripts."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)


@pytest.fixture
def admin_client_with_history(admin_client, make_meeting):
    meeting = make_meeting(name="Tuesday Night")
    meeting.name = "Tuesday Evening"
    meeting.save()
    return admin_client, meeting


def test_the_history_page_has_no_inline_style(admin_client_with_history):
    client, meeting = admin_client_with_history

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/history/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "history-paginator" in html
    assert not INLINE_STYLE.search(html)
    assert not INLINE_SCRIPT.search(html)


def test_a_history_entry_page_has_no_inline_style(admin_client_with_history):
    client, meeting = admin_client_with_history
    record = meeting.history.first()

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/history/{record.pk}/")

    assert response.status_code == 200
    assert not INLINE_STYLE.search(response.content.decode())


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/meetings/meeting/",
        "/admin/meetings/meeting/add/",
        "/admin/meetings/meeting/import/",
        "/admin/meetings/meeting/mine/",
        "/admin/meetings/location/",
        "/admin/meetings/region/",
        "/admin/meetings/changerequest/",
    ],
)
def test_the_meeting_admin_pages_have_no_inline_style_or_script(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
