"""Partners' local figures on the pages: shown with tables and downloads, filtered, recorded by
those who may (by upload or one row at a time), documented, and followed at 30, 60 and 90 days."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oneworkforce.core.models import AuditEvent
from oneworkforce.intelligence.local import datasets
from oneworkforce.intelligence.local.datasets import DATASETS
from oneworkforce.intelligence.models import (
    ImportBatch,
    PopulationProjection,
    WorkforceReturn,
)
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import PlaceFactory, RoleGrantFactory, UserFactory

from .local_factories import (
    ExitInterviewCountFactory,
    PopulationProjectionFactory,
    SocialCareWorkforceFactory,
    WorkforceReturnFactory,
)

RETURNS_HEADER = "month,staff_group,establishment_fte,vacancies_fte,applications,leavers"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "local-data.md"


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


# Pages -----------------------------------------------------------------------------------------


@pytest.fixture
def figures(org_a, org_b):
    WorkforceReturnFactory(organisation=org_a, staff_group="Nurses", vacancies_fte=Decimal("12.5"))
    WorkforceReturnFactory(organisation=org_b, staff_group="Porters", establishment_fte=40)
    WorkforceReturnFactory(
        organisation=org_b, staff_group="Archived group", period_start=dt.date(2025, 9, 1)
    )
    ExitInterviewCountFactory(organisation=org_a, reason="pay", leavers=3)
    ExitInterviewCountFactory(organisation=org_b, reason="workload", leavers=1)
    ExitInterviewCountFactory(
        organisation=org_b, reason="workload", leavers=50, period_start=dt.date(2024, 10, 1)
    )
    SocialCareWorkforceFactory(organisation=org_a)
    SocialCareWorkforceFactory(organisation=org_a, period_start=dt.date(2024, 9, 1), headcount=1)
    PopulationProjectionFactory(place__name="Leeds")


@pytest.mark.django_db
def test_the_local_page_shows_each_chart_with_a_table_of_the_same_figures(client, learner, figures):
    client.force_login(learner)
    response = client.get(reverse("intelligence:local"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<svg role="img"') == 3
    assert "Vacancies in October 2025" in body
    assert "12.5%" in body and "25.0%" in body  # Alpha's nurses, Beta's porters
    assert "Archived group" not in body  # an earlier month
    assert "November 2024 to October 2025" in body
    assert "75.0%" in body and "Workload or pressure" in body  # 3 of 4 leavers gave pay
    assert "30.0%" in body  # social care turnover: 24 of 80, the latest count only
    assert "Leeds: projected residents by age band" in body and "21,400" in body
    assert "Record figures" not in body  # a learner records for nobody


@pytest.mark.django_db
def test_the_local_page_downloads_each_table_as_csv(client, learner, figures):
    client.force_login(learner)
    url = reverse("intelligence:local")
    returns = _rows(client.get(url, {"download": "returns"}))
    assert returns[0][:3] == ["organisation", "month", "staff_group"]
    assert [
        "Alpha Care Homes",
        "2025-10",
        "Nurses",
        "100.00",
        "12.50",
        "0.1250",
        "20",
        "2",
    ] in returns
    assert len(returns) == 3
    reasons = _rows(client.get(url, {"download": "exit_reasons"}))
    assert reasons[1:] == [
        ["2024-11", "2025-10", "pay", "Pay or reward", "3", "0.7500"],
        ["2024-11", "2025-10", "workload", "Workload or pressure", "1", "0.2500"],
    ]
    care = _rows(client.get(url, {"download": "social_care"}))
    assert care[1] == [
        "Alpha Care Homes", "2025-09", "Care worker", "80", "60.50", "30", "24", "0.3000", "5"
    ]  # fmt: skip
    assert len(care) == 2
    population = _rows(client.get(url, {"download": "population"}))
    assert population[1] == ["Leeds", "2030", "65-74", "21400"]
    filtered = _rows(client.get(url, {"download": "returns", "organisation": "beta"}))
    assert [row[0] for row in filtered[1:]] == ["Beta Hospitals"]


@pytest.mark.django_db
def test_the_partner_filter_narrows_the_page_and_refuses_unknown_partners(client, admin_a, figures):
    client.force_login(admin_a)
    url = reverse("intelligence:local")
    beta = client.get(url, {"organisation": "beta"}).content.decode()
    assert "Porters" in beta and "Nurses" not in beta
    assert "Record figures" not in beta  # admin of Alpha only
    alpha = client.get(url, {"organisation": "alpha"}).content.decode()
    assert (
        reverse("intelligence:local_upload", kwargs={"slug": "alpha", "kind": "returns"}) in alpha
    )
    assert "?edit=" in alpha
    unknown = client.get(url, {"organisation": "nobody"})
    assert unknown.status_code == 200
    assert "Choose a partner in the list" in unknown.content.decode()


@pytest.mark.django_db
def test_an_admin_uploads_for_their_partner_and_sees_the_counts(client, admin_a, org_a):
    client.force_login(admin_a)
    url = reverse("intelligence:local_upload", kwargs={"slug": "alpha", "kind": "returns"})
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("oct.csv", _csv(RETURNS_HEADER, "2025-10,Nurses,10,1,1,1"))
    response = client.post(url, {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("intelligence:local") + "?organisation=alpha"
    assert "oct.csv imported: 1 row read, 1 new record, 0 records replaced." in (
        response.content.decode()
    )
    assert WorkforceReturn.objects.get().organisation == org_a


@pytest.mark.django_db
def test_a_faulty_upload_lists_every_line_problem_in_the_error_summary(client, admin_a):
    client.force_login(admin_a)
    url = reverse("intelligence:local_upload", kwargs={"slug": "alpha", "kind": "returns"})
    content = _csv(RETURNS_HEADER, "2025-10,Nurses,10,11,1,1", "2025-10,Nurses,10,1,x,1")
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", content)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Error: " in body
    texts = [item["text"] for item in response.context["summary"]]
    assert texts == [
        "line 2, column vacancies_fte: '11' is more than the establishment FTE (10.00)",
        "line 3, column applications: 'x' is not a number",
    ]
    assert all(item["href"] == "#id_file" for item in response.context["summary"])
    assert ImportBatch.objects.count() == 0 and WorkforceReturn.objects.count() == 0
    empty = client.post(url, {})
    assert "Choose a CSV file" in empty.content.decode()


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_with_a_clear_message(client, admin_a):
    client.force_login(admin_a)
    url = reverse("intelligence:local_upload", kwargs={"slug": "alpha", "kind": "returns"})
    big = SimpleUploadedFile("big.csv", b"x" * (datasets.MAX_UPLOAD_BYTES + 1))
    response = client.post(url, {"file": big})
    assert "The file must be smaller than 2 MB" in response.content.decode()


@pytest.mark.django_db
def test_another_partners_admin_and_a_learner_may_not_record(client, admin_b, learner, org_a):
    for user in (admin_b, learner):
        client.force_login(user)
        for name in ("intelligence:local_upload", "intelligence:local_add"):
            url = reverse(name, kwargs={"slug": "alpha", "kind": "returns"})
            assert client.get(url).status_code == 403
            assert client.post(url, {}).status_code == 403
    assert WorkforceReturn.objects.count() == 0


@pytest.mark.django_db
def test_an_analyst_for_one_partner_records_for_it_and_no_other(client, org_a, org_b):
    analyst = UserFactory()
    RoleGrantFactory(user=analyst, role=Role.ANALYST, organisation=org_a)
    client.force_login(analyst)
    url = "intelligence:local_add"
    assert client.get(reverse(url, kwargs={"slug": "alpha", "kind": "returns"})).status_code == 200
    assert client.get(reverse(url, kwargs={"slug": "beta", "kind": "returns"})).status_code == 403
    place = PlaceFactory()
    population = reverse("intelligence:population_add", kwargs={"slug": place.slug})
    assert client.get(population).status_code == 403


@pytest.mark.django_db
def test_unknown_kinds_and_partners_are_not_found(client, partnership_admin, org_a):
    client.force_login(partnership_admin)
    for slug, kind in (("alpha", "nothing"), ("alpha", "population"), ("nobody", "returns")):
        url = reverse("intelligence:local_upload", kwargs={"slug": slug, "kind": kind})
        assert client.get(url).status_code == 404
    assert client.get("/intelligence/local/templates/nothing.csv").status_code == 404


@pytest.mark.django_db
def test_one_row_is_added_through_the_form_and_corrected(client, admin_a, org_a):
    client.force_login(admin_a)
    url = reverse("intelligence:local_add", kwargs={"slug": "alpha", "kind": "returns"})
    page = client.get(url).content.decode()
    assert 'name="month_month"' in page and 'name="month_year"' in page
    data = {
        "month_month": "10",
        "month_year": "2025",
        "staff_group": " Registered   nurses ",
        "establishment_fte": "10",
        "vacancies_fte": "12",
        "applications": "4",
        "leavers": "",
    }
    refused = client.post(url, data)
    errors = refused.context["form"].errors
    assert errors["vacancies_fte"] == ["Vacancies (FTE) is more than the establishment FTE (10.00)"]
    assert errors["leavers"] == ["Enter the figure for leavers"]
    assert WorkforceReturn.objects.count() == 0
    response = client.post(url, {**data, "vacancies_fte": "2", "leavers": "1"}, follow=True)
    assert "The figures have been added for Alpha Care Homes." in response.content.decode()
    held = WorkforceReturn.objects.get()
    assert (held.staff_group, held.period_start) == ("Registered nurses", dt.date(2025, 10, 1))
    form = client.get(url, {"edit": held.pk}).context["form"]
    assert form.initial["staff_group"] == "Registered nurses"
    client.post(url, {**data, "vacancies_fte": "3", "leavers": "1"})
    held.refresh_from_db()
    assert held.vacancies_fte == 3 and WorkforceReturn.objects.count() == 1
    assert AuditEvent.objects.filter(action="intelligence.local_figure_update").exists()


@pytest.mark.django_db
def test_the_month_must_be_whole_and_real(client, admin_a):
    client.force_login(admin_a)
    url = reverse("intelligence:local_add", kwargs={"slug": "alpha", "kind": "exit_reasons"})
    base = {"staff_group": "Carers", "reason": "pay", "leavers": "1"}
    for parts, message in (
        ({}, "Enter the month"),
        ({"month_month": "10"}, "Enter the month as month and year"),
        ({"month_month": "13", "month_year": "2025"}, "The month must be a real month"),
    ):
        errors = client.post(url, {**base, **parts}).context["form"].errors
        assert errors["month"][0].startswith(message)
    unknown = client.post(url, {**base, "month_month": "1", "month_year": "2026", "reason": "x"})
    assert unknown.context["form"].errors["reason"] == ["Choose a reason for leaving in the list"]


@pytest.mark.django_db
def test_a_partnership_admin_records_population_projections(client, partnership_admin):
    place = PlaceFactory()
    client.force_login(partnership_admin)
    upload = reverse("intelligence:population_upload", kwargs={"slug": place.slug})
    content = _csv("year,age_band,people,source", "2030,18-64,500,ONS")
    response = client.post(upload, {"file": SimpleUploadedFile("p.csv", content)})
    assert response.status_code == 302
    add = reverse("intelligence:population_add", kwargs={"slug": place.slug})
    response = client.post(add, {"year": "2031", "age_band": "85+", "people": "40", "source": ""})
    assert response.status_code == 302
    assert PopulationProjection.objects.filter(place=place).count() == 2


@pytest.mark.django_db
def test_the_guide_documents_every_column_of_every_template(client):
    body = client.get(reverse("intelligence:local_guide")).content.decode()
    for dataset in DATASETS.values():
        assert reverse("intelligence:local_template", kwargs={"kind": dataset.kind}) in body
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in body
    assert "<code>work_life_balance</code>" in body


def test_the_user_guide_names_every_column():
    text = DOCS.read_text(encoding="utf-8")
    for dataset in DATASETS.values():
        assert f"`{dataset.template_name}`" in text
        for column in dataset.columns:
            assert f"`{column.name}`" in text


# Success indicators ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_success_indicators_follow_the_returns_at_0_30_60_and_90_days(client, learner, org_a):
    for month, vacancies, applications, leavers in (
        (10, 10, 20, 4),
        (11, 8, 25, 3),
        (12, 6, 30, 2),
        (1, 5, 28, 1),
    ):
        year = 2026 if month == 1 else 2025
        WorkforceReturnFactory(
            organisation=org_a,
            period_start=dt.date(year, month, 1),
            vacancies_fte=vacancies,
            applications=applications,
            leavers=leavers,
        )
        WorkforceReturnFactory(
            organisation=org_a, period_start=dt.date(year, month, 1), staff_group="Porters"
        )
    client.force_login(learner)
    url = reverse("intelligence:success")
    response = client.get(
        url, {"organisation": "alpha", "start": "2025-10", "staff_group": "Registered nurses"}
    )
    assert response.status_code == 200
    rows = {row["name"]: row["points"] for row in response.context["rows"]}
    assert [p["days"] for p in rows["vacancies"]] == [0, 30, 60, 90]
    assert [p["value"] for p in rows["vacancies"]] == [10, 8, 6, 5]
    assert [p["change"] for p in rows["applications"]] == [0, 5, 10, 8]
    assert [p["month"] for p in rows["leavers"]][-1] == dt.date(2026, 1, 1)
    body = response.content.decode()
    assert 'role="img"' in body and "change -5.0" in body and "January 2026" in body
    everyone = client.get(url, {"organisation": "alpha", "start": "2025-10"})
    assert everyone.context["rows"][0]["points"][0]["value"] == 20  # 10 + 10 for porters


@pytest.mark.django_db
def test_success_indicators_explain_bad_choices_without_failing(client, learner, org_a):
    client.force_login(learner)
    url = reverse("intelligence:success")
    assert "Choose a partner" in client.get(url).content.decode()
    for query, message in (
        ({"organisation": "alpha", "start": "October"}, "Enter the start month like 2025-10"),
        ({"organisation": "alpha", "start": "2025-02-30"}, "Enter the start month like 2025-10"),
        ({"organisation": "nobody", "start": "2025-10"}, "Choose a partner in the list"),
        ({"organisation": "alpha", "start": "2025-10", "staff_group": "x"}, "in the list"),
        ({"start": ""}, "Select a partner"),
    ):
        response = client.get(url, query)
        assert response.status_code == 200
        assert message in response.content.decode(), query
    empty = client.get(url, {"organisation": "alpha", "start": "2025-10"})
    assert "has no monthly returns" in empty.content.decode()
