"""The talent hub's fixed lists of choices, and the states in which a vacancy's partner sees an
application."""

from __future__ import annotations

from django.db import models

from ..pipeline.states import LABELS, State


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


class ApplicationSource(models.TextChoices):
    """Where an application came from, for the figures by source."""

    COORDINATOR = "coordinator", "Added by a coordinator"
    JOB_BOARD = "job_board", "Job board"
    CAMPAIGN = "campaign", "Outreach campaign"
    EVENT = "event", "Recruitment event"
    SCHOOL_VISIT = "school_visit", "School or college visit"
    PARTNER_SYSTEM = "partner_system", "A partner's recruitment system"


class Contract(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    FIXED_TERM = "fixed_term", "Fixed term"
    BANK = "bank", "Bank (choose your shifts)"
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    VOLUNTEER = "volunteer", "Volunteer"


class PayUnit(models.TextChoices):
    HOUR = "hour", "an hour"
    YEAR = "year", "a year"


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
    WORK_NOT_RIGHT = "work_not_right", "The work was not what they expected"
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


# States in which the vacancy's partner sees the application and the candidate's details.
EMPLOYER_VISIBLE_STATES = (
    State.PUT_FORWARD.value,
    State.INTERVIEW.value,
    State.OFFER.value,
    State.STARTED.value,
    State.NOT_SUCCESSFUL.value,
    State.OFFER_DECLINED.value,
    State.LEFT.value,
)
