"""The finder's filter bar is cached by the choices made in it and the page's language."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def checked_days(html: str) -> list[str]:
    return re.findall(r'name="day" value="(\d)" checked', html)


def test_the_cached_bar_follows_the_choices_made(client):
    assert checked_days(client.get("/meetings/", {"day": "2"}).content.decode()) == ["2"]
    assert checked_days(client.get("/meetings/").content.decode()) == []
    both = client.get("/meetings/", {"day": ["4", "2"]}).content.decode()
    assert checked_days(both) == ["2", "4"]


def test_the_cached_bar_is_in_the_pages_language(client):
    english = client.get("/meetings/").content.decode()
    spanish = client.get("/es/meetings/").content.decode()

    assert 'name="day" value="2"> Tuesday' in english
    assert 'name="day" value="2"> Martes' in spanish
