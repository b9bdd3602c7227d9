"""The seven kinds after the first two: each has a form, a print page and an export."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from pytest_django.asserts import assertContains, assertNotContains

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.kinds import REGISTRY, get_kind
from worksheets.kinds.abc import demanding_words
from worksheets.models import Worksheet

# For each kind: a field it asks, posted answers, and words the saved page must show.
KINDS = {
    "hov": (
        "What matters most to me",
        {"values-0-value": "Being there for my kids", "values-0-effect": "harms"},
        "Being there for my kids",
    ),
    "abc": (
        "What happened (the activating event)",
        {"event": "My boss criticised my report", "feeling_strength": "8"},
        "My boss criticised my report",
    ),
    "disarm": (
        "The voice of the urge",
        {"name": "The Salesman", "lines-0-line": "Just one", "lines-0-answer": "Never just one"},
        "The Salesman",
    ),
    "deads": (
        "Substitute",
        {"situation": "Friday after work", "substitute": "Call Jo and go climbing"},
        "Call Jo and go climbing",
    ),
    "problem-solving": (
        "Every option I can think of",
        {"problem": "Evenings alone", "options-0-option": "Night class", "working": "partly"},
        "Night class",
    ),
    "balance-pie": (
        "Areas of my life",
        {"areas-0-area": "Health", "areas-0-rating": "7", "nudge": "Walk on Sundays"},
        "Walk on Sundays",
    ),
    "vaci": (
        "Activities that could give me those things",
        {"activities-0-activity": "Pottery class", "activities-0-before": "3"},
        "Pottery class",
    ),
    "journal": (
        "A prompt to start from (optional)",
        {
            "entries-0-date": "2026-11-30",
            "entries-0-prompt": "went-well",
            "entries-0-entry": "Walked home past the pub",
        },
        "Walked home past the pub",
    ),
    "triggers": (
        "How risky is it for me?",
        {"triggers-0-trigger": "Payday Friday", "triggers-0-type": "situation"},
        "Payday Friday",
    ),
    "week-plan": (
        "Times this week that could be hard, and my plan for each",
        {"week_start": "2026-11-30", "friday": "Climbing with Jo after work", "followed": "6"},
        "Climbing with Jo after work",
    ),
    "goals": (
        "Dates to review my progress",
        {
            "goal": "Walk 30 minutes three times a week",
            "target": "2027-01-31",
            "steps-0-step": "Find my trainers",
            "reviews-0-date": "2026-12-14",
            "reviews-0-progress": "3",
        },
        "Walk 30 minutes three times a week",
    ),
    "acceptance": (
        "An accepting belief",
        {
            "whom": "self",
            "event": "I snapped at my son",
            "accepting": "I made a mistake, and I am still a worthwhile person",
            "feeling_before": "8",
        },
        "I made a mistake, and I am still a worthwhile person",
    ),
    "ff-communication": (
        "One short, positive, specific request",
        {
            "request": "Would you come for a walk with me on Saturday?",
            "rewards-0-behaviour": "Home for dinner",
            "rewards-0-reward": "Cook his favourite",
        },
        "Would you come for a walk with me on Saturday?",
    ),
    "ff-self-care": (
        "Activities that are just for me",
        {"activities-0-activity": "Swimming", "activities-0-when": "Tuesday mornings"},
        "Tuesday mornings",
    ),
}
# A rating field of each kind (a list's first row where the rating sits in a list).
RATINGS = {
    "hov": None,
    "abc": "feeling_strength",
    "disarm": None,
    "deads": "confidence",
    "problem-solving": "options-0-appeal",
    "balance-pie": "areas-0-rating",
    "vaci": "activities-0-after",
    "journal": None,
    "triggers": "triggers-0-risk",
    "week-plan": "followed",
    "goals": "reviews-0-progress",
    "acceptance": "feeling_after",
    "ff-communication": "went",
    "ff-self-care": "stress",
}


def test_every_kind_but_the_first_two_runs_through_these_shared_tests():
    assert set(KINDS) == set(REGISTRY) - {"cba", "change-plan"}
    assert set(RATINGS) == set(KINDS)


def test_all_kinds_are_offered_in_the_toolbox_order(client, db):
    assert list(REGISTRY) == [kind.value for kind in WorksheetKind]
    page = client.get("/worksheets/").content.decode()
    starts = re.findall(r'href="/worksheets/new/([a-z-]+)/"', page)
    assert starts == [kind.value for kind in WorksheetKind]


def create(owner, kind: str, **answers) -> Worksheet:
    return Worksheet.objects.create(owner=owner, kind=kind, answers=answers)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_starts_with_its_own_form(client, participant, kind):
    client.force_login(participant)
    prompt, _, _ = KINDS[kind]
    response = client.get(f"/worksheets/new/{kind}/")
    assertContains(response, get_kind(kind).label)
    assertContains(response, prompt)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_saves_its_answers(client, participant, kind):
    client.force_login(participant)
    _, posted, shown = KINDS[kind]
    response = client.post(f"/worksheets/new/{kind}/", {"version": "1", **posted})
    worksheet = Worksheet.objects.get(owner=participant, kind=kind)
    assert response.status_code == 302
    assertContains(client.get(response.url), shown)
    stored = json.dumps(worksheet.answers)
    assert shown in stored


@pytest.mark.parametrize("kind", [k for k, field in RATINGS.items() if field])
@pytest.mark.parametrize("value", ["11", "-1", "seven"])
def test_a_rating_out_of_range_is_refused_beside_its_field(client, participant, kind, value):
    client.force_login(participant)
    field = RATINGS[kind]
    data = {"version": "1", field: value}
    if field.startswith(("areas-", "activities-", "options-", "triggers-", "reviews-")):
        first = {
            "reviews": "notes",
            "areas": "area",
            "activities": "activity",
            "options": "option",
            "triggers": "trigger",
        }
        name = field.split("-")[0]
        data[f"{name}-0-{first[name]}"] = "Something"
    response = client.post(f"/worksheets/new/{kind}/", data)
    assert response.status_code == 422
    assert not Worksheet.objects.filter(owner=participant).exists()
    assertContains(response, f'id="id_{field}_error"', status_code=422)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_a_print_page_and_a_json_export(client, participant, kind):
    client.force_login(participant)
    _, posted, shown = KINDS[kind]
    client.post(f"/worksheets/new/{kind}/", {"version": "1", **posted})
    worksheet = Worksheet.objects.get(owner=participant, kind=kind)

    printed = client.get(f"/worksheets/{worksheet.pk}/print/")
    assertContains(printed, shown)
    for section in get_kind(kind).sections:
        assertContains(printed, section.title, html=False)

    exported = client.get(f"/worksheets/{worksheet.pk}/export.json")
    data = json.loads(exported.content)
    assert data["kind"] == kind
    assert shown in json.dumps(data["readable"], ensure_ascii=False)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_encrypted_at_rest(client, participant, kind):
    client.force_login(participant)
    _, posted, shown = KINDS[kind]
    client.post(f"/worksheets/new/{kind}/", {"version": "1", **posted})
    worksheet = Worksheet.objects.get(owner=participant, kind=kind)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title::text, answers::text FROM worksheets_worksheet WHERE id = %s",
            [worksheet.pk],
        )
        raw = repr(cursor.fetchall())
    assert shown not in raw
    assert shown in json.dumps(worksheet.answers)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_autosaves_as_the_participant_types(client, participant, kind):
    client.force_login(participant)
    _, posted, shown = KINDS[kind]
    client.post(f"/worksheets/new/{kind}/", {"version": "1"})
    worksheet = Worksheet.objects.get(owner=participant, kind=kind)
    response = client.post(
        f"/worksheets/{worksheet.pk}/autosave/",
        {"version": str(worksheet.version), "_autosave": "1", **posted},
    )
    assert response.status_code == 200, response.content
    worksheet.refresh_from_db()
    assert shown in json.dumps(worksheet.answers)
    assert response.json()["version"] == worksheet.version


@pytest.mark.parametrize("kind", KINDS)
def test_nobody_else_can_open_a_worksheet_of_these_kinds(client, participant, stranger, kind):
    worksheet = create(participant, kind)
    client.force_login(stranger)
    assert client.get(f"/worksheets/{worksheet.pk}/").status_code == 404
    assert client.get(f"/worksheets/{worksheet.pk}/print/").status_code == 404


# Hierarchy of Values: ordering without JavaScript.


def hov_post(values: list[str], **extra) -> dict[str, str]:
    data = {"version": "1"}
    for index, value in enumerate(values):
        data[f"values-{index}-value"] = value
    data.update(extra)
    return data


def test_hov_rows_have_move_buttons_that_post_without_javascript(client, participant):
    worksheet = create(participant, "hov", values=[{"value": "Family"}, {"value": "Health"}])
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/")
    assertContains(response, 'name="move_row" value="values:0:down"')
    assertContains(response, 'name="move_row" value="values:1:up"')
    assertNotContains(response, 'value="values:0:up"')
    # The blank row to add a value has nothing to move.
    assertContains(response, 'name="values-2-value"')
    assertNotContains(response, 'value="values:2:up"')


def test_moving_a_value_up_saves_the_new_order(client, participant):
    worksheet = create(participant, "hov", values=[{"value": "Family"}])
    client.force_login(participant)
    response = client.post(
        f"/worksheets/{worksheet.pk}/",
        hov_post(["Family", "Health", "Honesty"], move_row="values:2:up"),
    )
    assert response.status_code == 302
    assert response.url.endswith("#list-values")
    worksheet.refresh_from_db()
    assert [v["value"] for v in worksheet.answers["values"]] == ["Family", "Honesty", "Health"]


def test_moving_the_first_value_up_changes_nothing(client, participant):
    worksheet = create(participant, "hov")
    client.force_login(participant)
    client.post(f"/worksheets/{worksheet.pk}/", hov_post(["A", "B"], move_row="values:0:up"))
    worksheet.refresh_from_db()
    assert [v["value"] for v in worksheet.answers["values"]] == ["A", "B"]


def test_the_hov_summary_shows_the_top_five_in_order(client, participant):
    values = [{"value": name} for name in ["Kids", "Health", "Music", "Work", "Faith", "Garden"]]
    worksheet = create(participant, "hov", values=values, behaviour_place="first")
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/")
    top = re.search(r'<ol class="ws-top">(.*?)</ol>', response.content.decode(), re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", top) == ["Kids", "Health", "Music", "Work", "Faith"]
    assertContains(response, "At the very top: above everything on my list")


# ABC: the must/should words.


def test_demanding_words_are_found_once_each_in_order():
    text = "I MUST get it right. People should   never see me fail. I must, I have to."
    assert demanding_words(text) == ["must", "should", "never", "have to"]
    assert demanding_words("I'd prefer it went well; mustard is fine") == []
    assert demanding_words("I can’t stand it, I can't  stand it") == ["can't stand"]


def test_the_abc_page_points_out_must_and_should_gently(client, participant):
    worksheet = create(participant, "abc", beliefs="I should have coped. I must not fail.")
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/")
    assertContains(response, "Your beliefs use “should”, “must”.")
    assertContains(response, "There is nothing wrong with having written them")


def test_demanding_words_are_found_in_the_pages_language_too():
    assert demanding_words("Debería haberlo hecho; siempre fallo.", "es") == ["debería", "siempre"]
    assert demanding_words("Je dois réussir, il faut que je tienne.", "fr") == ["dois", "il faut"]
    # Another language's words stay unremarked: Portuguese "dois" is the number two.
    assert demanding_words("Tenho dois filhos.", "pt") == []


def test_the_abc_page_in_spanish_points_them_out_in_spanish(client, participant):
    worksheet = create(participant, "abc", beliefs="Debería haberlo hecho mejor. Nunca aprendo.")
    client.force_login(participant)
    response = client.get(f"/es/worksheets/{worksheet.pk}/")
    assertContains(response, "Tus creencias usan «debería», «nunca».")
    assertNotContains(response, "Your beliefs use")


def test_the_abc_page_says_nothing_of_the_kind_without_those_words(client, participant):
    worksheet = create(participant, "abc", beliefs="I'd have liked it to go better.")
    client.force_login(participant)
    assertNotContains(client.get(f"/worksheets/{worksheet.pk}/"), "Your beliefs use")


# Balance pie: prefill, chart, change since last time.


def test_a_new_pie_is_prefilled_from_the_latest_hierarchy_of_values(client, participant):
    create(participant, "hov", values=[{"value": "Old value"}])
    latest = create(participant, "hov", values=[{"value": n} for n in ["Kids", "Health", "Art"]])
    latest.save()  # updated later than the first
    client.force_login(participant)
    response = client.get("/worksheets/new/balance-pie/")
    assertContains(response, 'value="Kids"')
    assertContains(response, 'value="Art"')
    assertNotContains(response, 'value="Old value"')
    # Topped up to six areas with common ones.
    assertContains(response, 'name="areas-5-area"')


def test_a_new_pie_without_values_starts_with_common_areas(client, participant, stranger):
    create(stranger, "hov", values=[{"value": "Stranger's secret value"}])
    client.force_login(participant)
    response = client.get("/worksheets/new/balance-pie/")
    assertContains(response, 'value="Health and body"')
    assertNotContains(response, "Stranger")


def pie(owner, ratings: dict[str, int | None], **fields) -> Worksheet:
    areas = [{"area": name, "rating": rating} for name, rating in ratings.items()]
    return Worksheet.objects.create(
        owner=owner, kind="balance-pie", answers={"areas": areas}, **fields
    )


def test_the_pie_draws_each_rating_as_a_radius_and_lists_every_area(client, participant):
    areas = {"Health": 7, "Family": 10, "Work": 3, "Money": 0, "Fun": 5, "Home": None}
    worksheet = pie(participant, areas)
    client.force_login(participant)
    page = client.get(f"/worksheets/{worksheet.pk}/").content.decode()

    svg = re.search(r"<svg class=\"ws-pie-chart\".*?</svg>", page, re.S).group(0)
    slices = re.findall(r'<path class="ws-pie-slice" d="([^"]+)"', svg)
    # Zero and unrated areas draw no slice; the full radius is 100, so 7 reaches 70.
    assert len(slices) == 4
    assert " A 70,70 " in slices[0]
    assert " A 100,100 " in slices[1]
    assert " A 30,30 " in slices[2]
    assert 'role="img"' in svg
    assert "Health: 7 out of 10" in svg and "Home: not rated" in svg
    table = re.search(r'<table class="table table-sm ws-table">.*?</table>', page, re.S).group(0)
    for name in areas:
        assert f'<th scope="row">{name}</th>' in table


def test_a_seven_is_drawn_at_seven_tenths_of_the_full_radius():
    from worksheets.kinds.balance_pie import RADIUS, summary

    result = summary({"areas": [{"area": a, "rating": 7} for a in "ABCDEF"]})
    assert {area["radius"] for area in result["areas"]} == {RADIUS * 0.7}
    # The first slice starts straight up from the centre at the radius of a seven.
    assert result["areas"][0]["path"].startswith(
        f"M {result['centre']},{result['centre']} L {result['centre']}.0,{result['centre'] - 70}.0"
    )


def test_a_repeat_pie_shows_the_change_since_the_previous_one(client, participant):
    import datetime

    from django.utils import timezone

    earlier = timezone.now() - datetime.timedelta(days=30)
    pie(participant, {"Health": 4, "Family": 6}, created=earlier, updated=earlier)
    worksheet = pie(participant, {"health": 7, "Family": 5, "Art": 2})
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/")
    assertContains(response, "the change since my previous pie")
    rows = re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S)
    health = next(row for row in rows if ">health<" in row)
    assert "<td>4</td><td>+3</td>" in health
    family = next(row for row in rows if ">Family<" in row)
    assert "<td>6</td><td>-1</td>" in family


def test_the_first_pie_has_no_change_column(client, participant):
    worksheet = pie(participant, {"Health": 4})
    client.force_login(participant)
    assertNotContains(client.get(f"/worksheets/{worksheet.pk}/"), "Last time")


# Problem Solving: pros and cons per option, as its tool page says.


def test_each_problem_solving_option_has_its_own_pros_and_cons(client, participant):
    client.force_login(participant)
    response = client.post(
        "/worksheets/new/problem-solving/",
        {
            "version": "1",
            "options-0-option": "Night class",
            "options-0-pros": "Meet people",
            "options-0-cons": "Costs money",
            "options-1-option": "Call my sister",
            "options-1-pros": "Free",
        },
    )
    worksheet = Worksheet.objects.get(owner=participant, kind="problem-solving")
    options = worksheet.answers["options"]
    assert [(o["option"], o["pros"], o["cons"]) for o in options] == [
        ("Night class", "Meet people", "Costs money"),
        ("Call my sister", "Free", ""),
    ]
    printed = client.get(f"/worksheets/{worksheet.pk}/print/")
    assertContains(printed, "Pros: what speaks for it")
    assertContains(printed, "Costs money")
    assert response.status_code == 302


def test_an_earlier_problem_solving_worksheet_without_pros_and_cons_still_opens(
    client, participant
):
    worksheet = create(participant, "problem-solving", options=[{"option": "Night class"}])
    client.force_login(participant)
    assertContains(client.get(f"/worksheets/{worksheet.pk}/"), "Night class")


# DISARM: one expansion, images as well as the voice.


def test_the_disarm_worksheet_uses_the_programs_expansion_and_asks_about_images(
    client, participant
):
    assert "Destructive Images and Self-talk Awareness and Refusal Method" in (
        get_kind("disarm").intro
    )
    client.force_login(participant)
    response = client.post(
        "/worksheets/new/disarm/",
        {
            "version": "1",
            "images-0-image": "A cold beer on a sunny terrace",
            "images-0-answer": "Then the next six, and a lost Sunday",
        },
    )
    worksheet = Worksheet.objects.get(owner=participant, kind="disarm")
    assert worksheet.answers["images"] == [
        {
            "image": "A cold beer on a sunny terrace",
            "answer": "Then the next six, and a lost Sunday",
        }
    ]
    assertContains(client.get(response.url), "The pictures it shows me")


# DEADS: the program's current letters, with the classic ones kept for those who use them.


def test_the_deads_worksheet_follows_the_current_letters_then_offers_the_classic_ones():
    kind = get_kind("deads")
    plan, classic = kind.sections[1], kind.sections[2]
    assert [f.label for f in plan.fields] == ["Deny", "Escape", "Accept", "Dispute", "Substitute"]
    assert [f.label for f in classic.fields] == ["Delay", "Avoid", "Distract"]
    assert "optional" in classic.title


def test_a_deads_plan_written_with_the_classic_letters_still_shows_them(client, participant):
    worksheet = create(participant, "deads", delay="Wait ten minutes", avoid="The corner shop")
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/print/")
    assertContains(response, "Wait ten minutes")
    assertContains(response, "The corner shop")


# Triggers: ranked by risk, and offered by the urge log.


def test_the_triggers_summary_ranks_them_riskiest_first(client, participant):
    worksheet = create(
        participant,
        "triggers",
        triggers=[
            {"trigger": "Boredom", "type": "feeling", "risk": 4},
            {"trigger": "Payday Friday", "type": "situation", "risk": 9},
            {"trigger": "Old friends", "type": "people", "risk": None},
        ],
    )
    client.force_login(participant)
    page = client.get(f"/worksheets/{worksheet.pk}/").content.decode()
    summary = page[page.index("My triggers, riskiest first") :]
    assert summary.index("Payday Friday") < summary.index("Boredom") < summary.index("Old friends")


# Plan your week: every day, then a review.


def test_the_week_plan_has_every_day_in_order_and_a_review_at_the_end():
    kind = get_kind("week-plan")
    names = [f.name for f in kind.sections[0].fields]
    assert names == [
        "week_start",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    assert kind.sections[-1].title == "At the end of the week"
    assert {f.name for f in kind.sections[-1].fields} == {"followed", "went_well", "next_week"}


# Goal setting: linked from the Change Plan.


def test_the_change_plan_form_offers_a_goal_setting_worksheet(client, participant):
    client.force_login(participant)
    response = client.get("/worksheets/new/change-plan/")
    assertContains(response, '<a href="/worksheets/new/goals/">Start a Goal Setting worksheet</a>')


def test_a_goal_has_steps_and_review_dates(client, participant):
    kind = get_kind("goals")
    lists = {
        f.name: [sub.name for sub in f.subfields] for f in kind.fields if hasattr(f, "subfields")
    }
    assert lists == {"steps": ["step", "date"], "reviews": ["date", "progress", "notes"]}
    assert {"goal", "measure", "achievable", "target"} <= {f.name for f in kind.fields}


# Unconditional acceptance: self, others and life.


def test_the_acceptance_worksheet_asks_whom_the_judgment_is_about():
    whom = next(f for f in get_kind("acceptance").fields if f.name == "whom")
    assert [label for _, label in whom.choices] == [
        "Myself",
        "Another person",
        "Life, or a situation",
    ]


# Family & Friends: a communication plan and a self-care plan, each offering the other.


def test_the_family_worksheets_offer_each_other_and_put_safety_first(client, participant):
    client.force_login(participant)
    communication = client.get("/worksheets/new/ff-communication/")
    assertContains(communication, "Your own safety comes first")
    assertContains(communication, 'href="/worksheets/new/ff-self-care/"')
    self_care = client.get("/worksheets/new/ff-self-care/")
    assertContains(self_care, "If I ever feel unsafe")
    assertContains(self_care, 'href="/worksheets/new/ff-communication/"')


# VACI: before and after.


def test_the_vaci_summary_shows_before_and_after_trying(client, participant):
    worksheet = create(
        participant,
        "vaci",
        activities=[
            {"activity": "Pottery class", "gives": "Calm", "before": 3, "after": 8},
            {"activity": "Running", "gives": "A rush", "before": 6, "after": None},
        ],
    )
    client.force_login(participant)
    response = client.get(f"/worksheets/{worksheet.pk}/")
    rows = re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S)
    pottery = next(row for row in rows if "Pottery class" in row)
    assert "<td>3</td><td>8</td><td>+5</td>" in pottery
    running = next(row for row in rows if "Running" in row)
    assert "not tried yet" in running


def test_the_vaci_form_asks_for_both_ratings(client, participant):
    client.force_login(participant)
    response = client.post(
        "/worksheets/new/vaci/",
        {
            "version": "1",
            "activities-0-activity": "Pottery class",
            "activities-0-before": "3",
            "activities-0-after": "8",
        },
    )
    assert response.status_code == 302
    worksheet = Worksheet.objects.get(owner=participant)
    assert worksheet.answers["activities"][0]["before"] == 3
    assert worksheet.answers["activities"][0]["after"] == 8


def test_vaci_is_named_for_the_program_and_vacation_is_gone():
    assert get_kind("vaci").label == "VACI (Vital Absorbing Creative Interest)"
    assert get_kind("vacation") is None
    assert "Vital Absorbing Creative Interest" in get_kind("vaci").intro


def test_the_old_vacation_address_redirects_to_vaci_keeping_its_query(client, participant):
    client.force_login(participant)
    response = client.get("/worksheets/new/vacation/?from=toolbox")
    assert response.status_code == 301
    assert response.url == "/worksheets/new/vaci/?from=toolbox"


def test_a_new_vaci_starts_from_the_benefits_of_the_latest_cost_benefit_analysis(
    client, participant
):
    older = create(participant, "cba", keep_benefits=[{"item": "Old benefit"}])
    newer = create(
        participant,
        "cba",
        keep_benefits=[{"item": "It helped me unwind"}, {"item": ""}, {"item": "Company"}],
        stop_benefits=[{"item": "Better sleep"}],
    )
    Worksheet.objects.filter(pk=older.pk).update(updated=newer.updated.replace(year=2020))
    client.force_login(participant)
    page = client.get("/worksheets/new/vaci/").content.decode()
    assert 'value="It helped me unwind"' in page
    assert 'value="Company"' in page
    assert "Old benefit" not in page
    assert "Better sleep" not in page


def test_a_new_vaci_without_a_cost_benefit_analysis_starts_empty(client, participant, stranger):
    create(stranger, "cba", keep_benefits=[{"item": "Someone else's benefit"}])
    client.force_login(participant)
    response = client.get("/worksheets/new/vaci/")
    assertNotContains(response, "Someone else&#x27;s benefit")
    assertNotContains(response, "Someone else's benefit")


# Postgres runs schema changes in a transaction, so the test's own transaction undoes all this.
def test_stored_vacation_worksheets_become_vaci_and_keep_their_answers(participant):
    before = [("worksheets", "0008_signedinsession_moves_to_accounts")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Old = executor.loader.project_state(before).apps.get_model("worksheets", "Worksheet")
    old = Old.objects.create(
        owner_id=participant.pk, kind="vacation", answers={"reflection": "Pottery was lovely"}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    worksheet = Worksheet.objects.get(pk=old.pk)
    assert worksheet.kind == "vaci"
    assert worksheet.answers == {"reflection": "Pottery was lovely"}
