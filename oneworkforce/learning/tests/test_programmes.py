"""Programmes: a provider builds one (bad steps refused on their field, nothing written),
publishes it, a learner enrols, their progress follows their record, and the certificate for
the whole is checked on the public certificate page; the API lists programmes and progress."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.models import (
    AcceptedIssuer,
    Booking,
    BookingState,
    CompletionState,
    ProgrammeEnrolment,
    ProgrammeStep,
    Status,
)
from oneworkforce.learning.programmes import selectors, services
from oneworkforce.learning.programmes.progress import BOOKED, DONE, TO_DO

from .factories import CompletionFactory, OpportunityFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _draft(org, admin):
    return services.programme_create(
        actor=admin, organisation=org, title="Leading care teams", summary="For new managers."
    )


def test_a_provider_builds_orders_and_publishes_a_programme(org_a, admin_a):
    programme = _draft(org_a, admin_a)
    first, second = OpportunityFactory(organisation=org_a), OpportunityFactory(organisation=org_a)
    services.step_add(actor=admin_a, programme=programme, opportunity=first)
    step = services.step_add(actor=admin_a, programme=programme, opportunity=second, required=False)
    services.step_move(actor=admin_a, step=step, earlier=True)
    assert [s.opportunity for s in selectors.steps(programme)] == [second, first]
    services.programme_update(
        actor=admin_a,
        programme=programme,
        title="Leading care teams",
        summary="New.",
        optional_needed=1,
    )
    services.programme_publish(actor=admin_a, programme=programme)
    programme.refresh_from_db()
    assert programme.status == Status.PUBLISHED
    actions = set(
        AuditEvent.objects.filter(object_id=str(programme.pk)).values_list("action", flat=True)
    )
    assert {
        "learning.programme_created",
        "learning.programme_step_added",
        "learning.programme_step_moved",
        "learning.programme_changed",
        "learning.programme_published",
    } <= actions


def test_the_same_listing_twice_is_refused_on_the_listing_field(org_a, admin_a):
    programme = _draft(org_a, admin_a)
    listing = OpportunityFactory(organisation=org_a, title="Moving and handling")
    services.step_add(actor=admin_a, programme=programme, opportunity=listing)
    with pytest.raises(ServiceError) as refused:
        services.step_add(actor=admin_a, programme=programme, opportunity=listing)
    assert refused.value.field == "listing"
    assert "Moving and handling is already a step" in refused.value.message
    assert programme.steps.count() == 1


def test_another_partners_listing_needs_their_learning_accepted(org_a, org_b, admin_a):
    programme = _draft(org_a, admin_a)
    theirs = OpportunityFactory(organisation=org_b)
    with pytest.raises(ServiceError) as refused:
        services.step_add(actor=admin_a, programme=programme, opportunity=theirs)
    assert refused.value.field == "listing"
    assert "has not agreed to accept" in refused.value.message
    assert not programme.steps.exists()
    AcceptedIssuer.objects.create(organisation=org_a, issuer=org_b)
    services.step_add(actor=admin_a, programme=programme, opportunity=theirs)
    assert programme.steps.count() == 1


def test_an_empty_programme_is_not_published(org_a, admin_a):
    programme = _draft(org_a, admin_a)
    with pytest.raises(ServiceError) as refused:
        services.programme_publish(actor=admin_a, programme=programme)
    assert refused.value.field == "steps"
    programme.refresh_from_db()
    assert programme.status == Status.DRAFT


def test_a_programme_no_one_could_complete_is_not_published(org_a, admin_a):
    programme = _draft(org_a, admin_a)
    services.step_add(
        actor=admin_a,
        programme=programme,
        opportunity=OpportunityFactory(organisation=org_a),
        required=False,
    )
    with pytest.raises(ServiceError, match="no one can complete"):
        services.programme_publish(actor=admin_a, programme=programme)
    with pytest.raises(ServiceError) as refused:
        services.programme_update(
            actor=admin_a, programme=programme, title="T", summary="S", optional_needed=2
        )
    assert refused.value.field == "optional_needed"


def test_the_step_form_names_the_field_and_writes_nothing(client, org_a, org_b, admin_a):
    programme = _draft(org_a, admin_a)
    theirs = OpportunityFactory(organisation=org_b, title="Their course")
    client.force_login(admin_a)
    url = reverse(
        "learning:programme_step_add", kwargs={"slug": org_a.slug, "programme": programme.slug}
    )
    response = client.post(url, {"listing": theirs.pk, "required": "yes"})
    assert response.status_code == 200
    assert "Their course is" in response.content.decode()
    assert "Their course is" in response.context["step_form"].errors["listing"][0]
    assert not programme.steps.exists()
    response = client.post(url, {"listing": "99999999999999999999", "required": "yes"})
    assert "Choose one of the listings shown" in response.content.decode()
    publish = reverse(
        "learning:programme_publish", kwargs={"slug": org_a.slug, "programme": programme.slug}
    )
    response = client.post(publish)
    assert response.status_code == 200
    assert response.context["publish_error"].field == "steps"
    assert 'href="#steps"' in response.content.decode()
    assert "an empty programme cannot be published" in response.content.decode()


def test_progress_follows_the_learners_record_and_the_certificate_checks(client, org_a, learner):
    programme = ProgrammeFactory(organisation=org_a)
    steps = [OpportunityFactory(organisation=org_a) for _ in range(3)]
    for position, listing in enumerate(steps, start=1):
        ProgrammeStep.objects.create(
            programme=programme, opportunity=listing, position=position, required=position < 3
        )
    enrolment = services.enrolment_create(actor=learner, programme=programme)
    with pytest.raises(ServiceError, match="already enrolled"):
        services.enrolment_create(actor=learner, programme=programme)
    CompletionFactory(learner=learner, opportunity=steps[0])
    session = SessionFactory(opportunity=steps[1])
    Booking.objects.create(session=session, learner=learner, state=BookingState.BOOKED)
    CompletionFactory(learner=learner, opportunity=steps[2], state=CompletionState.PENDING)
    standing = selectors.standing(learner=learner, programme=programme)
    assert [s.state for s in standing.steps] == [DONE, BOOKED, TO_DO]
    assert not standing.progress.complete
    client.force_login(learner)
    page = client.get(reverse("learning:programme", args=[programme.slug])).content.decode()
    assert "1 of 2 steps needed are done (50%)" in page
    certificate = reverse("learning:programme_certificate", args=[programme.slug])
    assert client.get(certificate).status_code == 404
    check = reverse("learning:certificate", args=[enrolment.certificate_code])
    assert client.get(check).status_code == 404
    # The booked step is completed: the programme is complete (the optional one is extra).
    done = CompletionFactory(learner=learner, opportunity=steps[1])
    response = client.get(certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="personal_data.downloaded").exists()
    page = client.get(check).content.decode()
    assert "This programme certificate is genuine" in page
    assert programme.title in page
    typed = enrolment.certificate_code.replace("-", "").lower()
    assert client.get(reverse("learning:verify"), {"code": typed}).status_code == 302
    # A completion revoked later makes the certificate no longer valid.
    done.state = CompletionState.REVOKED
    done.save()
    assert client.get(check).status_code == 404


def test_a_listings_page_says_which_programme_it_is_part_of(client, org_a):
    programme = ProgrammeFactory(organisation=org_a, title="Care Certificate: spring cohort")
    listing = OpportunityFactory(organisation=org_a)
    ProgrammeStep.objects.create(programme=programme, opportunity=listing, position=1)
    page = client.get(reverse("learning:opportunity", args=[listing.slug])).content.decode()
    assert "Part of the programme" in page
    assert "Care Certificate: spring cohort" in page


def test_a_draft_is_seen_only_by_its_partners_admins(client, org_a, admin_a, learner):
    programme = ProgrammeFactory(organisation=org_a, status=Status.DRAFT)
    url = reverse("learning:programme", args=[programme.slug])
    assert client.get(url).status_code == 404
    client.force_login(learner)
    assert client.get(url).status_code == 404
    client.post(reverse("learning:programme_enrol", args=[programme.slug]))
    assert not ProgrammeEnrolment.objects.exists()
    client.force_login(admin_a)
    assert "Preview" in client.get(url).content.decode()


def test_the_api_lists_programmes_and_my_progress(client, org_a, learner):
    programme = ProgrammeFactory(organisation=org_a, slug="leading-care-teams")
    listing = OpportunityFactory(organisation=org_a)
    ProgrammeStep.objects.create(programme=programme, opportunity=listing, position=1)
    ProgrammeFactory(organisation=org_a, status=Status.DRAFT)
    listed = client.get("/api/v1/learning/programmes").json()
    assert [p["slug"] for p in listed] == ["leading-care-teams"]
    detail = client.get("/api/v1/learning/programmes/leading-care-teams").json()
    assert detail["step_list"][0]["listing"] == listing.slug
    assert client.get("/api/v1/learning/programmes/nothing").status_code == 404
    assert client.get("/api/v1/learning/my/programmes").status_code == 401
    services.enrolment_create(actor=learner, programme=programme)
    CompletionFactory(learner=learner, opportunity=listing)
    client.force_login(learner)
    mine = client.get("/api/v1/learning/my/programmes").json()
    assert mine[0]["percent"] == 100
    assert mine[0]["complete"] is True
    assert mine[0]["steps"][0]["state"] == "done"
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/learning/my/programmes" in schema["paths"]
