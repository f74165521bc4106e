"""Learning environments at partners' sites, their educational audits and the supervisors and
assessors named for them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from oneworkforce.learning.models import Completion, CompletionState
from oneworkforce.partners.models import Organisation

from .choices import AuditOutcome, Setting, SupervisorRole


class EnvironmentQuerySet(models.QuerySet["LearningEnvironment"]):
    def for_organisation(self, organisation: Organisation) -> EnvironmentQuerySet:
        return self.filter(organisation=organisation)

    def active(self) -> EnvironmentQuerySet:
        return self.filter(is_active=True)


class LearningEnvironment(models.Model):
    """A team, ward, home, practice or service where students learn."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_environments"
    )
    name = models.CharField(max_length=200)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    professions = models.JSONField(default=list, help_text="Profession codes it can take.")
    years = models.JSONField(default=list, help_text="Years of study it can take (1 to 3).")
    places_per_block = models.PositiveSmallIntegerField()
    hours_and_shifts = models.CharField(max_length=300, blank=True)
    learning = models.TextField(blank=True, help_text="What a student will learn there.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EnvironmentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_learning_environment_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class EducationalAudit(models.Model):
    environment = models.ForeignKey(
        LearningEnvironment, on_delete=models.CASCADE, related_name="audits"
    )
    audited_on = models.DateField()
    outcome = models.CharField(max_length=30, choices=AuditOutcome.choices)
    actions = models.TextField(blank=True)
    review_due = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-audited_on", "-pk"]

    def __str__(self) -> str:
        return f"Audit of {self.audited_on}"


class AuditAction(models.Model):
    """Something the environment must do: from an audit, or opened by low evaluation scores."""

    audit = models.ForeignKey(
        EducationalAudit, on_delete=models.CASCADE, related_name="action_items"
    )
    text = models.CharField(max_length=500)
    opened_on = models.DateField()
    from_evaluations = models.BooleanField(default=False)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["opened_on", "pk"]

    def __str__(self) -> str:
        return self.text


class SupervisorQuerySet(models.QuerySet["Supervisor"]):
    def prepared_on_day(self, day: dt.date) -> SupervisorQuerySet:
        """Still named, with preparation not due for refreshing before ``day``; preparation
        taken from a learning record counts only while that record stays verified."""
        return self.filter(left_on__isnull=True, refresh_due__gte=day).exclude(
            models.Q(learning_record__isnull=False)
            & ~models.Q(learning_record__state=CompletionState.VERIFIED)
        )


class Supervisor(models.Model):
    """A practice supervisor, assessor or educator named for an environment. Preparation is
    recorded by hand, or taken from a verified completion in the learning record
    (``learning_record``), whose date and validity then set ``prepared_on`` and
    ``refresh_due``."""

    environment = models.ForeignKey(
        LearningEnvironment, on_delete=models.CASCADE, related_name="supervisors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placement_supervisions",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=20, choices=SupervisorRole.choices)
    profession = models.CharField(max_length=30)
    max_students = models.PositiveSmallIntegerField()
    prepared_on = models.DateField(help_text="When they completed their preparation.")
    preparation = models.CharField(max_length=200, blank=True)
    refresh_due = models.DateField()
    learning_record = models.ForeignKey(
        Completion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The completed preparation in the learning record, when it is there.",
    )
    added_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    objects = SupervisorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
