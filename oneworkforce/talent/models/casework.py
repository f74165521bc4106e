"""Candidates and what stands between them and work: barriers, cohort tags, equality monitoring,
support given, qualifications and links from campaigns. Sensitive data lives in its own tables."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.models import Organisation

from .choices import (
    EMPLOYER_VISIBLE_STATES,
    BarrierKind,
    Cohort,
    Hours,
    InterventionKind,
    InterventionOutcome,
    LawfulBasis,
    QualificationKind,
    QualificationStatus,
)
from .outreach import Campaign

# Candidates ------------------------------------------------------------------------------


def _candidate_reference() -> str:
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "C-" + "".join(secrets.choice(alphabet) for _ in range(7))


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def current(self) -> CandidateQuerySet:
        """Candidates whose personal data is still held (not anonymised)."""
        return self.filter(anonymised_at__isnull=True)

    def with_applications_at(self, organisation_ids: set[int]) -> CandidateQuerySet:
        """Candidates put forward to (or further along at) a vacancy of one of these partners."""
        return self.filter(
            applications__vacancy__organisation_id__in=organisation_ids,
            applications__state__in=EMPLOYER_VISIBLE_STATES,
        ).distinct()


class Candidate(models.Model):
    """A person the hub is helping into work. Contact details are personal data; barriers,
    cohort tags, equality monitoring and support live in related tables for coordinators."""

    reference = models.CharField(max_length=12, unique=True, default=_candidate_reference)
    full_name = models.CharField(max_length=150)
    # NULL rather than "" when absent, so the unique constraints below ignore missing values.
    email = models.EmailField(null=True, blank=True)  # noqa: DJ001
    phone = models.CharField(max_length=20, null=True, blank=True)  # noqa: DJ001
    postcode = models.CharField(max_length=8, blank=True)
    # Kept after anonymisation so outcomes by community and deprivation survive.
    outward_code = models.CharField(max_length=4, blank=True)
    community = models.CharField(max_length=120, blank=True)
    deprivation_decile = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 = most deprived tenth of neighbourhoods in England"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates"
    )
    interest_families = models.JSONField(default=list, blank=True)  # JobFamily values
    interest_areas = models.JSONField(default=list, blank=True)  # WorkArea values
    hours = models.CharField(max_length=12, choices=Hours.choices, default=Hours.ANY)
    travel_km = models.PositiveSmallIntegerField(null=True, blank=True)
    previously_unemployed = models.BooleanField(default=False)
    unemployed_months = models.PositiveSmallIntegerField(null=True, blank=True)
    lawful_basis = models.CharField(max_length=24, choices=LawfulBasis.choices)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_wording = models.CharField(
        max_length=20, blank=True, help_text="the version of the privacy notice agreed to"
    )
    special_category_consent_at = models.DateTimeField(null=True, blank=True)
    in_pool = models.BooleanField(
        default=True, help_text="matched to new vacancies while looking for work"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=Q(email__isnull=False), name="talent_candidate_email"
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=Q(phone__isnull=False), name="talent_candidate_phone"
            ),
            models.CheckConstraint(
                condition=Q(deprivation_decile__isnull=True)
                | Q(deprivation_decile__gte=1, deprivation_decile__lte=10),
                name="talent_candidate_decile_1_to_10",
            ),
        ]
        indexes = [models.Index(fields=["anonymised_at", "last_activity_at"])]

    def __str__(self) -> str:
        return (
            self.full_name if not self.anonymised_at else f"Anonymised candidate {self.reference}"
        )

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class CandidateCohort(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="cohorts")
    cohort = models.CharField(max_length=24, choices=Cohort.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "cohort"], name="talent_cohort_once")
        ]
        indexes = [models.Index(fields=["cohort", "candidate"])]

    def __str__(self) -> str:
        return self.get_cohort_display()


class Barrier(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField(max_length=20, choices=BarrierKind.choices)
    note = models.TextField(blank=True)
    noted_on = models.DateField(default=timezone.localdate)
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "kind"], name="talent_barrier_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Equality(models.Model):
    """Equality monitoring, every answer optional with "prefer not to say"."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="equality")
    age_band = models.CharField(max_length=12, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=40, blank=True)
    disability = models.CharField(max_length=20, blank=True)
    religion = models.CharField(max_length=30, blank=True)
    sexual_orientation = models.CharField(max_length=30, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Equality monitoring for {self.candidate_id}"


class CampaignResponse(models.Model):
    """A person answered a campaign's form (a returning person is one candidate, many responses)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="responses")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Response to {self.campaign_id}"


class Intervention(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(max_length=20, choices=InterventionKind.choices)
    barrier = models.CharField(max_length=20, choices=BarrierKind.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="talent_interventions"
    )
    description = models.CharField(max_length=300, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        max_length=16, choices=InterventionOutcome.choices, default=InterventionOutcome.PLANNED
    )
    outcome_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="talent_intervention_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Qualification(models.Model):
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(max_length=20, choices=QualificationKind.choices)
    title = models.CharField(
        max_length=200, blank=True, help_text="for example the level or apprenticeship standard"
    )
    provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talent_qualifications",
    )
    status = models.CharField(
        max_length=12, choices=QualificationStatus.choices, default=QualificationStatus.IN_PROGRESS
    )
    started_on = models.DateField(null=True, blank=True)
    achieved_on = models.DateField(null=True, blank=True)
    completion = models.ForeignKey(
        "learning.Completion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the matching entry in the learning record, where there is one",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-achieved_on", "-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="achieved") | Q(achieved_on__isnull=False),
                name="talent_qualification_achieved_has_date",
            )
        ]
        indexes = [models.Index(fields=["status", "achieved_on"])]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label}: {self.title}" if self.title else label


class CandidateLink(models.Model):
    """A link to a candidate's own status page. Only a hash of the secret is stored."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Status link created {self.created_at:%Y-%m-%d %H:%M}"
