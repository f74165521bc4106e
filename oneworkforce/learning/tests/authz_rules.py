"""Authorization-matrix rules for the learning URLs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    ANY_ADMIN,
    EVERYONE,
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import (
    Attendance,
    Booking,
    BookingState,
    CompletionState,
    CpdEntry,
    Kind,
    Reflection,
    StaffRecord,
    TeamManager,
)
from oneworkforce.learning.records import services as record_services

from . import authz_programmes
from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory, SessionFactory

FORM = ("GET", "POST")
ACTION = ("POST",)
OWNER = frozenset({"learner"})


def build_world(world: World) -> None:
    org = world.org_a
    admin = world.users["partner_admin_a"]
    world.listing = OpportunityFactory(organisation=org)
    world.session = SessionFactory(opportunity=world.listing, capacity=1)
    world.past_session = SessionFactory(
        opportunity=world.listing,
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
    )
    world.elearning = OpportunityFactory(
        organisation=org, kind=Kind.E_LEARNING, link="https://learn.example.org/ipc"
    )
    world.undated = OpportunityFactory(organisation=org, kind=Kind.LEADERSHIP)
    world.booking = booking_services.booking_create(
        actor=world.learner, session_id=world.session.pk
    )
    # The learner holds an offer on a second session.
    full = SessionFactory(opportunity=world.listing, capacity=1)
    Booking.objects.create(
        session=full,
        learner=world.learner,
        state=BookingState.OFFERED,
        offered_at=timezone.now(),
        offer_expires_at=timezone.now() + dt.timedelta(hours=48),
    )
    full.booked_count = 1
    full.save()
    world.offer = Booking.objects.get(session=full)
    world.completion = CompletionFactory(learner=world.learner, opportunity=world.elearning)
    world.pending = CompletionFactory(
        learner=world.learner, opportunity=world.elearning, state=CompletionState.PENDING
    )
    world.uploaded = CompletionFactory(
        learner=world.learner,
        opportunity=world.elearning,
        state=CompletionState.PENDING,
        evidence_file=b"%PDF-1.4 certificate",
        evidence_file_name="certificate.pdf",
        evidence_file_type="application/pdf",
    )
    world.job_role = JobRoleFactory(organisation=org)
    world.job_role.members.add(world.learner)
    # The learner manages their own team at org A: its grid, CSV and reminders, nothing else.
    StaffRecord.objects.filter(organisation=org, person=world.learner).update(team="Day team")
    world.team_manager = TeamManager.objects.create(
        organisation=org, team="Day team", person=world.learner
    )
    world.token, _ = record_services.token_create(actor=admin, organisation=org, name="LMS")
    authz_programmes.build_world(world)
    # Evaluations and the CPD log: the past session (booked above for its materials) attended,
    # an entry and a reflection.
    world.attended, _ = Booking.objects.update_or_create(
        session=world.past_session,
        learner=world.learner,
        defaults={"state": BookingState.BOOKED, "attendance": Attendance.ATTENDED},
    )
    world.cpd_entry = CpdEntry.objects.create(
        person=world.learner,
        done_on=world.past_session.starts_at.date(),
        title="Reading",
        hours=2,
        participatory=False,
    )
    world.reflection = Reflection.objects.create(
        person=world.learner,
        written_on=world.cpd_entry.done_on,
        nature="Reading",
        learnt="Much",
        practice_change="Some",
        themes=["preserve_safety"],
        code_relation="Yes",
    )


def _org(world: World) -> dict[str, str]:
    return {"slug": world.org_a.slug}


def _listing(world: World) -> dict[str, str]:
    return {"slug": world.org_a.slug, "listing": world.listing.slug}


def _in_org(attribute: str):  # type: ignore[no-untyped-def]
    return lambda w: {"slug": w.org_a.slug, "pk": getattr(w, attribute).pk}


def _pk(attribute: str):  # type: ignore[no-untyped-def]
    return lambda w: {"pk": getattr(w, attribute).pk}


RULES: dict[str, Rule] = {
    "learning:home": Rule(EVERYONE),
    "learning:search": Rule(EVERYONE, query="q=dementia&free=on"),
    "learning:search_atom": Rule(EVERYONE, query="q=dementia"),
    "learning:search_ics": Rule(EVERYONE, query="kind=in_person"),
    "learning:requirements": Rule(EVERYONE),
    "learning:opportunity": Rule(EVERYONE, kwargs=lambda w: {"slug": w.listing.slug}),
    "learning:interest": Rule(SIGNED_IN, kwargs=lambda w: {"slug": w.undated.slug}, methods=ACTION),
    "learning:declare": Rule(SIGNED_IN, kwargs=lambda w: {"slug": w.elearning.slug}, methods=FORM),
    "learning:book": Rule(SIGNED_IN, kwargs=_pk("session"), methods=ACTION),
    # Someone else's booking is not found: only its owner can act on it.
    "learning:booking_cancel": Rule(OWNER, kwargs=_pk("booking"), methods=ACTION),
    "learning:offer_accept": Rule(OWNER, kwargs=_pk("offer"), methods=ACTION),
    "learning:offer_decline": Rule(OWNER, kwargs=_pk("offer"), methods=ACTION),
    "learning:booking_calendar": Rule(OWNER, kwargs=_pk("booking")),
    "learning:my": Rule(SIGNED_IN),
    "learning:my_csv": Rule(SIGNED_IN),
    "learning:my_pdf": Rule(SIGNED_IN),
    "learning:my_job_role": Rule(SIGNED_IN, kwargs=_pk("job_role")),
    "learning:certificate_pdf": Rule(
        OWNER, kwargs=lambda w: {"code": w.completion.certificate_code}
    ),
    "learning:verify": Rule(EVERYONE),
    "learning:certificate": Rule(
        EVERYONE, kwargs=lambda w: {"code": w.completion.certificate_code}
    ),
    "learning:dashboard": Rule(ONLY_PARTNERSHIP_ADMIN),
    "learning:manage": Rule(ANY_ADMIN),
    "learning:provider": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:listing_add": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:listing": Rule(ADMINS_OF_A, kwargs=_listing),
    "learning:listing_edit": Rule(ADMINS_OF_A, kwargs=_listing, methods=FORM),
    "learning:listing_publish": Rule(ADMINS_OF_A, kwargs=_listing, methods=ACTION),
    "learning:listing_withdraw": Rule(ADMINS_OF_A, kwargs=_listing, methods=FORM),
    "learning:session_add": Rule(ADMINS_OF_A, kwargs=_listing, methods=FORM),
    "learning:session": Rule(ADMINS_OF_A, kwargs=_in_org("session")),
    "learning:attendance": Rule(ADMINS_OF_A, kwargs=_in_org("past_session"), methods=ACTION),
    "learning:session_cancel": Rule(ADMINS_OF_A, kwargs=_in_org("session"), methods=ACTION),
    "learning:booking_decide": Rule(ADMINS_OF_A, kwargs=_in_org("booking"), methods=ACTION),
    "learning:completions": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:completion_decide": Rule(ADMINS_OF_A, kwargs=_in_org("pending"), methods=FORM),
    "learning:completion_revoke": Rule(ADMINS_OF_A, kwargs=_in_org("completion"), methods=FORM),
    "learning:completion_file": Rule(ADMINS_OF_A, kwargs=_in_org("uploaded")),
    # The learner is named manager of a team at org A: they see its people's grid, CSV and
    # reminders (scoped to the team), and nothing else of the partner's.
    "learning:workforce": Rule(ADMINS_OF_A | OWNER, kwargs=_org, query="state=missing&sort=action"),
    "learning:workforce_csv": Rule(ADMINS_OF_A | OWNER, kwargs=_org),
    "learning:workforce_assign": Rule(ADMINS_OF_A, kwargs=_org, methods=ACTION),
    "learning:workforce_upload": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:workforce_remind": Rule(ADMINS_OF_A | OWNER, kwargs=_org, methods=ACTION),
    "learning:workforce_figures": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:workforce_managers": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:workforce_manager_remove": Rule(
        ADMINS_OF_A,
        kwargs=lambda w: {"slug": w.org_a.slug, "manager_id": w.team_manager.pk},
        methods=ACTION,
    ),
    "learning:compliance": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:job_role_add": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:job_role_edit": Rule(ADMINS_OF_A, kwargs=_in_org("job_role"), methods=FORM),
    "learning:job_role_people": Rule(ADMINS_OF_A, kwargs=_in_org("job_role"), methods=FORM),
    "learning:job_role_person_remove": Rule(
        ADMINS_OF_A,
        kwargs=lambda w: {"slug": w.org_a.slug, "pk": w.job_role.pk, "person": w.learner.pk},
        methods=ACTION,
    ),
    "learning:accepted": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:validity": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:tokens": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:token_revoke": Rule(ADMINS_OF_A, kwargs=_in_org("token"), methods=ACTION),
    # A CPD log is only ever its owner's: each person sees their own, anyone else's is not found.
    "learning:cpd": Rule(SIGNED_IN),
    "learning:cpd_entry_add": Rule(SIGNED_IN, methods=FORM),
    "learning:cpd_entry_edit": Rule(OWNER, kwargs=_pk("cpd_entry"), methods=FORM),
    "learning:cpd_entry_delete": Rule(OWNER, kwargs=_pk("cpd_entry"), methods=ACTION),
    "learning:cpd_reflection_add": Rule(SIGNED_IN, methods=FORM),
    "learning:cpd_reflection_edit": Rule(OWNER, kwargs=_pk("reflection"), methods=FORM),
    "learning:cpd_revalidation": Rule(SIGNED_IN, methods=FORM),
    "learning:cpd_revalidation_pdf": Rule(SIGNED_IN),
    "learning:cpd_csv": Rule(SIGNED_IN),
    "learning:evaluate_booking": Rule(OWNER, kwargs=_pk("attended"), methods=FORM),
    "learning:evaluate_listing": Rule(
        SIGNED_IN, kwargs=lambda w: {"slug": w.elearning.slug}, methods=FORM
    ),
    "learning:evaluations": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:listing_evaluations": Rule(ADMINS_OF_A, kwargs=_listing),
    "api:learning_cpd_entries": Rule(SIGNED_IN),
    "api:learning_cpd_entry_add": Rule(SIGNED_IN, methods=ACTION),
    "api:learning_cpd_reflections": Rule(SIGNED_IN),
    "api:learning_cpd_reflection_add": Rule(SIGNED_IN, methods=ACTION),
    "api:learning_cpd_summary": Rule(SIGNED_IN),
    # The body is checked first (an empty one is a 422 for anyone signed in); someone else's
    # booking is then not found (test_evaluations checks it).
    "api:learning_evaluate_booking": Rule(
        SIGNED_IN, kwargs=lambda w: {"booking_id": w.attended.pk}, methods=ACTION
    ),
    "api:learning_evaluate_listing": Rule(
        SIGNED_IN, kwargs=lambda w: {"slug": w.elearning.slug}, methods=ACTION
    ),
    "api:learning_evaluations": Rule(ADMINS_OF_A, kwargs=_org),
    "api:learning_opportunities": Rule(EVERYONE, query="q=dementia"),
    "api:learning_opportunity": Rule(EVERYONE, kwargs=lambda w: {"slug": w.listing.slug}),
    "api:learning_bookings": Rule(SIGNED_IN),
    "api:learning_book": Rule(
        SIGNED_IN, kwargs=lambda w: {"session_id": w.session.pk}, methods=ACTION
    ),
    "api:learning_cancel": Rule(
        OWNER, kwargs=lambda w: {"booking_id": w.booking.pk}, methods=ACTION
    ),
    # Partner systems only, with a key; nobody's browser session gets in.
    "api:learning_statements": Rule(frozenset(), methods=ACTION, machine_key=True),
    "api:learning_compliance": Rule(ADMINS_OF_A, kwargs=_org),
    "api:learning_compliance_figures": Rule(ADMINS_OF_A, kwargs=_org),
}
RULES.update(authz_programmes.RULES)
