"""Plain-language choices for placements, shared by models, forms, presenters and the API."""

from django.db import models


class Setting(models.TextChoices):
    """Where a learning environment is: every sector is a placement setting."""

    ACUTE = "acute", "Hospital (acute)"
    COMMUNITY = "community", "Community health"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PRIMARY_CARE = "primary_care", "Primary care (GP practice, PCN, pharmacy)"
    CARE_HOME = "care_home", "Care home"
    HOME_CARE = "home_care", "Home care"
    HOSPICE = "hospice", "Hospice"
    VOLUNTARY = "voluntary", "Voluntary or community service"


# Settings outside hospitals that the partnership wants to grow as placements.
GROWTH_SETTINGS = (Setting.CARE_HOME, Setting.HOME_CARE, Setting.PRIMARY_CARE, Setting.VOLUNTARY)


class Profession(models.TextChoices):
    NURSING = "nursing", "Nursing"
    NURSING_ASSOCIATE = "nursing_associate", "Nursing associate"
    MIDWIFERY = "midwifery", "Midwifery"
    PHYSIOTHERAPY = "physiotherapy", "Physiotherapy"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "Occupational therapy"
    PARAMEDIC = "paramedic", "Paramedic science"
    SPEECH_THERAPY = "speech_therapy", "Speech and language therapy"
    SOCIAL_WORK = "social_work", "Social work"


class SettingRequirement(models.TextChoices):
    """What a programme asks of a student's placements over the programme."""

    NONE = "", "No setting requirement"
    OUT_OF_HOSPITAL = (
        "out_of_hospital",
        "At least one placement in a community or social care setting",
    )
    SOCIAL_CARE = "social_care", "At least one placement in a care home or home care"


REQUIRED_SETTINGS = {
    SettingRequirement.OUT_OF_HOSPITAL: frozenset(
        {
            Setting.COMMUNITY,
            Setting.PRIMARY_CARE,
            Setting.CARE_HOME,
            Setting.HOME_CARE,
            Setting.HOSPICE,
            Setting.VOLUNTARY,
        }
    ),
    SettingRequirement.SOCIAL_CARE: frozenset({Setting.CARE_HOME, Setting.HOME_CARE}),
}


class AuditOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_ACTIONS = "approved_with_actions", "Approved with actions"
    NOT_APPROVED = "not_approved", "Not approved"


class SupervisorRole(models.TextChoices):
    SUPERVISOR = "supervisor", "Practice supervisor"
    ASSESSOR = "assessor", "Practice assessor"
    EDUCATOR = "educator", "Practice educator (allied health or social work)"


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
