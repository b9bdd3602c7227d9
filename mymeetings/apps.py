from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyMeetingsConfig(AppConfig):
    name = "mymeetings"
    verbose_name = _("My meetings")

    def ready(self) -> None:
        # Connects the receiver that moves a visitor's saved meetings into their account.
        from mymeetings import logs, saved  # noqa: F401

        logs.hide_tokens_in_django_logs()
