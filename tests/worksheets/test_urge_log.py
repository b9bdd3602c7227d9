"""The urge log: quick to add, private to its owner, encrypted at rest, nothing typed lost."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from worksheets.models import UrgeEntry

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 26, 15, 7, 30, tzinfo=UTC)
SECRET_PLACE = "the bar on Fifth after payday"
SECRET_NOTE = "Texted Sam and walked it off round the park"


@pytest.fixture
def urge(participant) -> UrgeEntry:
    return UrgeEntry.objects.create(
        owner=participant,
        felt_at=NOW - datetime.timedelta(hours=2),
        intensity=7,
        minutes=20,
        situation=SECRET_PLACE,
        people="old workmates",
        feeling="restless",
        response=SECRET_NOTE,
        acted_on=False,
    )


def quick(**fields) -> dict[str, str]:
    """What the phone posts after two taps: now, a strength and ridden out."""
    data = {"felt_at": "2026-11-26T15:07", "intensity": "6", "acted_on": "no"}
    data.update(fields)
    return data


# Who may see what.

OWNER_URLS = [
    ("get", "/worksheets/urges/"),
    ("get", "/worksheets/urges/charts/"),
    ("get", "/worksheets/urges/{pk}/edit/"),
    ("get", "/worksheets/progress/"),
]


@pytest.mark.parametrize(("method", "url"), OWNER_URLS)
def test_the_owner_sees_their_urge_on_every_page(client, participant, urge, method, url):
    client.force_login(participant)
    response = client.get(url.format(pk=urge.pk))
    assert response.status_code == 200


def test_the_owner_sees_their_triggers_and_notes_in_the_log(client, participant, urge):
    client.force_login(participant)
    response = client.get("/worksheets/urges/")
    assertContains(response, SECRET_PLACE)
    assertContains(response, SECRET_NOTE)
    assertContains(response, f"/worksheets/urges/{urge.pk}/edit/")


@pytest.mark.parametrize("persona", ["stranger", "facilitator", "superuser"])
@pytest.mark.parametrize(
    ("method", "path"), [("get", "edit/"), ("post", "edit/"), ("post", "delete/")]
)
def test_anyone_else_gets_a_404_and_changes_nothing(
    client, urge, persona, method, path, request: pytest.FixtureRequest
):
    client.force_login(request.getfixturevalue(persona))
    url = f"/worksheets/urges/{urge.pk}/{path}"
    if method == "post":
        response = client.post(url, quick(intensity="0", situation="overwritten"))
    else:
        response = client.get(url)

    assert response.status_code == 404
    assert SECRET_PLACE not in response.content.decode()
    urge.refresh_from_db()
    assert (urge.intensity, urge.situation) == (7, SECRET_PLACE)
    assert UrgeEntry.objects.count() == 1


@pytest.mark.parametrize("persona", ["stranger", "facilitator", "superuser"])
@pytest.mark.parametrize(
    "url", ["/worksheets/urges/", "/worksheets/urges/charts/", "/worksheets/progress/"]
)
def test_anyone_elses_pages_show_only_their_own_log(
    client, urge, persona, url, request: pytest.FixtureRequest
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url)

    assert response.status_code == 200
    assertNotContains(response, SECRET_PLACE)
    assertNotContains(response, "restless")
    assertNotContains(response, f"/worksheets/urges/{urge.pk}/")
    assertContains(response, "yet")  # each page's empty state


@pytest.mark.parametrize(
    ("method", "url"),
    [*OWNER_URLS, ("post", "/worksheets/urges/"), ("post", "/worksheets/urges/{pk}/delete/")],
)
def test_a_visitor_without_an_account_is_asked_kindly_to_sign_in(client, urge, method, url):
    url = url.format(pk=urge.pk)
    response = client.post(url, quick()) if method == "post" else client.get(url)

    assertRedirects(response, f"/accounts/login/?next={url}", fetch_redirect_response=False)
    assertContains(client.get(response["Location"]), "private to you")
    assert UrgeEntry.objects.count() == 1


def test_an_unknown_urge_is_a_404(client, participant):
    client.force_login(participant)
    assert client.get("/worksheets/urges/999999/edit/").status_code == 404


def test_deleting_needs_a_post(client, participant, urge):
    client.force_login(participant)
    assert client.get(f"/worksheets/urges/{urge.pk}/delete/").status_code == 405
    assert UrgeEntry.objects.count() == 1


# Adding, editing and deleting.


@time_machine.travel(NOW, tick=False)
def test_the_form_starts_at_now_in_the_participants_zone(client, participant):
    client.force_login(participant)
    client.cookies["tz"] = "America/Chicago"
    response = client.get("/worksheets/urges/")

    assertContains(response, 'value="2026-11-26T09:07"')  # 15:07 UTC is 09:07 in Chicago
    assertContains(response, "America/Chicago")
    assertContains(response, 'type="radio" name="intensity" value="10"')
    assertContains(response, "Nothing logged yet")


@time_machine.travel(NOW, tick=False)
def test_a_quick_urge_is_logged_with_two_taps(client, participant):
    client.force_login(participant)
    response = client.post("/worksheets/urges/", quick())

    assertRedirects(response, "/worksheets/urges/", fetch_redirect_response=False)
    entry = UrgeEntry.objects.get()
    assert entry.owner == participant
    assert entry.intensity == 6
    assert entry.acted_on is False
    assert entry.felt_at == datetime.datetime(2026, 11, 26, 15, 7, tzinfo=UTC)
    assert entry.minutes is None
    assert entry.situation == ""
    assertContains(client.get("/worksheets/urges/"), "Ridden out")


@time_machine.travel(NOW, tick=False)
def test_a_full_urge_keeps_every_answer_and_reads_the_time_in_the_participants_zone(
    client, participant
):
    client.force_login(participant)
    client.cookies["tz"] = "America/Chicago"
    client.post(
        "/worksheets/urges/",
        quick(
            felt_at="2026-11-26T08:30",
            intensity="9",
            acted_on="yes",
            minutes="45",
            situation=SECRET_PLACE,
            people="old workmates",
            feeling="lonely, bored",
            response=SECRET_NOTE,
        ),
    )

    entry = UrgeEntry.objects.get()
    assert entry.felt_at == datetime.datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
    assert (entry.intensity, entry.minutes, entry.acted_on) == (9, 45, True)
    assert (entry.situation, entry.people, entry.feeling, entry.response) == (
        SECRET_PLACE,
        "old workmates",
        "lonely, bored",
        SECRET_NOTE,
    )


@time_machine.travel(NOW, tick=False)
def test_earlier_triggers_are_offered_as_suggestions(client, participant, urge):
    client.force_login(participant)
    response = client.get("/worksheets/urges/")
    assertContains(response, 'list="situation-options"')
    assertContains(response, f'<option value="{SECRET_PLACE}">', html=False)


@time_machine.travel(NOW, tick=False)
def test_the_owner_edits_an_urge(client, participant, urge):
    client.force_login(participant)
    client.cookies["tz"] = "Europe/London"
    form = client.get(f"/worksheets/urges/{urge.pk}/edit/")
    assertContains(form, 'value="2026-11-26T13:07"')
    assertContains(form, SECRET_NOTE)
    assertContains(form, 'value="no" class="btn-check" id="id_acted_on_0" required checked')

    response = client.post(
        f"/worksheets/urges/{urge.pk}/edit/",
        quick(felt_at="2026-11-26T13:07", intensity="4", acted_on="yes", situation="at home"),
    )

    assertRedirects(response, "/worksheets/urges/", fetch_redirect_response=False)
    urge.refresh_from_db()
    assert (urge.intensity, urge.acted_on, urge.situation) == (4, True, "at home")
    assert urge.felt_at == NOW.replace(second=0) - datetime.timedelta(hours=2)


def test_the_owner_deletes_an_urge(client, participant, urge, stranger):
    theirs = UrgeEntry.objects.create(owner=stranger, intensity=3)
    client.force_login(participant)
    response = client.post(f"/worksheets/urges/{urge.pk}/delete/")

    assertRedirects(response, "/worksheets/urges/", fetch_redirect_response=False)
    assert list(UrgeEntry.objects.all()) == [theirs]


# Bad input: refused beside the field, with everything typed still there.


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("intensity", ["11", "-1", "7.5", "ten", ""])
def test_an_intensity_outside_0_to_10_is_refused_beside_the_field(client, participant, intensity):
    client.force_login(participant)
    response = client.post(
        "/worksheets/urges/",
        quick(intensity=intensity, situation=SECRET_PLACE, response=SECRET_NOTE),
    )

    assert response.status_code == 422
    assertContains(
        response,
        '<div class="ws-error" id="id_intensity_error"><p class="mb-0">'
        "Choose how strong the urge was, from 0 to 10.</p></div>",
        html=True,
        status_code=422,
    )
    assertContains(response, f'value="{SECRET_PLACE}"', status_code=422)
    assertContains(response, SECRET_NOTE, status_code=422)
    assert UrgeEntry.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_an_urge_in_the_future_is_refused_with_nothing_lost(client, participant):
    client.force_login(participant)
    client.cookies["tz"] = "America/Chicago"
    # 10:30 in Chicago is 16:30 UTC: still to come at 15:07 UTC.
    response = client.post(
        "/worksheets/urges/", quick(felt_at="2026-11-26T10:30", situation=SECRET_PLACE)
    )

    assertContains(response, "That time hasn&#x27;t happened yet", status_code=422)
    assertContains(response, 'id="id_felt_at_error"', status_code=422)
    assertContains(response, 'value="2026-11-26T10:30"', status_code=422)
    assertContains(response, f'value="{SECRET_PLACE}"', status_code=422)
    assert UrgeEntry.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_a_phone_clock_a_minute_ahead_is_not_the_future(client, participant):
    client.force_login(participant)
    client.post("/worksheets/urges/", quick(felt_at="2026-11-26T15:09"))
    assert UrgeEntry.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_over_long_text_is_refused_beside_its_field_and_kept(client, participant):
    client.force_login(participant)
    long_situation = "waiting " * 40  # 320 characters: over the 300 a trigger holds
    long_note = "breathing " * 201  # 2,010 characters: over the 2,000 a note holds
    response = client.post(
        "/worksheets/urges/", quick(situation=long_situation, response=long_note)
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="id_situation_error"' in content
    assert "longer than the 300 characters" in content
    assert 'id="id_response_error"' in content
    assert "longer than the 2000 characters" in content
    assert long_situation.strip() in content
    assert long_note.strip() in content
    assert 'class="urge-more mb-3" open' in content  # the folded part opens to show them
    assert UrgeEntry.objects.count() == 0


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("minutes", ["-5", "1441"])
def test_a_duration_out_of_range_is_refused(client, participant, minutes):
    client.force_login(participant)
    response = client.post("/worksheets/urges/", quick(minutes=minutes))
    assertContains(response, 'id="id_minutes_error"', status_code=422)
    assert UrgeEntry.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_ridden_out_or_acted_on_must_be_answered(client, participant):
    client.force_login(participant)
    response = client.post("/worksheets/urges/", quick(acted_on=""))
    assertContains(response, "Say whether you rode it out or acted on it.", status_code=422)
    assert UrgeEntry.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_a_bad_edit_changes_nothing(client, participant, urge):
    client.force_login(participant)
    response = client.post(f"/worksheets/urges/{urge.pk}/edit/", quick(intensity="12"))
    assert response.status_code == 422
    urge.refresh_from_db()
    assert urge.intensity == 7


@pytest.mark.parametrize(("field", "value"), [("intensity", 11), ("minutes", 24 * 60 + 1)])
def test_the_database_refuses_out_of_range_numbers_too(participant, field, value):
    values = {"intensity": 5, field: value}
    with pytest.raises(IntegrityError), transaction.atomic():
        UrgeEntry.objects.create(owner=participant, **values)


# Encryption at rest.


def test_a_raw_read_of_the_urge_table_shows_no_clear_text(urge):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM worksheets_urgeentry")
        stored = repr(cursor.fetchall())

    for clear in (SECRET_PLACE, "Fifth", "old workmates", "restless", SECRET_NOTE, "Sam"):
        assert clear not in stored
    urge.refresh_from_db()
    assert urge.situation == SECRET_PLACE


# The participant's time zone.


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "url", ["/worksheets/urges/", "/worksheets/urges/charts/", "/worksheets/progress/"]
)
def test_a_zone_sent_by_the_browser_is_used_and_remembered(client, participant, url):
    client.force_login(participant)
    response = client.get(f"{url}?tz=america/chicago")

    assertContains(response, 'data-viewer-zone="America/Chicago"')
    assert response.cookies["tz"].value == "America/Chicago"
    assertContains(response, '<script src="/static/js/zone.js" defer></script>', html=True)
    assertContains(client.get(url), 'data-viewer-zone="America/Chicago"')


@time_machine.travel(NOW, tick=False)
def test_a_page_with_typed_words_never_reloads_itself(client, participant):
    client.force_login(participant)
    response = client.post("/worksheets/urges/", quick(intensity="", situation=SECRET_PLACE))
    assert response.status_code == 422
    assertNotContains(response, "data-viewer-zone", status_code=422)


def test_the_log_lists_the_20_most_recent_and_says_where_the_rest_are(client, participant):
    for hours in range(22):
        UrgeEntry.objects.create(
            owner=participant, felt_at=NOW - datetime.timedelta(hours=hours), intensity=hours % 11
        )
    client.force_login(participant)
    response = client.get("/worksheets/urges/")

    assert response.content.decode().count('class="urge-item"') == 20
    assertContains(response, "These are your 20 most recent of 22.")


def test_the_urge_log_offers_the_triggers_of_the_latest_triggers_worksheet(
    client, participant, stranger
):
    from worksheets.models import Worksheet

    Worksheet.objects.create(
        owner=participant,
        kind="triggers",
        answers={
            "triggers": [
                {"trigger": "Boredom", "type": "feeling", "risk": 4},
                {"trigger": "Payday Friday", "type": "situation", "risk": 9},
                {"trigger": "My brother", "type": "people", "risk": 7},
                {"trigger": "The smell of smoke", "type": "thought", "risk": 2},
            ]
        },
    )
    Worksheet.objects.create(
        owner=stranger,
        kind="triggers",
        answers={"triggers": [{"trigger": "Someone else's trigger", "type": "situation"}]},
    )
    client.force_login(participant)
    page = client.get("/worksheets/urges/").content.decode()

    situation = page[page.index('<datalist id="situation-options">') :]
    situation = situation[: situation.index("</datalist>")]
    assert situation.index("Payday Friday") < situation.index("The smell of smoke")
    assert '<option value="My brother">' in page.split('id="people-options"')[1]
    assert '<option value="Boredom">' in page.split('id="feeling-options"')[1]
    assert "Someone else" not in page
