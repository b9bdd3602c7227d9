from django.apps import AppConfig


class WorksheetsConfig(AppConfig):
    name = "worksheets"
    verbose_name = "Worksheets"

    def ready(self) -> None:
        # Connects the receiver that moves a visitor's session worksheets into their account.
        from worksheets import access, checks  # noqa: F401
