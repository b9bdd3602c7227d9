from django.apps import AppConfig


class WorksheetsConfig(AppConfig):
    name = "worksheets"
    verbose_name = "Worksheets"

    def ready(self) -> None:
        # Connects the receivers that move a visitor's session worksheets into their account and
        # that end every session of a deleted account.
        from worksheets import access, account_sessions, checks  # noqa: F401
