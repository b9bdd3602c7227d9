from __future__ import annotations

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response.headers["Cache-Control"]


def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", fail)

    response = client.get("/healthz")

    assert response.status_code == 503
