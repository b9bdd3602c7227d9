from __future__ import annotations

import pytest

# Worksheet tests import SECRET from here; the ``cba`` fixture using it is in tests/conftest.py.
from tests.conftest import SECRET  # noqa: F401
from worksheets import crypto
from worksheets.models import Worksheet


@pytest.fixture(autouse=True)
def fresh_key_check():
    # Each test's database starts without the canary: check the keys again.
    crypto.forget_checked_keys()
    yield
    crypto.forget_checked_keys()


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
