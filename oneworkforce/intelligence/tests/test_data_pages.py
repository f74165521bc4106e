"""Importing through the browser, and the provenance page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from oneworkforce.core.models import AuditEvent
from oneworkforce.intelligence.models import ImportBatch, SicknessFigure
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import RoleGrantFactory

from .shared_data import SICKNESS


def _upload(client, kind: str, name: str, content: bytes):
    return client.post(
        "/intelligence/data/import/",
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_a_partnership_admin_imports_a_real_file_and_sees_its_provenance(client, partnership_admin):
    client.force_login(partnership_admin)
    response = _upload(client, "sickness", SICKNESS[0].name, SICKNESS[0].read_bytes())
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.file_name == SICKNESS[0].name
    assert batch.imported_by == partnership_admin
    assert batch.imported_via == "upload"
    assert SicknessFigure.objects.count() == batch.records_created > 250
    page = client.get("/intelligence/data/")
    assert SICKNESS[0].name.encode() in page.content
    assert batch.sha256[:16].encode() in page.content
    assert AuditEvent.objects.filter(action="intelligence.import", actor=partnership_admin).exists()


def test_a_faulty_upload_lists_each_line_and_writes_nothing(client, partnership_admin):
    client.force_login(partnership_admin)
    text = SICKNESS[0].read_text(encoding="utf-8-sig").splitlines()
    text[3] = text[3].replace(",", ",x", 8)
    response = _upload(client, "sickness", "bad.csv", "\n".join(text).encode())
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(e.startswith("line 4, column FTE_DAYS_LOST") for e in errors), errors
    assert b"There is a problem" in response.content
    assert ImportBatch.objects.count() == 0 and SicknessFigure.objects.count() == 0


def test_the_wrong_kind_of_file_is_refused_plainly(client, partnership_admin):
    client.force_login(partnership_admin)
    response = _upload(client, "turnover", "sickness.csv", SICKNESS[0].read_bytes())
    messages = response.context["form"].errors["file"]
    assert any("missing columns" in m for m in messages)
    workbook = _upload(client, "nationality", "n.xlsx", b"not a workbook")
    assert "not an Excel workbook" in " ".join(workbook.context["form"].errors["file"])
    empty = client.post("/intelligence/data/import/", {})
    assert set(empty.context["form"].errors) == {"kind", "file"}


def test_an_analyst_for_one_partner_may_see_imports_but_not_import(client, org_a):
    analyst = RoleGrantFactory(role=Role.ANALYST, organisation=org_a).user
    client.force_login(analyst)
    assert client.get("/intelligence/data/").status_code == 200
    assert client.get("/intelligence/data/import/").status_code == 403
    partnership_wide = RoleGrantFactory(role=Role.ANALYST, organisation=None).user
    client.force_login(partnership_wide)
    assert client.get("/intelligence/data/import/").status_code == 200
