"""The meeting edit page stays light on a phone: at most 400 KB transferred in production,
where the page is gzipped and WhiteNoise serves every static file compressed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 400 * 1024
ASSET = re.compile(r'(?:src|href)="/static/([^"?#]+)"')


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.parametrize("persona", ["facilitator", "coordinator"])
def test_the_meeting_edit_page_weighs_under_400_kb_compressed(
    client, make_meeting, regions, persona, request
):
    user = request.getfixturevalue(persona)
    meeting = make_meeting(region=regions["austin"])
    meeting.facilitators.add(user)
    client.force_login(user)

    html = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content
    assets = set(ASSET.findall(html.decode()))
    sizes = {name: gzipped_size(Path(finders.find(name)).read_bytes()) for name in assets}

    total = gzipped_size(html) + sum(sizes.values())
    assert total <= BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert "admin/js/calendar.js" not in assets
    assert "admin/js/admin/DateTimeShortcuts.js" not in assets
