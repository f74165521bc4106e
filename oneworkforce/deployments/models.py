"""Staff portability (short deployments to another partner under a signed framework, with
the checks the employer of record vouches for), collaborative apprenticeships with rotational
placements, and employ-and-deploy agreements with primary care networks."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.models import Framework, Organisation, Site

# Portability -------------------------------------------------------------------------------


class StaffGroup(models.TextChoices):
    """Broad staff groups in words every sector recognises."""

    NURSING = "nursing", "Nursing and midwifery"
    MEDICAL = "medical", "Doctors"
    AHP = "ahp", "Allied health professionals"
    CARE_SUPPORT = "care_support", "Care and support workers, healthcare assistants"
    SOCIAL_WORK = "social_work", "Social workers"
    PHARMACY = "pharmacy", "Pharmacy"
    ADMIN = "admin", "Administrative and clerical"
    OTHER = "other", "Other"


class WorkType(models.TextChoices):
    """The kind of work; decides which checks the employer must vouch for."""

    REGISTERED = "registered", "Registered professional (for example nurse, social worker)"
    CARE = "care", "Hands-on care without professional registration"
    NON_CLINICAL = "non_clinical", "No hands-on care (for example admin, estates)"


class EvidenceKind(models.TextChoices):
    IDENTITY = "identity", "Identity checked"
    RIGHT_TO_WORK = "right_to_work", "Right to work in the UK"
    REGISTRATION = "registration", "Professional registration"
    DBS = "dbs", "DBS check"
    OCCUPATIONAL_HEALTH = "occupational_health", "Occupational health clearance"
    TRAINING = "training", "Statutory and mandatory training"
    INDUCTION = "induction", "Local induction at the host"


CHECKLIST: dict[str, tuple[str, ...]] = {
    WorkType.REGISTERED: tuple(EvidenceKind.values),
    WorkType.CARE: tuple(k for k in EvidenceKind.values if k != EvidenceKind.REGISTRATION),
    WorkType.NON_CLINICAL: (
        EvidenceKind.IDENTITY,
        EvidenceKind.RIGHT_TO_WORK,
        EvidenceKind.DBS,
        EvidenceKind.TRAINING,
        EvidenceKind.INDUCTION,
    ),
}
# The host, not the employer, confirms its own induction.
HOST_EVIDENCE = {EvidenceKind.INDUCTION}


class DeploymentState(models.TextChoices):
    REQUESTED = "requested", "Requested"
    AGREED = "agreed", "Agreed"
    READY = "ready", "Ready"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATES = ("requested", "agreed", "ready", "active")


class Terms(models.TextChoices):
    NONE = "none", "No recharge"
    RECHARGE = "recharge", "The host pays the employer back"


class DeploymentQuerySet(models.QuerySet["Deployment"]):
    def for_organisation(self, organisation: Organisation) -> DeploymentQuerySet:
        """Deployments the organisation hosts or employs the person for."""
        return self.filter(Q(host=organisation) | Q(employer=organisation))

    def open(self) -> DeploymentQuerySet:
        return self.filter(state__in=OPEN_STATES)


class Deployment(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="deployments")
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="hosted")
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="lent", null=True, blank=True
    )
    # Kept when the person deletes their account: the partners' record and reports remain.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="deployments",
        null=True,
        blank=True,
    )
    job_title = models.CharField(max_length=200)
    work_type = models.CharField(max_length=20, choices=WorkType.choices)
    staff_group = models.CharField(max_length=20, choices=StaffGroup.choices)
    skills = models.TextField(blank=True)
    # The host's job role whose statutory and mandatory training the person needs; checked on their
    # learning record, where the host's accepted-from rules apply.
    training_job_role = models.ForeignKey(
        "learning.JobRole", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    supervisor = models.CharField("supervisor at the host", max_length=200)
    reason = models.TextField()
    terms = models.CharField(max_length=20, choices=Terms.choices, default=Terms.NONE)
    recharge_note = models.CharField(max_length=300, blank=True)
    not_industrial_action = models.BooleanField(default=False)
    state = models.CharField(
        max_length=20, choices=DeploymentState.choices, default=DeploymentState.REQUESTED
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    employer_agreed_at = models.DateTimeField(null=True, blank=True)
    person_consented_at = models.DateTimeField(null=True, blank=True)
    host_accepted_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    bypass_reason = models.TextField(blank=True)
    bypassed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closing_note = models.TextField(blank=True)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["state", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="deployment_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_title} at {self.host}"

    @property
    def checklist(self) -> tuple[str, ...]:
        return CHECKLIST[self.work_type]

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Evidence(models.Model):
    """One check the employer of record (or, for induction, the host) vouches for. Documents
    stay with the employer: only who attested, when, and until when."""

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    detail = models.CharField(
        max_length=200, blank=True, help_text="For example the register and number, or DBS level"
    )
    valid_until = models.DateField(null=True, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-attested_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.deployment}"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= day


# Apprenticeships ---------------------------------------------------------------------------


class Setting(models.TextChoices):
    ACUTE = "acute", "Acute hospital"
    COMMUNITY = "community", "Community health"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PRIMARY_CARE = "primary_care", "Primary care"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    VCSE = "vcse", "Voluntary and community sector"


class Cohort(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    standard = models.CharField("apprenticeship standard", max_length=200)
    training_provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    partners = models.ManyToManyField(Organisation, related_name="cohorts")
    starts_on = models.DateField()
    blocks = models.PositiveSmallIntegerField(default=3)
    block_months = models.PositiveSmallIntegerField(default=4)
    seed = models.PositiveIntegerField(default=1)
    allocated_at = models.DateTimeField(null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    objective = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Apprentice(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="apprentices")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    employer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    home_postcode = models.CharField(max_length=8, blank=True)
    max_travel_km = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    """A partner's offer of places at one of its sites, for every block of a cohort's plan."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="placements")
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    setting = models.CharField(max_length=20, choices=Setting.choices)
    places = models.JSONField(help_text="Places in each block, block 1 first")
    supervisors = models.JSONField(
        null=True, blank=True, help_text="Most apprentices supervisors can take in each block"
    )

    class Meta:
        ordering = ["site__organisation__name", "site__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "site"], name="one_placement_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.site.name} ({self.get_setting_display()})"


class Preference(models.Model):
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="preferences")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["apprentice", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "placement"], name="rank_each_once"),
            models.UniqueConstraint(fields=["apprentice", "rank"], name="one_placement_per_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.apprentice}: choice {self.rank}"


class Assignment(models.Model):
    apprentice = models.ForeignKey(Apprentice, on_delete=models.CASCADE, related_name="assignments")
    block = models.PositiveSmallIntegerField()
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="assignments")
    explanation = models.TextField(blank=True)
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["apprentice", "block"]
        constraints = [
            models.UniqueConstraint(fields=["apprentice", "block"], name="one_placement_per_block")
        ]

    def __str__(self) -> str:
        return f"{self.apprentice}, block {self.block}: {self.placement}"


# Employ and deploy -------------------------------------------------------------------------


class FundingSource(models.TextChoices):
    ARRS = "arrs", "Additional Roles Reimbursement Scheme"
    PCN = "pcn", "The primary care network's own budget"
    ICB = "icb", "Integrated care board"
    OTHER = "other", "Other"


class Agreement(models.Model):
    """A lead employer employs staff on behalf of primary care networks."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    lead_employer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    pcns = models.ManyToManyField(Organisation, related_name="employ_agreements")
    funding = models.CharField(max_length=20, choices=FundingSource.choices)
    hr_services = models.TextField(help_text="For example payroll, recruitment, appraisal")
    service_level = models.TextField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreedPost(models.Model):
    """Posts of one job title a primary care network agreed to have employed for it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="posts")
    pcn = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    job_title = models.CharField(max_length=200)
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["pcn__name", "job_title"]

    def __str__(self) -> str:
        return f"{self.number} {self.job_title} for {self.pcn}"


class Employment(models.Model):
    """Someone the lead employer employs under an agreement, based at one practice and
    working at others."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200)
    pcn = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    base_practice = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    practices = models.ManyToManyField(Organisation, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pcn__name", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.job_title}"
