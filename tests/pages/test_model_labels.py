"""Our models' admin labels are translated: every name a facilitator reads in the admin comes
from the catalogues, not from a plain English string."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from pytest_django.asserts import assertContains, assertNotContains

OUR_APPS = [
    config
    for config in apps.get_app_configs()
    if (settings.BASE_DIR / config.label).resolve() == (settings.BASE_DIR / config.path).resolve()
]
# simple-history's copies of our models are named by simple-history, in its own catalogues.
OUR_MODELS = [
    model
    for config in OUR_APPS
    for model in config.get_models()
    if not model.__name__.startswith("Historical")
]


def test_the_check_sees_every_app_of_ours():
    assert {config.label for config in OUR_APPS} >= {
        "meetings",
        "mymeetings",
        "reminders",
        "attendance",
        "toolbox",
        "worksheets",
        "accounts",
        "pages",
    }


@pytest.mark.parametrize("config", OUR_APPS, ids=lambda config: config.label)
def test_every_app_of_ours_has_a_translated_name(config):
    assert isinstance(config.verbose_name, Promise)


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_model_of_ours_is_named_through_the_catalogues(model):
    options = model._meta

    assert isinstance(options.verbose_name, Promise)
    assert isinstance(options.verbose_name_plural, Promise)


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_every_field_of_ours_is_labelled_through_the_catalogues(model):
    plain = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and not (
            isinstance(field.verbose_name, Promise)
            and (not field.help_text or isinstance(field.help_text, Promise))
        )
    ]

    assert plain == []


def test_a_model_name_reads_in_each_language():
    from meetings.models import Meeting

    with translation.override("de"):
        assert str(Meeting._meta.verbose_name_plural) == "Treffen"
    with translation.override("es"):
        assert str(Meeting._meta.verbose_name_plural) == "reuniones"


@pytest.mark.django_db
def test_the_meeting_list_in_the_admin_is_in_french_with_the_cookie(client, superuser):
    client.force_login(superuser)
    client.cookies["language"] = "fr"

    page = client.get("/admin/meetings/meeting/")

    assertContains(page, "Sélectionnez l’objet réunion à changer")
    assertContains(page, "Importer des réunions")
    assertContains(page, "Mes réunions")
    assertContains(page, "Par participation")
    assertNotContains(page, "Select meeting to change")
    assertNotContains(page, "Import meetings")


@pytest.mark.django_db
def test_the_facilitators_page_is_in_spanish_with_the_cookie(client, superuser):
    client.force_login(superuser)
    client.cookies["language"] = "es"

    page = client.get("/admin/meetings/meeting/mine/")

    assertContains(page, "Mis reuniones")
    assertContains(page, "Todavía no hay reuniones.")
