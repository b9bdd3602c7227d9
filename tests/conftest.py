from __future__ import annotations

import pytest
from django.contrib.auth.models import User

PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def participant(db) -> User:
    return User.objects.create_user("river", email="river@example.org", password=PASSWORD)


@pytest.fixture
def stranger(db) -> User:
    return User.objects.create_user("stranger", password=PASSWORD)
