"""Partners' offers of places, allocation runs and the placements they make."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import PlacementStatus, Profession
from .demand import Block, PlacementRequest, Student
from .environments import LearningEnvironment, Supervisor


class Offer(models.Model):
    """A partner's places for one profession at one environment in one block."""

    environment = models.ForeignKey(
        LearningEnvironment, on_delete=models.CASCADE, related_name="offers"
    )
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="offers")
    profession = models.CharField(max_length=30, choices=Profession.choices)
    places = models.PositiveSmallIntegerField()
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["block__starts_on", "environment__name", "profession"]
        constraints = [
            models.UniqueConstraint(
                fields=["environment", "block", "profession"], name="unique_offer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.places} {self.profession} place(s), block {self.block_id}"


class AllocationRun(models.Model):
    """One run of the rotation engine for a block, with its figures for the record."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20)
    figures = models.JSONField(default=dict)

    class Meta:
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return f"Allocation run {self.pk} ({self.status})"


class PlacementQuerySet(models.QuerySet["Placement"]):
    def live(self) -> PlacementQuerySet:
        return self.exclude(status=PlacementStatus.CANCELLED)


class Placement(models.Model):
    """A named student at an environment in a block."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="placements")
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="placements")
    request = models.ForeignKey(
        PlacementRequest, on_delete=models.CASCADE, related_name="placements"
    )
    environment = models.ForeignKey(
        LearningEnvironment, on_delete=models.CASCADE, related_name="placements"
    )
    supervisor = models.ForeignKey(
        Supervisor, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    status = models.CharField(
        max_length=20, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    why_here = models.TextField()
    distance_km = models.FloatField(null=True, blank=True)
    run = models.ForeignKey(
        AllocationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    changed_reason = models.CharField(max_length=300, blank=True)
    provider_confirmed_at = models.DateTimeField(null=True, blank=True)
    partner_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["block__starts_on", "student__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "block"],
                condition=~models.Q(status="cancelled"),
                name="one_live_placement_per_student_block",
            )
        ]

    def __str__(self) -> str:
        return f"Placement {self.pk}"
