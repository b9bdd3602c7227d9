"""The admin, at its one unprefixed address, in the language chosen in the picker."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_the_admin_is_in_english_without_a_choice(client, superuser):
    client.force_login(superuser)

    page = client.get("/admin/meetings/meeting/")

    assert page["Content-Language"] == "en"
    assertContains(page, "Select meeting to change")


def test_the_admin_follows_the_language_chosen_in_the_picker(client, superuser):
    client.force_login(superuser)
    client.get("/language/fr/?next=/")

    page = client.get("/admin/toolbox/tool/")

    assert page["Content-Language"] == "fr"
    assertContains(page, "Boîte à outils")
    assertContains(page, "Sélectionnez l’objet outil à changer")
    assertNotContains(page, "Select tool to change")


def test_an_unknown_language_in_the_cookie_leaves_the_admin_in_english(client, superuser):
    client.force_login(superuser)
    client.cookies["language"] = "xx"

    page = client.get("/admin/")

    assert page["Content-Language"] == "en"


def test_choosing_a_language_on_the_verify_page_shows_that_page_in_it(client):
    response = client.get("/language/es/?next=/verify/0000/")

    assert response["Location"] == "/verify/0000/"
    assert client.get("/verify/0000/")["Content-Language"] == "es"


def test_a_page_that_follows_the_choice_says_it_varies_with_the_cookie(client):
    response = client.get("/verify/0000/")

    assert "Cookie" in response["Vary"]


def test_the_picker_cookie_leaves_unprefixed_public_pages_in_english(client):
    client.cookies["language"] = "fr"

    page = client.get("/about/")

    assert page["Content-Language"] == "en"
