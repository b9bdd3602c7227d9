"""Participants' private records. Every read goes through ``owned_by``, so no view can forget it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

RULER = [MinValueValidator(0), MaxValueValidator(10)]


class StageCheckInQuerySet(models.QuerySet):
    def owned_by(self, user: AbstractBaseUser | AnonymousUser) -> StageCheckInQuerySet:
        """Only ``user``'s own check-ins: nobody else's, and none for an anonymous visitor."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class StageCheckIn(models.Model):
    """A stage check-in a signed-in participant chose to keep, private to them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stage_checkins"
    )
    stage = models.ForeignKey("toolbox.Stage", on_delete=models.PROTECT, related_name="+")
    importance = models.PositiveSmallIntegerField(validators=RULER)
    confidence = models.PositiveSmallIntegerField(validators=RULER)
    answers = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = StageCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__lte=10), name="stage_checkin_importance_0_to_10"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__lte=10), name="stage_checkin_confidence_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} check-in, {self.created:%Y-%m-%d}"
