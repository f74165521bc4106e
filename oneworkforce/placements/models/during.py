"""During a placement: practice hours, concerns and the student's evaluation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .allocation import Placement


class HoursEntry(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="hours")
    worked_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    note = models.CharField(max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["worked_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "worked_on"], name="one_hours_entry_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.hours} hours on {self.worked_on}"


class Concern(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    routed_to = models.JSONField(default=list, help_text="E-mail addresses it was sent to.")
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"Concern {self.pk}"


class Evaluation(models.Model):
    """A student's answers about one placement (1: poor to 5: excellent)."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="evaluation")
    welcome = models.PositiveSmallIntegerField()
    supervision = models.PositiveSmallIntegerField()
    learning = models.PositiveSmallIntegerField()
    recommend = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    QUESTIONS = ("welcome", "supervision", "learning", "recommend")

    def __str__(self) -> str:
        return f"Evaluation {self.pk}"
