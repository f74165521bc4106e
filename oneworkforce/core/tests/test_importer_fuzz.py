"""Every importer refuses a damaged file plainly and writes nothing.

Each importer (national statistics, local data templates, talent roles and candidates, decision
rounds from pabulib files, learning statements) is sent files damaged the ways real uploads are:
cut short, saved as UTF-16 or Latin-1, holding a zero byte, a line far too long, a formula in a
cell, a column named twice, a pabulib META that disagrees with the file. Each is tried through
the function the command line or API uses and through the real upload page (Django's test
client, so a server error shows as a 500). A refusal must name the file line and leave the
importer's tables and the audit log as they were. The suite is the same on SQLite and on
PostgreSQL (the DATABASE_URL chooses), where a zero byte or an over-long value used to fail.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.core import uploads
from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.decisions.budgeting import PabulibError
from oneworkforce.decisions.models import Ballot, DecisionRound, Proposal
from oneworkforce.decisions.rounds import services as decision_services
from oneworkforce.intelligence.local import datasets, services
from oneworkforce.intelligence.models import (
    ImportBatch,
    NationalityFigure,
    SicknessFigure,
    TurnoverFigure,
    WorkforceReturn,
)
from oneworkforce.intelligence.statistics import nhs_files
from oneworkforce.intelligence.statistics import services as importing
from oneworkforce.learning.models import Completion, Kind
from oneworkforce.learning.records import services as learning_services
from oneworkforce.learning.tests.factories import OpportunityFactory
from oneworkforce.partners.models import Organisation
from oneworkforce.partners.tests.factories import UserFactory
from oneworkforce.talent.casework import candidate_import
from oneworkforce.talent.csv_files import ImportProblems
from oneworkforce.talent.models import Candidate, Vacancy
from oneworkforce.talent.pipeline import vacancy_import

pytestmark = pytest.mark.django_db

NAMES_A_LINE = re.compile(r"\b(line|row) \d+", re.IGNORECASE)
FORMULAS = ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3+cmd|x", "@SUM(1+1)*cmd|x"]
REFUSED = (
    nhs_files.FileError,
    ImportProblems,
    ServiceError,
    PabulibError,
    uploads.UploadError,
)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


TURNOVER = _csv(
    ",".join(nhs_files.TURNOVER_COLUMNS),
    *(
        f"202510 to 202511,{kind},Y63,North East,QHM,North ICS,Fuzz Trust,RXX,Acute,Acute,"
        "All staff groups,100,90.5"
        for kind in nhs_files.TURNOVER_TYPES
    ),
)
SICKNESS = _csv(
    ",".join(nhs_files.SICKNESS_COLUMNS),
    "30/04/2024,Y63,North East,QHM,North ICS,RXX,Fuzz Trust,Acute,10,300,3.3",
    "30/04/2024,Y63,North East,QHM,North ICS,RYY,Other Trust,Acute,12,400,3",
)
RETURNS = _csv(",".join(datasets.DATASETS["returns"].header), "2025-10,Nurses,10,1,1,1")
ROLES = _csv(
    ",".join(name for name, _ in vacancy_import.COLUMNS),
    "alpha,HC-1,Home care worker,care_support,social_care,flexible,,2,2030-12-31,yes,£12,Help",
)
CANDIDATES = _csv(
    ",".join(name for name, _ in candidate_import.COLUMNS),
    "Jo Example,jo@example.net,,,care_support,part_time,yes,8,public_task,,",
    "Ali Example,,07700 900456,,,,,,public_task,,",
)
ELECTION = _csv(
    "META",
    "key;value",
    "num_projects;3",
    "num_votes;4",
    "budget;100",
    "vote_type;approval",
    "min_length;1",
    "max_sum_cost;100",
    "PROJECTS",
    "project_id;cost;name",
    "a;60;Alpha",
    "b;40;Beta",
    "c;30;Gamma",
    "VOTES",
    "voter_id;vote",
    "1;a,b",
    "2;b,c",
    "3;a",
    "4;c",
)


def _workbook(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = nhs_files.NATIONALITY_SHEET
    sheet.append(list(nhs_files.NATIONALITY_COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


NATIONALITY = _workbook(
    [
        ["2024-SEP", "RXX", "Fuzz Trust", "Nurses", "British", 10.5],
        ["2024-SEP", "RXX", "Fuzz Trust", "Nurses", "Irish", 2],
    ]
)


@dataclass
class Outcome:
    accepted: bool
    message: str = ""


@dataclass
class Importer:
    """One importer: a good file, its tables, and the two ways in (function and page)."""

    name: str
    good: bytes
    tables: list[Any]
    function: Callable[[Any, bytes], Any]
    url: Callable[[Any], str]
    user: Callable[[Any], Any]
    form: Callable[[bytes], dict[str, Any]]
    formula_cell: str = ""  # a text value in the good file a formula may replace
    text: bool = True  # a text file (CSV or .pb), or a workbook
    delimiter: str = ","
    extra: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> list[int]:
        return [t.objects.count() for t in self.tables] + [AuditEvent.objects.count()]

    def run(self, world: Any, data: bytes, via: str) -> Outcome:
        before = self.counts()
        if via == "function":
            try:
                self.function(world, data)
            except REFUSED as error:
                outcome = Outcome(False, str(error))
            else:
                outcome = Outcome(True)
        else:
            client = Client(raise_request_exception=False)
            client.force_login(self.user(world))
            response = client.post(self.url(world), self.form(data))
            assert response.status_code < 500, (self.name, data[:300])
            body = response.content.decode()
            outcome = Outcome(response.status_code == 302, body)
            if not outcome.accepted:
                assert response.status_code == 200, (self.name, response.status_code)
                assert "There is a problem" in body or "problem" in body.lower()
        if not outcome.accepted:
            assert self.counts() == before, (self.name, via, outcome.message[:300])
        return outcome


def _national(kind: str) -> Callable[[Any, bytes], Any]:
    def run(world: Any, data: bytes) -> Any:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload.{'xlsx' if kind == 'nationality' else 'csv'}"
            path.write_bytes(data)
            return importing.import_file(kind, path, user=world.partnership_admin)

    return run


def _national_form(kind: str) -> Callable[[bytes], dict[str, Any]]:
    suffix = "xlsx" if kind == "nationality" else "csv"
    return lambda data: {"kind": kind, "file": SimpleUploadedFile(f"upload.{suffix}", data)}


def _round(world: Any, data: bytes) -> Any:
    return decision_services.round_import(
        actor=world.partnership_admin,
        name="Fuzzed",
        text=uploads.decode(data),
        source="fuzz.pb",
        rule="greedy",
    )


IMPORTERS = {
    "turnover": Importer(
        "turnover",
        TURNOVER,
        [TurnoverFigure, ImportBatch],
        _national("turnover"),
        lambda w: reverse("intelligence:import_national"),
        lambda w: w.partnership_admin,
        _national_form("turnover"),
        formula_cell="Fuzz Trust",
    ),
    "sickness": Importer(
        "sickness",
        SICKNESS,
        [SicknessFigure, ImportBatch],
        _national("sickness"),
        lambda w: reverse("intelligence:import_national"),
        lambda w: w.partnership_admin,
        _national_form("sickness"),
        formula_cell="Fuzz Trust",
    ),
    "nationality": Importer(
        "nationality",
        NATIONALITY,
        [NationalityFigure, ImportBatch],
        _national("nationality"),
        lambda w: reverse("intelligence:import_national"),
        lambda w: w.partnership_admin,
        _national_form("nationality"),
        text=False,
    ),
    "local returns": Importer(
        "local returns",
        RETURNS,
        [WorkforceReturn, ImportBatch],
        lambda w, data: services.local_file_import(
            kind="returns", owner=w.org_a, data=data, name="r.csv", user=w.admin_a
        ),
        lambda w: reverse("intelligence:local_upload", kwargs={"slug": "alpha", "kind": "returns"}),
        lambda w: w.admin_a,
        lambda data: {"file": SimpleUploadedFile("r.csv", data)},
        formula_cell="Nurses",
    ),
    "talent roles": Importer(
        "talent roles",
        ROLES,
        [Vacancy],
        lambda w, data: vacancy_import.vacancies_import(
            actor=w.admin_a, data=data, organisations=Organisation.objects.filter(pk=w.org_a.pk)
        ),
        lambda w: reverse("talent:vacancies_import"),
        lambda w: w.admin_a,
        lambda data: {"file": SimpleUploadedFile("roles.csv", data)},
        formula_cell="Home care worker",
    ),
    "talent candidates": Importer(
        "talent candidates",
        CANDIDATES,
        [Candidate],
        lambda w, data: candidate_import.candidates_import(actor=w.talent_coordinator, data=data),
        lambda w: reverse("talent:candidates_import"),
        lambda w: w.talent_coordinator,
        lambda data: {"file": SimpleUploadedFile("people.csv", data)},
        formula_cell="Jo Example",
    ),
    "decision round": Importer(
        "decision round",
        ELECTION,
        [DecisionRound, Proposal, Ballot],
        _round,
        lambda w: reverse("decisions:round_import"),
        lambda w: w.partnership_admin,
        lambda data: {"name": "Fuzzed", "rule": "greedy", "file": SimpleUploadedFile("f.pb", data)},
        formula_cell="Alpha",
        delimiter=";",
    ),
}
TEXT_IMPORTERS = [name for name, importer in IMPORTERS.items() if importer.text]


@dataclass
class World:
    org_a: Any
    admin_a: Any
    partnership_admin: Any
    talent_coordinator: Any


@pytest.fixture
def world(org_a, admin_a, partnership_admin, talent_coordinator):
    return World(org_a, admin_a, partnership_admin, talent_coordinator)


# Damage that must always be refused, naming the line -------------------------------------------


def _header_twice(importer: Importer) -> bytes:
    lines = importer.good.split(b"\n")
    at = lines.index(b"voter_id;vote") if importer.name == "decision round" else 0
    first = lines[at].split(importer.delimiter.encode())[0]
    lines[at] += importer.delimiter.encode() + first
    return b"\n".join(lines)


MUST_REFUSE: dict[str, Callable[[Importer, int], bytes]] = {
    "a zero byte": lambda imp, at: imp.good[:at] + b"\x00" + imp.good[at:],
    "UTF-16 with its mark": lambda imp, at: imp.good.decode().encode("utf-16"),
    "UTF-16 without a mark": lambda imp, at: imp.good.decode().encode("utf-16-le"),
    "a Latin-1 byte": lambda imp, at: imp.good[:at] + b"\xe9" + imp.good[at:],
    "an over-long line": lambda imp, at: (
        imp.good[:at] + b"x" * (uploads.MAX_LINE_CHARS + 1) + imp.good[at:]
    ),
    "a column named twice": lambda imp, at: _header_twice(imp),
}


@pytest.mark.parametrize("damage", sorted(MUST_REFUSE))
@pytest.mark.parametrize("name", TEXT_IMPORTERS)
def test_each_importer_refuses_a_damaged_file_on_its_page_naming_the_line(world, name, damage):
    importer = IMPORTERS[name]
    at = importer.good.index(importer.formula_cell.encode()) + 2  # inside a text value
    data = MUST_REFUSE[damage](importer, at)
    outcome = importer.run(world, data, "page")
    assert not outcome.accepted, (name, damage)
    assert NAMES_A_LINE.search(outcome.message), (name, damage)


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_each_good_file_is_accepted_by_function_and_page(world, name):
    importer = IMPORTERS[name]
    assert importer.run(world, importer.good, "function").accepted
    if name == "talent candidates":  # the same people again are named as already held
        return
    assert importer.run(world, importer.good, "page").accepted


@st.composite
def damaged(draw: Any, importer: Importer) -> tuple[str, bytes, bool]:
    """(what was done, the bytes, whether it must be refused)."""
    good = importer.good
    at = draw(st.integers(0, len(good)))
    kind = draw(st.sampled_from([*MUST_REFUSE, "cut short", "a formula cell"]))
    if kind == "cut short":
        return kind, good[: draw(st.integers(1, len(good) - 1))], False
    if kind == "a formula cell":
        formula = draw(st.sampled_from(FORMULAS)).encode()
        return kind, good.replace(importer.formula_cell.encode(), formula, 1), False
    return kind, MUST_REFUSE[kind](importer, at), True


@pytest.mark.parametrize("name", TEXT_IMPORTERS)
def test_random_damage_never_fails_and_a_refusal_names_the_line(world, name):
    importer = IMPORTERS[name]

    @settings(max_examples=15, suppress_health_check=list(HealthCheck), database=None)
    @given(damaged(importer), st.sampled_from(["function", "page"]))
    def check(case: tuple[str, bytes, bool], via: str) -> None:
        kind, data, must_refuse = case
        outcome = importer.run(world, data, via)
        if must_refuse:
            assert not outcome.accepted, (kind, data[:200])
        if not outcome.accepted:
            assert NAMES_A_LINE.search(outcome.message), (kind, via, outcome.message[:300])

    check()


# Workbooks: damaged bytes, long and control-character cells ------------------------------------


@settings(max_examples=12, suppress_health_check=list(HealthCheck), database=None)
@given(
    st.one_of(
        st.integers(1, len(NATIONALITY) - 1).map(lambda n: NATIONALITY[:n]),
        st.tuples(st.integers(0, len(NATIONALITY) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda c: NATIONALITY[: c[0]] + c[1] + NATIONALITY[c[0] + len(c[1]) :]
        ),
    ),
    st.sampled_from(["function", "page"]),
)
def test_a_damaged_workbook_never_fails(world, data, via):
    outcome = IMPORTERS["nationality"].run(world, data, via)
    if not outcome.accepted:
        assert "workbook" in outcome.message or NAMES_A_LINE.search(outcome.message)


def test_a_workbook_without_the_data_sheet_is_named_as_a_workbook_with_the_sheets_it_has(world):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Summary"
    out = io.BytesIO()
    book.save(out)
    for via in ("function", "page"):
        outcome = IMPORTERS["nationality"].run(world, out.getvalue(), via)
        assert not outcome.accepted
        words = html.unescape(outcome.message)
        assert "the workbook has no sheet called 'Data' (its sheets: Summary)" in words


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("R" * 11, "column B: is 11 characters long; it may be at most 10"),
        ("RX\tX", "column B: contains a control character"),
    ],
)
def test_a_workbook_cell_too_long_or_with_a_control_character_is_refused(world, cell, words):
    data = _workbook([["2024-SEP", cell, "Trust", "Nurses", "British", 1]])
    for via in ("function", "page"):
        outcome = IMPORTERS["nationality"].run(world, data, via)
        assert not outcome.accepted
        assert f"sheet Data, row 2, {words}" in outcome.message


# pabulib META that disagrees with the file ------------------------------------------------------


META_DAMAGE = {
    "more ballots than num_votes": ELECTION + b"5;a\n",
    "a junk line": ELECTION + b"junk\n",
    "fewer ballots than num_votes": ELECTION.replace(b"4;c\n", b""),
    "fewer projects than num_projects": ELECTION.replace(b"c;30;Gamma\n", b"").replace(
        b"2;b,c", b"2;b"
    ),
    "num_votes not a number": ELECTION.replace(b"num_votes;4", b"num_votes;many"),
    "a ballot over max_sum_cost": ELECTION.replace(b"3;a\n", b"3;a,b,c\n"),
    "a key given twice": ELECTION.replace(b"budget;100\n", b"budget;100\nbudget;900\n"),
}


@pytest.mark.parametrize("damage", sorted(META_DAMAGE))
def test_a_round_file_disagreeing_with_its_meta_is_refused_on_the_page(world, damage):
    outcome = IMPORTERS["decision round"].run(world, META_DAMAGE[damage], "page")
    assert not outcome.accepted
    assert NAMES_A_LINE.search(outcome.message)


# Formulas: what an importer stores is harmless when exported again ------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_imported_as_a_name_is_exported_as_text(world, client, formula):
    data = SICKNESS.replace(b"Fuzz Trust", formula.encode())
    assert IMPORTERS["sickness"].run(world, data, "function").accepted
    exported = client.get(reverse("intelligence:sickness"), {"scope": "england", "format": "csv"})
    names = [row[2] for row in csv.reader(io.StringIO(exported.content.decode()))]
    assert "'" + formula in names
    assert not any(name[:1] in "=+-@" for name in names if name)


@pytest.mark.parametrize("formula", FORMULAS[:2])
def test_a_formula_imported_as_a_staff_group_is_exported_as_text(world, client, formula):
    data = RETURNS.replace(b"Nurses", formula.encode())
    assert IMPORTERS["local returns"].run(world, data, "page").accepted
    client.force_login(world.admin_a)
    exported = client.get(
        reverse("intelligence:local"), {"organisation": "alpha", "download": "returns"}
    )
    assert exported.status_code == 200
    cells = [c for row in csv.reader(io.StringIO(exported.content.decode())) for c in row]
    assert "'" + formula in cells
    assert not any(cell[:1] in "=+@" for cell in cells)


# Learning statements: the xAPI-shaped API's JSON bodies -----------------------------------------


STATEMENTS = "/api/v1/learning/statements"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
timestamps = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(
        ["2025-11-20T10:00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "soon", ""]
    ),
)


@st.composite
def statement_bodies(draw: Any) -> Any:
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values)
    text = st.one_of(st.text(max_size=40), st.text(max_size=600))
    return {
        "id": draw(st.one_of(st.uuids().map(str), text)),
        "actor": {"mbox": draw(st.sampled_from(["mailto:person@example.org", "mailto:"]) | text)},
        "verb": {"id": draw(st.sampled_from(["http://adlnet.gov/expapi/verbs/completed"]) | text)},
        "object": {"id": draw(st.sampled_from(["https://lms.example/ipc"]) | text)},
        "timestamp": draw(timestamps | json_values),
    }


def test_statement_bodies_never_fail_and_a_refusal_writes_nothing(org_a, admin_a):
    UserFactory(email="person@example.org")
    OpportunityFactory(organisation=org_a, kind=Kind.E_LEARNING, link="https://lms.example/ipc")
    _, key = learning_services.token_create(actor=admin_a, organisation=org_a, name="LMS")
    client = Client(raise_request_exception=False)

    @settings(max_examples=40, suppress_health_check=list(HealthCheck), database=None)
    @given(statement_bodies())
    def check(body: Any) -> None:
        before = (Completion.objects.count(), AuditEvent.objects.count())
        response = client.post(
            STATEMENTS,
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert response.status_code in (200, 201, 422), (body, response.status_code)
        if response.status_code == 422:
            assert response.json()["errors"][0]["field"], body
            assert (Completion.objects.count(), AuditEvent.objects.count()) == before

    check()


@settings(max_examples=40, suppress_health_check=list(HealthCheck), database=None)
@given(
    statement_id=st.text(max_size=120),
    actor_email=st.sampled_from(["person@example.org"]) | st.text(max_size=300),
    verb=st.sampled_from(["http://adlnet.gov/expapi/verbs/passed"]) | st.text(max_size=30),
    activity_id=st.sampled_from(["https://lms.example/ipc"]) | st.text(max_size=30),
    timestamp=st.datetimes() | st.datetimes(timezones=st.timezones()),
)
def test_the_statement_service_refuses_any_bad_value_naming_the_field(
    org_a, statement_id, actor_email, verb, activity_id, timestamp
):
    if not UserFactory._meta.model.objects.filter(email="person@example.org").exists():
        UserFactory(email="person@example.org")
        OpportunityFactory(organisation=org_a, kind=Kind.E_LEARNING, link="https://lms.example/ipc")
    before = (Completion.objects.count(), AuditEvent.objects.count())
    try:
        learning_services.statement_record(
            organisation=org_a,
            statement_id=statement_id,
            actor_email=actor_email,
            verb=verb,
            activity_id=activity_id,
            timestamp=timestamp,
        )
    except ServiceError as error:
        assert error.field in ("id", "actor", "verb", "object", "timestamp")
        assert (Completion.objects.count(), AuditEvent.objects.count()) == before
