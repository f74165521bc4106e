"""The prospectus page and PDF from the live data, and its own words edited by an admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from oneworkforce.careers.models import Prospectus
from oneworkforce.careers.prospectus import presenters, selectors
from oneworkforce.core.models import AuditEvent
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_the_prospectus_is_built_from_the_live_data(client):
    care = OrganisationFactory(name="Heatherlea Care Home", sector=Sector.ADULT_SOCIAL_CARE)
    OrganisationFactory(name="Westdale Council", sector=Sector.LOCAL_AUTHORITY)
    VacancyFactory(organisation=care, title="Care assistant")
    shown = presenters.sections(selectors.prospectus())
    assert shown["jobs_summary"] == "1 job open now"
    assert shown["partners"][0] == {
        "sector": "Social care",
        "count": "1 partner",
        "names": ["Heatherlea Care Home"],
    }
    assert shown["pathways"][0]["steps"][0] == "Care and support worker"
    body = client.get(reverse("careers:prospectus")).content.decode()
    assert "Care assistant" in body and "Westdale Council" in body


def test_the_pdf_is_a_pdf_and_opens_in_place(client):
    VacancyFactory(title="Care assistant \u2013 nights \u2603")
    response = client.get(reverse("careers:prospectus_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("inline")


def test_an_admin_edits_the_partnerships_words_and_it_is_audited(client, partnership_admin):
    client.force_login(partnership_admin)
    response = client.post(
        reverse("careers:prospectus_edit"),
        {
            "title": "Care about Westdale",
            "place": "Westdale",
            "why_here": "One.\n\nTwo.",
            "support": "",
            "contacts": "Ask Jo: jo@example.org",
        },
    )
    assert response.status_code == 302
    saved = Prospectus.objects.get()
    assert saved.title == "Care about Westdale"
    shown = presenters.sections(selectors.prospectus())
    assert shown["why_here"] == ["One.", "Two."]
    assert shown["support"] == [presenters.SUPPORT]
    assert AuditEvent.objects.filter(action="careers.prospectus_saved").exists()


def test_a_visitor_cannot_edit_the_prospectus(client):
    assert client.post(reverse("careers:prospectus_edit"), {"title": "x"}).status_code == 302
    assert not Prospectus.objects.exists()
