"""Environments, demand and offers: the rules each service keeps, and bad input refused with
a message naming the field or line, nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError

from ..allocation import services as allocation
from ..demand import services as demand
from ..environments import services as environments
from ..models import EducationalAudit, Offer, PlacementRequest, Student
from . import factories

pytestmark = pytest.mark.django_db


def test_an_offer_above_the_environments_places_is_refused_naming_the_field():
    w = factories.world()
    with pytest.raises(ServiceError) as refused:
        allocation.offer_make(
            actor=w.home_admin, environment=w.home, block=w.block, profession="nursing", places=3
        )
    assert refused.value.field == "places"
    assert "2 place(s) a block" in refused.value.message
    assert Offer.objects.get(environment=w.home).places == 2


def test_an_offer_above_what_the_supervisors_can_take_is_refused():
    w = factories.world()
    w.ward.places_per_block = 10
    w.ward.save()
    with pytest.raises(ServiceError) as refused:
        allocation.offer_make(
            actor=w.trust_admin, environment=w.ward, block=w.block, profession="nursing", places=7
        )
    assert "supervisors for this profession can take 6" in refused.value.message


def test_a_partner_cannot_offer_another_partners_environment():
    w = factories.world()
    with pytest.raises(ServiceError):
        allocation.offer_make(
            actor=w.home_admin, environment=w.ward, block=w.block, profession="nursing", places=1
        )


def test_a_supervisor_over_the_limit_of_students_is_refused():
    w = factories.world()
    with pytest.raises(ServiceError) as refused:
        factories.supervisor(w.home_admin, w.home, max_students=9)
    assert refused.value.field == "max_students"


def test_a_request_with_dates_outside_the_block_is_refused():
    w = factories.world()
    programme = demand.programme_add(
        actor=w.uni_admin, provider=w.university, name="Midwifery", profession="midwifery", year=1
    )
    before = PlacementRequest.objects.count()
    with pytest.raises(ServiceError) as refused:
        demand.request_submit(
            actor=w.uni_admin,
            programme=programme,
            block=w.block,
            students=5,
            starts_on=dt.date(2027, 9, 1),
            ends_on=dt.date(2027, 10, 1),
            required_hours=150,
        )
    assert refused.value.field == "starts_on"
    assert "6 September 2027" in refused.value.message
    assert PlacementRequest.objects.count() == before


def test_only_partners_of_the_education_sector_run_programmes():
    w = factories.world()
    with pytest.raises(ServiceError) as refused:
        demand.programme_add(
            actor=w.home_admin, provider=w.care_home, name="Nursing", profession="nursing", year=1
        )
    assert "education sector" in refused.value.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("reference,name\nS9,Ann\nS9,Bob\n", "Line 3: reference S9 appears twice"),
        ("reference,name\nS9,\n", "Line 2: name is empty"),
        ("reference,name\nS9,Ann,extra\n", "Line 2: more values than columns"),
        ("ref,name\nS9,Ann\n", "Line 1: the header"),
        ("reference,name,email,home_postcode\nS9,Ann,a@example.org,NOT A CODE\n", "Line 2:"),
    ],
)
def test_a_malformed_students_csv_names_the_line_and_writes_nothing(text, line):
    w = factories.world()
    before = Student.objects.count()
    with pytest.raises(ServiceError) as refused:
        demand.students_import(actor=w.uni_admin, programme=w.programme, data=text.encode())
    assert refused.value.message.startswith(line)
    assert Student.objects.count() == before


def test_every_bad_line_of_a_students_csv_is_named_at_once():
    w = factories.world()
    text = "reference,name,home_postcode\nS9,,LS1 4AP\nS8,Ann,NOT A CODE\nS8,Bob,\n"
    with pytest.raises(ServiceError) as refused:
        demand.students_import(actor=w.uni_admin, programme=w.programme, data=text.encode())
    assert refused.value.message == (
        "Line 2: name is empty. Line 3: Enter a real postcode, like LS1 4AP, not 'NOT A CODE'."
        " Line 4: reference S8 appears twice."
    )


def test_an_audit_opens_an_action_for_each_line_and_is_audit_logged():
    w = factories.world()
    made = environments.audit_record(
        actor=w.home_admin,
        environment=w.home,
        audited_on=dt.date(2027, 3, 1),
        outcome="approved_with_actions",
        review_due=dt.date(2029, 3, 1),
        actions="Name a second assessor\n\nUpdate the induction pack",
    )
    assert [a.text for a in made.action_items.all()] == [
        "Name a second assessor",
        "Update the induction pack",
    ]
    assert AuditEvent.objects.filter(action="placements.audit_recorded").count() == 1


def test_an_audit_review_before_the_audit_is_refused():
    w = factories.world()
    with pytest.raises(ServiceError) as refused:
        environments.audit_record(
            actor=w.home_admin,
            environment=w.home,
            audited_on=dt.date(2027, 3, 1),
            outcome="approved",
            review_due=dt.date(2027, 2, 1),
        )
    assert refused.value.field == "review_due"
    assert not EducationalAudit.objects.exists()


def test_an_environment_of_every_sector_can_be_added():
    w = factories.world()
    for setting in ("home_care", "hospice", "voluntary", "primary_care", "mental_health"):
        factories.environment(w.home_admin, w.care_home, f"Team {setting}", setting=setting)
    assert w.care_home.learning_environments.count() == 6
