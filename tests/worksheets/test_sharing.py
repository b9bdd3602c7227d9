"""Sharing one worksheet with a facilitator: opt-in, read-only, expiring, revocable, logged."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.conftest import PASSWORD
from tests.worksheets.conftest import SECRET
from worksheets.models import ShareLink, ShareView, Worksheet, hash_share_token

INACTIVE = "This link is no longer active"


def make_link(client, worksheet: Worksheet, lifetime: str = "1d") -> str:
    """Make a link as the (signed-in) owner; its token, which the link carries after "#".

    The POST redirects to the share page (POST-redirect-GET), which shows the new link once."""
    response = client.post(f"/worksheets/{worksheet.pk}/share/", {"lifetime": lifetime})
    assert response.status_code == 302
    assert response.url == f"/worksheets/{worksheet.pk}/share/#new-link"
    shown = client.get(response.url)
    assert shown.status_code == 200
    match = re.search(
        r'href="http://testserver/worksheets/shared/#([^"]+)"', shown.content.decode()
    )
    return match.group(1)


def open_link(client, token: str):
    """What the page at the link does (share_link.js): post the token, follow to the worksheet."""
    response = client.post("/worksheets/shared/", {"link": token})
    if response.status_code != 302:
        return response
    return client.get(response.url)


# Nothing is shared by default.


def test_a_worksheet_has_no_links_until_its_owner_makes_one(client, participant, cba):
    client.force_login(participant)
    response = client.get(f"/worksheets/{cba.pk}/share/")
    assertContains(response, "No links yet: this worksheet is not shared.")
    assert ShareLink.objects.count() == 0


def test_the_worksheet_page_links_to_sharing(client, participant, cba):
    client.force_login(participant)
    assertContains(client.get(f"/worksheets/{cba.pk}/"), f'href="/worksheets/{cba.pk}/share/"')


# Owner-only: make, list, revoke.


def test_the_owner_makes_a_link_and_sees_it_once(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba, "7d")
    link = ShareLink.objects.get()
    assert link.worksheet == cba
    assert link.expires_at - link.created == datetime.timedelta(days=7)
    listing = client.get(f"/worksheets/{cba.pk}/share/")
    assertContains(listing, "Active")
    assertContains(listing, "Not opened yet.")
    # The address is not shown again: it was never stored.
    assertNotContains(listing, token)


def test_reloading_the_page_that_showed_a_new_link_makes_no_second_one(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)

    again = client.get(f"/worksheets/{cba.pk}/share/")

    assert ShareLink.objects.count() == 1
    assertNotContains(again, token)
    assertNotContains(again, 'id="new-link"')


def test_the_new_link_waits_in_the_session_encrypted(client, participant, cba):
    client.force_login(participant)
    client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": "1d"})

    waiting = client.session["new_share_link"]
    token = make_link_token_of(client, cba)

    assert token not in str(waiting)


def make_link_token_of(client, worksheet: Worksheet) -> str:
    shown = client.get(f"/worksheets/{worksheet.pk}/share/").content.decode()
    return re.search(r"/worksheets/shared/#([^\"]+)\"", shown).group(1)


def test_a_new_link_has_a_copy_button(client, participant, cba):
    client.force_login(participant)
    response = client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": "1d"}, follow=True)

    assertContains(
        response, 'id="copy-link" data-copy="new-link-url" hidden>Copy the link</button>'
    )
    assertContains(response, "js/copy_link.js")


def test_times_on_the_share_page_are_in_the_participants_zone(client, participant, cba):
    client.force_login(participant)
    client.cookies["tz"] = "Asia/Tokyo"
    with time_machine.travel(datetime.datetime(2026, 1, 12, 20, 0, tzinfo=datetime.UTC)):
        ShareLink.issue(cba, datetime.timedelta(days=1))

    response = client.get(f"/worksheets/{cba.pk}/share/")

    # 20:00 UTC on Monday is 05:00 on Tuesday in Tokyo.
    assertContains(response, "made Tue 13 Jan 2026, 5:00 AM")
    assertContains(response, "Times are in Asia/Tokyo.")


@pytest.mark.parametrize("persona", ["facilitator", "stranger", "superuser"])
def test_nobody_else_can_list_make_or_revoke_links(client, cba, persona, request):
    link, _ = ShareLink.issue(cba, datetime.timedelta(days=1))
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/worksheets/{cba.pk}/share/").status_code == 404
    assert client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": "1d"}).status_code == 404
    revoke = client.post(f"/worksheets/{cba.pk}/share/{link.pk}/revoke/")
    assert revoke.status_code == 404
    assert ShareLink.objects.count() == 1
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_visitor_without_an_account_gets_a_404(client, cba):
    assert client.get(f"/worksheets/{cba.pk}/share/").status_code == 404
    assert client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": "1d"}).status_code == 404


def test_an_owner_cannot_revoke_a_link_of_another_worksheet_through_theirs(
    client, participant, stranger, cba
):
    theirs = Worksheet.objects.create(owner=stranger, kind="cba")
    their_link, _ = ShareLink.issue(theirs, datetime.timedelta(days=1))
    client.force_login(participant)
    response = client.post(f"/worksheets/{cba.pk}/share/{their_link.pk}/revoke/")
    assert response.status_code == 404
    their_link.refresh_from_db()
    assert their_link.revoked_at is None


def test_a_session_worksheet_asks_to_sign_up_before_sharing(client, db):
    client.post("/worksheets/new/deads/", {"version": "1", "delay": "Wait ten minutes"})
    pk = re.search(r"[0-9a-f-]{36}", str(client.session["worksheets"])).group(0)
    response = client.get(f"/worksheets/{pk}/share/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/signup/")
    assert ShareLink.objects.count() == 0


# The shared page.


def test_the_link_shows_that_worksheet_read_only_and_logs_the_view(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    client.logout()

    response = open_link(client, token)
    assertContains(response, SECRET)
    assertContains(response, "My CBA in spring")
    assertContains(response, "read-only")
    assertNotContains(response, '<form method="post" action="/worksheets/')
    assertNotContains(response, "<textarea")
    assert ShareView.objects.count() == 1
    client.get(f"/worksheets/shared/{ShareLink.objects.get().pk}/")
    assert ShareView.objects.filter(link__worksheet=cba).count() == 2
    listing_client = client
    listing_client.force_login(participant)
    assertContains(listing_client.get(f"/worksheets/{cba.pk}/share/"), "Opened 2 times")


def test_the_link_shows_nothing_else_of_the_owners(client, participant, cba):
    other = Worksheet.objects.create(
        owner=participant, kind="deads", title="My other plan", answers={"delay": "Other secret"}
    )
    client.force_login(participant)
    token = make_link(client, cba)
    client.logout()
    page = open_link(client, token).content.decode()
    assert "My other plan" not in page
    assert "Other secret" not in page
    assert str(other.pk) not in page
    assert participant.username not in page
    assert participant.email not in page
    # The owner's private pages stay private to whoever holds the link.
    assert client.get(f"/worksheets/{cba.pk}/").status_code == 404
    assert client.get(f"/worksheets/{other.pk}/").status_code == 404


def test_a_balance_pie_shared_shows_no_change_from_the_owners_earlier_pie(client, participant):
    earlier = timezone.now() - datetime.timedelta(days=30)
    Worksheet.objects.create(
        owner=participant,
        kind="balance-pie",
        answers={"areas": [{"area": "Health", "rating": 2}]},
        created=earlier,
        updated=earlier,
    )
    pie = Worksheet.objects.create(
        owner=participant, kind="balance-pie", answers={"areas": [{"area": "Health", "rating": 9}]}
    )
    client.force_login(participant)
    assertContains(client.get(f"/worksheets/{pie.pk}/"), "Last time")
    token = make_link(client, pie)
    client.logout()
    response = open_link(client, token)
    assertContains(response, "Health: 9 out of 10")
    assertNotContains(response, "Last time")


def test_the_shared_page_sends_privacy_headers(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    for response in (
        open_link(client, token),
        open_link(client, "not-a-real-token"),
        client.get("/worksheets/shared/999/"),
    ):
        assert response["X-Robots-Tag"].startswith("noindex")
        # Same-origin, not no-referrer: the addresses hold no token, and the page's own forms
        # (signing out) would otherwise post "Origin: null" and fail the CSRF check.
        assert response["Referrer-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]
    landing = client.get("/worksheets/shared/")
    assert landing["X-Robots-Tag"].startswith("noindex")
    assert landing["Referrer-Policy"] == "same-origin"
    assert "no-store" in landing["Cache-Control"]


def test_a_facilitator_signed_in_reads_it_too(client, participant, facilitator, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    client.force_login(facilitator)
    assertContains(open_link(client, token), SECRET)


# Expired, revoked and unknown links: one plain answer.


def assert_inactive(response) -> None:
    assert response.status_code == 404
    content = response.content.decode()
    assert INACTIVE in content
    assert SECRET not in content
    assert "expired" not in content.lower()
    assert "revoked" not in content.lower()


def test_an_expired_link_is_no_longer_active(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba, "1h")
    client.logout()
    shared = f"/worksheets/shared/{ShareLink.objects.get().pk}/"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=59)):
        assertContains(open_link(client, token), SECRET)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        # Neither the page this browser already opened nor the link itself.
        assert_inactive(client.get(shared))
        assert_inactive(open_link(client, token))
    assert ShareView.objects.count() == 1


def test_a_revoked_link_is_no_longer_active(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    link = ShareLink.objects.get()
    reader = Client()
    assertContains(open_link(reader, token), SECRET)
    response = client.post(f"/worksheets/{cba.pk}/share/{link.pk}/revoke/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assertContains(client.get(f"/worksheets/{cba.pk}/share/"), "Revoked")
    assert_inactive(reader.get(f"/worksheets/shared/{link.pk}/"))
    client.logout()
    assert_inactive(open_link(client, token))
    assert ShareView.objects.count() == 1


def test_an_unknown_token_is_no_longer_active(client, db):
    assert_inactive(open_link(client, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"))


def test_a_stored_hash_used_as_a_token_opens_nothing(client, participant, cba):
    client.force_login(participant)
    make_link(client, cba)
    client.logout()
    link = ShareLink.objects.get()
    assert_inactive(open_link(client, link.token_hash))


# The token.


def test_the_token_is_stored_only_as_its_sha256(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    link = ShareLink.objects.get()
    assert len(token) >= 40
    assert link.token_hash == hash_share_token(token)
    assert link.token_hash != token
    stored = " ".join(str(value) for value in ShareLink.objects.values().get().values())
    assert token not in stored


def test_the_link_carries_its_token_only_after_the_hash(client, participant, cba):
    client.force_login(participant)
    response = client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": "1d"}, follow=True)
    href = re.search(r'href="([^"]*/worksheets/shared/[^"]*)"', response.content.decode()).group(1)

    address = urlsplit(href)
    assert (address.path, address.query) == ("/worksheets/shared/", "")
    assert len(address.fragment) >= 40
    assert ShareLink.objects.get().token_hash == hash_share_token(address.fragment)


def test_no_request_of_the_whole_visit_has_the_token_in_its_path_or_query(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    reader = Client()

    landing = reader.get("/worksheets/shared/")
    opened = reader.post("/worksheets/shared/", {"link": token}, follow=True)

    assertContains(opened, SECRET)
    requests = [landing.request, *[{"PATH_INFO": url} for url, _ in opened.redirect_chain]]
    assert len(requests) == 2
    for request in requests:
        assert token not in request["PATH_INFO"]
        assert token not in request.get("QUERY_STRING", "")
    assert opened.redirect_chain == [(f"/worksheets/shared/{ShareLink.objects.get().pk}/", 302)]


def test_an_old_style_link_with_the_token_in_its_path_opens_nothing(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    client.logout()

    response = client.get(f"/worksheets/shared/{token}/")

    assert response.status_code == 404
    assertNotContains(response, SECRET, status_code=404)
    assert ShareView.objects.count() == 0


def test_a_shared_page_opens_only_in_the_browser_that_opened_the_link(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    client.logout()
    assertContains(open_link(client, token), SECRET)

    # Knowing the token-less address is not enough: another browser has not opened the link.
    assert_inactive(Client().get(f"/worksheets/shared/{ShareLink.objects.get().pk}/"))
    assert ShareView.objects.count() == 1


def test_without_javascript_the_whole_link_can_be_pasted(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    client.logout()

    landing = client.get("/worksheets/shared/")
    assertContains(landing, "paste the whole link you were sent here")
    assertContains(landing, 'name="link"')
    assertContains(landing, "/static/js/share_link.js")
    assertNotContains(landing, "<script>")
    pasted = f"  http://testserver/worksheets/shared/#{token}  "
    assertContains(open_link(client, pasted), SECRET)


def test_an_empty_paste_is_a_plain_form_error(client, db):
    response = client.post("/worksheets/shared/", {"link": ""})

    assertContains(response, "Paste the whole link you were sent.", status_code=422)


def test_links_made_while_tokens_were_in_paths_are_revoked_by_the_migration(participant, cba):
    active, _ = ShareLink.issue(cba, datetime.timedelta(days=7))
    expired, _ = ShareLink.issue(cba, datetime.timedelta(hours=1))
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    # Postgres runs schema changes in a transaction, so the test's own transaction undoes this.
    MigrationExecutor(connection).migrate([("worksheets", "0006_stagecheckin_answers_encrypted")])

    MigrationExecutor(connection).migrate(
        [("worksheets", "0007_revoke_links_with_tokens_in_paths")]
    )

    active.refresh_from_db()
    expired.refresh_from_db()
    assert active.revoked_at is not None
    assert expired.revoked_at is None


def test_every_token_is_different(participant, cba):
    tokens = {ShareLink.issue(cba, datetime.timedelta(hours=1))[1] for _ in range(20)}
    assert len(tokens) == 20


# Expiry bounds.


@pytest.mark.parametrize(
    ("lifetime", "valid"),
    [
        (datetime.timedelta(minutes=59), False),
        (datetime.timedelta(hours=1), True),
        (datetime.timedelta(days=30), True),
        (datetime.timedelta(days=30, seconds=1), False),
        (datetime.timedelta(hours=-1), False),
    ],
)
def test_a_link_lasts_between_an_hour_and_thirty_days(participant, cba, lifetime, valid):
    if valid:
        link, _ = ShareLink.issue(cba, lifetime)
        assert link.pk
    else:
        with pytest.raises(ValidationError):
            ShareLink.issue(cba, lifetime)
        assert ShareLink.objects.count() == 0


@pytest.mark.parametrize("lifetime", ["90d", "", "0"])
def test_an_expiry_not_offered_is_refused(client, participant, cba, lifetime):
    client.force_login(participant)
    response = client.post(f"/worksheets/{cba.pk}/share/", {"lifetime": lifetime})
    assert response.status_code == 422
    assertContains(response, 'id="lifetime_error"', status_code=422)
    assert ShareLink.objects.count() == 0


# Account export and deletion.


def test_the_account_export_lists_links_without_tokens(client, participant, cba):
    client.force_login(participant)
    token = make_link(client, cba)
    open_link(client, token)
    response = client.get("/accounts/export/")
    links = response.json()["worksheets"][0]["share_links"]
    assert len(links) == 1
    assert len(links[0]["viewed_at"]) == 1
    assert token not in response.content.decode()
    assert ShareLink.objects.get().token_hash not in response.content.decode()


def test_deleting_the_account_removes_links_and_their_views(client, participant, cba):
    link, _ = ShareLink.issue(cba, datetime.timedelta(days=1))
    ShareView.objects.create(link=link)
    client.force_login(participant)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not User.objects.filter(username="river").exists()
    assert ShareLink.objects.count() == 0
    assert ShareView.objects.count() == 0
