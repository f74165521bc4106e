"""Plain-language choices for organisations and people, shared by models, forms and the API."""

from django.db import models


class Sector(models.TextChoices):
    NHS_ACUTE = "nhs_acute", "NHS acute (hospital) trust"
    NHS_COMMUNITY = "nhs_community", "NHS community trust"
    NHS_MENTAL_HEALTH = "nhs_mental_health", "NHS mental health trust"
    NHS_AMBULANCE = "nhs_ambulance", "NHS ambulance trust"
    ICB = "icb", "Integrated care board"
    GP_PRACTICE = "gp_practice", "GP practice"
    PCN = "pcn", "Primary care network"
    GP_CONFEDERATION = "gp_confederation", "GP confederation or federation"
    LOCAL_AUTHORITY = "local_authority", "Local council"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care provider"
    VCSE = "vcse", "Voluntary, community or social enterprise organisation"
    EDUCATION = "education", "College, university or training provider"
    INDEPENDENT = "independent", "Independent health provider"


class PlaceKind(models.TextChoices):
    SYSTEM = "system", "Integrated care system"
    PLACE = "place", "Place"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"


class FrameworkKind(models.TextChoices):
    STAFF_PORTABILITY = "staff_portability", "Staff portability"
    TALENT_MANAGEMENT = "talent_management", "Talent management"
    EMPLOY_AND_DEPLOY = "employ_and_deploy", "Employ and deploy"
    OTHER = "other", "Other agreement"


class WorkArea(models.TextChoices):
    """Where a person works, in words anyone in health and care recognises."""

    HOSPITAL = "hospital", "Hospital services"
    COMMUNITY = "community", "Community health services"
    MENTAL_HEALTH = "mental_health", "Mental health services"
    AMBULANCE = "ambulance", "Ambulance or urgent care"
    PRIMARY_CARE = "primary_care", "GP practice, pharmacy, dental or other primary care"
    SOCIAL_CARE = "social_care", "Social care (home care, care homes, supported living)"
    COUNCIL = "council", "Council services"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    EDUCATION = "education", "Education or training"
    COMMISSIONING = "commissioning", "Planning, commissioning or system roles"
    OTHER = "other", "Somewhere else"


class JobFamily(models.TextChoices):
    """What a person does, in plain words, without professional jargon."""

    CARE_SUPPORT = "care_support", "I support or care for people directly"
    NURSING = "nursing", "Nursing or midwifery"
    MEDICAL = "medical", "Doctor or medical associate"
    AHP = "ahp", "Therapy or allied health (for example physio, OT, paramedic)"
    PHARMACY = "pharmacy", "Pharmacy"
    SCIENCE = "science", "Healthcare science"
    SOCIAL_WORK = "social_work", "Social work"
    ADMIN = "admin", "Admin, reception or office support"
    ESTATES = "estates", "Estates, facilities, catering or transport"
    MANAGEMENT = "management", "Management or leadership"
    EDUCATION = "education", "Teaching, training or education"
    VOLUNTEER = "volunteer", "Volunteering"
    STUDENT = "student", "Studying or on an apprenticeship"
    OTHER = "other", "Something else"


class Level(models.TextChoices):
    """Optional career level with equivalents outside the NHS pay bands."""

    ENTRY = (
        "entry",
        "Starting out (for example care worker, healthcare assistant, NHS bands 1 to 3)",
    )
    PRACTITIONER = (
        "practitioner",
        "Practitioner (for example senior care worker, registered nurse, NHS bands 4 to 5)",
    )
    EXPERIENCED = (
        "experienced",
        "Experienced practitioner or team leader (for example deputy manager, NHS bands 6 to 7)",
    )
    SENIOR = (
        "senior",
        "Senior leader (for example registered manager, head of service, NHS band 8 and above)",
    )
    DOCTOR_TRAINING = "doctor_training", "Doctor in training"
    NOT_SAY = "not_say", "I would rather not say"


class WorkStatus(models.TextChoices):
    PARTNER = "partner", "I work or volunteer for one or more partner organisations"
    NOT_LISTED = "not_listed", "I work for an organisation that is not listed"
    VOLUNTEER = "volunteer", "I volunteer in health or care"
    STUDENT = "student", "I am a student or apprentice"
    SEEKING = "seeking", "I am looking for work in health or care"


class Relationship(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    BANK = "bank", "Bank, agency or temporary staff"
    VOLUNTEER = "volunteer", "Volunteer"
    STUDENT = "student", "Student, trainee or apprentice"
    CONTRACTOR = "contractor", "Contractor or honorary contract"


class AffiliationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the partner to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Not confirmed"
    ENDED = "ended", "Ended"


class Role(models.TextChoices):
    PARTNER_ADMIN = "partner_admin", "Partner admin"
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership admin"
    TALENT_COORDINATOR = "talent_coordinator", "Talent coordinator"
    FACULTY_LEAD = "faculty_lead", "Faculty lead"
    PARTNER_REPRESENTATIVE = "partner_representative", "Partner representative"
    ANALYST = "analyst", "Analyst"


# Which scope each role needs: an organisation, a faculty, or neither.
ROLE_NEEDS_ORGANISATION = {Role.PARTNER_ADMIN, Role.PARTNER_REPRESENTATIVE}
ROLE_NEEDS_FACULTY = {Role.FACULTY_LEAD}
ROLE_MAY_HAVE_ORGANISATION = {Role.TALENT_COORDINATOR, Role.ANALYST} | ROLE_NEEDS_ORGANISATION
