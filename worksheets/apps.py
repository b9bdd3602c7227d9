from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksheetsConfig(AppConfig):
    name = "worksheets"
    verbose_name = _("Worksheets")

    def ready(self) -> None:
        # Connects the receiver that moves a visitor's session worksheets into their account.
        from worksheets import access, checks  # noqa: F401
