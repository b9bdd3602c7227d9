from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.conftest import PASSWORD
from tests.toolbox.conftest import links
from toolbox.models import Stage
from worksheets.models import StageCheckIn

pytestmark = pytest.mark.django_db

PREPARING = {
    "importance": "8",
    "confidence": "5",
    "changing": "not_yet",
    "slipped": "no",
    "plan": "yes",
    "pull": "sometimes",
}


@pytest.fixture
def signed_in(client, participant) -> User:
    client.force_login(participant)
    return participant


def test_the_check_in_asks_two_rulers_from_0_to_10_and_a_few_questions(client):
    response = client.get("/stages/check-in/")

    for name in ("importance", "confidence"):
        for number in range(11):
            assertContains(
                response, f'<input type="radio" name="{name}" value="{number}"', html=False
            )
        assertNotContains(response, f'name="{name}" value="11"')
    for name in ("changing", "slipped", "plan", "pull"):
        assertContains(response, f'name="{name}"')
    assertContains(response, "a map, not a verdict")


def test_it_suggests_a_stage_and_its_tools(client):
    response = client.post("/stages/check-in/", PREPARING)

    stage = Stage.objects.get(slug="preparation")
    assert response.context["stage"] == stage
    assertContains(response, "The stage that seems to fit you right now:")
    assertContains(response, "A map, not a verdict.")
    hrefs = links(response)
    for tool in stage.tools.all():
        assert tool.get_absolute_url() in hrefs
    assert "/worksheets/new/change-plan/" in hrefs


def test_it_stores_nothing_for_an_anonymous_visitor_even_asked_to_save(client):
    response = client.post("/stages/check-in/", {**PREPARING, "save": "on"})

    assert response.status_code == 200
    assertContains(response, "Nothing you entered was stored.")
    assertNotContains(response, "Save this check-in")
    assert StageCheckIn.objects.count() == 0


def test_a_signed_in_participant_who_does_not_tick_save_stores_nothing(client, signed_in):
    response = client.post("/stages/check-in/", PREPARING)

    assertContains(response, "This check-in has not been saved.")
    assertContains(response, "Save this check-in")
    assertContains(response, '<input type="hidden" name="importance" value="8">', html=True)
    assertContains(response, '<input type="hidden" name="save" value="on">', html=True)
    assert StageCheckIn.objects.count() == 0


def test_a_signed_in_participant_who_ticks_save_keeps_the_check_in(client, signed_in):
    response = client.post("/stages/check-in/", {**PREPARING, "save": "on"})

    saved = StageCheckIn.objects.get()
    assertRedirects(response, f"/stages/check-in/{saved.pk}/")
    assert saved.owner == signed_in
    assert saved.stage.slug == "preparation"
    assert (saved.importance, saved.confidence) == (8, 5)
    assert saved.answers == {
        "changing": "not_yet",
        "slipped": False,
        "plan": True,
        "pull": "sometimes",
    }


def test_the_owner_sees_a_saved_check_in(client, signed_in):
    client.post("/stages/check-in/", {**PREPARING, "save": "on"})
    saved = StageCheckIn.objects.get()

    response = client.get(f"/stages/check-in/{saved.pk}/")

    assertContains(response, "Your check-in is saved. Only you can see it.")
    assertContains(response, "Determination/Preparation")
    assertContains(response, "You put importance at 8, not 0.")
    assert "/toolbox/tools/change-plan/" in links(response)


def test_a_stranger_never_sees_another_participants_check_in(client, participant, stranger):
    saved = StageCheckIn.objects.create(
        owner=participant,
        stage=Stage.objects.get(slug="action"),
        importance=9,
        confidence=2,
        answers={"changing": "recently", "slipped": False, "plan": False, "pull": "often"},
    )
    client.force_login(stranger)

    assert client.get(f"/stages/check-in/{saved.pk}/").status_code == 404


def test_staff_cannot_see_a_participants_check_in_either(client, participant):
    saved = StageCheckIn.objects.create(
        owner=participant,
        stage=Stage.objects.get(slug="action"),
        importance=9,
        confidence=2,
        answers={"changing": "recently", "slipped": False, "plan": False, "pull": "often"},
    )
    client.force_login(User.objects.create_user("fay", password=PASSWORD, is_staff=True))

    assert client.get(f"/stages/check-in/{saved.pk}/").status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in_for_a_saved_check_in(client, participant):
    saved = StageCheckIn.objects.create(
        owner=participant,
        stage=Stage.objects.get(slug="action"),
        importance=5,
        confidence=5,
        answers={"changing": "recently", "slipped": False, "plan": False, "pull": "often"},
    )

    response = client.get(f"/stages/check-in/{saved.pk}/")

    assertRedirects(response, f"/accounts/login/?next=/stages/check-in/{saved.pk}/")


@pytest.mark.parametrize(
    "change",
    [{"importance": "11"}, {"confidence": "-1"}, {"pull": "always"}, {"changing": ""}],
)
def test_bad_answers_are_shown_again_with_errors_and_nothing_is_stored(client, signed_in, change):
    response = client.post("/stages/check-in/", {**PREPARING, **change, "save": "on"})

    assert response.status_code == 200
    assertContains(response, "Please answer each question below")
    assert "stage" not in response.context
    assert StageCheckIn.objects.count() == 0


def test_a_saved_check_in_keeps_its_rulers_between_0_and_10(participant):
    checkin = StageCheckIn(
        owner=participant, stage=Stage.objects.get(slug="action"), importance=11, confidence=5
    )
    with pytest.raises(ValidationError):
        checkin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        checkin.save()


def test_deleting_an_account_deletes_its_check_ins(participant):
    StageCheckIn.objects.create(
        owner=participant, stage=Stage.objects.get(slug="action"), importance=5, confidence=5
    )

    participant.delete()

    assert StageCheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "title"),
    [
        ({"importance": "1", "plan": "no"}, "Precontemplation"),
        ({"importance": "5", "plan": "no"}, "Contemplation"),
        ({}, "Determination/Preparation"),
        ({"changing": "recently"}, "Action"),
        ({"changing": "six_months"}, "Maintenance"),
        ({"slipped": "yes"}, "Relapse"),
        ({"changing": "six_months", "pull": "rarely", "confidence": "10"}, "Termination"),
    ],
)
def test_every_stage_the_check_in_can_suggest_has_its_page(client, change, title):
    response = client.post("/stages/check-in/", {**PREPARING, **change})

    assert response.context["stage"].title == title
    assert response.context["stage"].get_absolute_url() in links(response)
