"""The stored compliance grid equals the rule worked out from scratch, after any sequence of the
changes that feed it (completions given and revoked, places booked and cancelled, job roles
given and taken away, requirements added to and removed from job roles and listings, a
partner's validity periods and accepted partners, work with the partner confirmed or ended) and
after time passes and the daily job runs; and the grid's filters and sorts read from the stored
rows pick and order the same people as the computed grid's."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from oneworkforce.core.services import ServiceError
from oneworkforce.learning.bookings import services as booking_services
from oneworkforce.learning.models import (
    Booking,
    Completion,
    CompletionState,
    ComplianceCell,
    ComplianceRow,
    JobRole,
    Requirement,
    StaffRecord,
)
from oneworkforce.learning.records import services as record_services
from oneworkforce.learning.workforce import selectors, stored
from oneworkforce.learning.workforce.grid import Choice, chosen, workforce_grid
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Affiliation
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
    partner_admin,
)

from .factories import CompletionFactory, JobRoleFactory, OpportunityFactory, SessionFactory

TODAY = timezone.localdate()
PEOPLE = 4
CODES = ("cstf-fire-safety-1", "cstf-ipc-1", "cstf-moving-handling-1")

person = st.integers(0, PEOPLE - 1)
role = st.integers(0, 1)
requirement = st.integers(0, len(CODES) - 1)
OPERATIONS = st.one_of(
    st.tuples(st.just("join"), person, role),
    st.tuples(st.just("leave"), person, role),
    st.tuples(st.just("clear"), role),
    st.tuples(st.just("complete"), person, requirement, st.booleans(), st.integers(0, 1500)),
    st.tuples(st.just("revoke"), person),
    st.tuples(st.just("book"), person),
    st.tuples(st.just("cancel"), person),
    st.tuples(st.just("require"), role, requirement),
    st.tuples(st.just("unrequire"), role, requirement),
    st.tuples(st.just("listing"), requirement, st.booleans()),
    st.tuples(st.just("policy"), requirement, st.integers(0, 36)),
    st.tuples(st.just("accept"), st.booleans()),
    st.tuples(st.just("confirm"), person, st.booleans()),
    st.tuples(st.just("team"), person, st.sampled_from(["", "Day team", "Night team"])),
    st.tuples(st.just("rename"), person, st.sampled_from(["", "Zoe Able", "ann Baker"])),
    st.tuples(st.just("active"), person, st.booleans()),
)


def _complete(learner, requirement, issuer, age: int) -> None:
    CompletionFactory(
        learner=learner,
        opportunity=OpportunityFactory(organisation=issuer),
        issuer=issuer,
        completed_on=TODAY - dt.timedelta(days=age),
        requirements=[requirement],
    )


def _world():
    org, other = OrganisationFactory(), OrganisationFactory()
    admin = partner_admin(org)
    requirements = [Requirement.objects.get(code=code) for code in CODES]
    roles = [JobRoleFactory(organisation=org, name=name) for name in ("Carer", "Driver")]
    roles[0].requirements.add(requirements[0], requirements[1])
    roles[1].requirements.add(requirements[2])
    people = []
    for n in range(PEOPLE):
        someone = UserFactory(full_name=f"Person {n}" if n else "")
        AffiliationFactory(user=someone, organisation=org, status=AffiliationStatus.CONFIRMED)
        people.append(someone)
    listing = OpportunityFactory(organisation=org)
    listing.requirements.add(requirements[0])
    session = SessionFactory(opportunity=listing, capacity=2)
    # A start that every kind of change can alter: people in job roles, training done here and
    # at the other partner, some of it long ago.
    roles[0].members.add(*people[:3])
    roles[1].members.add(people[1])
    for who, which, issuer, age in [(0, 0, other, 10), (1, 1, org, 40), (2, 0, org, 1000)]:
        _complete(people[who], requirements[which], issuer, age)
    return {
        "org": org,
        "other": other,
        "admin": admin,
        "requirements": requirements,
        "roles": roles,
        "people": people,
        "listing": listing,
        "session": session,
    }


def _apply(w: dict, operation: tuple) -> None:
    kind, *args = operation
    people, roles, requirements = w["people"], w["roles"], w["requirements"]
    if kind == "join":
        roles[args[1]].members.add(people[args[0]])
    elif kind == "leave":
        roles[args[1]].members.remove(people[args[0]])
    elif kind == "clear":
        roles[args[0]].members.clear()
    elif kind == "complete":
        who, which, elsewhere, age = args
        _complete(people[who], requirements[which], w["other"] if elsewhere else w["org"], age)
    elif kind == "revoke":
        completion = Completion.objects.filter(
            learner=people[args[0]], state=CompletionState.VERIFIED
        ).first()
        if completion is not None:
            record_services.completion_revoke(actor=w["admin"], completion=completion, reason="x")
    elif kind == "book":
        with contextlib.suppress(ServiceError):  # already booked or waiting
            booking_services.booking_create(actor=people[args[0]], session_id=w["session"].pk)
    elif kind == "cancel":
        booking = Booking.objects.active().filter(learner=people[args[0]]).first()
        if booking is not None:
            booking_services.booking_cancel(actor=people[args[0]], booking_id=booking.pk)
    elif kind == "require":
        roles[args[0]].requirements.add(requirements[args[1]])
    elif kind == "unrequire":
        roles[args[0]].requirements.remove(requirements[args[1]])
    elif kind == "listing":
        change = w["listing"].requirements.add if args[1] else w["listing"].requirements.remove
        change(requirements[args[0]])
    elif kind == "policy":
        which, months = args
        default = requirements[which].validity_months
        if months and (not default or months <= default):
            record_services.requirement_policy_set(
                actor=w["admin"],
                organisation=w["org"],
                requirement=requirements[which],
                validity_months=months,
            )
        elif not months:
            record_services.requirement_policy_set(
                actor=w["admin"],
                organisation=w["org"],
                requirement=requirements[which],
                validity_months=None,
            )
    elif kind == "accept":
        record_services.accepted_issuers_set(
            actor=w["admin"], organisation=w["org"], issuers=[w["other"]] if args[0] else []
        )
    elif kind == "confirm":
        affiliation = Affiliation.objects.get(user=people[args[0]], organisation=w["org"])
        affiliation.status = AffiliationStatus.CONFIRMED if args[1] else AffiliationStatus.ENDED
        affiliation.save()
    elif kind == "rename":  # saved as the account pages save it: those fields only
        people[args[0]].full_name = args[1]
        people[args[0]].email = f"{args[1].replace(' ', '.') or 'someone'}{args[0]}@example.org"
        people[args[0]].save(update_fields=["full_name", "email"])
    elif kind == "active":
        people[args[0]].is_active = args[1]
        people[args[0]].save()
    elif kind == "team":
        StaffRecord.objects.update_or_create(
            organisation=w["org"], person=people[args[0]], defaults={"team": args[1]}
        )


def _as_stored(org, today=None) -> dict:
    """The computed grid in the stored grid's terms."""
    return {
        row.person_id: (
            row.name,
            row.email,
            "; ".join(row.job_roles),
            {k: (s.state, s.booked, s.shown, s.expires_on) for k, s in row.cells.items()},
        )
        for row in workforce_grid(org, today).rows
    }


def _stored(org) -> dict:
    frame = selectors.frame(org)
    rows = selectors.with_cells(selectors.stored_rows(frame, Choice()))
    return {
        row.person_id: (
            row.name,
            row.email,
            "; ".join(row.job_roles),
            {k: (s.state, s.booked, s.shown, s.expires_on) for k, s in row.cells.items()},
        )
        for row in rows
    }


CHOICES = [
    Choice(),
    Choice(sort="action"),
    Choice(sort="team"),
    Choice(state="missing"),
    Choice(state="none"),
    Choice(state="booked"),
    Choice(team="Day team"),
    Choice(job_role="Carer"),
    Choice(q="person 1"),
    Choice(q="BAKER"),
]


class TestStoredEqualsComputed(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(
        operations=st.lists(OPERATIONS, min_size=1, max_size=12),
        later=st.integers(1, 900),
    )
    def test_after_any_changes_and_time_passing(self, operations, later):
        w = _world()
        org = w["org"]
        for operation in operations:  # checked after each, so no later change hides a miss
            _apply(w, operation)
            assert _stored(org) == _as_stored(org), operation
        rows = workforce_grid(org).rows
        frame = selectors.frame(org)
        for choice in CHOICES:
            computed = [r.person_id for r in chosen(rows, choice)]
            assert [r.person_id for r in selectors.stored_rows(frame, choice)] == computed, choice
        # Time passes: the daily job works the grid out for the new day.
        day = TODAY + dt.timedelta(days=later)
        stored.everything_refresh(day)
        assert _stored(org) == _as_stored(org, day)


@pytest.mark.django_db
def test_the_daily_job_fills_a_grid_that_was_never_stored():
    w = _world()
    w["roles"][0].members.add(w["people"][0])
    ComplianceRow.objects.all().delete()
    assert _stored(w["org"]) == {}
    call_command("run_due_jobs", "--only", "learning-compliance-refresh", verbosity=0)
    assert _stored(w["org"]) == _as_stored(w["org"])


@pytest.mark.django_db
def test_changes_to_many_people_are_worked_out_once_at_the_end():
    w = _world()
    drivers = ComplianceRow.objects.filter(job_roles__contains="Driver")
    assert drivers.count() == 1
    with stored.deferred():
        w["roles"][1].members.add(*w["people"])
        for someone in w["people"]:
            w["roles"][1].members.add(someone)
        assert drivers.count() == 1  # not yet
    assert drivers.count() == PEOPLE
    assert _stored(w["org"]) == _as_stored(w["org"])


@pytest.mark.django_db
def test_requirements_added_from_the_requirements_side_refresh_too():
    w = _world()
    person = w["people"][3]
    w["roles"][1].members.add(person)
    completion = CompletionFactory(
        learner=person, opportunity=OpportunityFactory(organisation=w["org"]), issuer=w["org"]
    )
    w["requirements"][2].completions.add(completion)
    assert _stored(w["org"]) == _as_stored(w["org"])


def _analysed(table: str) -> object:
    """When PostgreSQL's statistics of ``table`` were last worked out (SQLite keeps none)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # not the figures read before
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_changes_to_many_people_bring_the_planners_statistics_up_to_date():
    # After a bulk load the statistics still said the tables were empty, and the planner's
    # nested loops made the grid's refresh take seconds per partner.
    w = _world()
    tables = [JobRole.members.through._meta.db_table, ComplianceCell._meta.db_table]
    before = [_analysed(t) for t in tables]
    with stored.deferred():
        w["roles"][1].members.add(*w["people"])
    after = [_analysed(t) for t in tables]
    if connection.vendor == "postgresql":
        for earlier, later in zip(before, after, strict=True):
            assert later is not None and (earlier is None or later > earlier)
