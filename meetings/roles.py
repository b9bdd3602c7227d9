"""The two admin roles, as groups with model permissions; row-level scope is in admin.py."""

from __future__ import annotations

FACILITATORS = "Facilitators"
COORDINATORS = "Coordinators"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    FACILITATORS: [
        "view_meeting",
        "change_meeting",
        "view_location",
        "change_location",
        "view_changerequest",
        "change_changerequest",
    ],
    COORDINATORS: [
        "view_meeting",
        "add_meeting",
        "change_meeting",
        "delete_meeting",
        "view_location",
        "add_location",
        "change_location",
        "view_region",
        "view_changerequest",
        "change_changerequest",
        "delete_changerequest",
    ],
}


def ensure_groups(group_model, permission_model) -> None:
    """Create both groups with their permissions (models passed in, so migrations can call it)."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            permission_model.objects.filter(
                content_type__app_label="meetings", codename__in=codenames
            )
        )


def is_coordinator(user) -> bool:
    return user.is_superuser or user.coordinated_regions.exists()
