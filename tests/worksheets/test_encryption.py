"""What is typed is stored only as Fernet tokens; keys rotate; a wrong key stops everything."""

from __future__ import annotations

import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.worksheets.conftest import SECRET, form_data
from worksheets import crypto
from worksheets.models import KeyCanary, Revision, Worksheet

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def raw(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return repr(cursor.fetchall())


def test_a_raw_read_of_the_tables_shows_no_clear_text(client, participant, cba):
    client.force_login(participant)
    client.post(
        f"/worksheets/{cba.pk}/",
        form_data(cba, reflection="The quiet voice says Sam deserves better", title="Spring"),
    )
    dump = raw("SELECT * FROM worksheets_worksheet") + raw("SELECT * FROM worksheets_revision")

    assert Revision.objects.filter(worksheet=cba).count() == 2
    for clear in (SECRET, "Sam deserves better", "Spring", "drinking", "Foggy mornings"):
        assert clear not in dump
    assert "gAAAAA" in dump  # Fernet tokens


def test_a_session_worksheet_is_encrypted_in_the_session_table(client, db):
    response = client.post(
        "/worksheets/new/change-plan/",
        {"version": "1", "changes": "Stop buying scratch cards at the kiosk"},
    )
    assert response.status_code == 302
    dump = raw("SELECT session_data FROM django_session")

    assert "scratch cards" not in dump
    assert "scratch cards" in client.get(response.url).content.decode()


def test_the_value_round_trips_through_the_database(cba):
    stored = Worksheet.objects.get(pk=cba.pk)
    assert stored.answers["keep_benefits"][0]["item"] == SECRET
    assert stored.title == "My CBA in spring"


def test_data_written_with_an_old_key_is_readable_after_rotation(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    worksheet = Worksheet.objects.create(owner=participant, kind="cba", answers={"x": SECRET})

    settings.WORKSHEET_KEYS = [KEY_B, KEY_A]
    assert Worksheet.objects.get(pk=worksheet.pk).answers == {"x": SECRET}


def test_reencrypt_moves_everything_to_the_newest_key(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    worksheet = Worksheet.objects.create(owner=participant, kind="cba", answers={"x": SECRET})
    worksheet.keep_revision(Revision.KindOfSave.SAVE)

    settings.WORKSHEET_KEYS = [KEY_B, KEY_A]
    out = io.StringIO()
    call_command("reencrypt_worksheets", batch_size=1, stdout=out)
    call_command("reencrypt_worksheets", stdout=out)  # idempotent
    assert "worksheets: 1 re-encrypted" in out.getvalue()

    settings.WORKSHEET_KEYS = [KEY_B]
    assert Worksheet.objects.get(pk=worksheet.pk).answers == {"x": SECRET}
    assert Revision.objects.get(worksheet=worksheet).answers == {"x": SECRET}
    token = raw("SELECT answers FROM worksheets_worksheet")
    with pytest.raises(Exception):  # noqa: B017 - the old key alone opens nothing any more
        Fernet(KEY_A).decrypt(token.split("'")[1].encode())


def test_a_wrong_key_at_start_up_refuses_to_write_and_names_the_setting(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    Worksheet.objects.create(owner=participant, kind="cba", answers={"x": SECRET})
    crypto.forget_checked_keys()  # a new process

    settings.WORKSHEET_KEYS = [KEY_B]
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(ImproperlyConfigured, match="WORKSHEET_KEYS"),
        transaction.atomic(),
    ):
        Worksheet.objects.create(owner=participant, kind="cba", answers={"y": "new words"})
    assert not [q for q in queries if "INSERT" in q["sql"] or "UPDATE" in q["sql"]]
    with pytest.raises(ImproperlyConfigured, match="WORKSHEET_KEYS cannot read"):
        Worksheet.objects.get(owner=participant)
    assert Worksheet.objects.count() == 1
    assert KeyCanary.objects.count() == 1


def test_a_wrong_key_is_a_clear_error_page_never_a_silent_write(client, settings, cba):
    crypto.forget_checked_keys()
    settings.WORKSHEET_KEYS = [KEY_B]
    client.raise_request_exception = False
    client.force_login(cba.owner)
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        response = client.post("/worksheets/new/cba/", {"version": "1", "behaviour": "x"})
        transaction.set_rollback(True)
    assert not [q for q in queries if 'INSERT INTO "worksheets' in q["sql"]]
    assert response.status_code == 500
    assert Worksheet.objects.count() == 1


def test_the_first_write_leaves_a_canary_sealed_with_the_key_in_use(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    Worksheet.objects.create(owner=participant, kind="cba")
    canary = KeyCanary.objects.get()
    assert Fernet(KEY_A).decrypt(canary.token.encode()) == crypto.CANARY_TEXT.encode()


def test_answers_are_kept_out_of_error_reports(rf, participant, cba):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.views.debug import SafeExceptionReporterFilter

    from worksheets import views

    request = rf.post(f"/worksheets/{cba.pk}/", {"behaviour": SECRET, "version": "1"})
    request.user = participant
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = views.worksheet_edit(request, cba.pk)

    assert response.status_code == 302
    # The decorators mark every posted parameter as sensitive for Django's error reports.
    assert request.sensitive_post_parameters == "__ALL__"
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert SECRET not in str(cleansed)


def test_the_database_check_names_the_setting_when_the_keys_are_wrong(settings, participant):
    from worksheets.checks import worksheet_keys_read_stored_worksheets

    settings.WORKSHEET_KEYS = [KEY_A]
    Worksheet.objects.create(owner=participant, kind="cba")
    assert worksheet_keys_read_stored_worksheets(databases=["default"]) == []

    settings.WORKSHEET_KEYS = [KEY_B]
    errors = worksheet_keys_read_stored_worksheets(databases=["default"])
    assert [error.id for error in errors] == ["worksheets.E001"]
    assert "WORKSHEET_KEYS" in errors[0].msg


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + repr(record.__dict__))


def test_answers_never_reach_the_logs(client, participant, cba, settings):
    handler = Collect()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    settings.DEBUG = True  # so the database logs its queries too
    try:
        client.force_login(participant)
        typed = "Nobody knows I hide bottles in the shed"
        client.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection=typed))
        client.post(f"/worksheets/{cba.pk}/autosave/", form_data(cba, reflection=typed))  # 409
        client.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection=typed + "!" * 4000))
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    logged = "\n".join(handler.lines)
    assert "Conflict" in logged  # Django did log the refused save, by its address only
    assert "hide bottles" not in logged
    assert SECRET not in logged


def test_dumpdata_writes_tokens_and_loaddata_reads_them_back(cba, tmp_path):
    dump = tmp_path / "worksheets.json"
    call_command("dumpdata", "worksheets.worksheet", output=str(dump))
    assert SECRET not in dump.read_text()
    assert "gAAAAA" in dump.read_text()

    Worksheet.objects.filter(pk=cba.pk).update(answers={})
    call_command("loaddata", str(dump), verbosity=0)
    assert Worksheet.objects.get(pk=cba.pk).answers == cba.answers
