"""The public job board: search, a job's page and applying, with bad input refused whole."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.careers.jobs import selectors, services
from oneworkforce.core.models import AuditEvent, PostcodeLocation
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent.models import Application, Campaign, Candidate, Channel, LawfulBasis
from oneworkforce.talent.pipeline.services import vacancy_save
from oneworkforce.talent.tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

# Leeds city centre, a street 3 km east, and Bradford (about 13 km west).
PLACES = {
    "LS1 4AP": (53.7965, -1.5478),
    "LS9 7AB": (53.7990, -1.5020),
    "BD1 1HY": (53.7950, -1.7520),
}


@pytest.fixture
def located():
    for code, (lat, lon) in PLACES.items():
        PostcodeLocation.objects.create(
            postcode=code, outward_code=code.split()[0], latitude=lat, longitude=lon
        )


def _vacancy(organisation, title, postcode, **board):
    return vacancy_save(
        actor=None,
        organisation=organisation,
        title=title,
        job_family="care_support",
        work_area="social_care",
        postcode=postcode,
        board=board,
    )


def test_vacancy_save_locates_the_vacancy_and_keeps_board_fields(located):
    care = OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE)
    vacancy = _vacancy(
        care,
        "Care worker",
        "LS9 7AB",
        pay_low=Decimal("12.60"),
        pay_high=Decimal("13.40"),
        pay_unit="hour",
        career_role="care-worker",
        training_given=True,
    )
    assert (vacancy.latitude, vacancy.longitude) == PLACES["LS9 7AB"]
    assert vacancy.career_role == "care-worker" and vacancy.training_given


def test_pay_needs_its_unit_and_low_not_above_high():
    care = OrganisationFactory()
    with pytest.raises(ServiceError) as raised:
        _vacancy(care, "Care worker", "", pay_low=Decimal("13"))
    assert raised.value.field == "pay_unit"
    with pytest.raises(ServiceError) as raised:
        _vacancy(
            care, "Care worker", "", pay_low=Decimal("14"), pay_high=Decimal("13"), pay_unit="hour"
        )
    assert raised.value.field == "pay_low"


def test_a_search_near_a_postcode_finds_the_near_job_first_and_leaves_out_the_far_one(located):
    care = OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE, name="Brightpath Home Care")
    near = _vacancy(care, "Home care worker", "LS9 7AB")
    far = _vacancy(care, "Home care worker (Bradford)", "BD1 1HY")
    found = list(selectors.search(selectors.Criteria(q="care", near="LS1 4AP", within_km=5)))
    assert found == [near]
    assert 2.5 < selectors.distance_km(found[0]) < 3.5
    wide = list(selectors.search(selectors.Criteria(near="LS1", within_km=20, sort="nearest")))
    assert wide == [near, far]


def test_filters_by_sector_words_pay_and_what_is_offered(located):
    care = OrganisationFactory(sector=Sector.ADULT_SOCIAL_CARE)
    trust = OrganisationFactory(sector=Sector.NHS_ACUTE)
    hourly = _vacancy(
        care,
        "Care worker",
        "LS9 7AB",
        pay_low=Decimal("12.21"),
        pay_high=Decimal("13.00"),
        pay_unit="hour",
        contract="apprenticeship",
    )
    yearly = _vacancy(
        trust,
        "Healthcare support worker",
        "LS1 4AP",
        pay_low=Decimal("24465"),
        pay_high=Decimal("26598"),
        pay_unit="year",
        training_given=True,
    )
    search = lambda **kw: set(selectors.search(selectors.Criteria(**kw)))  # noqa: E731
    assert search(sectors=["social_care"]) == {hourly}
    assert search(sectors=["nhs"]) == {yearly}
    assert search(q="healthcare worker") == {yearly}
    # £13.00 an hour is about £25,420 a year for a full-time week.
    assert search(pay_from=25000) == {hourly, yearly}
    assert search(pay_from=26000) == {yearly}
    assert search(apprenticeship=True) == {hourly}
    assert search(training=True) == {yearly}


def test_closed_and_past_closing_jobs_are_not_listed():
    care = OrganisationFactory()
    VacancyFactory(organisation=care, is_open=False)
    VacancyFactory(organisation=care, closes_on=timezone.localdate() - dt.timedelta(days=1))
    soon = VacancyFactory(organisation=care, closes_on=timezone.localdate() + dt.timedelta(days=3))
    later = VacancyFactory(
        organisation=care, closes_on=timezone.localdate() + dt.timedelta(days=30)
    )
    assert set(selectors.search(selectors.Criteria())) == {soon, later}
    assert list(selectors.search(selectors.Criteria(closing_soon=True))) == [soon]
    assert list(selectors.search(selectors.Criteria(sort="closing"))) == [soon, later]


def test_the_search_page_refuses_a_bad_postcode_and_an_unknown_place_without_error(client):
    bad = client.get(reverse("careers:jobs"), {"near": "nowhere"})
    assert bad.status_code == 400
    assert "Enter a UK postcode like LS1 4AP" in bad.content.decode()
    unknown = client.get(reverse("careers:jobs"), {"near": "ZZ9 9ZZ"})
    assert unknown.status_code == 400
    assert "We do not know where this is" in unknown.content.decode()
    assert client.get(reverse("careers:jobs"), {"pay_from": "lots"}).status_code == 400


def test_a_job_page_carries_jobposting_data_and_pay_both_ways():
    trust = OrganisationFactory(sector=Sector.NHS_ACUTE, name="Westdale Hospitals")
    vacancy = _vacancy(
        trust,
        "Healthcare support worker",
        "",
        pay_low=Decimal("24465"),
        pay_high=Decimal("26598"),
        pay_unit="year",
        nhs_band="Band 3",
        career_role="healthcare-support-worker",
    )
    body = VacancyPage(vacancy).body
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S).group(1)
    )
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == "Westdale Hospitals"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 24465.0,
        "maxValue": 26598.0,
    }
    assert "about £12.51 to £13.60 an hour" in body and "£24,465 to £26,598 a year" in body
    assert "NHS pay band: Band 3" in body
    assert reverse("careers:role", args=["nursing-associate"]) in body


class VacancyPage:
    def __init__(self, vacancy):
        from django.test import Client

        response = Client().get(reverse("careers:job", args=[vacancy.pk]))
        assert response.status_code == 200
        self.body = response.content.decode()


def test_a_script_in_the_title_cannot_end_the_structured_data_block():
    vacancy = VacancyFactory(title="Carer </script><script>alert(1)</script>")
    body = VacancyPage(vacancy).body
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S).group(
        1
    )
    assert "<" not in block and json.loads(block)["title"].startswith("Carer </script>")


def test_the_feed_lists_the_search_results(client):
    VacancyFactory(title="Night carer")
    VacancyFactory(title="Receptionist")
    body = client.get(reverse("careers:jobs_feed"), {"q": "carer"}).content.decode()
    assert body.count("<entry>") == 1 and "Night carer" in body


def _apply(vacancy, **overrides):
    data = dict(
        vacancy_id=vacancy.pk,
        full_name="Sam Okafor",
        email="sam@example.org",
        phone="",
        postcode="",
        consent=True,
    )
    data.update(overrides)
    return services.job_apply(**data)


def test_applying_creates_the_candidate_and_application_with_its_source_and_consent(mailoutbox):
    vacancy = VacancyFactory()
    application = _apply(vacancy)
    assert application.source == "job_board" and application.state == "interested"
    candidate = application.candidate
    assert candidate.lawful_basis == LawfulBasis.CONSENT and candidate.consent_at is not None
    assert candidate.interest_families == [vacancy.job_family]
    assert AuditEvent.objects.filter(action="talent.application_added").count() == 1
    assert len(mailoutbox) == 1  # the link to their own status page


def test_a_returning_person_is_merged_by_the_talent_hubs_rule_not_duplicated():
    known = CandidateFactory(email="sam@example.org", phone=None)
    first, second = VacancyFactory(), VacancyFactory()
    _apply(first, phone="07700 900123")
    _apply(second, email="", phone="07700900123")
    assert Candidate.objects.count() == 1
    known.refresh_from_db()
    assert known.phone == "07700900123" and known.applications.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "call me maybe", "email": ""}, "phone", "Enter a phone number"),
        ({"consent": False}, "consent", "Tick the box"),
    ],
)
def test_bad_applications_name_the_field_and_write_nothing(overrides, field, message):
    vacancy = VacancyFactory()
    with pytest.raises(ServiceError) as raised:
        _apply(vacancy, **overrides)
    assert raised.value.field == field and message in str(raised.value)
    assert not Candidate.objects.exists() and not Application.objects.exists()


def test_a_second_application_to_the_same_job_is_refused_naming_the_email():
    vacancy = VacancyFactory()
    _apply(vacancy)
    with pytest.raises(ServiceError) as raised:
        _apply(vacancy, full_name="Sam O")
    assert raised.value.field == "email" and "already applied" in str(raised.value)
    assert Application.objects.count() == 1
    assert Candidate.objects.get().full_name == "Sam Okafor"


def test_a_closed_or_expired_job_cannot_be_applied_for():
    closed = VacancyFactory(is_open=False)
    with pytest.raises(ServiceError, match="no longer open"):
        _apply(closed)
    expired = VacancyFactory(closes_on=timezone.localdate() - dt.timedelta(days=2))
    with pytest.raises(ServiceError, match="closed to applications on"):
        _apply(expired)
    assert not Candidate.objects.exists()


def test_a_school_campaign_code_makes_the_source_a_school_visit():
    campaign = Campaign.objects.create(
        slug="westdale-high",
        name="Westdale High careers fair",
        community="Westdale",
        channel=Channel.SCHOOL,
        starts_on=timezone.localdate(),
    )
    application = _apply(VacancyFactory(), campaign_code=campaign.code.lower())
    assert application.source == "school_visit" and application.source_code == campaign.code


def test_a_veteran_who_meets_the_essential_criteria_is_guaranteed_an_interview():
    vacancy = VacancyFactory(essential_criteria="A full UK driving licence")
    veteran = _apply(vacancy, served_in_forces=True, meets_essential_criteria=True)
    assert veteran.guaranteed_interview
    other = _apply(vacancy, email="jo@example.org", served_in_forces=True)
    assert not other.guaranteed_interview
    no_criteria = _apply(VacancyFactory(), served_in_forces=True, meets_essential_criteria=True)
    assert not no_criteria.guaranteed_interview


def test_the_apply_page_shows_errors_on_the_form_and_then_thanks(client):
    vacancy = VacancyFactory()
    url = reverse("careers:apply", args=[vacancy.pk])
    refused = client.post(url, {"full_name": "Sam", "email": "not-an-email", "consent": "on"})
    assert refused.status_code == 200
    assert "Enter an email address, like name@example.com" in refused.content.decode()
    done = client.post(url, {"full_name": "Sam", "email": "sam@example.org", "consent": "on"})
    assert done.status_code == 302 and done["Location"] == reverse(
        "careers:applied", args=[vacancy.pk]
    )
    assert Application.objects.get().source == "job_board"


def test_a_closed_job_page_says_so_instead_of_erroring(client):
    vacancy = VacancyFactory(is_open=False, title="Porter")
    response = client.get(reverse("careers:job", args=[vacancy.pk]))
    assert response.status_code == 404 and "Porter" in response.content.decode()
    assert client.post(reverse("careers:apply", args=[vacancy.pk]), {}).status_code == 404


def test_the_wording_check_is_shown_to_the_partner_and_coordinators_not_visitors(
    client, talent_coordinator
):
    vacancy = VacancyFactory(description="Open to trust staff only, via ESR.")
    url = reverse("careers:job", args=[vacancy.pk])
    assert "Wording to check" not in client.get(url).content.decode()
    client.force_login(talent_coordinator)
    body = client.get(url).content.decode()
    assert "Wording to check" in body and "ESR" in body
