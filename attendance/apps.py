from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Proof of attendance")

    def ready(self) -> None:
        from attendance.logs import hide_codes_in_django_logs

        hide_codes_in_django_logs()
