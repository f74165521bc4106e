"""The partnership pages, as a visitor, a member of staff and an admin sees them."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from oneworkforce.core.models import AuditEvent
from oneworkforce.partners.choices import AffiliationStatus, Sector
from oneworkforce.partners.models import Affiliation, Organisation, Site
from oneworkforce.partners.registry import services as registry
from oneworkforce.partners.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(db):
    leeds = factories.PlaceFactory(name="Leeds", slug="leeds")
    return {
        "trust": factories.OrganisationFactory(
            name="Leeds Teaching Hospitals", sector=Sector.NHS_ACUTE, ods_code="RR8", place=leeds
        ),
        "care": factories.OrganisationFactory(
            name="Kirkgate Home Care", sector=Sector.ADULT_SOCIAL_CARE
        ),
        "vcse": factories.OrganisationFactory(name="Leeds Carers Network", sector=Sector.VCSE),
        "closed": factories.OrganisationFactory(name="Leeds Closed Ltd", is_active=False),
    }


def names(response):
    return [o.name for o in response.context["page"].object_list]


def test_the_directory_lists_active_partners_alphabetically(client, directory):
    response = client.get(reverse("partners:directory"))
    assert names(response) == [
        "Kirkgate Home Care",
        "Leeds Carers Network",
        "Leeds Teaching Hospitals",
    ]


def test_search_matches_every_word_of_the_name(client, directory):
    assert names(client.get(reverse("partners:directory"), {"q": "leeds network"})) == [
        "Leeds Carers Network"
    ]


def test_search_finds_an_ods_code_and_a_postcode(client, directory):
    factories.SiteFactory(organisation=directory["care"], postcode="LS2 7UE")
    assert names(client.get(reverse("partners:directory"), {"q": "rr8"})) == [
        "Leeds Teaching Hospitals"
    ]
    assert names(client.get(reverse("partners:directory"), {"q": "LS2"})) == ["Kirkgate Home Care"]


def test_sector_filter_combines_sectors(client, directory):
    response = client.get(
        reverse("partners:directory"), {"sector": ["vcse", "nhs_acute"], "q": "leeds"}
    )
    assert names(response) == ["Leeds Carers Network", "Leeds Teaching Hospitals"]


def test_place_filter(client, directory):
    assert names(client.get(reverse("partners:directory"), {"place": "leeds"})) == [
        "Leeds Teaching Hospitals"
    ]


def test_no_results_page_helps(client, directory):
    body = client.get(reverse("partners:directory"), {"q": "zzzz"}).content.decode()
    assert "No partners match your search" in body
    assert "Clear the search" in body


def test_a_bad_filter_value_is_an_error_message_not_a_crash(client, directory):
    response = client.get(reverse("partners:directory"), {"sector": "spaceship", "page": "x"})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()


def test_paging_keeps_the_search(client):
    for n in range(25):
        factories.OrganisationFactory(name=f"Care Home {n:02d}")
    response = client.get(reverse("partners:directory"), {"q": "care"})
    body = response.content.decode()
    assert len(names(response)) == 20
    assert "?q=care&amp;page=2" in body
    assert len(names(client.get(reverse("partners:directory"), {"q": "care", "page": 2}))) == 5


def test_a_partner_page_shows_sites_and_current_frameworks(client, org_a):
    factories.SiteFactory(organisation=org_a, name="Head office", postcode="LS1 4AP")
    current = factories.SignatoryFactory(organisation=org_a, framework__name="Staff Portability")
    factories.SignatoryFactory(
        organisation=org_a, framework__name="Old MoU", withdrawn_on=current.signed_on
    )
    body = client.get(reverse("partners:detail", kwargs={"slug": org_a.slug})).content.decode()
    assert "Head office" in body
    assert "Staff Portability" in body
    assert "Old MoU" not in body


def test_a_missing_partner_is_a_404_page(client, db):
    response = client.get(reverse("partners:detail", kwargs={"slug": "nobody"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_framework_page_counts_current_signatories_only(client, db):
    framework = factories.FrameworkFactory(name="Staff Portability Framework")
    for _ in range(3):
        factories.SignatoryFactory(framework=framework)
    withdrawn = factories.SignatoryFactory(framework=framework, organisation__name="Gone Ltd")
    withdrawn.withdrawn_on = withdrawn.signed_on
    withdrawn.withdrawal_reason = "Closed"
    withdrawn.save()
    response = client.get(reverse("partners:framework", kwargs={"slug": framework.slug}))
    body = response.content.decode()
    assert "3 organisations have signed" in body
    assert "Withdrawn or not yet in force" in body
    assert "Gone Ltd" in body
    listing = client.get(reverse("partners:frameworks")).content.decode()
    assert "3 signatories" in listing


def test_partner_admin_cannot_change_name_sector_or_ods(client, org_a, admin_a):
    client.force_login(admin_a)
    url = reverse("partners:edit", kwargs={"slug": org_a.slug})
    response = client.post(url, {"name": "Renamed", "sector": "icb", "summary": "We care"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.name == "Alpha Care Homes"
    assert org_a.sector == Sector.ADULT_SOCIAL_CARE
    assert org_a.summary == "We care"


def test_partnership_admin_can_change_the_name(client, org_a, partnership_admin):
    client.force_login(partnership_admin)
    url = reverse("partners:edit", kwargs={"slug": org_a.slug})
    client.post(url, {"name": "Renamed", "sector": "icb", "ods_code": "qwo"})
    org_a.refresh_from_db()
    assert (org_a.name, org_a.sector, org_a.ods_code) == ("Renamed", "icb", "QWO")


def test_a_bad_postcode_names_the_field_and_saves_nothing(client, org_a, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("partners:site_add", kwargs={"slug": org_a.slug}),
        {"name": "Depot", "postcode": "NOT A CODE"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_postcode"' in body
    assert "Enter a real postcode" in body
    assert 'value="Depot"' in body
    assert not Site.objects.exists()


def test_a_site_postcode_is_stored_in_standard_form(client, org_a, admin_a):
    client.force_login(admin_a)
    client.post(
        reverse("partners:site_add", kwargs={"slug": org_a.slug}),
        {"name": "Depot", "postcode": "ls14ap"},
    )
    assert Site.objects.get().postcode == "LS1 4AP"


def test_affiliation_decision_by_form(client, org_a, admin_a, learner):
    affiliation = factories.AffiliationFactory(user=learner, organisation=org_a)
    client.force_login(admin_a)
    url = reverse("partners:affiliation_decide", kwargs={"slug": org_a.slug, "pk": affiliation.pk})
    assert "Select yes or no" in client.post(url, {}).content.decode()
    response = client.post(url, {"decision": "decline", "note": "Not known here"})
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.DECLINED
    # A decided request cannot be reopened through the URL.
    assert client.get(url).status_code == 404


def test_an_admin_of_b_cannot_decide_for_a_by_changing_the_slug(
    client, org_a, org_b, admin_b, learner
):
    affiliation = factories.AffiliationFactory(user=learner, organisation=org_a)
    client.force_login(admin_b)
    url = reverse("partners:affiliation_decide", kwargs={"slug": org_b.slug, "pk": affiliation.pk})
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.PENDING


def test_profile_requires_plain_answers_and_keeps_what_was_typed(client, learner):
    client.force_login(learner)
    response = client.post(reverse("partners:profile"), {"full_name": "", "job_title": "Cook"})
    body = response.content.decode()
    assert "Enter your name" in body
    assert "Select where you work" in body
    assert 'value="Cook"' in body


def test_not_listed_organisation_needs_its_name(client, learner):
    client.force_login(learner)
    data = {
        "full_name": "A Person",
        "job_family": "care_support",
        "work_area": "social_care",
        "work_status": "not_listed",
    }
    response = client.post(reverse("partners:profile"), data)
    assert "Enter the name of your organisation" in response.content.decode()
    response = client.post(reverse("partners:profile"), {**data, "other_organisation": "Small Co"})
    assert response.status_code == 302


def test_the_level_question_is_optional(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("partners:profile"),
        {
            "full_name": "A",
            "job_family": "volunteer",
            "work_area": "voluntary",
            "work_status": "volunteer",
        },
    )
    assert response.status_code == 302


def test_download_your_data_includes_affiliations_and_changes(client, org_a, learner):
    factories.AffiliationFactory(user=learner, organisation=org_a)
    client.force_login(learner)
    client.post(
        reverse("partners:profile"),
        {
            "full_name": "Nia",
            "job_family": "admin",
            "work_area": "council",
            "work_status": "partner",
        },
    )
    response = client.get(reverse("partners:data_download_json"))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == learner.email
    assert data["affiliations"][0]["organisation"] == org_a.name
    assert data["changes_you_made"][0]["action"] == "profile.updated"


def test_delete_account_signs_out_and_removes_the_person(client, learner):
    client.force_login(learner)
    response = client.post(reverse("partners:account_delete"))
    assert response.status_code == 302
    # The closed account stays, anonymised, for the counts reports need.
    assert not type(learner).objects.filter(email=learner.email).exists()
    assert not type(learner).objects.get(pk=learner.pk).is_active
    assert client.get(reverse("partners:account")).status_code == 302


def test_role_grant_form_needs_someone_who_has_signed_in(client, partnership_admin, org_a):
    client.force_login(partnership_admin)
    response = client.post(
        reverse("partners:roles"),
        {"email": "stranger@example.org", "role": "partner_admin", "organisation": org_a.pk},
    )
    assert "Nobody has signed in with this e-mail address" in response.content.decode()


def test_role_grant_form_reports_a_missing_scope_on_its_field(client, partnership_admin, learner):
    client.force_login(partnership_admin)
    response = client.post(
        reverse("partners:roles"), {"email": learner.email, "role": "partner_admin"}
    )
    body = response.content.decode()
    assert 'href="#id_organisation"' in body
    assert "Choose the organisation" in body


def test_the_audit_log_filters_by_partner_and_action(
    client, partnership_admin, org_a, org_b, admin_a
):
    factories.AffiliationFactory(organisation=org_b)
    registry.organisation_update(actor=admin_a, organisation=org_a, data={"summary": "Changed"})
    registry.organisation_update(
        actor=partnership_admin, organisation=org_b, data={"summary": "Also"}
    )
    client.force_login(partnership_admin)
    response = client.get(reverse("partners:audit"), {"organisation": org_a.slug})
    events = [e for e, _ in response.context["rows"]]
    assert [e.organisation for e in events] == [org_a]
    response = client.get(reverse("partners:audit"), {"actor": "admin-a@"})
    assert [e.actor for e, _ in response.context["rows"]] == [admin_a]
    response = client.get(reverse("partners:audit"), {"since": "2026-13-45"})
    assert "Enter the date as year-month-day" in response.content.decode()


def test_organisation_add_by_partnership_admin(client, partnership_admin):
    client.force_login(partnership_admin)
    response = client.post(
        reverse("partners:organisation_add"),
        {"name": "Bramley Community Cafe", "sector": "vcse", "website": "bramley.example.org"},
    )
    organisation = Organisation.objects.get(name="Bramley Community Cafe")
    assert response.url == organisation.get_absolute_url()
    assert organisation.website == "https://bramley.example.org"
    assert AuditEvent.objects.filter(
        action="organisation.created", organisation=organisation
    ).exists()


def test_sign_a_framework_with_a_date_in_parts(client, admin_a, org_a):
    framework = factories.FrameworkFactory()
    client.force_login(admin_a)
    url = reverse("partners:framework_sign", kwargs={"slug": framework.slug})
    response = client.post(
        url,
        {
            "organisation": org_a.pk,
            "signed_on_day": "31",
            "signed_on_month": "2",
            "signed_on_year": "2026",
            "signed_by_name": "Jo",
            "signed_by_job_title": "CEO",
        },
    )
    assert "The date signed must be a real date" in response.content.decode()
    assert 'href="#id_signed_on-day"' in response.content.decode()
    response = client.post(
        url,
        {
            "organisation": org_a.pk,
            "signed_on_day": "1",
            "signed_on_month": "2",
            "signed_on_year": "2026",
            "signed_by_name": "Jo",
            "signed_by_job_title": "CEO",
        },
    )
    assert response.status_code == 302
    assert framework.signatories.get().signed_on.isoformat() == "2026-02-01"


def test_an_admin_cannot_sign_for_a_partner_they_do_not_look_after(client, admin_a, org_b):
    framework = factories.FrameworkFactory()
    client.force_login(admin_a)
    response = client.post(
        reverse("partners:framework_sign", kwargs={"slug": framework.slug}),
        {
            "organisation": org_b.pk,
            "signed_on_day": "1",
            "signed_on_month": "2",
            "signed_on_year": "2026",
            "signed_by_name": "Jo",
            "signed_by_job_title": "CEO",
        },
    )
    assert "Select an organisation you look after" in response.content.decode()
    assert not framework.signatories.exists()


def test_pending_affiliation_is_visible_to_the_learner(client, org_a, learner):
    Affiliation.objects.create(user=learner, organisation=org_a, relationship="employee")
    client.force_login(learner)
    body = client.get(reverse("partners:account")).content.decode()
    assert "Waiting" in body
    assert org_a.name in body


def test_sector_filters_show_how_many_partners_each_has(client, directory):
    body = client.get(reverse("partners:directory")).content.decode()
    assert "Voluntary, community or social enterprise organisation (1)" in body
    assert "NHS ambulance trust (0)" in body
