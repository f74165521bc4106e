"""Leaving a programme: the learner leaves after a confirmation, their completed steps stay in
their record and CPD log and count again when they enrol again; the provider withdraws an
enrolment with a reason the learner sees; the provider's figures count active, completed and
withdrawn learners once each; bad requests are refused on their field and write nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from oneworkforce import personal_data
from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.models import CpdEntry, ProgrammeEnrolment, ProgrammeStep
from oneworkforce.learning.programmes import presenters, selectors, services
from oneworkforce.partners.tests.factories import UserFactory

from .factories import CompletionFactory, OpportunityFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _programme(org, steps=2):
    programme = ProgrammeFactory(organisation=org, title="Leading care teams")
    listings = [OpportunityFactory(organisation=org) for _ in range(steps)]
    for position, listing in enumerate(listings, start=1):
        ProgrammeStep.objects.create(programme=programme, opportunity=listing, position=position)
    return programme, listings


def _unchanged(enrolment):
    before = ProgrammeEnrolment.objects.values().get(pk=enrolment.pk)
    return lambda: ProgrammeEnrolment.objects.values().get(pk=enrolment.pk) == before


def test_a_learner_leaves_keeps_their_steps_and_enrols_again_with_them(client, org_a, learner):
    programme, (first, _) = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    CompletionFactory(learner=learner, opportunity=first)
    client.force_login(learner)
    page_url = reverse("learning:programme", args=[programme.slug])
    leave_url = reverse("learning:programme_leave", args=[programme.slug])
    assert leave_url in client.get(page_url).content.decode()
    confirm = client.get(leave_url).content.decode()
    assert "Leave Leading care teams?" in confirm
    assert "stay in your learning record and your CPD log" in confirm
    assert client.post(leave_url).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.withdrawn and not enrolment.withdrawn_by_provider
    # Their record and CPD log keep the step they did.
    assert CpdEntry.objects.filter(person=learner, completion__opportunity=first).exists()
    page = client.get(page_url).content.decode()
    assert "You left this programme on" in page
    assert "Enrol again" in page
    assert leave_url not in page
    listed = client.get(reverse("learning:programmes")).content.decode()
    assert "You left: 1 of 2 steps needed are done (50%)" in listed
    # Enrolling again: the same enrolment and code, and the step done counts at once.
    code = enrolment.certificate_code
    client.post(reverse("learning:programme_enrol", args=[programme.slug]))
    enrolment.refresh_from_db()
    assert not enrolment.withdrawn and enrolment.certificate_code == code
    assert "1 of 2 steps needed are done (50%)" in client.get(page_url).content.decode()
    actions = list(
        AuditEvent.objects.filter(object_id=str(enrolment.pk), action__startswith="learning.prog")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "learning.programme_enrolled",
        "learning.programme_left",
        "learning.programme_re_enrolled",
    ]


def test_leaving_twice_someone_elses_or_a_completed_programme_is_refused(org_a, learner):
    programme, (first, second) = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    stranger = UserFactory()
    same = _unchanged(enrolment)
    with pytest.raises(ServiceError) as refused:
        services.enrolment_leave(actor=stranger, enrolment=enrolment)
    assert refused.value.field == "enrolment"
    assert "not your enrolment" in refused.value.message
    assert same()
    services.enrolment_leave(actor=learner, enrolment=enrolment)
    left = _unchanged(enrolment)
    with pytest.raises(ServiceError, match="already been withdrawn") as again:
        services.enrolment_leave(actor=learner, enrolment=enrolment)
    assert again.value.field == "enrolment"
    assert left()
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    CompletionFactory(learner=learner, opportunity=first)
    CompletionFactory(learner=learner, opportunity=second)
    with pytest.raises(ServiceError, match="complete"):
        services.enrolment_leave(actor=learner, enrolment=enrolment)
    assert AuditEvent.objects.filter(action="learning.programme_left").count() == 1


def test_the_provider_withdraws_with_a_reason_the_learner_sees(client, org_a, admin_a, learner):
    programme, _ = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    url = reverse(
        "learning:programme_withdraw",
        kwargs={"slug": org_a.slug, "programme": programme.slug, "enrolment": enrolment.pk},
    )
    client.force_login(admin_a)
    same = _unchanged(enrolment)
    empty = client.post(url, {"reason": "  "}).content.decode()
    assert "Say why the enrolment is withdrawn" in empty
    long = client.post(url, {"reason": "x" * 501}).content.decode()
    assert "at most 500 characters" in long
    assert same()
    response = client.post(url, {"reason": "You moved to another team's cohort."})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.withdrawn_by_provider
    event = AuditEvent.objects.get(action="learning.programme_enrolment_withdrawn")
    assert event.organisation == org_a
    again = client.post(url, {"reason": "Twice."}).content.decode()
    assert "already been withdrawn" in again
    client.force_login(learner)
    page = client.get(reverse("learning:programme", args=[programme.slug])).content.decode()
    assert "Alpha Care Homes withdrew your enrolment on" in page
    assert "You moved to another team&#39;s cohort." in page
    assert "&lt;p&gt;" not in page


def test_another_partners_admin_cannot_withdraw(client, org_a, org_b, admin_b, learner):
    programme, _ = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    same = _unchanged(enrolment)
    with pytest.raises(ServiceError) as refused:
        services.enrolment_withdraw(actor=admin_b, enrolment=enrolment, reason="Not ours.")
    assert refused.value.field == "enrolment"
    # Through the other partner's own pages the enrolment is not found.
    client.force_login(admin_b)
    url = reverse(
        "learning:programme_withdraw",
        kwargs={"slug": org_b.slug, "programme": programme.slug, "enrolment": enrolment.pk},
    )
    assert client.post(url, {"reason": "Not ours."}).status_code == 404
    assert same()


def test_the_provider_counts_active_completed_and_withdrawn_once_each(client, org_a, admin_a):
    programme, (first, second) = _programme(org_a)
    active, finished, gone = UserFactory(), UserFactory(), UserFactory()
    for person in (active, finished, gone):
        services.enrolment_create(actor=person, programme=programme)
    for listing in (first, second):
        CompletionFactory(learner=finished, opportunity=listing)
    CompletionFactory(learner=active, opportunity=first)
    services.enrolment_leave(
        actor=gone, enrolment=ProgrammeEnrolment.objects.get(learner=gone, programme=programme)
    )
    members = selectors.cohort(programme)
    assert presenters.cohort_counts(members) == {"active": 1, "completed": 1, "withdrawn": 1}
    client.force_login(admin_a)
    index = client.get(reverse("learning:programmes_manage", args=[org_a.slug])).content.decode()
    assert "Learners active" in index and "Withdrawn" in index
    page = client.get(
        reverse(
            "learning:programme_learners", kwargs={"slug": org_a.slug, "programme": programme.slug}
        )
    ).content.decode()
    assert re.search(r">\s*Left\s*<", page)
    assert "Completed" in page
    assert page.count(">Withdraw<") == 1  # only the active learner can be withdrawn


def test_the_learners_status_is_in_the_api_and_the_learner_leaves_through_it(
    client, org_a, learner
):
    programme, _ = _programme(org_a)
    client.force_login(learner)
    enrol = f"/api/v1/learning/programmes/{programme.slug}/enrol"
    leave = f"/api/v1/learning/my/programmes/{programme.slug}/leave"
    assert client.post(leave).status_code == 404
    assert client.post(enrol).json()["status"] == "active"
    left = client.post(leave)
    assert left.status_code == 200
    assert left.json()["status"] == "withdrawn"
    again = client.post(leave)
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "path.enrolment"
    assert client.post(enrol).json()["status"] == "active"
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/learning/my/programmes/{slug}/leave" in paths


def test_a_withdrawn_enrolment_is_in_the_learners_download_and_erased(org_a, admin_a, learner):
    programme, _ = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    services.enrolment_withdraw(actor=admin_a, enrolment=enrolment, reason="Left the team.")
    exported = personal_data.export(learner)["programme_enrolments"][0]
    assert exported["withdrawn_by"] == "the provider"
    assert exported["withdrawal_reason"] == "Left the team."
    assert exported["withdrawn_at"]
    personal_data.erase(user=learner)
    assert not ProgrammeEnrolment.objects.filter(pk=enrolment.pk).exists()


def test_erasing_the_admin_who_withdrew_keeps_the_enrolment_without_them(org_a, admin_a, learner):
    programme, _ = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    services.enrolment_withdraw(actor=admin_a, enrolment=enrolment, reason="Left the team.")
    personal_data.erase(user=admin_a)
    enrolment.refresh_from_db()
    assert enrolment.withdrawn_by is None
    assert enrolment.withdrawn_by_provider


def test_the_provider_reads_the_cohort_through_the_api(client, org_a, admin_a, admin_b, learner):
    programme, _ = _programme(org_a)
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    url = f"/api/v1/learning/partners/{org_a.slug}/programmes/{programme.slug}/learners"
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    client.force_login(admin_a)
    cohort = client.get(url).json()
    assert (cohort["active"], cohort["completed"], cohort["withdrawn"]) == (1, 0, 0)
    assert cohort["learners"][0]["status"] == "active"
    services.enrolment_withdraw(actor=admin_a, enrolment=enrolment, reason="Moved team.")
    cohort = client.get(url).json()
    assert cohort["withdrawn"] == 1
    assert cohort["learners"][0]["withdrawal_reason"] == "Moved team."
