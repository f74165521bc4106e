"""The partnership: places, organisations, sites, faculties, frameworks; people and roles."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .choices import (
    AffiliationStatus,
    FrameworkKind,
    JobFamily,
    Level,
    PlaceKind,
    Relationship,
    Role,
    Sector,
    WorkArea,
    WorkStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Place(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=PlaceKind.choices, default=PlaceKind.PLACE)
    code = models.CharField(max_length=20, blank=True, help_text="For example the ICS code.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)

    def search(self, text: str) -> OrganisationQuerySet:
        text = (text or "").strip()
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(name__icontains=word)
                | Q(ods_code__iexact=word)
                | Q(sites__postcode__istartswith=word)
            )
        return self.filter(query).distinct()

    def in_sectors(self, sectors: list[str]) -> OrganisationQuerySet:
        return self.filter(sector__in=sectors) if sectors else self

    def annotate_pending(self) -> OrganisationQuerySet:
        """Adds ``pending_count``: people waiting for this partner to confirm them."""
        return self.annotate(
            pending_count=models.Count(
                "affiliations", filter=Q(affiliations__status=AffiliationStatus.PENDING)
            )
        )

    def administered_by(self, user: User | AnonymousUser) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_partnership_admin:
            return self
        return self.filter(
            role_grants__user=user,
            role_grants__role=Role.PARTNER_ADMIN,
            role_grants__revoked_at__isnull=True,
        ).distinct()


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        blank=True,
        help_text="The NHS Organisation Data Service code, if the organisation has one.",
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    summary = models.TextField(blank=True)
    website = models.URLField(blank=True)
    contact_email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False, help_text="Invented or sample data.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"], condition=~Q(ods_code=""), name="unique_ods_code_when_set"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"slug": self.slug})


class Site(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_site_name")
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.postcode}"


class Faculty(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "faculties"

    def __str__(self) -> str:
        return self.name


class Framework(models.Model):
    """An agreement partners sign, such as a staff portability framework."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=30, choices=FrameworkKind.choices)
    summary = models.TextField()
    terms_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:framework", kwargs={"slug": self.slug})

    def has_current_signatory(self, organisation: Organisation, on: dt.date | None = None) -> bool:
        return self.signatories.current(on).filter(organisation=organisation).exists()


class SignatoryQuerySet(models.QuerySet["Signatory"]):
    def current(self, on: dt.date | None = None) -> SignatoryQuerySet:
        """Signatories whose signature is in force on ``on`` (today by default)."""
        day = on or timezone.localdate()
        return self.filter(signed_on__lte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
        )

    def for_organisation(self, organisation: Organisation) -> SignatoryQuerySet:
        return self.filter(organisation=organisation)


class Signatory(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="signatories")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signatures"
    )
    signed_on = models.DateField()
    signed_by_name = models.CharField(max_length=200)
    signed_by_job_title = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-signed_on"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "organisation"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_open_signature_per_framework",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("signed_on")),
                name="withdrawal_after_signing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} signed {self.framework}"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser):
    """A person. Any e-mail address gets a full account; nobody needs an NHS address."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    job_title = models.CharField("job title or what you do", max_length=200, blank=True)
    job_family = models.CharField(max_length=30, choices=JobFamily.choices, blank=True)
    work_area = models.CharField(max_length=30, choices=WorkArea.choices, blank=True)
    level = models.CharField(max_length=30, choices=Level.choices, blank=True)
    work_status = models.CharField(max_length=30, choices=WorkStatus.choices, blank=True)
    other_organisation = models.CharField("organisation not listed", max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # A weekly e-mail of what is waiting on them (the signed-in home); they can turn it off.
    weekly_digest = models.BooleanField(default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    # Fields shown to partner admins and in the audit log's from/to values are limited to
    # these; everything else about a person is recorded as "changed" without values.
    PROFILE_FIELDS = (
        "full_name",
        "job_title",
        "job_family",
        "work_area",
        "level",
        "work_status",
        "other_organisation",
    )

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def profile_complete(self) -> bool:
        return bool(self.full_name and self.job_family and self.work_area and self.work_status)

    # Role checks --------------------------------------------------------------------------

    def _active_grants(self) -> list[RoleGrant]:
        cache = getattr(self, "_grant_cache", None)
        if cache is None:
            cache = list(self.role_grants.filter(revoked_at__isnull=True))
            self._grant_cache = cache
        return cache

    def has_role(self, role: str, *, organisation: Organisation | None = None) -> bool:
        for grant in self._active_grants():
            if grant.role != role:
                continue
            if organisation is None or grant.organisation_id in (None, organisation.pk):
                return True
        return False

    @property
    def is_partnership_admin(self) -> bool:
        return self.is_active and self.has_role(Role.PARTNERSHIP_ADMIN)

    def administers(self, organisation: Organisation) -> bool:
        """Partnership admins administer every partner; partner admins their own."""
        if not self.is_active:
            return False
        if self.is_partnership_admin:
            return True
        return any(
            g.role == Role.PARTNER_ADMIN and g.organisation_id == organisation.pk
            for g in self._active_grants()
        )

    @property
    def administered_organisation_ids(self) -> set[int]:
        return {
            g.organisation_id
            for g in self._active_grants()
            if g.role == Role.PARTNER_ADMIN and g.organisation_id is not None
        }

    def forget_cached_roles(self) -> None:
        self.__dict__.pop("_grant_cache", None)


class AffiliationQuerySet(models.QuerySet["Affiliation"]):
    def for_organisation(self, organisation: Organisation) -> AffiliationQuerySet:
        return self.filter(organisation=organisation)

    def open(self) -> AffiliationQuerySet:
        return self.filter(status__in=[AffiliationStatus.PENDING, AffiliationStatus.CONFIRMED])


class Affiliation(models.Model):
    """A person says they work, volunteer or study at a partner; the partner confirms it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="affiliations"
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    job_title = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=AffiliationStatus.choices, default=AffiliationStatus.PENDING
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["pending", "confirmed"]),
                name="one_open_affiliation_per_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.status in (AffiliationStatus.PENDING, AffiliationStatus.CONFIRMED)


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active(self) -> RoleGrantQuerySet:
        return self.filter(revoked_at__isnull=True)

    def for_organisation(self, organisation: Organisation) -> RoleGrantQuerySet:
        return self.filter(organisation=organisation)


class RoleGrant(models.Model):
    """A role given to a person, scoped to an organisation or faculty where the role needs it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    faculty = models.ForeignKey(
        Faculty, null=True, blank=True, on_delete=models.PROTECT, related_name="role_grants"
    )
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["role", "-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["partner_admin", "partner_representative"])
                | Q(organisation__isnull=False),
                name="partner_roles_need_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role="faculty_lead") | Q(faculty__isnull=False),
                name="faculty_lead_needs_faculty",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.faculty
        return f"{self.get_role_display()}" + (f" for {scope}" if scope else "")

    @property
    def scope_label(self) -> str:
        scope = self.organisation or self.faculty
        return str(scope) if scope else "Whole partnership"


class SignInToken(models.Model):
    """A single-use sign-in link. Only a hash of the secret is stored."""

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"Sign-in link created {self.created_at:%Y-%m-%d %H:%M}"


class SignInAttempt(models.Model):
    """One request for a link or one password try, keyed by keyed hashes (no raw e-mail or IP)."""

    class Kind(models.TextChoices):
        LINK = "link", "Sign-in link requested"
        PASSWORD = "password", "Password tried"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    address_hash = models.CharField(max_length=64, db_index=True)
    ip_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
