"""Vacancies at any partner, applications through the pipeline, their steps, screening, offer
conditions, retention checkpoints, and keys for partners' recruitment systems."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.choices import JobFamily, WorkArea
from oneworkforce.partners.models import Organisation

from ..pipeline.states import PATH, State
from .casework import Candidate
from .choices import (
    EMPLOYER_VISIBLE_STATES,
    ApplicationSource,
    ApplicationState,
    CheckpointOutcome,
    ConditionKind,
    Contract,
    Hours,
    LeftReason,
    PayUnit,
    ValueSource,
)

# Vacancies and applications ------------------------------------------------------------------


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def open_on(self, day: dt.date) -> VacancyQuerySet:
        return self.filter(is_open=True).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))

    def for_organisations(self, organisation_ids: set[int]) -> VacancyQuerySet:
        return self.filter(organisation_id__in=organisation_ids)


class Vacancy(models.Model):
    """A vacancy: a job a partner is recruiting to. Every page, URL and API field says "vacancy"."""

    class Source(models.TextChoices):
        PAGE = "page", "Added on this site"
        IMPORT = "import", "Imported from a file"
        API = "api", "Sent by the partner's recruitment system"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="talent_vacancies"
    )
    title = models.CharField(max_length=150)
    job_family = models.CharField(max_length=20, choices=JobFamily.choices)
    work_area = models.CharField(max_length=20, choices=WorkArea.choices)
    hours = models.CharField(max_length=12, choices=Hours.choices, default=Hours.ANY)
    postcode = models.CharField(max_length=8, blank=True)
    places = models.PositiveSmallIntegerField(default=1)
    closes_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    entry_level = models.BooleanField(
        default=True, help_text="open to people without experience in health or care"
    )
    description = models.TextField(blank=True)
    pay = models.CharField(max_length=100, blank=True)
    # What the public job board searches and shows (careers.jobs): pay the same way for every
    # sector, the contract, the support on offer, the career role it is, where it is.
    pay_low = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_high = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_unit = models.CharField(max_length=4, choices=PayUnit.choices, blank=True)
    nhs_band = models.CharField(
        max_length=20, blank=True, help_text="shown only beside the pay, for NHS posts"
    )
    # An apprenticeship is a contract ("Apprenticeship"), asked once; nothing else records it.
    contract = models.CharField(max_length=16, choices=Contract.choices, default=Contract.PERMANENT)
    training_given = models.BooleanField(default=False)
    travel_help = models.BooleanField(default=False, help_text="help with travel costs")
    english_support = models.BooleanField(default=False, help_text="English language support")
    essential_criteria = models.TextField(
        blank=True,
        help_text="what a person must have; a veteran who meets it is guaranteed an interview",
    )
    career_role = models.CharField(
        max_length=60, blank=True, db_index=True, help_text="its role in the careers catalogue"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_ref = models.CharField(
        max_length=64, blank=True, help_text="the vacancy's reference in the partner's own system"
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.PAGE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_ref"],
                condition=~Q(external_ref=""),
                name="talent_vacancy_external_ref_once",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="talent_vacancy_places"),
        ]
        indexes = [
            # The public job board: open vacancies, near a point, newest first.
            models.Index(
                fields=["is_open", "latitude", "longitude"], name="talent_vacancy_open_near"
            ),
            models.Index(fields=["is_open", "-created_at"], name="talent_vacancy_open_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_organisations(self, organisation_ids: set[int]) -> ApplicationQuerySet:
        """Applications a partner sees: to its vacancies, once the coordinator put them forward."""
        return self.filter(
            vacancy__organisation_id__in=organisation_ids, state__in=EMPLOYER_VISIBLE_STATES
        )

    def overdue(self, day: dt.date) -> ApplicationQuerySet:
        return self.filter(due_on__lt=day)


class Application(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(
        max_length=16, choices=ApplicationState.choices, default=ApplicationState.INTERESTED
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True, db_index=True)
    # How far along pipeline.PATH it has ever got (0 = interested ... 5 = started), kept so the
    # funnel is one pass over applications rather than over every step of their history.
    furthest_step = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True, help_text="why it ended, where it has")
    started_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=20, choices=LeftReason.choices, blank=True)
    source = models.CharField(
        max_length=16, choices=ApplicationSource.choices, default=ApplicationSource.COORDINATOR
    )
    source_code = models.CharField(
        max_length=40, blank=True, help_text="the campaign's code, where it came from one"
    )
    # Veterans and the armed forces community: a person who served and meets the vacancy's
    # essential criteria is guaranteed an interview; the work list shows it until one is booked.
    served_in_forces = models.BooleanField(default=False)
    meets_essential_criteria = models.BooleanField(default=False)
    guaranteed_interview = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-state_changed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "vacancy"], name="talent_application_once_per_role"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["started", "left"]) | Q(started_on__isnull=False),
                name="talent_application_start_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["vacancy", "state"]),
            # The starts alone (about one application in ten), covering what the outcome
            # figures join on, so they need not read every application.
            models.Index(
                fields=["started_on"],
                include=["id", "candidate", "vacancy"],
                condition=Q(started_on__isnull=False),
                name="talent_application_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} for {self.vacancy}"

    @property
    def interview_owed(self) -> bool:
        """A guaranteed interview (a veteran who meets the essential criteria) not yet booked,
        on an application still open: the work list shows it until the interview step."""
        open_states = {s.value for s in PATH[: PATH.index(State.INTERVIEW)]}
        return self.guaranteed_interview and self.state in open_states

    def source_text(self) -> str:
        """Where it came from, with the campaign's code where there is one."""
        label = self.get_source_display()
        return f"{label} ({self.source_code})" if self.source_code else label

    def forces_text(self) -> str:
        if not self.served_in_forces:
            return "Not stated"
        if self.guaranteed_interview:
            return "Served, and meets the essential criteria: guaranteed an interview"
        return "Served (does not meet the essential criteria, or the vacancy records none)"


class ApplicationStep(models.Model):
    """One move of an application, kept in order for its history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    from_state = models.CharField(max_length=16, choices=ApplicationState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=ApplicationState.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} → {self.to_state}"


class ScreeningQuestion(models.Model):
    """A values-based question from the shared bank (written for this project)."""

    code = models.SlugField(max_length=60, unique=True)
    value = models.CharField(max_length=120, help_text="the value it explores")
    source = models.CharField(max_length=20, choices=ValueSource.choices)
    text = models.TextField()
    listen_for = models.TextField(blank=True, help_text="what a good answer shows")
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.value


class ScreeningAnswer(models.Model):
    class Rating(models.IntegerChoices):
        NOT_SHOWN = 1, "Not shown"
        PARTLY = 2, "Partly shown"
        SHOWN = 3, "Shown"
        STRONG = 4, "Shown strongly"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="screening")
    question = models.ForeignKey(ScreeningQuestion, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="talent_screening_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.rating}"


class OfferCondition(models.Model):
    """A pre-employment check a conditional offer depends on."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="conditions"
    )
    kind = models.CharField(max_length=20, choices=ConditionKind.choices)
    detail = models.CharField(max_length=200, blank=True)
    met_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Checkpoint(models.Model):
    """Is the person still in work 6 and 12 months after a start? Retention counts the person
    across the partnership: moving to another partner is still retained."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="checkpoints"
    )
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField(db_index=True)
    outcome = models.CharField(max_length=8, choices=CheckpointOutcome.choices, blank=True)
    moved_to = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    left_reason = models.CharField(max_length=20, choices=LeftReason.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "months"], name="talent_checkpoint_once"
            ),
            models.CheckConstraint(
                condition=Q(months__in=[6, 12]), name="talent_checkpoint_6_or_12"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="moved") | Q(moved_to__isnull=False),
                name="talent_checkpoint_moved_names_partner",
            ),
        ]
        indexes = [models.Index(fields=["months", "outcome"])]

    def __str__(self) -> str:
        return f"{self.months}-month checkpoint"

    @property
    def retained(self) -> bool | None:
        if not self.outcome:
            return None
        return self.outcome in (CheckpointOutcome.IN_POST, CheckpointOutcome.MOVED)


class AtsKey(models.Model):
    """A partner recruitment system's key for the talent API. Only a hash is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="talent_api_keys"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
