"""Importing NHS England's published files: real files round-trip; any fault names its line and
column and writes nothing; importing twice changes nothing."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.core.models import AuditEvent
from oneworkforce.intelligence.models import (
    ImportBatch,
    NationalityFigure,
    SicknessFigure,
    TurnoverFigure,
)
from oneworkforce.intelligence.statistics import nhs_files
from oneworkforce.intelligence.statistics import services as importing

from .shared_data import NATIONALITY, SICKNESS, TURNOVER, require_shared_data

HEADER = ",".join(nhs_files.TURNOVER_COLUMNS)
GOOD_ROW = (
    "202510 to 202511,{type},Y63,North East and Yorkshire,QWO,West Yorkshire,"
    "Leeds Teaching Hospitals NHS Trust,RR8,Acute,Acute - Teaching,{group},{hc},{fte}"
)


def turnover_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def row(type_: str = "Leavers", group: str = "Midwives", hc: str = "10", fte: str = "9.5") -> str:
    return GOOD_ROW.format(type=type_, group=group, hc=hc, fte=fte)


def write(tmp_path: Path, text: str, name: str = "turnover.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def setup_module() -> None:
    require_shared_data()


# The real files ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_real_turnover_file_round_trips_into_the_database():
    batch = importing.import_file("turnover", TURNOVER)
    with TURNOVER.open(encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.DictReader(handle))
    assert batch.rows == len(raw) == 9351
    assert batch.sha256 == hashlib.sha256(TURNOVER.read_bytes()).hexdigest()
    assert batch.periods == ["2025-10-01"]
    cells = {(r["REPORTING_ORG_CODE"], r["STAFF_GROUP_1_NAME"]) for r in raw}
    assert TurnoverFigure.objects.count() == len(cells) == batch.records_created
    # Every published number is held where it belongs, per organisation, group and measure.
    expected: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for r in raw:
        hc_field, fte_field = nhs_files.TURNOVER_TYPES[r["TYPE"]]
        expected[(r["REPORTING_ORG_CODE"], r["STAFF_GROUP_1_NAME"])][hc_field] = float(r["HC"])
        expected[(r["REPORTING_ORG_CODE"], r["STAFF_GROUP_1_NAME"])][fte_field] = float(r["FTE"])
    for figure in TurnoverFigure.objects.all():
        published = expected[(figure.org_code, figure.staff_group)]
        for name in ("hc_start", "hc_end", "joiners_hc", "leavers_hc", "fte_end"):
            assert getattr(figure, name) == pytest.approx(published.get(name, 0.0)), name
    leeds = TurnoverFigure.objects.get(org_code="RR8", staff_group="All staff groups")
    assert leeds.ics_name == "West Yorkshire"
    assert leeds.benchmark_group.startswith("Acute")


@pytest.mark.django_db
def test_importing_the_same_file_twice_replaces_and_keeps_one_set():
    first = importing.import_file("turnover", TURNOVER)
    second = importing.import_file("turnover", TURNOVER)
    assert TurnoverFigure.objects.count() == first.records_created
    assert second.records_replaced == first.records_created
    assert ImportBatch.objects.count() == 2
    assert AuditEvent.objects.filter(action="intelligence.import").count() == 2


@pytest.mark.django_db
def test_every_real_sickness_file_imports_and_its_rates_match_the_published_ones():
    for path in SICKNESS:
        batch = importing.import_file("sickness", path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            assert batch.rows == sum(1 for _ in csv.DictReader(handle))
    assert SicknessFigure.objects.values("period_start").distinct().count() == len(SICKNESS)
    mismatched = [
        f
        for f in SicknessFigure.objects.all()
        if abs(100 * f.fte_days_lost / f.fte_days_available - f.published_rate) > 0.006
    ]
    assert not mismatched


def test_the_real_nationality_workbook_reads_whole():
    parsed = nhs_files.read_nationality(NATIONALITY)
    assert parsed.rows == len(parsed.records) == 81603
    assert [p.isoformat() for p in parsed.periods] == ["2017-09-01", "2018-06-01"]
    south_tees = next(
        r
        for r in parsed.records
        if (r.org_code, r.staff_group, r.nationality) == ("00M", "Central functions", "British")
        and r.period_start.year == 2017
    )
    assert south_tees.fte == pytest.approx(251.14031)


@pytest.mark.django_db
def test_a_small_nationality_workbook_imports(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Data")
    sheet.append(list(nhs_files.NATIONALITY_COLUMNS))
    sheet.append(["2018-JUN", "RR8", "Leeds Teaching Hospitals", "Nurses", "Irish", 12.5])
    sheet.append(["2018-JUN", "RR8", "Leeds Teaching Hospitals", "Nurses", "Indian", 40])
    path = tmp_path / "nationality.xlsx"
    book.save(path)
    batch = importing.import_file("nationality", path)
    assert batch.records_created == 2
    assert NationalityFigure.objects.get(nationality="Irish").fte == 12.5


# Faults: line and column named, nothing written ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER.replace(",FTE", "") + "\n", "line 1: missing column FTE"),
        (HEADER + ",EXTRA\n", "line 1: unknown column EXTRA"),
        (turnover_text(row(hc="ten")), "line 2, column HC: 'ten' is not a number"),
        (
            turnover_text(row(), row(type_="Joiners", fte="-1")),
            "line 3, column FTE: '-1' is negative",
        ),
        (turnover_text(row(), row()), "line 3: repeats line 2"),
        (turnover_text(row(type_="Starters")), "line 2, column TYPE: 'Starters' is not one of"),
        (turnover_text(row().replace("202510 to 202511", "Oct 2025")), "line 2, column PERIOD"),
        (turnover_text(row() + ",1"), "line 2: has 14 values, expected 13"),
        (turnover_text(row(hc="nan")), "line 2, column HC: 'nan' is not a number"),
        (HEADER + "\n", "the file has a header but no figures"),
        ("", "line 1: the file is empty"),
    ],
)
@pytest.mark.django_db
def test_turnover_faults_name_line_and_column_and_write_nothing(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(nhs_files.FileError) as caught:
        importing.import_file("turnover", path)
    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert ImportBatch.objects.count() == 0
    assert TurnoverFigure.objects.count() == 0


@pytest.mark.django_db
def test_a_fault_late_in_a_file_stops_the_good_rows_before_it(tmp_path):
    rows = [row(group=f"Group {n}") for n in range(50)] + [row(group="Last", hc="x")]
    with pytest.raises(nhs_files.FileError) as caught:
        importing.import_file("turnover", write(tmp_path, turnover_text(*rows)))
    assert caught.value.messages == ["line 52, column HC: 'x' is not a number"]
    assert TurnoverFigure.objects.count() == 0


def test_many_faults_are_listed_up_to_a_limit(tmp_path):
    rows = [row(group=f"G{n}", hc="bad") for n in range(40)]
    with pytest.raises(nhs_files.FileError) as caught:
        nhs_files.read_turnover(write(tmp_path, turnover_text(*rows)))
    assert len(caught.value.messages) == nhs_files.MAX_ERRORS + 1
    assert caught.value.messages[-1].startswith("more problems")


def test_a_file_that_is_not_text_is_refused_plainly(tmp_path):
    path = tmp_path / "binary.csv"
    path.write_bytes(b"PERIOD,TYPE\n\xff\xfe\x00binary")
    with pytest.raises(nhs_files.FileError, match="line 2: the file is not UTF-8 text"):
        nhs_files.read_turnover(path)


def test_a_missing_measure_counts_as_zero(tmp_path):
    parsed = nhs_files.read_turnover(
        write(tmp_path, turnover_text(row(type_="Denominator at start of period", hc="100")))
    )
    (record,) = parsed.records
    assert (record.hc_start, record.leavers_hc, record.joiners_hc) == (100, 0, 0)


SICKNESS_HEADER = ",".join(nhs_files.SICKNESS_COLUMNS)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("31/13/2024,Y63,NEY,QWO,WY,RR8,Leeds,Acute,10,100,10", "line 2, column DATE"),
        ("30/04/2024,Y63,NEY,QWO,WY,RR8,Leeds,Acute,200,100,2", "line 2, column FTE_DAYS_LOST"),
        ("30/04/2024,Y63,NEY,QWO,WY,,Leeds,Acute,1,100,1", "line 2, column ORG_CODE: is empty"),
    ],
)
@pytest.mark.django_db
def test_sickness_faults_name_line_and_column(tmp_path, line, message):
    path = write(tmp_path, f"{SICKNESS_HEADER}\n{line}\n", "sickness.csv")
    with pytest.raises(nhs_files.FileError) as caught:
        importing.import_file("sickness", path)
    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert SicknessFigure.objects.count() == 0


def test_nationality_faults_name_sheet_row_and_column(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(list(nhs_files.NATIONALITY_COLUMNS))
    sheet.append(["2018-JUN", "RR8", "Leeds", "Nurses", "Irish", "lots"])
    sheet.append(["June 2018", "RR8", "Leeds", "Nurses", "Indian", 1])
    path = tmp_path / "n.xlsx"
    book.save(path)
    with pytest.raises(nhs_files.FileError) as caught:
        nhs_files.read_nationality(path)
    assert "sheet Data, row 2, column F: 'lots' is not a number" in caught.value.messages
    assert any(m.startswith("sheet Data, row 3, column A") for m in caught.value.messages)


def test_a_csv_given_as_the_nationality_workbook_is_refused(tmp_path):
    with pytest.raises(nhs_files.FileError, match="not an Excel workbook"):
        nhs_files.read_nationality(write(tmp_path, turnover_text(row())))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_file_error_or_records_never_a_crash(tmp_path, data):
    path = tmp_path / "fuzz.csv"
    for prefix in (b"", (HEADER + "\n").encode(), (SICKNESS_HEADER + "\n").encode()):
        path.write_bytes(prefix + data)
        for reader in (nhs_files.read_turnover, nhs_files.read_sickness):
            try:
                parsed = reader(path)
            except nhs_files.FileError as error:
                assert error.messages
            else:
                assert parsed.rows >= 1


# The command -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_and_reports(tmp_path):
    out = io.StringIO()
    path = write(tmp_path, turnover_text(row(), row(type_="Joiners")))
    call_command("import_workforce_stats", "--kind", "turnover", str(path), stdout=out)
    assert "2 rows, 1 figures (0 replaced) for 2025-10-01" in out.getvalue()
    assert ImportBatch.objects.get().imported_via == "command line"


@pytest.mark.django_db
def test_the_command_names_the_fault_and_imports_nothing(tmp_path):
    path = write(tmp_path, turnover_text(row(), row(type_="Joiners", hc="?")))
    with pytest.raises(CommandError, match=r"nothing was imported\.\n  line 3, column HC"):
        call_command("import_workforce_stats", "--kind", "turnover", str(path), "--quiet")
    assert TurnoverFigure.objects.count() == 0


@pytest.mark.django_db
def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_workforce_stats", "--kind", "sickness", str(tmp_path / "none.csv"))


@pytest.mark.django_db
def test_a_field_too_long_for_csv_is_a_file_error_naming_its_line(tmp_path):
    huge = '"' + "x\n" * 100_000 + '"'  # many short lines inside one quoted field
    path = write(tmp_path, f"{SICKNESS_HEADER}\n{huge},a\n", "sickness.csv")
    with pytest.raises(nhs_files.FileError) as caught:
        importing.import_file("sickness", path)
    assert caught.value.messages[0].startswith("line 2: cannot be read as CSV")
    assert SicknessFigure.objects.count() == 0


@pytest.mark.django_db
def test_the_command_refuses_a_file_holding_a_zero_byte_naming_the_line(tmp_path):
    good = "30/04/2024,Y63,North East,QHM,North ICS,RXX,Fuzz Trust,Acute,10,300,3.3"
    path = tmp_path / "sickness.csv"
    path.write_bytes(f"{SICKNESS_HEADER}\n{good}\n{good.replace('RXX', 'RYY')}\n".encode())
    path.write_bytes(path.read_bytes().replace(b"Fuzz Trust", b"Fuzz\x00Trust", 1))
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("import_workforce_stats", "--kind", "sickness", "--quiet", str(path))
    assert caught.value.returncode != 0
    assert str(caught.value) == (
        "sickness.csv: nothing was imported.\n  line 2, character 49: holds a zero byte (the NUL"
        " character): the file is damaged, or is not UTF-8 text"
    )
    assert SicknessFigure.objects.count() == 0 and ImportBatch.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_value_longer_than_its_column_holds_is_refused_naming_line_and_column(tmp_path):
    row = f"30/04/2024,Y63,North East,QHM,North ICS,{'R' * 11},Trust,Acute,10,300,3.3"
    path = write(tmp_path, f"{SICKNESS_HEADER}\n{row}\n", "sickness.csv")
    with pytest.raises(nhs_files.FileError) as caught:
        importing.import_file("sickness", path)
    assert caught.value.messages == [
        "line 2, column ORG_CODE: is 11 characters long; it may be at most 10"
    ]
    assert SicknessFigure.objects.count() == 0
