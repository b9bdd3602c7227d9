"""SITE_URL: the address in reminder emails' links, which a worker sends outside any request."""

from __future__ import annotations

from tests.smartrecovery.test_settings import manage


def test_a_site_url_that_is_no_address_stops_the_program_naming_it():
    result = manage("check", SITE_URL="meetings.example.org")

    assert result.returncode != 0
    assert "SITE_URL must be the site's http(s) address" in result.stderr
