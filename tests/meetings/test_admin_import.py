from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import path
from pytest_django.asserts import assertContains, assertRedirects, assertTemplateUsed

from meetings.admin_import import import_view
from meetings.models import Meeting, Region

DATA = Path(__file__).parent / "data"
URL = "/admin/meetings/meeting/import/"

# Wired as meetings/admin.py will wire it: inside the admin, behind admin_view().
urlpatterns = [
    path(URL.lstrip("/"), admin.site.admin_view(import_view), name="meetings_meeting_import"),
    path("admin/", admin.site.urls),
]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def gazetteer(db) -> None:
    call_command("loaddata", DATA / "places.json", verbosity=0)


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assertRedirects(response, f"/admin/login/?next={URL}", fetch_redirect_response=False)


def test_facilitators_may_not_import(client, facilitator):
    client.force_login(facilitator)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload("good_meetings.csv")}).status_code == 403
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("persona", ["coordinator", "superuser"])
def test_coordinators_and_superusers_see_the_upload_form(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(URL)

    assertTemplateUsed(response, "admin/meetings/meeting/import.html")
    assertContains(response, '<input type="file" name="file"', html=False)
    assertContains(response, '<option value="csv">CSV</option>', html=True)


def test_a_good_file_is_imported_and_the_counts_shown(client, coordinator):
    # The file's regions are Texas (the coordinator's; Austin is new below it), Online, Illinois.
    for name in ("Online", "Illinois"):
        coordinator.coordinated_regions.add(Region.objects.create(name=name, slug=name.lower()))
    client.force_login(coordinator)

    response = client.post(URL, {"file": upload("good_meetings.csv"), "format": ""}, follow=True)

    assertRedirects(response, URL)
    assertContains(
        response,
        "Imported good_meetings.csv: 4 meetings: 4 created, 0 updated, 0 unchanged",
    )
    assertContains(response, "columns ignored: District")
    assert Meeting.objects.count() == 4
    record = Meeting.objects.get(slug="ff-hybrid").history.get()
    assert record.history_user == coordinator


def test_only_the_first_twenty_warnings_are_shown(client, superuser):
    client.force_login(superuser)
    rows = [f"M{n},1,19:00,UTC,https://zoom.us/j/{n},B" for n in range(25)]
    data = "\n".join(["Name,Day,Time,Timezone,Conference URL,Types", *rows]).encode()

    response = client.post(URL, {"file": SimpleUploadedFile("many.csv", data)}, follow=True)

    assertContains(response, "dropped “B”, a type of another fellowship", count=20)
    assertContains(response, "… and 5 more warnings.")
    assert Meeting.objects.count() == 25


def test_the_chosen_format_overrides_the_file_name(client, superuser):
    client.force_login(superuser)
    feed = SimpleUploadedFile("export.txt", (DATA / "good_feed.json").read_bytes())

    client.post(URL, {"file": feed, "format": "json"})

    assert Meeting.objects.count() == 6


def test_a_bad_file_shows_every_problem_in_a_table_and_imports_nothing(client, superuser):
    client.force_login(superuser)

    response = client.post(URL, {"file": upload("bad_meetings.csv")})

    assert response.status_code == 200
    assertContains(response, "Nothing was imported: 9 problems")
    assertContains(
        response,
        "<tr><td>3</td><td>day</td>"
        "<td>“Funday” is not a day: use 0-6 (Sunday is 0) or a day name</td></tr>",
        html=True,
    )
    assertContains(
        response,
        "<tr><td>11</td><td>slug</td><td>“good-row” is also the slug of row 2</td></tr>",
        html=True,
    )
    assert response.content.decode().count("<tr><td>") == 9
    assert Meeting.objects.count() == 0


def test_a_post_without_a_file_asks_for_one(client, coordinator):
    client.force_login(coordinator)

    response = client.post(URL, {})

    assertContains(response, "This field is required.")


def test_a_coordinators_file_reaching_outside_their_regions_is_refused(
    client, coordinator, make_meeting, regions
):
    make_meeting(slug="otto-private", region=regions["gb"], is_public=False)
    client.force_login(coordinator)
    data = "\n".join(
        [
            "Name,Day,Time,Timezone,Conference URL,Region,Slug",
            "Mine Now,1,19:00,UTC,https://zoom.us/j/1,Texas,otto-private",
            "Leeds,1,19:00,UTC,https://zoom.us/j/1,United Kingdom,leeds",
        ]
    ).encode()

    response = client.post(URL, {"file": SimpleUploadedFile("mine.csv", data)})

    assertContains(response, "Nothing was imported: 2 problems")
    assertContains(
        response,
        "<tr><td>2</td><td>slug</td>"
        "<td>“otto-private” is a meeting outside the regions you coordinate</td></tr>",
        html=True,
    )
    assertContains(
        response,
        "<tr><td>3</td><td>region</td>"
        "<td>“United Kingdom” is outside the regions you coordinate</td></tr>",
        html=True,
    )
    assert Meeting.objects.get(slug="otto-private").name == "Meeting 1"
    assert not Meeting.objects.filter(slug="leeds").exists()


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_read(client, superuser, settings):
    settings.IMPORT_MAX_MB = 1
    client.force_login(superuser)
    big = SimpleUploadedFile("big.csv", b"Name,Day,Time\n" + b"x" * (1024 * 1024))

    response = client.post(URL, {"file": big})

    assert response.status_code == 200
    assertContains(response, "This file is 1.0 MB; an import reads at most 1 MB.")
    assert response.context["problems"] == []
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "deep.json",
            b"[" * 100_000,
            "<tr><td>0</td><td>file</td>"
            "<td>not a meeting feed: lists or objects nest too deeply</td></tr>",
        ),
        (
            "nul.csv",
            b"Name,Day,Time,Timezone,Conference URL\nA\x00B,1,19:00,UTC,https://zoom.us/j/1\n",
            "<tr><td>2</td><td>name</td>"
            "<td>contains a NUL character (byte 0), which cannot be stored</td></tr>",
        ),
    ],
)
def test_a_file_that_would_break_the_import_is_shown_as_a_problem(
    client, superuser, name, data, problem
):
    client.force_login(superuser)

    response = client.post(URL, {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 200
    assertContains(response, problem, html=True)
    assert Meeting.objects.count() == 0


def test_a_bad_file_is_explained_in_the_language_chosen_in_the_picker(client, superuser):
    client.force_login(superuser)
    client.cookies["language"] = "es"

    response = client.post(URL, {"file": upload("bad_meetings.csv")})

    assertContains(response, "No se importó nada: 9 problemas")
    assertContains(
        response,
        "<tr><td>3</td><td>day</td>"
        "<td>«Funday» no es un día: usa 0-6 (el domingo es 0) o el nombre de un día</td></tr>",
        html=False,
    )


def test_day_names_in_a_file_are_read_in_english_whatever_the_admins_language(client, superuser):
    client.force_login(superuser)
    client.cookies["language"] = "de"
    data = b"Name,Day,Time,Timezone,Conference URL\nM1,Tuesday,19:00,UTC,https://zoom.us/j/1\n"

    client.post(URL, {"file": SimpleUploadedFile("one.csv", data)})

    assert Meeting.objects.get().day == 2
