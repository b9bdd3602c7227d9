"""The account page's reminders section: the account app does not know this one."""

from __future__ import annotations

from django import template

from meetings.zones import choose_zone
from reminders.forms import ReminderSettingsForm
from reminders.models import ReminderSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def reminder_settings_form(context: template.Context) -> ReminderSettingsForm:
    request = context["request"]
    instance = ReminderSettings.objects.filter(user=request.user).first()
    if instance is None:
        return ReminderSettingsForm(initial={"zone": choose_zone(request).name})
    return ReminderSettingsForm(instance=instance)
