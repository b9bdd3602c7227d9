from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from meetings.models import ChangeRequest

pytestmark = pytest.mark.django_db


def url(meeting) -> str:
    return f"/meetings/{meeting.slug}/request-change/"


def test_anyone_can_ask_for_a_listing_to_be_corrected(client, make_meeting):
    meeting = make_meeting(name="Tuesday Night")

    response = client.post(
        url(meeting), {"message": "We moved to Thursdays.", "email": ""}, follow=True
    )

    assertRedirects(response, f"/meetings/{meeting.slug}/")
    assertContains(response, "Thank you")
    change = ChangeRequest.objects.get()
    assert change.meeting == meeting
    assert change.message == "We moved to Thursdays."


def test_an_empty_request_is_explained_beside_the_field(client, make_meeting):
    response = client.post(url(make_meeting()), {"message": "", "email": "not-an-email"})

    assertFormError(response.context["form"], "message", "This field is required.")
    assertFormError(response.context["form"], "email", "Enter a valid email address.")
    assert not ChangeRequest.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(client, make_meeting):
    meeting = make_meeting()

    response = client.post(url(meeting), {"message": "Buy now", "website": "http://spam.test"})

    assertRedirects(response, f"/meetings/{meeting.slug}/")
    assert not ChangeRequest.objects.exists()


def test_too_many_requests_from_one_address_are_refused(client, make_meeting, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "change-request": (3, 3600)}
    meeting = make_meeting()
    for number in range(3):
        client.post(url(meeting), {"message": f"Note {number}"})

    response = client.post(url(meeting), {"message": "One more"})

    assert response.status_code == 429
    assert ChangeRequest.objects.count() == 3


def test_behind_a_proxy_each_client_has_its_own_limit(client, make_meeting, settings):
    """A forged X-Forwarded-For entry is ignored; the proxy's appended one counts."""
    settings.PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "change-request": (2, 3600)}
    meeting = make_meeting()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(2):
        forged = f"203.0.113.{number}, 198.51.100.7"
        client.post(
            url(meeting), {"message": f"Note {number}"}, HTTP_X_FORWARDED_FOR=forged, **proxy
        )

    refused = client.post(
        url(meeting), {"message": "Again"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    other = client.post(
        url(meeting), {"message": "Mine"}, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy
    )

    assert refused.status_code == 429
    assert other.status_code == 302


def test_private_meetings_take_no_public_requests(client, make_meeting):
    assert client.get(url(make_meeting(is_public=False))).status_code == 404


def test_an_unknown_meeting_is_a_404(client):
    assert client.get("/meetings/no-such-meeting/request-change/").status_code == 404
