"""The map itself: every model that holds data about a person, the records a person makes in
a role, and the fields that look personal by name but are not."""

from __future__ import annotations

import re

from oneworkforce.learning.cpd import selectors as learning_cpd
from oneworkforce.learning.evaluations import selectors as learning_evaluations
from oneworkforce.learning.programmes import privacy as programmes_privacy
from oneworkforce.placements import privacy as placements_privacy

from . import erasure as erase_
from . import exports as export_
from .holdings import ActorLink, Holding

HOLDINGS: tuple[Holding, ...] = (
    Holding(
        "partners.User",
        ("email", "full_name"),
        "account",
        "Your account",
        "Closed and anonymised: no name, e-mail address, job title or password is kept; the "
        "closed account keeps what reports count (your bookings, completions and votes).",
        export_.account,
    ),
    Holding(
        "partners.Affiliation",
        ("user",),
        "affiliations",
        "Organisations you work with",
        "Deleted.",
        export_.affiliations,
        erase_.delete("partners.Affiliation", user=None),
    ),
    Holding(
        "partners.RoleGrant",
        ("user",),
        "roles",
        "Your roles",
        "Deleted.",
        export_.roles,
        erase_.delete("partners.RoleGrant", user=None),
    ),
    Holding(
        "partners.SignInToken",
        ("email",),
        "sign_in_links",
        "Sign-in links",
        "Deleted. Only a digest of each link is kept, for 15 minutes.",
        export_.sign_in_links,
        erase_.delete("partners.SignInToken", email__iexact=lambda user: user.email),
    ),
    Holding(
        "partners.SignInAttempt",
        ("address_hash", "ip_hash"),
        "sign_in_attempts",
        "Sign-in attempts",
        "Deleted. They hold only keyed hashes and are cleared after the rate-limit window.",
        export_.sign_in_attempts,
        erase_.erase_sign_in_attempts,
    ),
    Holding(
        "core.Notice",
        ("recipient",),
        "messages_sent",
        "Messages we sent you",
        "Deleted.",
        export_.notices,
        erase_.delete("core.Notice", recipient=None),
    ),
    Holding(
        "learning.Booking",
        ("learner",),
        "bookings",
        "Your bookings and waiting-list places",
        "Places on sessions still to come are cancelled and passed to whoever is waiting; past "
        "bookings stay with the closed account, so attendance counts stay right.",
        export_.bookings,
        erase_.erase_learning,
    ),
    Holding(
        "learning.Interest",
        ("learner",),
        "registered_interest",
        "Learning you registered interest in",
        "Kept with the closed account, so providers' demand counts stay right.",
        export_.interests,
    ),
    Holding(
        "learning.Completion",
        ("learner",),
        "completions",
        "Learning you completed and your certificates",
        "Kept with the closed account for completion counts; your evidence and notes on it are "
        "removed; a certificate's check page no longer shows your name.",
        export_.completions,
    ),
    Holding(
        "learning.JobRole",
        ("members",),
        "job_roles",
        "Job roles whose training you need",
        "You are taken out of each job role.",
        export_.job_roles,
    ),
    Holding(
        "learning.StaffRecord",
        ("person",),
        "learning_team_and_site",
        "Your team and site where you have job roles, and the training reminders sent to you",
        "Deleted, with the reminders.",
        export_.learning_staff_records,
        erase_.delete("learning.StaffRecord", person=None),
    ),
    Holding(
        "learning.ComplianceRow",
        ("person", "name", "email"),
        "training_compliance",
        "Your training against your job roles as each partner's compliance grid shows it",
        "Deleted (it is worked out again from the records that remain).",
        export_.compliance_rows,
        erase_.delete("learning.ComplianceRow", person=None),
    ),
    Holding(
        "learning.TeamManager",
        ("person",),
        "teams_you_manage",
        "Teams you were named to manage",
        "Deleted: you no longer see those teams' training.",
        export_.teams_managed,
        erase_.delete("learning.TeamManager", person=None),
    ),
    Holding(
        "learning.ProgrammeEnrolment",
        ("learner",),
        "programme_enrolments",
        "Learning programmes you enrolled on",
        "Deleted; a programme certificate's check page then no longer finds its code.",
        programmes_privacy.enrolments_export,
        erase_.delete("learning.ProgrammeEnrolment", learner=None),
    ),
    Holding(
        "learning.Evaluation",
        ("learner",),
        "learning_evaluations",
        "Your evaluations of learning",
        "Your ratings stay in the providers' figures without the link to you; what you wrote "
        "is removed.",
        learning_evaluations.export,
        erase_.erase_learning_evaluations,
    ),
    Holding(
        "learning.CpdEntry",
        ("person",),
        "cpd_log",
        "Your CPD log",
        "Deleted.",
        learning_cpd.export_entries,
        erase_.erase_cpd,
    ),
    Holding(
        "learning.Reflection",
        ("person",),
        "reflective_accounts",
        "Your reflective accounts",
        "Deleted.",
        learning_cpd.export_reflections,
        erase_.erase_cpd,
    ),
    Holding(
        "learning.RevalidationPlan",
        ("person",),
        "renewal_date",
        "Your registration renewal date",
        "Deleted.",
        learning_cpd.export_plan,
        erase_.erase_cpd,
    ),
    Holding(
        "deployments.Deployment",
        ("person",),
        "deployments",
        "Your deployments to other partners",
        "The partners keep the deployment for their reports, without the link to you; your "
        "name, e-mail address and postcode are taken out of its notes.",
        export_.deployments,
        erase_.erase_deployments,
    ),
    Holding(
        "deployments.Apprentice",
        ("person", "name", "home_postcode"),
        "apprenticeships",
        "Your apprenticeship",
        "Anonymised: your name, postcode and travel limit go; the rotation stays under "
        "'Former apprentice' for the partners' figures.",
        export_.apprenticeships,
    ),
    Holding(
        "placements.Student",
        ("user", "name", "email", "home_postcode"),
        "student_placements",
        "Your placements as a student",
        "Anonymised: your name, e-mail address and home go; your placements, hours and "
        "evaluation scores stay under 'Former student' for the partnership's figures, without "
        "your evaluation comments.",
        placements_privacy.student_export,
        erase_.erase_placements,
    ),
    Holding(
        "talent.Candidate",
        ("full_name", "email", "phone", "postcode"),
        "talent_hub",
        "Your talent hub record",
        "Anonymised as the talent hub does after its retention period: outcome counts stay.",
        export_.talent,
        erase_.erase_talent,
    ),
    Holding(
        "decisions.Ballot",
        ("voter",),
        "votes",
        "Your votes",
        "Your ballot stays counted, without the link to you.",
        export_.ballots,
        erase_.erase_ballots,
    ),
    Holding(
        "core.AuditEvent",
        ("actor",),
        "changes_you_made",
        "Changes you made",
        "The log keeps each event and the account number; your name, e-mail address, phone "
        "and postcode are taken out of every description and change.",
        export_.changes,
    ),
)

ACTOR_LINKS: tuple[ActorLink, ...] = (
    ActorLink("partners.Affiliation", "decided_by", "Links to a partner you decided"),
    ActorLink("partners.RoleGrant", "granted_by", "Roles you gave"),
    ActorLink("partners.RoleGrant", "revoked_by", "Roles you removed"),
    ActorLink("learning.TeamManager", "named_by", "Team managers you named"),
    ActorLink("partners.Signatory", "recorded_by", "Framework signatures you recorded"),
    ActorLink("decisions.Need", "created_by", "Needs you recorded"),
    ActorLink("decisions.Proposal", "created_by", "Proposals you wrote"),
    ActorLink("decisions.ValueReview", "reviewer", "Values reviews you made"),
    ActorLink("decisions.ProposalReview", "reviewer", "Proposal reviews you made"),
    ActorLink("decisions.DecisionRound", "created_by", "Decision rounds you set up"),
    ActorLink("decisions.Initiative", "owner", "Initiatives you own"),
    ActorLink("decisions.InitiativeReview", "reviewer", "Initiative reviews you made"),
    ActorLink("decisions.NeedLink", "decided_by", "Links between needs you decided"),
    ActorLink("intelligence.ImportBatch", "imported_by", "Workforce files you imported"),
    ActorLink("intelligence.WorkforceReturn", "recorded_by", "Workforce figures you recorded"),
    ActorLink("intelligence.ExitInterviewCount", "recorded_by", "Leaving reasons you recorded"),
    ActorLink("intelligence.SocialCareWorkforce", "recorded_by", "Care figures you recorded"),
    ActorLink("intelligence.PopulationProjection", "recorded_by", "Population figures you added"),
    ActorLink("intelligence.Scenario", "created_by", "Projection scenarios you made"),
    ActorLink("learning.Opportunity", "owner", "Learning you list"),
    ActorLink("learning.Completion", "decided_by", "Completions you checked"),
    ActorLink("learning.ProviderToken", "created_by", "Learning system keys you made"),
    ActorLink("learning.Material", "added_by", "Recordings and materials you added to sessions"),
    ActorLink("learning.ProgrammeEnrolment", "withdrawn_by", "Programme enrolments you withdrew"),
    ActorLink("deployments.Deployment", "raised_by", "Deployments you raised"),
    ActorLink("deployments.Deployment", "bypassed_by", "Deployments you started despite a check"),
    ActorLink("deployments.Evidence", "attested_by", "Checks you vouched for"),
    ActorLink("deployments.Assignment", "overridden_by", "Rotation placements you changed"),
    ActorLink("placements.Supervisor", "user", "Learning environments you supervise students at"),
    ActorLink("placements.EducationalAudit", "recorded_by", "Educational audits you recorded"),
    ActorLink("placements.PlacementRequest", "submitted_by", "Placement requests you submitted"),
    ActorLink("placements.Offer", "offered_by", "Placement offers you made"),
    ActorLink("placements.AllocationRun", "run_by", "Placement allocations you ran"),
    ActorLink("placements.HoursEntry", "confirmed_by", "Students' hours you confirmed"),
    ActorLink("placements.Concern", "raised_by", "Placement concerns you raised"),
    ActorLink("careers.Ambassador", "user", "Your entry in the ambassadors' register"),
    ActorLink("careers.Ambassador", "created_by", "Ambassadors you added"),
    ActorLink("careers.SchoolVisit", "recorded_by", "School visits you recorded"),
    ActorLink("careers.Prospectus", "updated_by", "The prospectus text you last saved"),
    ActorLink("careers.ProspectusPhoto", "added_by", "Prospectus photos you added"),
    ActorLink("talent.Campaign", "created_by", "Outreach campaigns you set up"),
    ActorLink("talent.Candidate", "created_by", "Talent hub candidates you added"),
    ActorLink("talent.Intervention", "created_by", "Support you recorded"),
    ActorLink("talent.Qualification", "created_by", "Qualifications you recorded"),
    ActorLink("talent.Vacancy", "created_by", "Roles you added"),
    ActorLink("talent.Application", "created_by", "Applications you started"),
    ActorLink("talent.ApplicationStep", "actor", "Application steps you recorded"),
    ActorLink("talent.Interview", "booked_by", "Interviews you booked"),
    ActorLink("talent.PanelMember", "member", "Interview panels you sat on"),
    ActorLink("talent.CaseNote", "author", "Case notes and contacts you recorded"),
    ActorLink("talent.Checkpoint", "recorded_by", "Retention checkpoints you recorded"),
    ActorLink("talent.RecruitmentEvent", "created_by", "Recruitment events you set up"),
    ActorLink("talent.EventPartner", "signed_up_by", "Event sign-ups you made for a partner"),
    ActorLink("talent.AtsKey", "created_by", "Recruitment system keys you made"),
)

# Fields that look personal by name but are not a person's data, and why.
NOT_PERSONAL: dict[str, str] = {
    "core.PostcodeLocation.postcode": "public reference data: where each postcode is",
    "partners.Place.name": "the name of a place",
    "partners.Organisation.name": "the name of a partner organisation",
    "partners.Organisation.contact_email": "a partner's published contact address",
    "partners.Site.name": "the name of a partner's site",
    "partners.Site.postcode": "where a partner's site is, not where anyone lives",
    "partners.Site.address": "a partner's site address",
    "partners.Faculty.name": "the name of a faculty",
    "partners.Framework.name": "the name of a framework",
    "partners.Signatory.signed_by_name": "who signed for a partner, published on the framework "
    "page as the organisation's act; typed by an admin and linked to no account",
    "decisions.Theme.name": "the name of a shared theme",
    "decisions.PartnershipValue.name": "the name of one of the partnership's values",
    "decisions.DecisionRound.name": "the name of a decision round",
    "decisions.Measure.name": "the name of a success measure",
    "intelligence.Scenario.name": "the name of a projection scenario",
    "learning.Topic.name": "the name of a learning topic",
    "learning.Opportunity.contact_email": "a provider's published contact address for a course",
    "learning.JobRole.name": "the name of a job role",
    "learning.Session.venue_postcode": "the published postcode of a place where learning is held",
    "learning.ProviderToken.name": "a label for a provider's key",
    "deployments.Cohort.name": "the name of an apprenticeship cohort",
    "deployments.Agreement.name": "the name of an employ-and-deploy agreement",
    "deployments.Employment.name": "staff a lead employer records by name for its network "
    "report; linked to no account here, so the employer answers their requests",
    "placements.LearningEnvironment.name": "the name of a team or service students learn in",
    "placements.LearningEnvironment.postcode": "where a learning environment is",
    "placements.Block.name": "the name of a block of the placement year",
    "placements.Programme.name": "the name of an education provider's programme",
    "placements.Supervisor.name": "a practice supervisor named by their partner as the "
    "environment's professional contact; the partner answers their requests, and the link "
    "to an account is an actor link",
    "placements.Supervisor.email": "a practice supervisor's work contact, recorded by their "
    "partner with the name",
    "careers.School.name": "the name of a school or college, from the public register",
    "careers.School.postcode": "where a school or college is, from the public register",
    "careers.Ambassador.name": "an ambassador named by their partner as its contact for "
    "schools and colleges; the partner answers their requests, and the link to an account is "
    "an actor link",
    "careers.Ambassador.email": "an ambassador's work contact, recorded by their partner with "
    "the name",
    "talent.Campaign.name": "the name of an outreach campaign",
    "talent.Vacancy.postcode": "where a role is based",
    "talent.RecruitmentEvent.postcode": "where an event is held",
    "talent.AtsKey.name": "a label for a partner's recruitment system key",
}

# Field names that hold a person's name, contact details, address or date of birth.
PERSONAL_FIELD_NAME = re.compile(
    r"^(name|full_name|first_name|last_name|surname|given_name|family_name|.*_by_name)$"
    r"|email|phone|mobile|postcode|(^|_)address(_|$)|(^|_)ip(_|$)|birth|^dob$"
    r"|nhs_number|ni_number|national_insurance"
)
