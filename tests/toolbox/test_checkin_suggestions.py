"""Which stage the check-in suggests, at the edges of each rule."""

from __future__ import annotations

import pytest

from toolbox.checkin import Answers, Changing, Pull, suggest


def answers(**overrides) -> Answers:
    base = {
        "importance": 5,
        "confidence": 5,
        "changing": Changing.NOT_YET,
        "slipped": False,
        "plan": False,
        "pull": Pull.SOMETIMES,
    }
    return Answers(**{**base, **overrides})


@pytest.mark.parametrize(
    ("importance", "plan", "stage"),
    [
        (0, False, "precontemplation"),
        (3, False, "precontemplation"),
        (3, True, "precontemplation"),
        (4, False, "contemplation"),
        (10, False, "contemplation"),
        (6, True, "contemplation"),
        (7, True, "preparation"),
        (10, True, "preparation"),
    ],
)
def test_before_changing_importance_and_a_plan_decide_the_stage(importance, plan, stage):
    assert suggest(answers(importance=importance, plan=plan)).stage_slug == stage


@pytest.mark.parametrize("importance", [0, 10])
def test_someone_who_started_changing_recently_is_in_action(importance):
    suggestion = suggest(answers(changing=Changing.RECENTLY, importance=importance))

    assert suggestion.stage_slug == "action"


@pytest.mark.parametrize(
    ("pull", "confidence", "stage"),
    [
        (Pull.RARELY, 9, "termination"),
        (Pull.RARELY, 10, "termination"),
        (Pull.RARELY, 8, "maintenance"),
        (Pull.SOMETIMES, 10, "maintenance"),
        (Pull.OFTEN, 10, "maintenance"),
    ],
)
def test_after_six_months_only_a_rare_pull_and_high_confidence_mean_termination(
    pull, confidence, stage
):
    suggestion = suggest(answers(changing=Changing.SIX_MONTHS, pull=pull, confidence=confidence))

    assert suggestion.stage_slug == stage


@pytest.mark.parametrize("changing", [Changing.NOT_YET, Changing.RECENTLY, Changing.SIX_MONTHS])
def test_a_recent_slip_suggests_the_relapse_stage_whatever_else(changing):
    suggestion = suggest(
        answers(changing=changing, slipped=True, importance=10, confidence=10, pull=Pull.RARELY)
    )

    assert suggestion.stage_slug == "relapse"


def test_every_suggestion_says_why():
    assert "six months or more" in suggest(answers(changing=Changing.SIX_MONTHS)).reason
    assert "gone back" in suggest(answers(slipped=True)).reason


def test_the_rulers_prompt_questions_about_the_numbers_chosen():
    prompts = suggest(answers(importance=6, confidence=4)).prompts

    assert "You put importance at 6, not 0. What made it a 6?" in prompts[0]
    assert "What would help move it to 5?" in prompts[1]


def test_there_is_no_why_not_lower_at_zero_and_no_one_higher_at_ten():
    prompts = suggest(answers(importance=0, confidence=10)).prompts

    assert prompts == []


@pytest.mark.parametrize(
    ("importance", "confidence", "shown"),
    [(7, 3, True), (10, 0, True), (6, 3, False), (7, 4, False)],
)
def test_high_importance_with_low_confidence_gets_a_word_of_encouragement(
    importance, confidence, shown
):
    prompts = suggest(answers(importance=importance, confidence=confidence)).prompts

    assert any("Confidence grows from small successes" in p for p in prompts) is shown
