"""The learning portal: a catalogue every partner publishes into, bookings with waiting lists,
completions that follow the person, and the statutory and mandatory requirements they meet."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils import timezone

from oneworkforce.partners.models import Faculty, Organisation, Site

ACTIVE_BOOKING_STATES = ("booked", "pending_approval", "waitlisted", "offered")
# The active states that hold one of the session's places (counted in ``Session.booked_count``):
# everyone but those on the waiting list. The one rule for "does this booking hold a place".
PLACE_HOLDING_STATES = ("booked", "offered", "pending_approval")


class Kind(models.TextChoices):
    E_LEARNING = "e_learning", "E-learning"
    VIRTUAL = "virtual", "Online live session"
    IN_PERSON = "in_person", "In-person session"
    COURSE = "course", "Course of several sessions"
    RESOURCE = "resource", "Free resource or toolkit"
    LEADERSHIP = "leadership", "Leadership and talent development"

    @classmethod
    def dated(cls) -> set[str]:
        """Kinds that run on dates and are booked, rather than taken any time."""
        return {cls.VIRTUAL, cls.IN_PERSON, cls.COURSE, cls.LEADERSHIP}


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Framework(models.TextChoices):
    CSTF = "cstf", "Core Skills Training Framework"
    CARE_CERTIFICATE = "care_certificate", "Care Certificate"
    OLIVER_MCGOWAN = "oliver_mcgowan", "Oliver McGowan training on learning disability and autism"
    LOCAL = "local", "Partner's own requirement"


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Requirement(models.Model):
    """A statutory or mandatory training subject at a level, with how long it stays valid."""

    code = models.SlugField(max_length=60, unique=True)
    framework = models.CharField(max_length=30, choices=Framework.choices)
    subject = models.CharField(max_length=200)
    level = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    validity_months = models.PositiveSmallIntegerField(
        default=0, help_text="0 means a completion does not expire."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "subject", "level"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.level})" if self.level else self.subject


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def published(self) -> OpportunityQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def for_organisation(self, organisation: Organisation) -> OpportunityQuerySet:
        return self.filter(organisation=organisation)


class Opportunity(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opportunities"
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What people will learn and how.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    who_can_take = models.TextField(
        "who can take this",
        help_text="In plain words, for example 'Anyone who works or volunteers in health "
        "and care in the partnership'.",
    )
    audience_sectors = models.JSONField(default=list, blank=True)
    audience_roles = models.JSONField(default=list, blank=True)
    faculties = models.ManyToManyField(Faculty, blank=True, related_name="opportunities")
    topics = models.ManyToManyField(Topic, blank=True, related_name="opportunities")
    requirements = models.ManyToManyField(Requirement, blank=True, related_name="opportunities")
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    cost_pence = models.PositiveIntegerField(default=0)
    accreditation = models.CharField(max_length=200, blank=True)
    link = models.URLField(max_length=500, blank=True)
    needs_approval = models.BooleanField(default=False)
    hold_hours = models.PositiveSmallIntegerField(default=48)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(blank=True)
    review_by = models.DateField()
    # Title, summary and statement with the provider's and topics' names, kept for search.
    search_title = models.CharField(max_length=200, blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_dated(self) -> bool:
        return self.kind in Kind.dated()

    @property
    def is_free(self) -> bool:
        return self.cost_pence == 0


class SessionQuerySet(models.QuerySet["Session"]):
    def upcoming(self, now: dt.datetime | None = None) -> SessionQuerySet:
        return self.filter(starts_at__gt=now or timezone.now(), cancelled_at__isnull=True)


class Session(models.Model):
    """One run of a dated opportunity that people book; a course's run covers all its dates."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    schedule = models.CharField(
        max_length=200, blank=True, help_text="For a course: when the later sessions are."
    )
    online = models.BooleanField(default=False)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.PROTECT)
    venue = models.CharField(max_length=200, blank=True)
    venue_postcode = models.CharField(max_length=8, blank=True)
    # Where the session happens (its venue postcode, else its site's), placed from the product's
    # postcode data so search can measure distance; empty when online or not yet known.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    capacity = models.PositiveIntegerField()
    booked_count = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["opportunity", "starts_at"]),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(booked_count__lte=models.F("capacity")),
                name="session_never_overbooked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    @property
    def places_left(self) -> int:
        return max(0, self.capacity - self.booked_count)

    @property
    def where(self) -> str:
        if self.online:
            return "Online"
        if self.site is not None:
            return f"{self.site.name}, {self.site.postcode}"
        return ", ".join(part for part in (self.venue, self.venue_postcode) if part)

    @property
    def place_postcode(self) -> str:
        """The postcode that places the session: its venue's, else its site's."""
        if self.online:
            return ""
        return self.venue_postcode or (self.site.postcode if self.site is not None else "")


class BookingState(models.TextChoices):
    BOOKED = "booked", "Booked"
    PENDING_APPROVAL = "pending_approval", "Waiting for the provider to approve"
    WAITLISTED = "waitlisted", "On the waiting list"
    OFFERED = "offered", "Place offered"
    CANCELLED = "cancelled", "Cancelled"
    OFFER_LAPSED = "offer_lapsed", "Offer not taken up in time"
    NOT_APPROVED = "not_approved", "Not approved"
    SESSION_CANCELLED = "session_cancelled", "Session cancelled by the provider"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Did not attend"


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> BookingQuerySet:
        return self.filter(state__in=ACTIVE_BOOKING_STATES)

    def holding_places(self) -> BookingQuerySet:
        """Bookings that hold a place (see :data:`PLACE_HOLDING_STATES`)."""
        return self.filter(state__in=PLACE_HOLDING_STATES)

    def for_organisation(self, organisation: Organisation) -> BookingQuerySet:
        """Bookings on the organisation's own sessions."""
        return self.filter(session__opportunity__organisation=organisation)


class Booking(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    state = models.CharField(max_length=20, choices=BookingState.choices)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN, blank=True
    )
    # Where the learner came from when they booked: the measure of learning together.
    learner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    learner_sector = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["session", "state", "waitlisted_at"]),
            models.Index(fields=["learner", "state"]),
            models.Index(fields=["state", "offer_expires_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"],
                condition=Q(state__in=ACTIVE_BOOKING_STATES),
                name="one_active_booking_per_person_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} on {self.session}"

    @property
    def holds_place(self) -> bool:
        """Whether this booking holds one of the session's places (see
        :data:`PLACE_HOLDING_STATES`)."""
        return self.state in PLACE_HOLDING_STATES


class Interest(models.Model):
    """Someone would take an undated opportunity if it ran: a demand signal for the provider."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_interests"
    )
    learner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "learner"], name="one_interest_each")
        ]

    def __str__(self) -> str:
        return f"{self.learner} is interested in {self.opportunity}"


class CompletionSource(models.TextChoices):
    ATTENDANCE = "attendance", "Attendance marked by the provider"
    SELF_DECLARED = "self_declared", "Declared by the learner"
    PARTNER_SYSTEM = "partner_system", "Sent by the provider's learning system"


class CompletionState(models.TextChoices):
    PENDING = "pending", "Waiting for the provider to check"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Not accepted"
    REVOKED = "revoked", "Revoked"


def _certificate_code() -> str:
    # Unambiguous upper-case letters and digits, grouped for reading aloud: ABCD-EFGH-JKLM.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_certificate_code(text: str) -> str:
    """A certificate code as printed (``ABCD-EFGH-JKLM``) from however it was typed: any case,
    with spaces, hyphens or none. Text that cannot be a code is returned cleaned but ungrouped."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw


class CompletionQuerySet(models.QuerySet["Completion"]):
    def verified(self) -> CompletionQuerySet:
        return self.filter(state=CompletionState.VERIFIED)

    def for_organisation(self, organisation: Organisation) -> CompletionQuerySet:
        """Completions the organisation issued (its own learning)."""
        return self.filter(issuer=organisation)


class Completion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, related_name="completions"
    )
    issuer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="completion"
    )
    # The requirements the learning met when it was completed (later edits do not rewrite it).
    requirements = models.ManyToManyField(Requirement, blank=True, related_name="completions")
    completed_on = models.DateField()
    source = models.CharField(max_length=20, choices=CompletionSource.choices)
    state = models.CharField(max_length=20, choices=CompletionState.choices)
    evidence = models.TextField(blank=True)
    # A certificate the learner uploaded with a declared completion (PDF, JPEG or PNG, checked
    # by its first bytes), for the provider to check; removed when the account is deleted.
    evidence_file = models.BinaryField(null=True, blank=True, editable=False)
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_file_type = models.CharField(max_length=40, blank=True)
    statement_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    certificate_code = models.CharField(max_length=14, unique=True, default=_certificate_code)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["learner", "state"])]

    def __str__(self) -> str:
        return f"{self.learner} completed {self.opportunity}"


class RequirementPolicy(models.Model):
    """A partner's stricter validity for a requirement (for example fire safety every year)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="requirement_policies"
    )
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    validity_months = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "requirement"], name="one_policy_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.validity_months} months at {self.organisation}"


class JobRoleQuerySet(models.QuerySet["JobRole"]):
    def for_organisation(self, organisation: Organisation) -> JobRoleQuerySet:
        return self.filter(organisation=organisation)


class JobRole(models.Model):
    """A job role at a partner (for example "Care and support worker") and the training it needs.
    Not a permission: what people may do in the product is ``partners.RoleGrant``."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="job_roles"
    )
    name = models.CharField(max_length=200)
    requirements = models.ManyToManyField(Requirement, related_name="job_roles")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="job_roles")

    objects = JobRoleQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_job_role_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} at {self.organisation}"


class StaffRecord(models.Model):
    """Where a person with job roles at a partner works there (team, site), for the partner's
    compliance grid; made whenever the partner gives them a job role (:func:`_staff_on_add`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_staff"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_staff_records"
    )
    team = models.CharField(max_length=100, blank=True)
    site = models.ForeignKey(Site, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name", "team"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="one_staff_record")
        ]
        indexes = [models.Index(fields=["organisation", "team"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.organisation}"


class ComplianceReminder(models.Model):
    """A reminder a partner sent a person on its staff about one requirement of their job
    roles: at most one a week for each person and requirement. Goes with the staff record."""

    staff = models.ForeignKey(StaffRecord, on_delete=models.CASCADE, related_name="reminders")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["staff", "requirement", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.requirement} reminder to {self.staff}"


class ComplianceFigure(models.Model):
    """A partner's compliance on one day: counts of person-requirement cells in each state,
    recorded daily so the partner sees its figures over time. No one's name is kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="compliance_figures"
    )
    day = models.DateField()
    people = models.PositiveIntegerField()
    met = models.PositiveIntegerField()
    expiring = models.PositiveIntegerField()
    expired = models.PositiveIntegerField()
    missing = models.PositiveIntegerField()
    booked = models.PositiveIntegerField()

    class Meta:
        ordering = ["organisation", "day"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day"], name="one_figure_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.day}"

    @property
    def cells(self) -> int:
        return self.met + self.expiring + self.expired + self.missing + self.booked


class AcceptedIssuer(models.Model):
    """``organisation`` accepts completions issued by ``issuer`` as its own."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="accepted_issuers"
    )
    issuer = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="accepted_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["issuer__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "issuer"], name="accept_once"),
            models.CheckConstraint(
                condition=~Q(organisation=models.F("issuer")), name="accept_another_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} accepts {self.issuer}"


class ProviderToken(models.Model):
    """A partner system's key for sending completion statements. Only a hash is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


def _staff_on_add(sender: Any, instance: Any, action: str, pk_set: Any, **_: Any) -> None:
    """Whoever is given a job role has a staff record at its partner (team and site blank)."""
    if action != "post_add" or not pk_set:
        return
    if isinstance(instance, JobRole):
        pairs = [(instance.organisation_id, pk) for pk in pk_set]
    else:  # added from the person's side: instance is the person, pk_set job role ids
        organisations = JobRole.objects.filter(pk__in=pk_set).values_list("organisation_id")
        pairs = [(org, instance.pk) for (org,) in organisations]
    StaffRecord.objects.bulk_create(
        [StaffRecord(organisation_id=org, person_id=person) for org, person in set(pairs)],
        ignore_conflicts=True,
    )


# Connected here, beside the models it keeps in step, so every way of adding members (services,
# the demo, tests) is covered.
m2m_changed.connect(_staff_on_add, sender=JobRole.members.through)


def model_fields(model: type[models.Model], *exclude: str) -> list[str]:
    """Concrete, editable field names of ``model`` for audit snapshots."""
    skip = {"id", *exclude}
    return [
        f.name
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and not f.many_to_many and f.name not in skip
    ]


# Models kept in sub-package modules (programmes and session materials, ADR 024; evaluations,
# the CPD log and reflective accounts, ADR 023; the stored compliance grid and team managers,
# ADR 018); imported here, after the models they refer to,
# so Django registers them with this app.
from .materials.models import Audience, Material  # noqa: E402, F401
from .practice_models import CpdEntry, Evaluation, Reflection, RevalidationPlan  # noqa: E402, F401
from .programmes.models import Programme, ProgrammeEnrolment, ProgrammeStep  # noqa: E402, F401
from .workforce.models import ComplianceCell, ComplianceRow, TeamManager  # noqa: E402, F401
