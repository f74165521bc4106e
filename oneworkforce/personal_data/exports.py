"""Each holding's part of the person's copy of their data (their right of access)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse

from oneworkforce.core.http import keyed_hash
from oneworkforce.core.models import AuditEvent
from oneworkforce.decisions.models import Ballot, Proposal
from oneworkforce.deployments.models import Apprentice, Deployment
from oneworkforce.learning.models import (
    Booking,
    Completion,
    ComplianceRow,
    Interest,
    StaffRecord,
    TeamManager,
)
from oneworkforce.partners.models import SignInAttempt, SignInToken
from oneworkforce.talent.casework.privacy import candidate_export
from oneworkforce.talent.models import Candidate

from .holdings import iso

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "date_joined": iso(user.date_joined),
        "last_sign_in": iso(user.last_login),
        "has_password": user.has_usable_password(),
        "weekly_email": user.weekly_digest,
        **{name: getattr(user, name) for name in user.PROFILE_FIELDS},
    }


def affiliations(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": a.organisation.name,
            "relationship": a.relationship,
            "job_title": a.job_title,
            "status": a.status,
            "requested_at": iso(a.requested_at),
            "decided_at": iso(a.decided_at),
        }
        for a in user.affiliations.select_related("organisation").order_by("requested_at")
    ]


def roles(user: User) -> list[dict[str, Any]]:
    return [
        {
            "role": g.role,
            "scope": g.scope_label,
            "granted_at": iso(g.granted_at),
            "revoked_at": iso(g.revoked_at),
        }
        for g in user.role_grants.select_related("organisation", "faculty").order_by("granted_at")
    ]


def sign_in_links(user: User) -> dict[str, Any]:
    return {"links_not_yet_cleared": SignInToken.objects.filter(email__iexact=user.email).count()}


def sign_in_attempts(user: User) -> dict[str, Any]:
    mine = SignInAttempt.objects.filter(address_hash=keyed_hash("address", user.email))
    return {"recent_attempts": mine.count()}


def notices(user: User) -> list[dict[str, Any]]:
    return [{"subject": n.subject, "sent_at": iso(n.sent_at)} for n in user.notices.all()]


def changes(user: User) -> list[dict[str, Any]]:
    return [
        {"at": iso(e.at), "action": e.action, "record": e.object_repr}
        for e in AuditEvent.objects.filter(actor=user).order_by("at", "id")
    ]


def bookings(user: User) -> list[dict[str, Any]]:
    bookings = Booking.objects.filter(learner=user).select_related(
        "session__opportunity__organisation", "session__site", "learner_organisation"
    )
    return [
        {
            "learning": b.session.opportunity.title,
            "provider": b.session.opportunity.organisation.name,
            "starts_at": iso(b.session.starts_at),
            "where": b.session.where,
            "state": b.get_state_display(),
            "attendance": b.get_attendance_display(),
            "booked_at": iso(b.created_at),
            "waiting_since": iso(b.waitlisted_at),
            "place_offered_until": iso(b.offer_expires_at),
            "booked_as": b.learner_organisation.name if b.learner_organisation else "",
        }
        for b in bookings.order_by("created_at", "id")
    ]


def interests(user: User) -> list[dict[str, Any]]:
    return [
        {
            "learning": i.opportunity.title,
            "provider": i.opportunity.organisation.name,
            "registered_at": iso(i.created_at),
        }
        for i in Interest.objects.filter(learner=user).select_related("opportunity__organisation")
    ]


def completions(user: User) -> list[dict[str, Any]]:
    completions = (
        Completion.objects.filter(learner=user)
        .select_related("opportunity", "issuer")
        .prefetch_related("requirements")
    )
    return [
        {
            "learning": c.opportunity.title,
            "provider": c.issuer.name,
            "completed_on": iso(c.completed_on),
            "how_recorded": c.get_source_display(),
            "state": c.get_state_display(),
            "evidence": c.evidence,
            "uploaded_certificate": c.evidence_file_name,
            "decision_note": c.decision_note,
            "requirements_met": [str(r) for r in c.requirements.all()],
            "certificate": c.certificate_code,
            "certificate_check_page": reverse(
                "learning:certificate", kwargs={"code": c.certificate_code}
            ),
        }
        for c in completions
    ]


def job_roles(user: User) -> list[dict[str, Any]]:
    return [
        {"job_role": p.name, "partner": p.organisation.name}
        for p in user.job_roles.select_related("organisation")
    ]


def compliance_rows(user: User) -> list[dict[str, Any]]:
    rows = (
        ComplianceRow.objects.filter(person=user)
        .select_related("organisation")
        .prefetch_related("cells__requirement")
    )
    return [
        {
            "partner": r.organisation.name,
            "job_roles": r.job_roles,
            "worked_out_on": iso(r.refreshed_on),
            "training": [
                {
                    "requirement": str(c.requirement),
                    "state": c.shown,
                    "expires_on": iso(c.expires_on),
                }
                for c in r.cells.all()
            ],
        }
        for r in rows
    ]


def teams_managed(user: User) -> list[dict[str, Any]]:
    return [
        {"partner": m.organisation.name, "team": m.team, "since": iso(m.created_at)}
        for m in TeamManager.objects.filter(person=user).select_related("organisation")
    ]


def learning_staff_records(user: User) -> list[dict[str, Any]]:
    records = (
        StaffRecord.objects.filter(person=user)
        .select_related("organisation", "site")
        .prefetch_related("reminders__requirement")
    )
    return [
        {
            "partner": s.organisation.name,
            "team": s.team,
            "site": s.site.name if s.site else "",
            "training_reminders": [
                {"training": str(r.requirement), "sent_at": iso(r.sent_at)}
                for r in s.reminders.all()
            ],
        }
        for s in records
    ]


def deployments(user: User) -> list[dict[str, Any]]:
    deployments = (
        Deployment.objects.filter(person=user)
        .select_related("host", "employer", "site")
        .prefetch_related("evidence")
    )
    return [
        {
            "job_title": d.job_title,
            "host": d.host.name,
            "employer": d.employer.name if d.employer else "",
            "starts_on": iso(d.starts_on),
            "ends_on": iso(d.ends_on),
            "hours_per_week": str(d.hours_per_week),
            "state": d.get_state_display(),
            "supervisor": d.supervisor,
            "skills": d.skills,
            "you_consented_at": iso(d.person_consented_at),
            "checks": [
                {
                    "check": e.get_kind_display(),
                    "detail": e.detail,
                    "valid_until": iso(e.valid_until),
                    "attested_at": iso(e.attested_at),
                }
                for e in d.evidence.all()
            ],
        }
        for d in deployments
    ]


def apprenticeships(user: User) -> list[dict[str, Any]]:
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


def candidates(user: User) -> Any:
    return Candidate.objects.filter(email__iexact=user.email, anonymised_at__isnull=True)


def talent(user: User) -> list[dict[str, Any]]:
    return [candidate_export(c) for c in candidates(user).order_by("pk")]


def ballots(user: User) -> list[dict[str, Any]]:
    ballots = list(Ballot.objects.filter(voter=user).select_related("round").order_by("cast_at"))
    ids = {int(k) for b in ballots for k in b.choices if str(k).isdigit()}
    titles = dict(Proposal.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [
        {
            "round": b.round.name,
            "cast_at": iso(b.cast_at),
            "your_choices": {
                titles.get(int(k), k) if str(k).isdigit() else k: v for k, v in b.choices.items()
            },
        }
        for b in ballots
    ]
