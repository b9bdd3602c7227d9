from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Connects the receivers that record signed-in sessions and end a deleted account's.
        from accounts import sessions  # noqa: F401
