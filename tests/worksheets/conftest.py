from __future__ import annotations

import pytest
from django.core.cache import cache

from worksheets import crypto
from worksheets.models import Revision, Worksheet


@pytest.fixture(autouse=True)
def fresh_key_check():
    # Each test's database starts without the canary: check the keys again.
    crypto.forget_checked_keys()
    yield
    crypto.forget_checked_keys()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Sign-up and password-reset limits count in the cache: each test starts from none.
    cache.clear()
    yield
    cache.clear()


SECRET = "I drink to quiet the 3am worry about Sam"


@pytest.fixture
def cba(participant) -> Worksheet:
    worksheet = Worksheet.objects.create(
        owner=participant,
        kind="cba",
        title="My CBA in spring",
        answers={
            "behaviour": "drinking on weeknights",
            "keep_benefits": [{"item": SECRET, "term": "short", "weight": 7}],
            "keep_costs": [
                {"item": "Foggy mornings at work", "term": "short", "weight": 6},
                {"item": "My liver", "term": "long", "weight": 9},
            ],
            "stop_benefits": [{"item": "Being there for Sam", "term": "long", "weight": 10}],
            "stop_costs": [],
            "reflection": "",
        },
    )
    worksheet.keep_revision(Revision.KindOfSave.SAVE)
    return worksheet


def form_data(worksheet: Worksheet, **answers) -> dict[str, str]:
    """What the browser posts for a CBA with the given answers over the stored ones."""
    data = {
        "title": worksheet.title,
        "version": str(worksheet.version),
        "behaviour": worksheet.answers.get("behaviour", ""),
        "reflection": worksheet.answers.get("reflection", ""),
    }
    for box in ("keep_benefits", "keep_costs", "stop_benefits", "stop_costs"):
        for index, item in enumerate(worksheet.answers.get(box) or []):
            data[f"{box}-{index}-item"] = item["item"]
            data[f"{box}-{index}-term"] = item.get("term") or ""
            weight = item.get("weight")
            data[f"{box}-{index}-weight"] = "" if weight is None else str(weight)
    data.update(answers)
    return data
