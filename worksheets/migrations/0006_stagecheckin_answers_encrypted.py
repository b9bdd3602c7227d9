"""Stage check-in answers encrypted at rest, like a worksheet's.

The column becomes text, each row's JSON is sealed with Fernet under the newest of
WORKSHEET_KEYS, and the field becomes an EncryptedJSONField. Backwards, each token is opened and
the column turns back into jsonb. The few lines of crypto are a frozen copy (never
``worksheets.crypto``), including the canary check: nothing is sealed under keys that cannot read
what is already stored.
"""

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, models

import worksheets.crypto

BATCH = 500
CANARY_TEXT = "worksheet keys canary"
WRONG_KEYS = (
    "WORKSHEET_KEYS cannot read worksheets already stored: a key is missing or wrong. "
    "Put back the key they were written with (newest first, old keys after it)."
)


def checked_fernet(apps) -> MultiFernet:
    """The configured keys, once they open the canary (written if there is none, as the app does
    on its first write)."""
    fernet = MultiFernet([Fernet(key) for key in settings.WORKSHEET_KEYS])
    KeyCanary = apps.get_model("worksheets", "KeyCanary")
    canary = KeyCanary.objects.filter(pk=1).first()
    if canary is None:
        KeyCanary.objects.create(pk=1, token=fernet.encrypt(CANARY_TEXT.encode()).decode())
    else:
        try:
            fernet.decrypt(canary.token.encode())
        except InvalidToken:
            raise ImproperlyConfigured(WRONG_KEYS) from None
    return fernet


def convert(apps, change) -> None:
    StageCheckIn = apps.get_model("worksheets", "StageCheckIn")
    batch = []
    for checkin in StageCheckIn.objects.only("pk", "answers").iterator(chunk_size=BATCH):
        checkin.answers = change(checkin.answers)
        batch.append(checkin)
        if len(batch) == BATCH:
            StageCheckIn.objects.bulk_update(batch, ["answers"])
            batch = []
    StageCheckIn.objects.bulk_update(batch, ["answers"])


def encrypt_answers(apps, schema_editor) -> None:
    if not apps.get_model("worksheets", "StageCheckIn").objects.exists():
        return
    fernet = checked_fernet(apps)
    convert(apps, lambda text: fernet.encrypt(json.dumps(json.loads(text)).encode()).decode())


def decrypt_answers(apps, schema_editor) -> None:
    if not apps.get_model("worksheets", "StageCheckIn").objects.exists():
        return
    fernet = checked_fernet(apps)

    def open_token(token: str) -> str:
        try:
            return json.dumps(json.loads(fernet.decrypt(token.encode())))
        except InvalidToken:
            raise ImproperlyConfigured(WRONG_KEYS) from None

    convert(apps, open_token)


class Migration(migrations.Migration):
    dependencies = [
        ("worksheets", "0005_signedinsession"),
    ]

    operations = [
        # jsonb to text keeps each row's JSON as its text (USING answers::text).
        migrations.AlterField(
            model_name="stagecheckin",
            name="answers",
            field=models.TextField(blank=True, default="{}"),
        ),
        migrations.RunPython(encrypt_answers, decrypt_answers),
        migrations.AlterField(
            model_name="stagecheckin",
            name="answers",
            field=worksheets.crypto.EncryptedJSONField(blank=True, default=dict),
        ),
    ]
