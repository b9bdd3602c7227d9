"""Saving, autosaving, revisions, restoring and the refusal of stale saves."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertRedirects

from tests.worksheets.conftest import SECRET, form_data
from worksheets.models import Worksheet


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant)
    return client


def test_a_participant_starts_a_cba_and_finds_it_in_their_list(signed_in, participant):
    response = signed_in.post(
        "/worksheets/new/cba/",
        {"version": "1", "title": "Weeknights", "keep_benefits-0-item": "It helps me unwind"},
    )
    worksheet = Worksheet.objects.get(owner=participant)
    assertRedirects(response, f"/worksheets/{worksheet.pk}/", fetch_redirect_response=False)
    assert worksheet.answers["keep_benefits"] == [
        {"item": "It helps me unwind", "term": "", "weight": None}
    ]
    page = signed_in.get("/worksheets/").content.decode()
    assert "Weeknights" in page and "Cost/Benefit Analysis" in page and "Draft" in page


def test_looking_at_a_new_worksheet_stores_nothing(signed_in, participant):
    assertContains(signed_in.get("/worksheets/new/change-plan/"), "The steps I plan to take")
    assert Worksheet.objects.count() == 0


@pytest.mark.parametrize("kind", ["urges", "nonsense", "CBA"])
def test_an_unknown_kind_is_a_404(signed_in, kind):
    assert signed_in.get(f"/worksheets/new/{kind}/").status_code == 404


def test_every_save_is_a_revision_and_marks_complete(signed_in, cba):
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="First look", complete="on"))
    cba.refresh_from_db()
    assert cba.version == 2
    assert cba.status == Worksheet.Status.COMPLETE
    assert list(cba.revisions.values_list("number", "kind_of_save")) == [(2, "save"), (1, "save")]
    assert cba.revisions.get(number=2).answers["reflection"] == "First look"


def test_autosave_answers_json_with_the_new_version(signed_in, cba):
    response = signed_in.post(
        f"/worksheets/{cba.pk}/autosave/", form_data(cba, reflection="typing…", _autosave="1")
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    cba.refresh_from_db()
    assert cba.answers["reflection"] == "typing…"
    assert cba.revisions.first().kind_of_save == "autosave"


def test_autosaves_within_two_minutes_fold_into_one_revision(signed_in, cba):
    start = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for version, words in [(1, "one"), (2, "one two"), (3, "one two three")]:
            cba.version = version
            signed_in.post(f"/worksheets/{cba.pk}/autosave/", form_data(cba, reflection=words))
            clock.shift(datetime.timedelta(seconds=50))
        assert cba.revisions.filter(kind_of_save="autosave").count() == 1
        clock.shift(datetime.timedelta(minutes=2))
        cba.version = 4
        signed_in.post(f"/worksheets/{cba.pk}/autosave/", form_data(cba, reflection="later"))
    autosaves = cba.revisions.filter(kind_of_save="autosave")
    assert [r.answers["reflection"] for r in autosaves] == ["later", "one two three"]


def test_an_explicit_save_after_an_autosave_always_adds_a_revision(signed_in, cba):
    signed_in.post(f"/worksheets/{cba.pk}/autosave/", form_data(cba, reflection="draft"))
    cba.version = 2
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="draft, saved"))
    assert list(cba.revisions.values_list("kind_of_save", flat=True)) == [
        "save",
        "autosave",
        "save",
    ]


def test_restoring_a_revision_brings_its_words_back_and_keeps_the_present(signed_in, cba):
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="Second thoughts"))
    response = signed_in.post(f"/worksheets/{cba.pk}/revisions/1/restore/")

    assertRedirects(response, f"/worksheets/{cba.pk}/", fetch_redirect_response=False)
    cba.refresh_from_db()
    assert cba.answers["reflection"] == ""
    assert cba.answers["keep_benefits"][0]["item"] == SECRET
    assert list(cba.revisions.values_list("number", "kind_of_save")) == [
        (3, "restore"),
        (2, "save"),
        (1, "save"),
    ]
    assert cba.revisions.get(number=2).answers["reflection"] == "Second thoughts"
    assertContains(signed_in.get(f"/worksheets/{cba.pk}/revisions/"), "Second thoughts")


def test_restoring_an_unknown_revision_is_a_404(signed_in, cba):
    assert signed_in.post(f"/worksheets/{cba.pk}/revisions/99/restore/").status_code == 404


def test_a_stale_autosave_is_refused_with_409_and_kept_as_a_revision(signed_in, cba):
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="From the laptop"))
    stale = form_data(cba, reflection="From the phone")  # still version 1

    response = signed_in.post(f"/worksheets/{cba.pk}/autosave/", stale)

    assert response.status_code == 409
    assert response.json()["version"] == 2
    cba.refresh_from_db()
    assert cba.answers["reflection"] == "From the laptop"
    assert cba.revisions.first().kind_of_save == "conflict"
    assert cba.revisions.first().answers["reflection"] == "From the phone"


def test_a_stale_form_save_shows_both_texts_and_lets_the_participant_choose(signed_in, cba):
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="From the laptop"))

    response = signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="From the phone"))

    assert response.status_code == 409
    assertContains(response, "From the laptop", status_code=409)
    assertContains(response, "From the phone", status_code=409)
    assertContains(response, "Keep my version", status_code=409)
    assertContains(response, 'name="version" value="2"', status_code=409)
    cba.refresh_from_db()
    assert cba.answers["reflection"] == "From the laptop"

    cba.version = 2
    signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="From the phone"))
    cba.refresh_from_db()
    assert cba.answers["reflection"] == "From the phone"


def test_an_over_long_answer_is_refused_beside_the_field_with_nothing_lost(signed_in, cba):
    long_text = "I keep going back to it because " + "x" * 4000
    response = signed_in.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection=long_text))

    assert response.status_code == 422
    page = response.content.decode()
    assert long_text in page
    error_at = page.index('id="id_reflection_error"')
    assert page.index('id="id_reflection"') < error_at
    assert "longer than the 4000 characters" in page[error_at : error_at + 400]
    assert "maxlength" not in page
    cba.refresh_from_db()
    assert cba.version == 1


def test_an_over_long_autosave_is_refused_with_the_field_named(signed_in, cba):
    response = signed_in.post(
        f"/worksheets/{cba.pk}/autosave/", form_data(cba, **{"keep_costs-0-item": "y" * 301})
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["keep_costs-0-item"]
    assert "y" * 20 not in response.content.decode()


def test_add_a_row_saves_and_offers_more_rows_without_javascript(signed_in, cba):
    response = signed_in.post(
        f"/worksheets/{cba.pk}/",
        form_data(cba, add_row="stop_costs", **{"stop_costs-0-item": "Losing my drinking pals"}),
    )
    assertRedirects(
        response, f"/worksheets/{cba.pk}/?add=stop_costs#list-stop_costs", target_status_code=200
    )
    page = signed_in.get(response.url).content.decode()
    assert "Losing my drinking pals" in page
    assert 'name="stop_costs-4-item"' in page
    cba.refresh_from_db()
    assert cba.answers["stop_costs"][0]["item"] == "Losing my drinking pals"


def test_the_form_shows_every_stored_word(signed_in, cba):
    page = signed_in.get(f"/worksheets/{cba.pk}/").content.decode()
    for words in (SECRET, "Foggy mornings at work", "My liver", "Being there for Sam"):
        assert words in page
    assert "data-autosave-url" in page
    assert 'aria-live="polite"' in page
