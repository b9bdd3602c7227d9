"""The header and footer are kept per language and page (the footer per visitor's country
too) for visitors not signed in; a signed-in visitor's header is never kept."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meetings.views.finder import SEARCHED_COUNTRY

pytestmark = pytest.mark.django_db


def test_each_page_keeps_its_own_current_link(client):
    client.get("/meetings/")
    client.get("/toolbox/")

    meetings = client.get("/meetings/")
    toolbox = client.get("/toolbox/")

    assertContains(meetings, 'href="/meetings/" aria-current="page"')
    assertNotContains(toolbox, 'href="/meetings/" aria-current="page"')
    assertContains(toolbox, 'href="/toolbox/" aria-current="page"')
    assertContains(toolbox, "/language/es/?next=%2Ftoolbox%2F")


def test_each_language_keeps_its_own(client):
    client.get("/about/")

    spanish = client.get("/es/about/")

    assertContains(spanish, "Iniciar sesión")
    assertNotContains(spanish, ">Sign in<")


def test_a_signed_in_visitor_never_gets_the_kept_header(client, participant):
    client.get("/about/")
    client.force_login(participant)

    signed_in = client.get("/about/")
    client.logout()
    signed_out = client.get("/about/")

    assertContains(signed_in, f"Account ({participant.username})")
    assertNotContains(signed_in, ">Sign in<")
    assertContains(signed_out, ">Sign in<")
    assertNotContains(signed_out, participant.username)


def test_the_footer_is_kept_per_visitors_country(client):
    client.cookies[SEARCHED_COUNTRY] = "AU"
    assertContains(client.get("/about/"), "In Australia")

    client.cookies[SEARCHED_COUNTRY] = "GB"
    response = client.get("/about/")

    assertContains(response, "In the United Kingdom, Samaritans")
    assertNotContains(response, "In Australia")
