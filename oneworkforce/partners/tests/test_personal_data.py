"""A person's data is whole when they ask for it and gone when they delete their account.

The personal-data map (``oneworkforce.personal_data``) is the one place that says where a
person's data lives; these tests hold the code to it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models
from django.db.models.functions import Cast
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone

from oneworkforce import personal_data
from oneworkforce.core import audit
from oneworkforce.core.models import AuditEvent, Notice
from oneworkforce.decisions.models import Ballot, Need
from oneworkforce.decisions.tests.factories import NeedFactory, RoundFactory
from oneworkforce.deployments.apprenticeships import services as apprenticeships
from oneworkforce.deployments.models import Apprentice, Deployment
from oneworkforce.deployments.tests.apprenticeship_factories import small_cohort
from oneworkforce.deployments.tests.portability_factories import need, signed_framework
from oneworkforce.learning.bookings import services as learning
from oneworkforce.learning.cpd import services as cpd
from oneworkforce.learning.evaluations import services as evaluations
from oneworkforce.learning.models import (
    Attendance,
    Booking,
    BookingState,
    Completion,
    Kind,
    TeamManager,
)
from oneworkforce.learning.programmes import services as programme_services
from oneworkforce.learning.tests.factories import (
    CompletionFactory,
    JobRoleFactory,
    OpportunityFactory,
    ProgrammeFactory,
    SessionFactory,
)
from oneworkforce.partners.accounts import services
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import SignInAttempt, SignInToken
from oneworkforce.partners.tests import factories
from oneworkforce.placements.tests.factories import student_record
from oneworkforce.talent.models import Candidate
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import ApplicationFactory, CandidateFactory

NAME = "Zebedee Quarrington"
EMAIL = "zebedee.quarrington@example.net"
PHONE = "07700900461"
POSTCODE = "LS6 9QZ"


# The map covers every model -------------------------------------------------------------------


def _personal_fields(model: type[models.Model]) -> list[str]:
    user_model = get_user_model()
    found = []
    for field in model._meta.get_fields():
        if not field.concrete or (field.auto_created and not field.many_to_many):
            continue
        links_user = field.is_relation and field.related_model is user_model
        if links_user or personal_data.PERSONAL_FIELD_NAME.search(field.name):
            found.append(field.name)
    return found


def _mapped() -> set[str]:
    covered = {f"{h.model}.{name}" for h in personal_data.HOLDINGS for name in h.covers}
    covered |= {f"{link.model}.{link.field}" for link in personal_data.ACTOR_LINKS}
    return covered | set(personal_data.NOT_PERSONAL)


def test_every_field_that_holds_personal_data_is_in_the_map_or_explained():
    covered = _mapped()
    missing = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        if model.__module__.startswith("oneworkforce.")
        for name in _personal_fields(model)
        if f"{model._meta.label}.{name}" not in covered
    ]
    assert missing == [], (
        "Add these to oneworkforce/personal_data/map.py (HOLDINGS or ACTOR_LINKS), or to "
        f"NOT_PERSONAL with the reason they are not a person's data: {missing}"
    )


def test_the_map_names_only_fields_that_exist_and_each_allowance_says_why():
    for entry in _mapped():
        label, name = entry.rsplit(".", 1)
        assert name in {f.name for f in apps.get_model(label)._meta.get_fields()}, entry
    assert all(len(reason.split()) >= 3 for reason in personal_data.NOT_PERSONAL.values())
    sections = [key for key, _ in personal_data.sections()]
    assert len(sections) == len(set(sections))


@isolate_apps("oneworkforce.core")
def test_the_check_finds_a_field_named_like_a_persons_details():
    class Visitor(models.Model):  # noqa: DJ008
        first_name = models.CharField(max_length=50)
        home_phone = models.CharField(max_length=20)
        date_of_birth = models.DateField()
        badge = models.CharField(max_length=20)

        class Meta:
            app_label = "core"

    assert _personal_fields(Visitor) == ["first_name", "home_phone", "date_of_birth"]


# A person with a record in every holding ------------------------------------------------------


def _everything(org_a, org_b, admin_a):
    """A person with a record in every holding of the map, made through the services where
    there is one, so the audit log holds what it would in use."""
    person = factories.UserFactory(email=EMAIL, full_name=NAME, job_title="Care worker")
    services.user_profile_update(actor=person, user=person, data={"job_title": "Senior carer"})
    services.affiliation_request(user=person, organisation=org_a, relationship="employee")
    factories.RoleGrantFactory(user=person, role=Role.TALENT_COORDINATOR, organisation=None)
    services.sign_in_link_request(
        email=EMAIL, ip="192.0.2.7", link_builder=lambda token: f"/link/{token}"
    )
    Notice.first_time(key="test:person", recipient=person, subject=f"Hello {NAME}")
    # Learning: a booked place, a waiting-list place, a past attended booking, interest,
    # a completion with a certificate, and a role to be trained for.
    future = SessionFactory(capacity=1)
    learning.booking_create(actor=person, session_id=future.pk)
    full = SessionFactory(capacity=1)
    learning.booking_create(actor=factories.UserFactory(), session_id=full.pk)
    learning.booking_create(actor=person, session_id=full.pk)
    past = SessionFactory(starts_at=timezone.now() - dt.timedelta(days=20))
    attended = Booking.objects.create(
        session=past, learner=person, state=BookingState.BOOKED, attendance=Attendance.ATTENDED
    )
    learning.interest_register(actor=person, opportunity=OpportunityFactory(kind=Kind.E_LEARNING))
    CompletionFactory(learner=person, evidence=f"Certificate for {NAME}, {EMAIL}")
    JobRoleFactory(organisation=org_a).members.add(person)
    # Their job role puts them on partner A's compliance grid, and they manage a team there.
    TeamManager.objects.create(organisation=org_a, team="Day team", person=person, named_by=admin_a)
    programme_services.enrolment_create(actor=person, programme=ProgrammeFactory())
    # What they made of it: an evaluation, a reflection (the completion above is in their CPD
    # log by itself) and their renewal date.
    evaluations.evaluation_submit(
        actor=person,
        opportunity=past.opportunity,
        booking=attended,
        usefulness=4,
        would_recommend=True,
        comment=f"Ask {NAME} about it",
    )
    cpd.reflection_save(
        actor=person,
        reflection=None,
        written_on=timezone.localdate(),
        entry=None,
        nature=f"Feedback to {NAME}",
        learnt="To listen",
        practice_change="I listen",
        themes=["prioritise_people"],
        code_relation="People first",
    )
    cpd.revalidation_plan_set(actor=person, preset="nmc", renewal_on=timezone.localdate())
    # Working together: a deployment naming them and an apprenticeship.
    signed_framework(org_a, org_b)
    deployment = need(admin_a, org_a)
    Deployment.objects.filter(pk=deployment.pk).update(
        person=person, closing_note=f"{NAME} settled in well"
    )
    cohort = small_cohort(partners=[org_a, org_b], apprentices=2, stored_plan=True)
    apprenticeships.apprentice_add(
        actor=admin_a,
        cohort=cohort,
        name=NAME,
        employer=org_a,
        home_postcode=POSTCODE,
        max_travel_km=20,
        person=person,
    )
    # A student on placement, with a concern that names them.
    student_record(person, name=NAME, email=EMAIL, postcode=POSTCODE)
    # The talent hub knows them by the same e-mail address.
    candidate = CandidateFactory(full_name=NAME, email=EMAIL, phone=PHONE, postcode=POSTCODE)
    ApplicationFactory(candidate=candidate, state="started")
    # A vote, a record made in a role, and an audit event that names them.
    Ballot.objects.create(round=RoundFactory(), voter=person, choices={})
    NeedFactory(created_by=person)
    audit.record(
        actor=admin_a,
        action="test.contact_changed",
        obj=person,
        label=f"Contact {NAME}",
        changes={"email": {"from": "", "to": EMAIL}, "postcode": {"from": "", "to": POSTCODE}},
    )
    return person


def _text_columns():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            kind = field.get_internal_type()
            if kind in ("CharField", "TextField", "EmailField", "SlugField", "JSONField"):
                yield model, field


def _where_found(*values: str) -> list[str]:
    """Every table and text column that still holds any of ``values``."""
    hits = []
    for model, field in _text_columns():
        rows = model._default_manager.all()
        column = field.name
        if field.get_internal_type() == "JSONField":
            rows = rows.annotate(as_text=Cast(field.name, models.TextField()))
            column = "as_text"
        for value in values:
            for spelling in {value, value.replace(" ", "")}:
                if rows.filter(**{f"{column}__icontains": spelling}).exists():
                    hits.append(f"{model._meta.db_table}.{field.column} holds {spelling!r}")
    return hits


def test_the_guard_finds_the_person_before_deletion(org_a, org_b, admin_a):
    _everything(org_a, org_b, admin_a)
    found = " ".join(_where_found(NAME, EMAIL, PHONE, POSTCODE))
    for table in ("partners_user", "talent_candidate", "deployments_apprentice", "core_auditevent"):
        assert table in found


def test_after_deletion_no_table_holds_the_persons_name_email_phone_or_postcode(
    org_a, org_b, admin_a
):
    person = _everything(org_a, org_b, admin_a)
    services.account_delete(actor=person, user=person)
    assert _where_found(NAME, EMAIL, PHONE, POSTCODE) == []


def test_deletion_keeps_what_reports_count(org_a, org_b, admin_a):
    person = _everything(org_a, org_b, admin_a)
    attended = Booking.objects.filter(attendance=Attendance.ATTENDED).count()
    completions = Completion.objects.count()
    apprentices = Apprentice.objects.count()
    services.account_delete(actor=person, user=person)
    assert Booking.objects.filter(attendance=Attendance.ATTENDED).count() == attended
    assert Completion.objects.count() == completions
    assert Apprentice.objects.count() == apprentices
    assert Apprentice.objects.filter(name="Former apprentice", person=None).count() == 1
    former = Candidate.objects.get(applications__state="started")
    assert former.is_anonymised and former.outward_code == "LS9"
    assert Ballot.objects.filter(voter=None).count() == 1
    assert Deployment.objects.filter(person=None).count() == 1
    assert Need.objects.filter(created_by=None).count() == 1


def test_deletion_passes_the_persons_place_to_whoever_waits(org_a, learner):
    session = SessionFactory(capacity=1)
    learning.booking_create(actor=learner, session_id=session.pk)
    waiting = factories.UserFactory()
    learning.booking_create(actor=waiting, session_id=session.pk)
    services.account_delete(actor=learner, user=learner)
    assert Booking.objects.get(learner=waiting).state == BookingState.OFFERED
    assert Booking.objects.get(learner=learner).state == BookingState.CANCELLED


def test_deletion_is_audited_and_the_log_names_the_person_by_number_only(org_a, learner):
    services.affiliation_request(user=learner, organisation=org_a, relationship="employee")
    email, pk = learner.email, learner.pk
    services.account_delete(actor=learner, user=learner)
    event = AuditEvent.objects.get(action="account.deleted")
    assert event.actor is None and event.actor_ref == pk
    assert event.actor_label == f"Deleted account #{pk}"
    assert email not in event.object_repr + json.dumps(event.changes)


def test_a_deleted_account_cannot_sign_in_again_with_its_old_session(client, learner):
    client.force_login(learner)
    other = type(client)()
    other.force_login(learner)
    client.post(reverse("partners:account_delete"))
    assert other.get(reverse("partners:account")).status_code == 302
    assert not SignInToken.objects.exists()


def test_deleting_refuses_someone_elses_account_and_an_account_already_closed(learner, admin_a):
    with pytest.raises(services.ServiceError):
        services.account_delete(actor=admin_a, user=learner)
    services.account_delete(actor=learner, user=learner)
    with pytest.raises(services.ServiceError):
        services.account_delete(actor=learner, user=learner)


# The download covers the map and is audited ---------------------------------------------------


def test_the_download_holds_every_holding_of_the_map(client, org_a, org_b, admin_a):
    person = _everything(org_a, org_b, admin_a)
    client.force_login(person)
    response = client.get(reverse("partners:data_download_json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    for section, _ in personal_data.sections():
        assert data[section], section
    assert {b["state"] for b in data["bookings"]} >= {"Booked", "On the waiting list"}
    assert data["apprenticeships"][0]["home_postcode"] == POSTCODE
    assert data["talent_hub"][0]["phone"] == PHONE
    assert data["completions"][0]["certificate"]
    assert data["deployments"][0]["host"] == org_a.name


def test_the_download_is_audited_without_personal_values(client, learner):
    client.force_login(learner)
    client.get(reverse("partners:data_download_json"))
    event = AuditEvent.objects.get(action="personal_data.downloaded")
    assert event.actor == learner and event.object_id == str(learner.pk)
    text = event.object_repr + json.dumps(event.changes)
    assert learner.email not in text and learner.full_name not in text


def test_the_your_data_page_shows_a_readable_summary_and_offers_the_file(client, learner, org_a):
    factories.AffiliationFactory(user=learner, organisation=org_a)
    client.force_login(learner)
    page = client.get(reverse("partners:data_download")).content.decode()
    assert reverse("partners:data_download_json") in page
    assert "Organisations you work with" in page and org_a.name in page
    assert learner.email in page
    assert not AuditEvent.objects.filter(action="personal_data.downloaded").exists()


def test_the_download_is_only_ever_the_signed_in_persons_own(client, learner, admin_a):
    client.force_login(admin_a)
    data = json.loads(client.get(reverse("partners:data_download_json")).content)
    assert data["account"]["email"] == admin_a.email
    assert learner.email not in json.dumps(data)
    client.logout()
    assert client.get(reverse("partners:data_download_json")).status_code == 302


@pytest.mark.parametrize(("url", "what"), [("learning:my_csv", "CSV"), ("learning:my_pdf", "PDF")])
def test_the_learning_record_downloads_are_audited(client, learner, url, what):
    client.force_login(learner)
    assert client.get(reverse(url)).status_code == 200
    event = AuditEvent.objects.get(action="personal_data.downloaded")
    assert event.actor == learner and event.changes == {"download": f"learning record ({what})"}


def test_a_talent_candidates_own_download_is_audited(client, db):
    candidate = CandidateFactory(full_name=NAME, email=EMAIL)
    token = outreach.status_link_create(candidate=candidate)
    client.get(reverse("talent:status_data", kwargs={"token": token}))
    event = AuditEvent.objects.get(action="talent.candidate_viewed")
    assert event.changes == {"shown": "export (the candidate)"}
    assert NAME not in event.object_repr and EMAIL not in json.dumps(event.changes)


# The summary on the page ---------------------------------------------------------------------


def test_the_summary_makes_a_table_of_plain_records_and_lists_of_nested_ones():
    data = {
        "account": {"email": "a@example.org", "has_password": False},
        "bookings": [{"learning": "First aid", "starts_at": "2026-03-03T14:05:00+00:00"}],
        "talent_hub": [{"name": "A", "barriers": [{"barrier": "Transport"}]}],
    }
    shown = {s["title"]: s for s in personal_data.summary(data)}
    account = shown["Your account"]["lists"][0]
    assert account[1] == {"key": {"text": "Has password"}, "value": {"text": "No"}}
    bookings = shown["Your bookings and waiting-list places"]
    assert bookings["heads"] == ["Learning", "Starts at"]
    assert bookings["rows"] == [["First aid", "3 March 2026 at 2:05pm"]]
    talent = shown["Your talent hub record"]["lists"][0]
    assert talent[1]["value"]["text"] == "Barrier: Transport"
    assert shown["Your votes"] == {"title": "Your votes", "lists": [], "heads": [], "rows": []}


def test_deletion_sends_the_person_no_more_mail(org_a, learner):
    session = SessionFactory(capacity=2)
    learning.booking_create(actor=learner, session_id=session.pk)
    mail.outbox.clear()
    services.account_delete(actor=learner, user=learner)
    assert not SignInAttempt.objects.exists()
    assert all(learner.email not in m.to for m in mail.outbox)
