from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Proof of attendance"

    def ready(self) -> None:
        from attendance.logs import hide_codes_in_django_logs

        hide_codes_in_django_logs()
