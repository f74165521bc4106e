"""The talent hub: outreach campaigns, candidates and what stands between them and work, the
support that removed it, qualifications, roles at any partner, applications through an explicit
state machine (``pipeline.py``), retention checkpoints at 6 and 12 months, and shared recruitment
events.

Sensitive data — barriers, cohort tags, equality monitoring and support interventions (which
name the barrier they answer) — lives in its own tables so that it can be reached only through
the talent coordinator's pages, and anonymised without losing outcome counts (``privacy.py``).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from oneworkforce.partners.choices import RoleFamily, WorkArea
from oneworkforce.partners.models import Organisation

from .pipeline import LABELS, State


class Channel(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", "Community centre"
    SCHOOL = "school", "School or college"
    JOB_CENTRE = "job_centre", "Jobcentre"
    SOCIAL_MEDIA = "social_media", "Social media"
    VETERANS = "veterans", "Veterans' group"
    FAITH = "faith", "Faith group"
    LIBRARY = "library", "Library"
    HEALTH_SETTING = "health_setting", "GP practice, pharmacy or hospital"
    DOOR_TO_DOOR = "door_to_door", "Street stall or door to door"
    OTHER = "other", "Somewhere else"


class Hours(models.TextChoices):
    FULL_TIME = "full_time", "Full time"
    PART_TIME = "part_time", "Part time"
    FLEXIBLE = "flexible", "Flexible or bank (choose your shifts)"
    ANY = "any", "Any hours"


class Cohort(models.TextChoices):
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", "Long-term unemployed"
    DISABLED = "disabled", "Disabled"
    CARE_LEAVER = "care_leaver", "Care leaver"
    VETERAN = "veteran", "Veteran of the armed forces"
    YOUNG_PERSON = "young_person", "Young person (16 to 24)"
    REFUGEE = "refugee", "Refugee or asylum seeker with the right to work"


class BarrierKind(models.TextChoices):
    TRANSPORT = "transport", "Transport"
    CHILDCARE = "childcare", "Childcare"
    CARING = "caring", "Caring responsibilities"
    ENGLISH = "english", "English language"
    DIGITAL = "digital", "Digital access or skills"
    CONFIDENCE = "confidence", "Confidence"
    QUALIFICATIONS = "qualifications", "Qualifications"
    CRIMINAL_RECORD = "criminal_record", "Criminal record"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6 basis recorded with the candidate's details."""

    CONSENT = "consent", "Consent (Article 6(1)(a))"
    PUBLIC_TASK = "public_task", "Public task (Article 6(1)(e))"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests (Article 6(1)(f))"


class InterventionKind(models.TextChoices):
    ESOL = "esol", "English language course (ESOL)"
    TRAVEL = "travel", "Travel pass or help with travel costs"
    COACHING = "coaching", "Interview coaching"
    PRE_EMPLOYMENT = "pre_employment", "Pre-employment programme"
    WORK_EXPERIENCE = "work_experience", "Work experience"
    DIGITAL = "digital", "Digital skills or a device"
    CHILDCARE = "childcare", "Help to arrange childcare"
    MENTORING = "mentoring", "Mentoring or a buddy"
    CHECKS = "checks", "Help with checks (DBS, ID, right to work)"
    OTHER = "other", "Other support"


class InterventionOutcome(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "Under way"
    COMPLETED = "completed", "Completed"
    NOT_COMPLETED = "not_completed", "Stopped before the end"


class QualificationKind(models.TextChoices):
    CARE_CERTIFICATE = "care_certificate", "Care Certificate"
    ASC_LEVEL_2 = "asc_level_2", "Level 2 Adult Social Care Certificate"
    FUNCTIONAL_ENGLISH = "functional_english", "Functional skills: English"
    FUNCTIONAL_MATHS = "functional_maths", "Functional skills: maths"
    FUNCTIONAL_DIGITAL = "functional_digital", "Essential digital skills"
    ESOL = "esol", "ESOL (English for speakers of other languages)"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship standard"
    OTHER = "other", "Other accredited qualification"


class QualificationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    STOPPED = "stopped", "Stopped"


class ApplicationState(models.TextChoices):
    INTERESTED = State.INTERESTED.value, LABELS[State.INTERESTED]
    SCREENED = State.SCREENED.value, LABELS[State.SCREENED]
    PUT_FORWARD = State.PUT_FORWARD.value, LABELS[State.PUT_FORWARD]
    INTERVIEW = State.INTERVIEW.value, LABELS[State.INTERVIEW]
    OFFER = State.OFFER.value, LABELS[State.OFFER]
    STARTED = State.STARTED.value, LABELS[State.STARTED]
    WITHDRAWN = State.WITHDRAWN.value, LABELS[State.WITHDRAWN]
    NOT_SUCCESSFUL = State.NOT_SUCCESSFUL.value, LABELS[State.NOT_SUCCESSFUL]
    OFFER_DECLINED = State.OFFER_DECLINED.value, LABELS[State.OFFER_DECLINED]
    LEFT = State.LEFT.value, LABELS[State.LEFT]


class ConditionKind(models.TextChoices):
    REFERENCES = "references", "References"
    DBS = "dbs", "DBS check"
    RIGHT_TO_WORK = "right_to_work", "Right to work in the UK"
    IDENTITY = "identity", "Identity"
    OCCUPATIONAL_HEALTH = "occupational_health", "Occupational health clearance"
    QUALIFICATION = "qualification", "Qualification confirmed"
    OTHER = "other", "Other condition"


class CheckpointOutcome(models.TextChoices):
    IN_POST = "in_post", "Still in post"
    MOVED = "moved", "Moved to another partner"
    LEFT = "left", "Left"


class LeftReason(models.TextChoices):
    PAY = "pay", "Pay"
    HOURS = "hours", "Hours or shifts"
    TRAVEL = "travel", "Travel"
    CARING = "caring", "Caring responsibilities"
    HEALTH = "health", "Health"
    ROLE_NOT_RIGHT = "role_not_right", "The role was not what they expected"
    SUPPORT = "support", "Not enough support or supervision"
    DISMISSED = "dismissed", "Dismissed"
    OTHER_SECTOR = "other_sector", "Work outside health and care"
    EDUCATION = "education", "Went into education or training"
    OTHER = "other", "Another reason"


class EventKind(models.TextChoices):
    FAIR = "fair", "Recruitment fair"
    OPEN_DAY = "open_day", "Open day"
    INFORMATION = "information", "Information session"
    ASSESSMENT = "assessment", "Group assessment day"


class ValueSource(models.TextChoices):
    NHS_CONSTITUTION = "nhs_constitution", "NHS Constitution values"
    SOCIAL_CARE = "social_care", "Adult social care values"


# Campaigns -------------------------------------------------------------------------------


def _campaign_code() -> str:
    # Short, unambiguous and easy to type from a poster: join/K7M3PQ.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def open_on(self, day: dt.date) -> CampaignQuerySet:
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Campaign(models.Model):
    """Outreach in one community through one channel, with its own form and QR code."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=110, unique=True)
    code = models.CharField(max_length=12, unique=True, default=_campaign_code)
    community = models.CharField(
        max_length=120, help_text="the neighbourhood or community the campaign reaches"
    )
    venue = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    partners = models.ManyToManyField(Organisation, related_name="talent_campaigns", blank=True)
    welcome = models.TextField(
        blank=True, help_text="a sentence or two shown at the top of the form"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="talent_campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


# Candidates ------------------------------------------------------------------------------


def _candidate_reference() -> str:
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "C-" + "".join(secrets.choice(alphabet) for _ in range(7))


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def current(self) -> CandidateQuerySet:
        """Candidates whose personal data is still held (not anonymised)."""
        return self.filter(anonymised_at__isnull=True)

    def with_applications_at(self, organisation_ids: set[int]) -> CandidateQuerySet:
        """Candidates put forward to (or further along at) a role of one of these partners."""
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
    interest_roles = models.JSONField(default=list, blank=True)  # RoleFamily values
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
        default=True, help_text="matched to new roles while looking for work"
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


# Roles and applications ------------------------------------------------------------------


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def open_on(self, day: dt.date) -> VacancyQuerySet:
        return self.filter(is_open=True).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=day))

    def for_organisations(self, organisation_ids: set[int]) -> VacancyQuerySet:
        return self.filter(organisation_id__in=organisation_ids)


class Vacancy(models.Model):
    """A role a partner is recruiting to ("role" on every page)."""

    class Source(models.TextChoices):
        PAGE = "page", "Added on this site"
        IMPORT = "import", "Imported from a file"
        API = "api", "Sent by the partner's recruitment system"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="talent_vacancies"
    )
    title = models.CharField(max_length=150)
    role_family = models.CharField(max_length=20, choices=RoleFamily.choices)
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
    external_ref = models.CharField(
        max_length=64, blank=True, help_text="the role's reference in the partner's own system"
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

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"


# States in which the role's partner sees the application and the candidate's details.
EMPLOYER_VISIBLE_STATES = (
    State.PUT_FORWARD.value,
    State.INTERVIEW.value,
    State.OFFER.value,
    State.STARTED.value,
    State.NOT_SUCCESSFUL.value,
    State.OFFER_DECLINED.value,
    State.LEFT.value,
)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_organisations(self, organisation_ids: set[int]) -> ApplicationQuerySet:
        """Applications a partner sees: to its roles, once the coordinator has put them forward."""
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
    def pipeline_state(self) -> State:
        return State(self.state)


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


# Shared recruitment events -----------------------------------------------------------------


class RecruitmentEvent(models.Model):
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=110, unique=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200)
    postcode = models.CharField(max_length=8, blank=True)
    community = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="talent_events_organised"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="talent_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventPartner(models.Model):
    """A partner signed up to be represented at an event."""

    event = models.ForeignKey(RecruitmentEvent, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    roles_on_offer = models.CharField(max_length=300, blank=True)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="talent_event_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.event}"


class EventRegistration(models.Model):
    event = models.ForeignKey(
        RecruitmentEvent, on_delete=models.CASCADE, related_name="registrations"
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="event_registrations"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "candidate"], name="talent_event_registration_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} at {self.event}"


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
