"""Workforce intelligence: published national statistics, partners' local data, scenarios.

National figures are keyed by the published organisation code (ODS code) so that every NHS
organisation in England is there to compare against; partners in the registry are matched to them
through ``Organisation.ods_code``. Local figures belong to a partner organisation (or a place) and
are reached through it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class DatasetKind(models.TextChoices):
    TURNOVER = "turnover", "NHS turnover benchmarking (monthly)"
    SICKNESS = "sickness", "NHS sickness absence (monthly)"
    NATIONALITY = "nationality", "NHS staff by nationality"
    RETURNS = "returns", "Partners' monthly workforce returns"
    EXIT_REASONS = "exit_reasons", "Exit interview reasons"
    SOCIAL_CARE = "social_care", "Adult social care workforce"
    POPULATION = "population", "Population projections"


NATIONAL_KINDS = (DatasetKind.TURNOVER, DatasetKind.SICKNESS, DatasetKind.NATIONALITY)


class ImportBatch(models.Model):
    """Provenance of one imported file: what it was, who brought it in, what it changed."""

    kind = models.CharField(max_length=20, choices=DatasetKind.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    rows = models.PositiveIntegerField(help_text="Data rows read from the file.")
    records_created = models.PositiveIntegerField(default=0)
    records_replaced = models.PositiveIntegerField(default=0)
    periods = models.JSONField(default=list, help_text="ISO dates of the months the file covers.")
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For local data: the partner the figures belong to.",
    )
    place = models.ForeignKey(
        "partners.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For population projections: the place they are for.",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_via = models.CharField(max_length=20, default="command line")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"


class TurnoverFigure(models.Model):
    """One organisation and staff group in one published monthly turnover period."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()
    region_code = models.CharField(max_length=10)
    region_name = models.CharField(max_length=120)
    ics_code = models.CharField(max_length=10)
    ics_name = models.CharField(max_length=120)
    org_code = models.CharField(max_length=10, db_index=True)
    org_name = models.CharField(max_length=200)
    cluster_group = models.CharField(max_length=60)
    benchmark_group = models.CharField(max_length=60)
    staff_group = models.CharField(max_length=120)
    hc_start = models.FloatField()
    fte_start = models.FloatField()
    hc_end = models.FloatField()
    fte_end = models.FloatField()
    joiners_hc = models.FloatField()
    joiners_fte = models.FloatField()
    leavers_hc = models.FloatField()
    leavers_fte = models.FloatField()

    class Meta:
        ordering = ["period_start", "org_name", "staff_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "org_code", "staff_group"], name="one_turnover_figure"
            )
        ]
        indexes = [models.Index(fields=["period_start", "staff_group"])]

    def __str__(self) -> str:
        return f"{self.org_name}, {self.staff_group}, {self.period}"


class SicknessFigure(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    region_code = models.CharField(max_length=10)
    region_name = models.CharField(max_length=120)
    ics_code = models.CharField(max_length=10)
    ics_name = models.CharField(max_length=120)
    org_code = models.CharField(max_length=10, db_index=True)
    org_name = models.CharField(max_length=200)
    org_type = models.CharField(max_length=60)
    fte_days_lost = models.FloatField()
    fte_days_available = models.FloatField()
    published_rate = models.FloatField(help_text="The rate the file states, in per cent.")

    class Meta:
        ordering = ["period_start", "org_name"]
        constraints = [
            models.UniqueConstraint(fields=["period_start", "org_code"], name="one_sickness_figure")
        ]

    def __str__(self) -> str:
        return f"{self.org_name}, {self.period_start:%B %Y}"


class NationalityFigure(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    org_code = models.CharField(max_length=10, db_index=True)
    org_name = models.CharField(max_length=200)
    staff_group = models.CharField(max_length=120)
    nationality = models.CharField(max_length=80)
    fte = models.FloatField()

    class Meta:
        ordering = ["period_start", "org_name", "staff_group", "nationality"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "org_code", "staff_group", "nationality"],
                name="one_nationality_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_name}, {self.staff_group}, {self.nationality}"


# Local data partners hold ---------------------------------------------------------------------


class Recorded(models.Model):
    """Who recorded a figure, when, and from which uploaded file (if any)."""

    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class LocalFigure(Recorded):
    """Shared columns of partners' own figures: whose they are, for which month."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(help_text="The first day of the month the figures are for.")

    class Meta:
        abstract = True


class WorkforceReturn(LocalFigure):
    """A partner's monthly figures for one staff group or role: establishment, vacancies,
    applications received and leavers (the "success indicators" followed at 30/60/90 days)."""

    staff_group = models.CharField(max_length=120)
    establishment_fte = models.DecimalField(max_digits=10, decimal_places=2)
    vacancies_fte = models.DecimalField(max_digits=10, decimal_places=2)
    applications = models.PositiveIntegerField(default=0)
    leavers = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["organisation__name", "period_start", "staff_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "staff_group"], name="one_return"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.staff_group}, {self.period_start:%B %Y}"

    @property
    def vacancy_rate(self) -> float | None:
        if not self.establishment_fte:
            return None
        return float(self.vacancies_fte / self.establishment_fte)


class ExitReason(models.TextChoices):
    """Reasons for leaving, in plain words (grouped like the NHS electronic staff record's)."""

    WORK_LIFE_BALANCE = "work_life_balance", "Work-life balance"
    WORKLOAD = "workload", "Workload or pressure"
    PAY = "pay", "Pay or reward"
    PROGRESSION = "progression", "Promotion or better prospects elsewhere"
    RELOCATION = "relocation", "Moving away"
    RETIREMENT = "retirement", "Retirement"
    HEALTH = "health", "Own health"
    CARING = "caring", "Caring for a child or an adult"
    CULTURE = "culture", "Culture, bullying or how they were treated"
    TRAVEL = "travel", "Travel or transport"
    EDUCATION = "education", "Further education or training"
    END_OF_CONTRACT = "end_of_contract", "End of a fixed-term contract"
    DISMISSAL = "dismissal", "Dismissal"
    OTHER = "other", "Other or not known"


class ExitInterviewCount(LocalFigure):
    """How many leavers gave each reason in a month (counts only; no one is named)."""

    staff_group = models.CharField(max_length=120)
    reason = models.CharField(max_length=30, choices=ExitReason.choices)
    leavers = models.PositiveIntegerField()

    class Meta:
        ordering = ["organisation__name", "period_start", "staff_group", "reason"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "staff_group", "reason"],
                name="one_exit_count",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.get_reason_display()}, {self.period_start:%B %Y}"


class SocialCareWorkforce(LocalFigure):
    """An adult social care employer's (or a council's) headcount and turnover for a job role:
    the figures no national NHS file holds."""

    job_role = models.CharField(max_length=120)
    headcount = models.PositiveIntegerField()
    fte = models.DecimalField("FTE", max_digits=10, decimal_places=2)
    leavers_last_12_months = models.PositiveIntegerField()
    starters_last_12_months = models.PositiveIntegerField(default=0)
    vacancies = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["organisation__name", "period_start", "job_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start", "job_role"], name="one_social_care_figure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.job_role}, {self.period_start:%B %Y}"

    @property
    def turnover_rate(self) -> float | None:
        if not self.headcount:
            return None
        return self.leavers_last_12_months / self.headcount


class PopulationProjection(Recorded):
    """Projected residents of a place by age band and year (for example ONS subnational
    population projections), used to grow demand."""

    place = models.ForeignKey("partners.Place", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    age_band = models.CharField(max_length=10)
    people = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["place__name", "year", "age_band"]
        constraints = [
            models.UniqueConstraint(fields=["place", "year", "age_band"], name="one_population")
        ]

    def __str__(self) -> str:
        return f"{self.place}, {self.year}, {self.age_band}"


# Scenarios -----------------------------------------------------------------------------------


class Scenario(models.Model):
    """A saved projection set-up: which organisations, which base period, the demand assumption
    and the interventions. The engine's TOML form is built from it on demand."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    base_period = models.DateField(help_text="The turnover period the baseline starts from.")
    organisations = models.ManyToManyField("partners.Organisation", related_name="+")
    include_social_care = models.BooleanField(
        default=True, help_text="Add partners' adult social care figures as cells."
    )
    horizon_years = models.PositiveSmallIntegerField(default=10)
    runs = models.PositiveIntegerField(default=1000)
    seed = models.PositiveIntegerField(default=1)
    demand_growth = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=1,
        help_text="Per cent a year, used when no population projection is chosen.",
    )
    population_place = models.ForeignKey(
        "partners.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    population_ages = models.CharField(max_length=10, blank=True)
    destabilisation_threshold = models.DecimalField(max_digits=5, decimal_places=2, default=2)
    RECRUITMENT_CHOICES = [
        ("vacancies", "Toward vacancies, within what the labour market can supply"),
        ("fixed", "The same joiners every month as the figures show"),
    ]
    recruitment = models.CharField(max_length=10, choices=RECRUITMENT_CHOICES, default="vacancies")
    fill_rate = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=20,
        help_text="Per cent of open posts filled each month.",
    )
    market_limit = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=150,
        help_text="Most recruits a month for each staff group or job role, as a per cent of "
        "the joiners the figures show for it.",
    )
    leaver_doubt = models.BooleanField(
        default=True,
        help_text="Draw each staff group's leaver rate for each run from the spread across "
        "the partners, so the bands show doubt about it as well as chance.",
    )
    # Interventions as the engine takes them (see intelligence/projection and docs/projection.md).
    interventions = models.JSONField(default=list, blank=True)
    shared = models.BooleanField(
        default=True, help_text="Everyone signed in to the partnership can see it."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("intelligence:scenario", kwargs={"slug": self.slug})
