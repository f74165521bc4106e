"""The personal-data map: every model that holds data about a person, how the person's copy
of it is made (their right of access) and what happens to it when they delete their account
(their right to erasure).

One declared place, so that "where does this person's data live?" has one answer. A test
(``partners/tests/test_personal_data.py``) walks every model of every ``oneworkforce`` app
and fails when a model with a link to the user model, or a field named like a person's name,
e-mail address, phone, postcode, address or date of birth, is neither here nor in
:data:`NOT_PERSONAL` with the reason why.

Deleting keeps what reports count: the account row stays as an anonymised, closed account
(no name, no e-mail address, no password), so attendance, completions, demand and ballots
still count; an apprentice's rotation stays under "Former apprentice"; a talent candidate is
anonymised by :mod:`oneworkforce.talent.casework.privacy`, which keeps outcome counts. Records
a person made in a professional role (a need they raised, a check they attested) stay with the
partner, without the link to the person.

This module sits above the apps (``core`` imports no feature app); it imports the apps'
models inside functions so that importing it loads nothing early.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import is_aware

from oneworkforce.core import audit, formatting

DELETED_NAME = "Deleted account"
REMOVED = "[removed]"


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


@dataclass(frozen=True)
class Holding:
    """One model that holds data about the person themselves."""

    model: str  # "app_label.ModelName"
    covers: tuple[str, ...]  # the fields that make it personal (links to the person, name...)
    section: str  # the key in the downloaded JSON
    title: str  # the heading on the "your data" page
    on_delete: str  # what deletion does, in plain words
    export: Callable[[Any], Any]
    erase: Callable[[Any, Erasure], None] = field(default=lambda user, erasure: None)


@dataclass(frozen=True)
class ActorLink:
    """A record a person made or decided in a role (a need raised, a check attested): it
    belongs to the partner; the person's copy counts it, deletion removes the link."""

    model: str
    field: str
    what: str  # "Needs you raised"


@dataclass
class Erasure:
    """What identifies the person, gathered before anything is erased, so free text and the
    audit log can be cleaned of it afterwards."""

    user_pk: int
    values: set[str]


# Exports --------------------------------------------------------------------------------------


def _account(user: Any) -> dict[str, Any]:
    return {
        "email": user.email,
        "date_joined": _iso(user.date_joined),
        "last_sign_in": _iso(user.last_login),
        "has_password": user.has_usable_password(),
        **{name: getattr(user, name) for name in user.PROFILE_FIELDS},
    }


def _affiliations(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "organisation": a.organisation.name,
            "relationship": a.relationship,
            "job_title": a.job_title,
            "status": a.status,
            "requested_at": _iso(a.requested_at),
            "decided_at": _iso(a.decided_at),
        }
        for a in user.affiliations.select_related("organisation").order_by("requested_at")
    ]


def _roles(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "role": g.role,
            "scope": g.scope_label,
            "granted_at": _iso(g.granted_at),
            "revoked_at": _iso(g.revoked_at),
        }
        for g in user.role_grants.select_related("organisation", "faculty").order_by("granted_at")
    ]


def _sign_in_links(user: Any) -> dict[str, Any]:
    from oneworkforce.partners.models import SignInToken

    return {"links_not_yet_cleared": SignInToken.objects.filter(email__iexact=user.email).count()}


def _sign_in_attempts(user: Any) -> dict[str, Any]:
    from oneworkforce.core.http import keyed_hash
    from oneworkforce.partners.models import SignInAttempt

    mine = SignInAttempt.objects.filter(address_hash=keyed_hash("address", user.email))
    return {"recent_attempts": mine.count()}


def _notices(user: Any) -> list[dict[str, Any]]:
    return [{"subject": n.subject, "sent_at": _iso(n.sent_at)} for n in user.notices.all()]


def _changes(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.core.models import AuditEvent

    return [
        {"at": _iso(e.at), "action": e.action, "record": e.object_repr}
        for e in AuditEvent.objects.filter(actor=user).order_by("at", "id")
    ]


def _bookings(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.learning.models import Booking

    bookings = Booking.objects.filter(learner=user).select_related(
        "session__opportunity__organisation", "session__site", "learner_organisation"
    )
    return [
        {
            "learning": b.session.opportunity.title,
            "provider": b.session.opportunity.organisation.name,
            "starts_at": _iso(b.session.starts_at),
            "where": b.session.where,
            "state": b.get_state_display(),
            "attendance": b.get_attendance_display(),
            "booked_at": _iso(b.created_at),
            "waiting_since": _iso(b.waitlisted_at),
            "place_offered_until": _iso(b.offer_expires_at),
            "booked_as": b.learner_organisation.name if b.learner_organisation else "",
        }
        for b in bookings.order_by("created_at", "id")
    ]


def _interests(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.learning.models import Interest

    return [
        {
            "learning": i.opportunity.title,
            "provider": i.opportunity.organisation.name,
            "registered_at": _iso(i.created_at),
        }
        for i in Interest.objects.filter(learner=user).select_related("opportunity__organisation")
    ]


def _completions(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.learning.models import Completion

    completions = (
        Completion.objects.filter(learner=user)
        .select_related("opportunity", "issuer")
        .prefetch_related("requirements")
    )
    return [
        {
            "learning": c.opportunity.title,
            "provider": c.issuer.name,
            "completed_on": _iso(c.completed_on),
            "how_recorded": c.get_source_display(),
            "state": c.get_state_display(),
            "evidence": c.evidence,
            "decision_note": c.decision_note,
            "requirements_met": [str(r) for r in c.requirements.all()],
            "certificate": c.certificate_code,
            "certificate_check_page": reverse(
                "learning:certificate", kwargs={"code": c.certificate_code}
            ),
        }
        for c in completions
    ]


def _role_profiles(user: Any) -> list[dict[str, Any]]:
    return [
        {"role": p.name, "partner": p.organisation.name}
        for p in user.role_profiles.select_related("organisation")
    ]


def _deployments(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.deployments.models import Deployment

    deployments = (
        Deployment.objects.filter(person=user)
        .select_related("host", "employer", "site")
        .prefetch_related("evidence")
    )
    return [
        {
            "role": d.role,
            "host": d.host.name,
            "employer": d.employer.name if d.employer else "",
            "starts_on": _iso(d.starts_on),
            "ends_on": _iso(d.ends_on),
            "hours_per_week": str(d.hours_per_week),
            "state": d.get_state_display(),
            "supervisor": d.supervisor,
            "skills": d.skills,
            "you_consented_at": _iso(d.person_consented_at),
            "checks": [
                {
                    "check": e.get_kind_display(),
                    "detail": e.detail,
                    "valid_until": _iso(e.valid_until),
                    "attested_at": _iso(e.attested_at),
                }
                for e in d.evidence.all()
            ],
        }
        for d in deployments
    ]


def _apprenticeships(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.deployments.models import Apprentice

    apprentices = (
        Apprentice.objects.filter(person=user)
        .select_related("cohort", "employer")
        .prefetch_related("preferences__placement__site", "assignments__placement__site")
    )
    return [
        {
            "cohort": a.cohort.name,
            "standard": a.cohort.standard,
            "employer": a.employer.name,
            "name": a.name,
            "home_postcode": a.home_postcode,
            "most_travel_km": a.max_travel_km,
            "placements_you_ranked": [str(p.placement) for p in a.preferences.all()],
            "rotation": [
                {"block": s.block, "placement": str(s.placement)} for s in a.assignments.all()
            ],
        }
        for a in apprentices
    ]


def _candidates(user: Any) -> Any:
    from oneworkforce.talent.models import Candidate

    return Candidate.objects.filter(email__iexact=user.email, anonymised_at__isnull=True)


def _talent(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.talent.casework.privacy import candidate_export

    return [candidate_export(c) for c in _candidates(user).order_by("pk")]


def _ballots(user: Any) -> list[dict[str, Any]]:
    from oneworkforce.decisions.models import Ballot, Proposal

    ballots = list(Ballot.objects.filter(voter=user).select_related("round").order_by("cast_at"))
    ids = {int(k) for b in ballots for k in b.choices if str(k).isdigit()}
    titles = dict(Proposal.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [
        {
            "round": b.round.name,
            "cast_at": _iso(b.cast_at),
            "your_choices": {
                titles.get(int(k), k) if str(k).isdigit() else k: v for k, v in b.choices.items()
            },
        }
        for b in ballots
    ]


# Erasure ---------------------------------------------------------------------------------------


def _delete(model: str, **lookup: Any) -> Callable[[Any, Erasure], None]:
    def erase(user: Any, erasure: Erasure) -> None:
        from django.apps import apps

        apps.get_model(model).objects.filter(
            **{k: (user if v is None else v(user)) for k, v in lookup.items()}
        ).delete()

    return erase


def _erase_sign_in_attempts(user: Any, erasure: Erasure) -> None:
    from oneworkforce.core.http import keyed_hash
    from oneworkforce.partners.models import SignInAttempt

    SignInAttempt.objects.filter(address_hash=keyed_hash("address", user.email)).delete()


def _erase_learning(user: Any, erasure: Erasure) -> None:
    from oneworkforce.learning.bookings.services import learner_erase

    learner_erase(user=user)


def _erase_deployments(user: Any, erasure: Erasure) -> None:
    from oneworkforce.deployments.portability.services import person_erase

    person_erase(user=user, redact=audit.redactor(erasure.values, REMOVED))


def _erase_talent(user: Any, erasure: Erasure) -> None:
    from oneworkforce.talent.casework.privacy import candidate_erase

    for candidate in _candidates(user):
        candidate_erase(candidate=candidate)


def _erase_ballots(user: Any, erasure: Erasure) -> None:
    from oneworkforce.decisions.models import Ballot

    Ballot.objects.filter(voter=user).update(voter=None)


def _erase_audit(user: Any, erasure: Erasure) -> None:
    audit.forget_person(actor_ref=user.pk, values=erasure.values, replacement=DELETED_NAME)


def _erase_account(user: Any, erasure: Erasure) -> None:
    user.email = f"deleted-account-{user.pk}@deleted.invalid"
    user.full_name = DELETED_NAME
    user.job_title = ""
    user.other_organisation = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()


def _postcode_spellings(postcode: str) -> set[str]:
    compact = "".join(postcode.split()).upper()
    if not compact:
        return set()
    return {postcode.strip(), compact, f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else ""}


def identifying_values(user: Any) -> set[str]:
    """The person's name, e-mail address, phone and postcode as held anywhere in the map."""
    from oneworkforce.deployments.models import Apprentice

    values = {user.email, user.full_name}
    for name, postcode in Apprentice.objects.filter(person=user).values_list(
        "name", "home_postcode"
    ):
        values |= {name} | _postcode_spellings(postcode)
    for candidate in _candidates(user):
        values |= {candidate.full_name, candidate.email or "", candidate.phone or ""}
        values |= _postcode_spellings(candidate.postcode)
    return {v.strip() for v in values if v and v.strip()}


# The map ---------------------------------------------------------------------------------------

HOLDINGS: tuple[Holding, ...] = (
    Holding(
        "partners.User",
        ("email", "full_name"),
        "account",
        "Your account",
        "Closed and anonymised: no name, e-mail address, job title or password is kept; the "
        "closed account keeps what reports count (your bookings, completions and votes).",
        _account,
    ),
    Holding(
        "partners.Affiliation",
        ("user",),
        "affiliations",
        "Organisations you work with",
        "Deleted.",
        _affiliations,
        _delete("partners.Affiliation", user=None),
    ),
    Holding(
        "partners.RoleGrant",
        ("user",),
        "roles",
        "Your roles",
        "Deleted.",
        _roles,
        _delete("partners.RoleGrant", user=None),
    ),
    Holding(
        "partners.SignInToken",
        ("email",),
        "sign_in_links",
        "Sign-in links",
        "Deleted. Only a digest of each link is kept, for 15 minutes.",
        _sign_in_links,
        _delete("partners.SignInToken", email__iexact=lambda user: user.email),
    ),
    Holding(
        "partners.SignInAttempt",
        ("address_hash", "ip_hash"),
        "sign_in_attempts",
        "Sign-in attempts",
        "Deleted. They hold only keyed hashes and are cleared after the rate-limit window.",
        _sign_in_attempts,
        _erase_sign_in_attempts,
    ),
    Holding(
        "core.Notice",
        ("recipient",),
        "messages_sent",
        "Messages we sent you",
        "Deleted.",
        _notices,
        _delete("core.Notice", recipient=None),
    ),
    Holding(
        "learning.Booking",
        ("learner",),
        "bookings",
        "Your bookings and waiting-list places",
        "Places on sessions still to come are cancelled and passed to whoever is waiting; past "
        "bookings stay with the closed account, so attendance counts stay right.",
        _bookings,
        _erase_learning,
    ),
    Holding(
        "learning.Interest",
        ("learner",),
        "registered_interest",
        "Learning you registered interest in",
        "Kept with the closed account, so providers' demand counts stay right.",
        _interests,
    ),
    Holding(
        "learning.Completion",
        ("learner",),
        "completions",
        "Learning you completed and your certificates",
        "Kept with the closed account for completion counts; your evidence and notes on it are "
        "removed; a certificate's check page no longer shows your name.",
        _completions,
    ),
    Holding(
        "learning.RoleProfile",
        ("members",),
        "role_profiles",
        "Roles whose training you need",
        "You are taken out of each role.",
        _role_profiles,
    ),
    Holding(
        "deployments.Deployment",
        ("person",),
        "deployments",
        "Your deployments to other partners",
        "The partners keep the deployment for their reports, without the link to you; your "
        "name, e-mail address and postcode are taken out of its notes.",
        _deployments,
        _erase_deployments,
    ),
    Holding(
        "deployments.Apprentice",
        ("person", "name", "home_postcode"),
        "apprenticeships",
        "Your apprenticeship",
        "Anonymised: your name, postcode and travel limit go; the rotation stays under "
        "'Former apprentice' for the partners' figures.",
        _apprenticeships,
    ),
    Holding(
        "talent.Candidate",
        ("full_name", "email", "phone", "postcode"),
        "talent_hub",
        "Your talent hub record",
        "Anonymised as the talent hub does after its retention period: outcome counts stay.",
        _talent,
        _erase_talent,
    ),
    Holding(
        "decisions.Ballot",
        ("voter",),
        "votes",
        "Your votes",
        "Your ballot stays counted, without the link to you.",
        _ballots,
        _erase_ballots,
    ),
    Holding(
        "core.AuditEvent",
        ("actor",),
        "changes_you_made",
        "Changes you made",
        "The log keeps each event and the account number; your name, e-mail address, phone "
        "and postcode are taken out of every description and change.",
        _changes,
    ),
)

ACTOR_LINKS: tuple[ActorLink, ...] = (
    ActorLink("partners.Affiliation", "decided_by", "Links to a partner you decided"),
    ActorLink("partners.RoleGrant", "granted_by", "Roles you gave"),
    ActorLink("partners.RoleGrant", "revoked_by", "Roles you removed"),
    ActorLink("partners.Signatory", "recorded_by", "Framework signatures you recorded"),
    ActorLink("decisions.Need", "created_by", "Needs you recorded"),
    ActorLink("decisions.Proposal", "created_by", "Proposals you wrote"),
    ActorLink("decisions.ValueReview", "reviewer", "Values reviews you made"),
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
    ActorLink("deployments.Deployment", "raised_by", "Deployments you raised"),
    ActorLink("deployments.Deployment", "bypassed_by", "Deployments you started despite a check"),
    ActorLink("deployments.Evidence", "attested_by", "Checks you vouched for"),
    ActorLink("deployments.Assignment", "overridden_by", "Rotation placements you changed"),
    ActorLink("talent.Campaign", "created_by", "Outreach campaigns you set up"),
    ActorLink("talent.Candidate", "created_by", "Talent hub candidates you added"),
    ActorLink("talent.Intervention", "created_by", "Support you recorded"),
    ActorLink("talent.Qualification", "created_by", "Qualifications you recorded"),
    ActorLink("talent.Vacancy", "created_by", "Roles you added"),
    ActorLink("talent.Application", "created_by", "Applications you started"),
    ActorLink("talent.ApplicationStep", "actor", "Application steps you recorded"),
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
    "learning.RoleProfile.name": "the name of a job role",
    "learning.ProviderToken.name": "a label for a provider's key",
    "deployments.Cohort.name": "the name of an apprenticeship cohort",
    "deployments.Agreement.name": "the name of an employ-and-deploy agreement",
    "deployments.Employment.name": "staff a lead employer records by name for its network "
    "report; linked to no account here, so the employer answers their requests",
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


# Download and deletion -------------------------------------------------------------------------


def _records_you_made(user: Any) -> list[dict[str, Any]]:
    from django.apps import apps

    rows = []
    for link in ACTOR_LINKS:
        count = apps.get_model(link.model).objects.filter(**{link.field: user}).count()
        if count:
            rows.append({"what": link.what, "how_many": count})
    return rows


def export(user: Any) -> dict[str, Any]:
    """Everything the service holds about the person, as JSON-plain values."""
    data: dict[str, Any] = {holding.section: holding.export(user) for holding in HOLDINGS}
    data["records_you_made"] = _records_you_made(user)
    return data


def sections() -> list[tuple[str, str]]:
    """(section key, heading) in page order."""
    return [(h.section, h.title) for h in HOLDINGS] + [
        ("records_you_made", "Records you made for a partner")
    ]


def download_record(*, actor: Any, subject: Any, what: str) -> None:
    """Audit a download of personal data: who downloaded whose, and which download. Holds
    no personal values (the account is named by number)."""
    audit.record(
        actor=actor,
        action="personal_data.downloaded",
        obj=subject,
        label=f"Account #{subject.pk}",
        changes={"download": what},
    )


@transaction.atomic
def erase(*, user: Any) -> set[str]:
    """Follow the map for ``user``: each holding's erasure, links to their records removed,
    the audit log cleaned of their identifying text, and the account closed and anonymised.
    Returns the identifying values that were removed (for the caller's checks)."""
    from django.apps import apps

    erasure = Erasure(user_pk=user.pk, values=identifying_values(user))
    for holding in HOLDINGS:
        holding.erase(user, erasure)
    for link in ACTOR_LINKS:
        apps.get_model(link.model).objects.filter(**{link.field: user}).update(**{link.field: None})
    _erase_audit(user, erasure)
    _erase_account(user, erasure)
    return erasure.values


# The summary on the "your data" page -----------------------------------------------------------

_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if value is None or value == "":
        return "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and _DATETIME.match(value):
        moment = dt.datetime.fromisoformat(value)
        return formatting.datetime(timezone.localtime(moment) if is_aware(moment) else moment)
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_text(v)}" for k, v in value.items()) or "None"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value) or "None"
    return str(value)


def _summary_list(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": {"text": _words(k)}, "value": {"text": _text(v)}} for k, v in item.items()]


def _nested(item: dict[str, Any]) -> bool:
    return any(
        isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict) for x in v))
        for v in item.values()
    )


def summary(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The download as sections the page shows: a summary list for one record (or for each
    record with records inside), a table for a list of plain records."""
    shown = []
    for key, title in sections():
        value = data.get(key)
        section: dict[str, Any] = {"title": title, "lists": [], "heads": [], "rows": []}
        if isinstance(value, dict):
            section["lists"] = [_summary_list(value)]
        elif value and all(isinstance(v, dict) for v in value):
            if any(_nested(v) for v in value):
                section["lists"] = [_summary_list(v) for v in value]
            else:
                section["heads"] = [_words(k) for k in value[0]]
                section["rows"] = [[_text(v) for v in item.values()] for item in value]
        shown.append(section)
    return shown
