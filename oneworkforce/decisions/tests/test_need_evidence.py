"""A need shows its affected partners' published figures as evidence."""

from __future__ import annotations

from oneworkforce.decisions.needs import services as need_services
from oneworkforce.intelligence.statistics import selectors as indicators
from oneworkforce.intelligence.statistics import services as importing
from oneworkforce.intelligence.tests.shared_data import SICKNESS, TURNOVER
from oneworkforce.partners.tests.factories import FacultyFactory, OrganisationFactory


def test_a_need_shows_the_partners_rates_against_peers(client, partnership_admin):
    importing.import_file("turnover", TURNOVER)
    importing.import_file("sickness", SICKNESS[-1])
    leeds = OrganisationFactory(name="Leeds Teaching Hospitals", ods_code="RR8")
    care = OrganisationFactory(name="Brightpath Home Care")  # no national figures
    client.force_login(partnership_admin)
    form = client.get("/decisions/needs/add/").context["form"]
    assert ("Midwives", "Midwives") in form.fields["staff_group"].choices
    response = client.post(
        "/decisions/needs/add/",
        {
            "faculty": str(FacultyFactory().pk),
            "title": "Midwives leave in their first year",
            "description": "Too many leave early.",
            "severity": "high",
            "staff_group": "Midwives",
            "organisations": [str(leeds.pk), str(care.pk)],
        },
    )
    assert response.status_code == 302
    page = client.get("/decisions/needs/")
    (need,) = page.context["needs"]
    assert need.staff_group == "Midwives"
    rows = page.context["evidence"][need.pk]
    assert [r["organisation"] for r in rows] == ["Leeds Teaching Hospitals"] * 2
    period = indicators.turnover_periods()[0]
    expected = indicators.turnover_comparisons(period, "Midwives", "leavers")["RR8"]
    assert rows[0]["value"] == expected.value and "Midwives" in rows[0]["label"]
    assert rows[1]["label"].startswith("Sickness absence, December 2024")
    assert b"/intelligence/organisations/RR8/" in page.content


def test_needs_without_figures_show_no_evidence(client, partnership_admin):
    need = need_services.need_record(
        actor=partnership_admin,
        faculty=FacultyFactory(),
        title="Volunteers lack digital skills",
        description="Few can use the rota app.",
        severity="medium",
    )
    client.force_login(partnership_admin)
    assert client.get("/decisions/needs/").context["evidence"] == {need.pk: []}
