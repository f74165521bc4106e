"""Programmes: a provider's listings grouped in an order (a leadership programme, a Care
Certificate cohort), some steps required and some optional, that learners enrol in as a whole.
Imported at the end of ``learning/models.py``, so these are models of the learning app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from oneworkforce.partners.models import Organisation

from ..models import Opportunity, Status, _certificate_code


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def published(self) -> ProgrammeQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def for_organisation(self, organisation: Organisation) -> ProgrammeQuerySet:
        return self.filter(organisation=organisation)


class Programme(models.Model):
    """Listings taken in order towards one certificate for the whole. Its steps are listings
    (never other programmes), so a programme cannot contain itself."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="learning_programmes"
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # How many of the optional steps a learner must complete besides all the required ones.
    optional_needed = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ProgrammeStep(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="steps")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, related_name="programme_steps"
    )
    position = models.PositiveSmallIntegerField()
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "opportunity"], name="programme_listing_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.opportunity} in {self.programme}"


class ProgrammeEnrolment(models.Model):
    """A learner taking a programme. Whether they have completed it is worked out from their
    verified completions of its steps, so it is never out of step with their record; the code
    prints on the programme certificate and is checked on the public certificate page."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    certificate_code = models.CharField(max_length=14, unique=True, default=_certificate_code)
    # Leaving: set when the learner left or the provider withdrew the enrolment (with a reason
    # the learner sees), cleared when they enrol again. Their completed steps are untouched.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_withdrawals",
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["programme", "learner"], name="enrol_once")]

    def __str__(self) -> str:
        return f"{self.learner} on {self.programme}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def withdrawn_by_provider(self) -> bool:
        """Withdrawn by someone other than the learner (the programme's provider)."""
        return self.withdrawn and self.withdrawn_by_id != self.learner_id


__all__ = ["Programme", "ProgrammeEnrolment", "ProgrammeStep"]
