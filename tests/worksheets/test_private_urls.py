"""Every private URL, found by walking the URL resolver, answers a 404 to anyone but the owner.

The list is not written by hand: a new URL that takes a private object's id in the worksheets or
check-in namespaces fails ``test_every_private_url_is_checked`` until it is given a way to build
it below, and then it is attacked like the others.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.worksheets.conftest import SECRET
from toolbox.models import Stage
from worksheets.models import ShareLink, StageCheckIn, UrgeEntry, Worksheet

pytestmark = pytest.mark.django_db

PRIVATE_NAMESPACES = {"worksheets", "checkin"}
# Parameters that name no private object: a kind of worksheet is public knowledge.
PUBLIC_PARAMETERS = {"kind"}


def private_url_names() -> Iterator[str]:
    """Each named URL in a private namespace whose route takes an object's id."""

    def walk(patterns, namespace: str | None) -> Iterator[str]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace in PRIVATE_NAMESPACES:
                parameters = set(entry.pattern.converters) - PUBLIC_PARAMETERS
                if entry.name and parameters:
                    yield f"{namespace}:{entry.name}"

    yield from walk(get_resolver().url_patterns, None)


class Owned:
    """One of each private thing, all belonging to the participant."""

    def __init__(self, worksheet: Worksheet) -> None:
        owner = worksheet.owner
        self.worksheet = worksheet
        self.urge = UrgeEntry.objects.create(owner=owner, intensity=7, situation=SECRET)
        self.checkin = StageCheckIn.objects.create(
            owner=owner,
            stage=Stage.objects.order_by("pk").first(),
            importance=8,
            confidence=5,
            answers={"changing": "not_yet", "slipped": "no", "plan": "yes", "pull": "sometimes"},
        )
        self.link, _ = ShareLink.issue(worksheet, datetime.timedelta(days=1))


BUILDERS: dict[str, Callable[[Owned], dict]] = {
    "worksheets:edit": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:autosave": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:print": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:export": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:revisions": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:restore": lambda owned: {"pk": owned.worksheet.pk, "number": 1},
    "worksheets:duplicate": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:delete": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:share": lambda owned: {"pk": owned.worksheet.pk},
    "worksheets:share_revoke": lambda owned: {"pk": owned.worksheet.pk, "link_id": owned.link.pk},
    # Opened only by a browser that was given the link's token (test_sharing.py has the rest).
    "worksheets:shared": lambda owned: {"link_id": owned.link.pk},
    "worksheets:urge_edit": lambda owned: {"pk": owned.urge.pk},
    "worksheets:urge_delete": lambda owned: {"pk": owned.urge.pk},
    "checkin:detail": lambda owned: {"pk": owned.checkin.pk},
}


@pytest.fixture
def owned(cba) -> Owned:
    return Owned(cba)


def test_every_private_url_is_checked():
    assert set(private_url_names()) == set(BUILDERS)


def visit(client, name: str, owned: Owned) -> list:
    url = reverse(name, kwargs=BUILDERS[name](owned))
    return [client.get(url), client.post(url, {"title": "taken over", "situation": "taken"})]


def assert_untouched(owned: Owned) -> None:
    owned.worksheet.refresh_from_db()
    owned.link.refresh_from_db()
    assert owned.worksheet.title != "taken over"
    assert owned.link.revoked_at is None
    assert UrgeEntry.objects.get(pk=owned.urge.pk).situation == SECRET
    assert Worksheet.objects.count() == 1


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize("persona", ["stranger", "facilitator", "superuser", None])
def test_nobody_but_the_owner_reaches_a_private_url(
    client, owned, name, persona, request: pytest.FixtureRequest
):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    responses = visit(client, name, owned)

    # 405 for the method a view does not take, and a visitor may be asked to sign in; never a
    # page, another redirect or a change.
    for response in responses:
        if persona is None and response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/?next=")
        else:
            assert response.status_code in {404, 405}
    assert {response.status_code for response in responses} & {302, 404}
    assert all(SECRET not in response.content.decode() for response in responses)
    assert_untouched(owned)


@pytest.mark.parametrize("name", sorted(set(BUILDERS) - {"worksheets:shared"}))
def test_the_owner_reaches_every_private_url(client, owned, participant, name):
    client.force_login(participant)
    url = reverse(name, kwargs=BUILDERS[name](owned))

    statuses = {client.get(url).status_code, client.post(url).status_code}

    assert statuses & {200, 201, 302, 409, 422}
