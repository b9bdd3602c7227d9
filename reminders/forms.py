from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.zones import zone_choices
from reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = [
            "before_meetings",
            "lead_minutes",
            "review_dates",
            "weekly_checkin",
            "checkin_day",
            "subject",
            "zone",
        ]
        widgets = {"subject": forms.RadioSelect}
        labels = {
            "lead_minutes": _("How long before a meeting"),
            "checkin_day": _("Check-in day"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self.initial.get("zone") or self.instance.zone
        # The zone picker the meeting pages use, grouped by region.
        self.fields["zone"].widget = forms.Select(choices=zone_choices(current))
        self.fields["zone"].help_text = _("Reminders follow its clock, summer time included.")
