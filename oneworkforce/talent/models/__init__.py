"""The talent hub: outreach campaigns, candidates and what stands between them and work, the
support that removed it, qualifications, vacancies at any partner, applications through an explicit
state machine (``pipeline/states.py``), retention checkpoints at 6 and 12 months, and shared
recruitment events.

Sensitive data — barriers, cohort tags, equality monitoring and support interventions (which
name the barrier they answer) — lives in its own tables so that it can be reached only through
the talent coordinator's pages, and anonymised without losing outcome counts
(``casework/privacy.py``).
"""

# One module per part of the hub; everything is re-exported here, so migrations and
# ``from oneworkforce.talent.models import X`` keep working.
from .casework import (
    Barrier,
    CampaignResponse,
    Candidate,
    CandidateCohort,
    CandidateLink,
    CandidateQuerySet,
    Equality,
    Intervention,
    Qualification,
)
from .casework import (
    _candidate_reference as _candidate_reference,  # named by migration 0001
)
from .choices import (
    EMPLOYER_VISIBLE_STATES,
    ApplicationSource,
    ApplicationState,
    BarrierKind,
    Channel,
    CheckpointOutcome,
    Cohort,
    ConditionKind,
    Contract,
    EventKind,
    Hours,
    InterventionKind,
    InterventionOutcome,
    LawfulBasis,
    LeftReason,
    PayUnit,
    QualificationKind,
    QualificationStatus,
    ValueSource,
)
from .events import (
    EventPartner,
    EventRegistration,
    RecruitmentEvent,
)
from .interviews import CaseNote, ContactWay, Interview, InterviewOutcome, PanelMember
from .outreach import (
    Campaign,
    CampaignQuerySet,
)
from .outreach import (
    _campaign_code as _campaign_code,  # named by migration 0001
)
from .pipeline import (
    Application,
    ApplicationQuerySet,
    ApplicationStep,
    AtsKey,
    Checkpoint,
    OfferCondition,
    ScreeningAnswer,
    ScreeningQuestion,
    Vacancy,
    VacancyQuerySet,
)

__all__ = [
    "EMPLOYER_VISIBLE_STATES",
    "Application",
    "ApplicationQuerySet",
    "ApplicationSource",
    "ApplicationState",
    "ApplicationStep",
    "AtsKey",
    "Barrier",
    "BarrierKind",
    "Campaign",
    "CampaignQuerySet",
    "CampaignResponse",
    "Candidate",
    "CandidateCohort",
    "CandidateLink",
    "CandidateQuerySet",
    "CaseNote",
    "Channel",
    "Checkpoint",
    "CheckpointOutcome",
    "Cohort",
    "ConditionKind",
    "ContactWay",
    "Contract",
    "Equality",
    "EventKind",
    "EventPartner",
    "EventRegistration",
    "Hours",
    "Intervention",
    "InterventionKind",
    "InterventionOutcome",
    "Interview",
    "InterviewOutcome",
    "LawfulBasis",
    "LeftReason",
    "OfferCondition",
    "PanelMember",
    "PayUnit",
    "Qualification",
    "QualificationKind",
    "QualificationStatus",
    "RecruitmentEvent",
    "ScreeningAnswer",
    "ScreeningQuestion",
    "Vacancy",
    "VacancyQuerySet",
    "ValueSource",
]
