"""What tool pages and worksheets tell participants about the site is what the site does."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from toolbox.loading import read_content
from worksheets import charts

ENTRY = "Walked past the old bar and kept going"


def tool_text(slug: str) -> str:
    record = next(record for record in read_content()["tool"] if record.slug == slug)
    return " ".join(f"{record.fields['body']} {record.fields['steps']}".split())


def test_the_triggers_page_names_the_urge_log_boxes_its_triggers_are_offered_in():
    text = tool_text("triggers")

    for _, label in charts.TRIGGER_FIELDS:
        assert label.lower() in text
    assert "thoughts, memories and anything else are suggested with the situations" in text
    assert "from your most recent Triggers worksheet, riskiest first" in text


def test_the_urge_log_suggests_the_triggers_riskiest_first_thoughts_with_situations(
    client, participant
):
    client.force_login(participant)
    client.post(
        "/worksheets/new/triggers/",
        {
            "version": "1",
            "title": "My triggers",
            "triggers-0-trigger": "Payday Friday",
            "triggers-0-type": "situation",
            "triggers-0-risk": "6",
            "triggers-1-trigger": "Thinking I deserve it",
            "triggers-1-type": "thought",
            "triggers-1-risk": "9",
        },
    )

    response = client.get("/worksheets/urges/")

    # The latest Triggers worksheet's, riskiest first; a thought goes in the situation box.
    situations = response.context["suggestions"]["situation"]
    assert situations[:2] == ["Thinking I deserve it", "Payday Friday"]


@pytest.mark.django_db
def test_a_visitors_journal_promises_only_the_privacy_a_session_gives():
    visitor = Client()
    started = visitor.post(
        "/worksheets/new/journal/",
        {
            "version": "1",
            "title": "Journal",
            "entries-0-date": "2026-11-30",
            "entries-0-entry": ENTRY,
        },
    )
    page = visitor.get(started.url)

    assertContains(page, ENTRY)
    assertContains(page, "open only in your account or, until you sign up, in this browser")
    assertNotContains(page, "Only you can see")
    # What the sentence promises: another browser cannot open it.
    assert Client().get(started.url).status_code == 404
