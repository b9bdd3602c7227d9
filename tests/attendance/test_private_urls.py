"""Every URL of the attendance app that takes a proof's id, found by walking the URL resolver,
answers a 404 to anyone but the proof's owner (GET and POST alike)."""

from __future__ import annotations

import pytest
from django.urls import URLResolver, get_resolver, reverse

from attendance.models import Proof

pytestmark = pytest.mark.django_db


def proof_url_names() -> list[str]:
    def walk(patterns, namespace: str | None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif namespace == "attendance" and "pk" in entry.pattern.converters:
                yield f"attendance:{entry.name}"

    return sorted(walk(get_resolver().url_patterns, None))


def test_the_walk_finds_the_proofs_urls():
    assert proof_url_names() == [
        "attendance:proof",
        "attendance:proof_pdf",
        "attendance:revoke",
    ]


@pytest.mark.parametrize("persona", ["stranger", "facilitator", "superuser"])
@pytest.mark.parametrize("name", proof_url_names())
def test_nobody_else_reaches_a_proof(client, request, confirmed, persona, name):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(name, kwargs={"pk": confirmed.pk})

    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code in (404, 405)
    assert Proof.objects.get().state == "confirmed"


@pytest.mark.parametrize("persona", ["stranger", "facilitator", "superuser"])
def test_nobody_elses_period_pdf_holds_the_proof(client, request, confirmed, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/attendance/pdf/", follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert b"R. Rivers" not in response.content
