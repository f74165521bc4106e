"""A coordinator adds a person they met: duplicates are refused by name or merged by one rule."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.talent.casework import services as casework
from oneworkforce.talent.models import Barrier, Candidate, CandidateCohort
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import (
    ApplicationFactory,
    CampaignFactory,
    CandidateFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db


def _add(client, **values):
    today = timezone.localdate()
    form = {
        "full_name": "Kwame Mensah",
        "email": "",
        "phone": "",
        "hours": "any",
        "lawful_basis": "consent",
        "consent_on_day": today.day,
        "consent_on_month": today.month,
        "consent_on_year": today.year,
        **values,
    }
    return client.post(reverse("talent:candidate_add"), form, follow=True)


@pytest.fixture
def coordinator_client(talent_coordinator):
    client = Client()
    client.force_login(talent_coordinator)
    return client


def test_a_new_person_is_added(coordinator_client):
    response = _add(coordinator_client, email="kwame@example.net", postcode="LS9 7AB")
    candidate = Candidate.objects.get()
    assert response.redirect_chain[-1][0] == reverse("talent:candidate", args=[candidate.pk])
    assert "Candidate added." in response.content.decode()
    assert (candidate.email, candidate.outward_code) == ("kwame@example.net", "LS9")


def test_the_same_email_is_refused_naming_who_has_it(coordinator_client):
    known = CandidateFactory(email="kwame@example.net")
    page = _add(coordinator_client, email="Kwame@Example.net").content.decode()
    assert f"{known.reference} already has this e-mail address or phone number" in page
    assert Candidate.objects.count() == 1


def test_merging_fills_blanks_and_never_overwrites(coordinator_client):
    known = CandidateFactory(email="kwame@example.net", phone=None, interest_families=["admin"])
    page = _add(
        coordinator_client,
        email="kwame@example.net",
        phone="07700 900456",
        interest_families=["care_support"],
        merge="on",
    ).content.decode()
    assert "The details were added to the existing record." in page
    known.refresh_from_db()
    assert known.phone == "07700900456" and known.full_name == "Kwame Mensah"
    assert known.interest_families == ["admin", "care_support"]
    assert Candidate.objects.count() == 1


def test_details_matching_two_people_copy_neither_and_flag_them(coordinator_client):
    # The e-mail is one person's and the phone another's: copying the phone would give two
    # people one number (the database refuses it), so the pair is flagged instead.
    by_email = CandidateFactory(email="kwame@example.net", phone=None)
    by_phone = CandidateFactory(email=None, phone="07700900456")
    response = _add(coordinator_client, email="kwame@example.net", phone="07700900456", merge="on")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"not the other contact detail: {by_phone.reference} has it" in page
    by_email.refresh_from_db()
    assert by_email.phone is None and by_email.full_name == "Kwame Mensah"
    flag = AuditEvent.objects.get(action="talent.possible_duplicate")
    assert flag.changes == {"also_matches": by_phone.reference}
    assert Candidate.objects.count() == 2


EMAILS = st.sampled_from([None, "a@example.net", "b@example.net"])
PHONES = st.sampled_from([None, "07700900001", "07700900002"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    stored=st.lists(st.tuples(EMAILS, PHONES), max_size=3),
    email=EMAILS,
    phone=PHONES,
    by_coordinator=st.booleans(),
)
def test_merging_never_overwrites_and_never_fails(
    talent_coordinator, stored, email, phone, by_coordinator
):
    """Whoever is stored and whatever pair of details arrives, from the public form or a
    coordinator's merge: a stored detail never changes, and nothing fails but a missing one."""
    with transaction.atomic():
        rollback = transaction.savepoint()
        for held_email, held_phone in stored:
            if (held_email or held_phone) and not casework.find_duplicate(
                email=held_email, phone=held_phone
            ):
                CandidateFactory(email=held_email, phone=held_phone)
        before = {c.pk: (c.email, c.phone) for c in Candidate.objects.all()}
        match = casework.find_duplicate(email=email, phone=phone)
        try:
            if by_coordinator:
                data = {"full_name": "Sam Reid", "email": email, "phone": phone}
                merged = casework.candidate_add(
                    actor=talent_coordinator,
                    data=data,
                    lawful_basis="legitimate_interests",
                    merge=True,
                ).merged
            else:
                merged = outreach.candidate_register(
                    campaign=None,
                    full_name="Sam Reid",
                    email=email,
                    phone=phone,
                    postcode="",
                    interest_families=[],
                    interest_areas=[],
                    hours="",
                    previously_unemployed=False,
                    unemployed_months=None,
                    barriers=[],
                    consent=True,
                    special_consent=False,
                ).merged
        except ServiceError as error:
            assert not email and not phone and error.field == "email"
        else:
            assert merged == (match is not None)
            assert Candidate.objects.count() == len(before) + (0 if merged else 1)
            for pk, (held_email, held_phone) in before.items():
                now = Candidate.objects.get(pk=pk)
                assert held_email in (None, now.email) and held_phone in (None, now.phone)
        transaction.savepoint_rollback(rollback)


def _listed(client, **query):
    response = client.get(reverse("talent:candidates"), query)
    assert response.status_code == 200
    page = response.content.decode()
    return page, {c.reference for c in Candidate.objects.all() if c.reference in page}


def test_coordinators_narrow_the_list_by_campaign_community_cohort_and_open_barrier(
    coordinator_client,
):
    campaign = CampaignFactory(name="Harehills jobs week")
    veteran = CandidateFactory(campaign=campaign, community="Harehills")
    CandidateCohort.objects.create(candidate=veteran, cohort="veteran")
    Barrier.objects.create(candidate=veteran, kind="transport")
    resolved = CandidateFactory(community="Seacroft")
    Barrier.objects.create(candidate=resolved, kind="transport", resolved_on=timezone.localdate())
    other = CandidateFactory(community="Seacroft")

    assert _listed(coordinator_client)[1] == {
        veteran.reference,
        resolved.reference,
        other.reference,
    }
    assert _listed(coordinator_client, campaign=campaign.pk)[1] == {veteran.reference}
    assert _listed(coordinator_client, community="Seacroft")[1] == {
        resolved.reference,
        other.reference,
    }
    assert _listed(coordinator_client, cohort="veteran")[1] == {veteran.reference}
    page, listed = _listed(coordinator_client, barrier="transport")
    assert listed == {veteran.reference} and "1 candidate match" in page
    # Listing by a special-category answer is a view of it, recorded for each person shown.
    seen = AuditEvent.objects.filter(action="talent.candidate_viewed")
    assert {(event.object_id, event.changes["shown"]) for event in seen} == {
        (str(veteran.pk), "listed by cohort Veteran of the armed forces"),
        (str(veteran.pk), "listed by barrier Transport"),
    }


def test_a_choice_not_in_the_list_is_named_and_the_rest_still_applies(coordinator_client):
    CandidateFactory(community="Harehills")
    page, listed = _listed(coordinator_client, community="Atlantis", cohort="pirate")
    assert "Choose a community from the list" in page and "Choose a cohort from the list" in page
    assert len(listed) == 1


def test_partners_cannot_narrow_by_special_category_answers(admin_a, org_a):
    mine = CandidateFactory()
    ApplicationFactory(
        candidate=mine, vacancy=VacancyFactory(organisation=org_a), state="put_forward"
    )
    Barrier.objects.create(candidate=mine, kind="criminal_record")
    client = Client()
    client.force_login(admin_a)
    page, listed = _listed(client, barrier="transport", cohort="veteran")
    assert listed == {mine.reference}  # the sensitive filters are ignored, never applied
    assert "With a barrier to work" not in page and 'name="cohort"' not in page
    assert not AuditEvent.objects.filter(action="talent.candidate_viewed").exists()
