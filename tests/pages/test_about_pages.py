from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

pytestmark = pytest.mark.django_db


def test_the_about_page_says_what_the_program_is_and_where_it_comes_from(client):
    response = client.get("/about/")

    assertTemplateUsed(response, "pages/about.html")
    for words in (
        "Secular",
        "Science-based",
        "Self-empowering",
        "founded in 1994",
        "Motivational interviewing",
        "Cognitive behavioral therapy",
        "Rational emotive behavior therapy",
        "twelve-step group",
    ):
        assertContains(response, words)


def test_the_meeting_outline_walks_through_a_meeting_in_order(client):
    response = client.get("/about/meeting-outline/")

    assertTemplateUsed(response, "pages/meeting_outline.html")
    content = response.content.decode()
    steps = [
        ("Welcome", "about 5 minutes"),
        ("Check-in", "about 10 to 20 minutes"),
        ("Setting the agenda", "about 3 minutes"),
        ("Working time", "about 40 to 50 minutes"),
        ("Passing the hat", "about 3 minutes"),
        ("Check-out", "about 15 minutes"),
    ]
    positions = [
        content.index(f'<h3>{step} <span class="outline-time">{minutes}</span></h3>')
        for step, minutes in steps
    ]
    assert positions == sorted(positions)
    assertContains(response, "Facilitator:")
    assertContains(response, '<a href="/about/">About</a>', html=True)


def test_the_meeting_outline_gives_the_welcomes_guidelines_and_keeps_meetings_free(client):
    response = client.get("/about/meeting-outline/")
    text = " ".join(response.content.decode().split())

    assert "No labels" in text
    assert "the present and the future" in text
    assert "Once it's done, cross-talk is welcome" in text
    assert "Meetings are free and always will be" in text
    assert "their plan for the coming week" in text


def test_the_privacy_page_says_what_we_keep_and_why(client):
    response = client.get("/privacy/")

    assertTemplateUsed(response, "pages/privacy.html")
    for words in (
        "A username and a password.",
        "one-way",
        "An email address, only if you give one.",
        "reset a forgotten password",
        "encrypted",
        "private to you",
        "share link",
        "Stage check-ins are stored only if you are signed in and choose to save",
        "No analytics, no advertising and no third-party trackers.",
        "No content delivery networks",
        "Export everything",
        "Delete your account",
    ):
        assertContains(response, words)
    assertContains(response, 'href="/accounts/export/"')
    assertContains(response, 'href="/accounts/delete/"')


@pytest.mark.parametrize("path", ["/", "/toolbox/", "/privacy/"])
def test_the_footer_links_about_and_privacy_on_every_page(client, path):
    response = client.get(path)

    assertContains(response, '<nav aria-label="About this site"', html=False)
    assertContains(response, '<a href="/about/">About the program</a>', html=True)
    assertContains(response, '<a href="/privacy/">Privacy</a>', html=True)
