"""Partners' local figures: the CSV templates read back, every bad file names its line and column
and writes nothing, and uploads replace what they should (the pages: test_local_pages.py)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from oneworkforce.core.models import AuditEvent
from oneworkforce.intelligence.local import datasets, services
from oneworkforce.intelligence.local.datasets import DATASETS
from oneworkforce.intelligence.local.services import read_local_file
from oneworkforce.intelligence.models import (
    ExitInterviewCount,
    ImportBatch,
    PopulationProjection,
    SocialCareWorkforce,
    WorkforceReturn,
)
from oneworkforce.intelligence.statistics.nhs_files import FileError
from oneworkforce.partners.tests.factories import PlaceFactory

from .local_factories import (
    WorkforceReturnFactory,
)

RETURNS_HEADER = "month,staff_group,establishment_fte,vacancies_fte,applications,leavers"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "local-data.md"


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


# Reading files ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_each_template_reads_back_as_its_one_example_row(kind, client):
    response = client.get(reverse("intelligence:local_template", kwargs={"kind": kind}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{kind}.csv"'
    rows = _rows(response)
    assert rows == [DATASETS[kind].header, DATASETS[kind].example]
    parsed = read_local_file(kind, response.content, f"{kind}.csv")
    assert parsed.rows == 1 and len(parsed.records) == 1
    assert set(parsed.records[0]) == set(DATASETS[kind].fields)


def test_the_example_rows_read_as_the_values_they_show():
    returns = read_local_file("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,120.5,9.6,34,3"), "r")
    assert returns.records == [
        {
            "period_start": dt.date(2025, 10, 1),
            "staff_group": "Nurses",
            "establishment_fte": Decimal("120.50"),
            "vacancies_fte": Decimal("9.60"),
            "applications": 34,
            "leavers": 3,
        }
    ]
    population = read_local_file(
        "population", _csv("year,age_band,people,source", "2030, 85 + ,1,"), "p"
    )
    assert population.records[0] == {"year": 2030, "age_band": "85+", "people": 1, "source": ""}
    assert population.periods == [dt.date(2030, 1, 1)]


def test_a_byte_order_mark_dates_and_case_are_accepted():
    data = "\ufeff" + "\n".join(
        [
            "Month, Staff_Group ,reason,leavers",
            "2025-10-01,Care workers,PAY,1",
            "01/11/2025,Care workers,  pay or REWARD ,2",
            "2025-12,Care workers,work_life_balance,1,,",
        ]
    )
    parsed = read_local_file("exit_reasons", data.encode(), "e.csv")
    assert [(r["period_start"], r["reason"]) for r in parsed.records] == [
        (dt.date(2025, 10, 1), "pay"),
        (dt.date(2025, 11, 1), "pay"),
        (dt.date(2025, 12, 1), "work_life_balance"),
    ]


def test_optional_social_care_columns_may_be_blank():
    header = ",".join(DATASETS["social_care"].header)
    parsed = read_local_file("social_care", _csv(header, "2025-09,Care worker,80,60.5,24,,"), "s")
    assert parsed.records[0]["starters_last_12_months"] == 0
    assert parsed.records[0]["vacancies"] == 0


BAD_FILES = [
    ("returns", _csv("month,staff_group,establishment_fte,vacancies_fte,applications"),
     "line 1: missing column leavers"),
    ("returns", _csv(RETURNS_HEADER + ",colour", "2025-10,Nurses,10,1,1,1,red"),
     "line 1: unknown column colour"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,lots,1,1,1"),
     "line 2, column establishment_fte: 'lots' is not a number"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,10,1,-3,1"),
     "line 2, column applications: '-3' is negative"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,10,1,1,2.5"),
     "line 2, column leavers: '2.5' is not a whole number"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,10,12,1,1"),
     "line 2, column vacancies_fte: '12' is more than the establishment FTE (10.00)"),
    ("returns", _csv(RETURNS_HEADER, "Oct 2025,Nurses,10,1,1,1"),
     "line 2, column month: 'Oct 2025' is not a month like 2025-10"),
    ("returns", _csv(RETURNS_HEADER, "2025-13,Nurses,10,1,1,1"),
     "line 2, column month: '2025-13' is not a month like 2025-10"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,,10,1,1,1"), "line 2, column staff_group: is empty"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,10,1,1,1,9"),
     "line 2: has 7 values, but the header has 6"),
    ("returns", _csv(RETURNS_HEADER, "2025-10,Nurses,10,1,1,1", "", "2025-10,Nurses,12,1,1,1"),
     "line 4, column staff_group: repeats line 2 (the same month and staff group)"),
    ("exit_reasons", _csv("month,staff_group,reason,leavers", "2025-10,Carers,boredom,1"),
     "line 2, column reason: 'boredom' is not a reason in the list"),
    ("population", _csv("year,age_band,people,source", "2030,85 and over,1,"),
     "line 2, column age_band: '85 and over' is not an age band like 18-64 or 85+"),
    ("population", _csv("year,age_band,people,source", "2030,64-18,1,"),
     "line 2, column age_band: '64-18' starts at an age above the age it ends at"),
    ("population", _csv("year,age_band,people,source", "30,18-64,1,"),
     "line 2, column year: '30' is not a year like 2030"),
    ("returns", _csv(RETURNS_HEADER), "line 2: the file has a header but no figures"),
    ("returns", b"", "line 1: the file is empty"),
    ("returns", _csv(RETURNS_HEADER) + b"2025-10,Nurses \xff,1,1,1,1\n",
     "line 2: the file is not UTF-8 text"),
    ("returns", _csv(RETURNS_HEADER, '2025-10,"Nurses', 'on two lines",10,1,1,1', "x,N,1,1,1,1"),
     "line 4, column month: 'x' is not a month like 2025-10"),
    # A GP practice's figures by job role, as the projections read them.
    ("social_care", _csv(",".join(DATASETS["social_care"].header),
                         "2025-10,Practice nurse,8,6.4,1,0,0", "2025-10,Nursing associate,5,4,x,,"),
     "line 3, column leavers_last_12_months: 'x' is not a number"),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "content", "message"), BAD_FILES)
def test_every_problem_names_its_line_and_column_and_nothing_is_written(
    kind, content, message, org_a
):
    owner = PlaceFactory() if kind == "population" else org_a
    held = WorkforceReturnFactory(organisation=org_a, staff_group="Nurses", vacancies_fte=3)
    with pytest.raises(FileError) as raised:
        services.local_file_import(kind=kind, owner=owner, data=content, name="f.csv", user=None)
    assert any(m.startswith(message) for m in raised.value.messages), raised.value.messages
    assert ImportBatch.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert ExitInterviewCount.objects.count() == PopulationProjection.objects.count() == 0
    held.refresh_from_db()
    assert WorkforceReturn.objects.get() == held and held.vacancies_fte == 3


def test_one_bad_row_stops_the_good_ones_and_all_problems_are_listed():
    content = _csv(
        RETURNS_HEADER,
        "2025-10,Nurses,10,1,1,1",
        "2025-10,Doctors,x,1,1,-1",
        "2025-11,Porters,5,1,1,1",
    )
    with pytest.raises(FileError) as raised:
        read_local_file("returns", content, "mixed.csv")
    assert raised.value.messages == [
        "line 3, column establishment_fte: 'x' is not a number",
        "line 3, column leavers: '-1' is negative",
    ]


def test_a_file_with_too_many_rows_is_refused_whole(monkeypatch):
    monkeypatch.setattr(services, "MAX_ROWS", 2)
    rows = [f"2025-{m:02},Nurses,10,1,1,1" for m in (1, 2, 3)]
    with pytest.raises(FileError) as raised:
        read_local_file("returns", _csv(RETURNS_HEADER, *rows), "long.csv")
    assert raised.value.messages == ["line 4: more than 2 rows; split the file into parts"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(FileError, match="larger than 2 MB"):
        read_local_file("returns", b"x" * (datasets.MAX_UPLOAD_BYTES + 1), "big.csv")


@settings(max_examples=150)
@given(st.binary(max_size=300))
def test_random_bytes_only_ever_raise_the_file_error(data):
    with contextlib.suppress(FileError):
        read_local_file("returns", data, "random.csv")


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "0", "-1", "1e5", "2025-10", "2025-02-30", "85+", "pay", "NaN", "1,5"]),
)


@pytest.mark.django_db
def test_random_cells_either_import_or_write_nothing(org_a):
    place = PlaceFactory()

    @settings(max_examples=40)
    @given(st.sampled_from(sorted(DATASETS)), st.lists(st.lists(cell, max_size=8), max_size=4))
    def attempt(kind, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(DATASETS[kind].header)
        writer.writerows(rows)
        owner = place if kind == "population" else org_a
        before = ImportBatch.objects.count(), DATASETS[kind].model.objects.count()
        try:
            services.local_file_import(
                kind=kind, owner=owner, data=buffer.getvalue().encode(), name="r.csv", user=None
            )
        except FileError:
            assert (ImportBatch.objects.count(), DATASETS[kind].model.objects.count()) == before
        else:
            assert ImportBatch.objects.count() == before[0] + 1

    attempt()


# Writing ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_upload_replaces_figures_for_the_same_key_and_adds_the_rest(org_a, org_b, admin_a):
    other = WorkforceReturnFactory(organisation=org_b, staff_group="Nurses")
    first = services.local_file_import(
        kind="returns",
        owner=org_a,
        data=_csv(RETURNS_HEADER, "2025-10,Nurses,10,1,5,1", "2025-10,Porters,4,0,2,0"),
        name="october.csv",
        user=admin_a,
    )
    assert (first.records_created, first.records_replaced, first.rows) == (2, 0, 2)
    second = services.local_file_import(
        kind="returns",
        owner=org_a,
        data=_csv(RETURNS_HEADER, "2025-10,Nurses,10,3,6,2", "2025-11,Nurses,10,2,7,0"),
        name="corrected.csv",
        user=admin_a,
    )
    assert (second.records_created, second.records_replaced) == (1, 1)
    assert second.kind == "returns" and second.organisation == org_a
    assert second.imported_by == admin_a and second.imported_via == "upload"
    assert second.periods == ["2025-10-01", "2025-11-01"]
    assert len(second.sha256) == 64
    nurses = WorkforceReturn.objects.get(
        organisation=org_a, staff_group="Nurses", period_start="2025-10-01"
    )
    assert (nurses.vacancies_fte, nurses.applications, nurses.batch) == (3, 6, second)
    assert nurses.recorded_by == admin_a
    assert WorkforceReturn.objects.filter(organisation=org_a).count() == 3
    other.refresh_from_db()
    assert other.vacancies_fte == 10  # another partner's figures are untouched
    event = AuditEvent.objects.get(action="intelligence.local_import", object_id=str(second.pk))
    assert event.actor == admin_a and event.organisation == org_a
    assert event.changes["created"] == 1 and event.changes["replaced"] == 1
    assert event.changes["file"] == "corrected.csv"


@pytest.mark.django_db
def test_population_projections_are_imported_for_a_place(partnership_admin):
    place = PlaceFactory()
    batch = services.local_file_import(
        kind="population",
        owner=place,
        data=_csv("year,age_band,people,source", "2030,0-17,100,ONS", "2030,85+,20,ONS"),
        name="pop.csv",
        user=partnership_admin,
    )
    assert batch.organisation is None and batch.periods == ["2030-01-01"]
    assert sorted(PopulationProjection.objects.values_list("age_band", flat=True)) == [
        "0-17",
        "85+",
    ]
    event = AuditEvent.objects.get(action="intelligence.local_import")
    assert event.changes["place"] == place.pk


@pytest.mark.django_db
def test_a_single_row_is_created_then_updated_with_before_and_after_audited(org_a, admin_a):
    values = {
        "period_start": dt.date(2025, 9, 1),
        "job_role": "Care worker",
        "headcount": 80,
        "fte": Decimal("60.50"),
        "leavers_last_12_months": 20,
        "starters_last_12_months": 0,
        "vacancies": 4,
    }
    record, created = services.local_figure_save(
        kind="social_care", owner=org_a, values=values, user=admin_a
    )
    assert created and record.recorded_by == admin_a
    record, created = services.local_figure_save(
        kind="social_care", owner=org_a, values={**values, "headcount": 90}, user=admin_a
    )
    assert not created and SocialCareWorkforce.objects.get().headcount == 90
    update = AuditEvent.objects.get(action="intelligence.local_figure_update")
    assert update.changes == {"headcount": {"from": 80, "to": 90}}
    create = AuditEvent.objects.get(action="intelligence.local_figure_create")
    assert create.changes["job_role"] == {"from": None, "to": "Care worker"}
    assert create.organisation == org_a
