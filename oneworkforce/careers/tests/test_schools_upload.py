"""Partnership admins upload the Get Information About Schools extract from the web, checked
whole as ``manage.py import_schools`` checks it: a wrong header or a bad URN is named with its
line and nothing is written; a good file is imported and audited."""

from __future__ import annotations

import html
from importlib import resources

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oneworkforce.careers.models import School
from oneworkforce.careers.schools.forms import MAX_SCHOOLS_BYTES
from oneworkforce.core.models import AuditEvent

pytestmark = pytest.mark.django_db

DEMO = resources.files("oneworkforce.careers.data").joinpath("demo_schools.csv").read_bytes()
URL = reverse("careers:schools_import")


def _upload(client, data: bytes, name: str = "edubase.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_an_admin_imports_the_extract_and_it_is_audited(client, partnership_admin):
    client.force_login(partnership_admin)
    assert "Get Information About Schools" in client.get(URL).text
    response = _upload(client, DEMO)
    assert response.status_code == 302 and response["Location"] == reverse("careers:schools")
    assert School.objects.count() == 10
    event = AuditEvent.objects.get(action="careers.schools_imported")
    assert event.actor == partnership_admin and "edubase.csv" in event.object_repr
    followed = client.get(reverse("careers:schools")).text
    assert "10 added, 0 updated, 0 unchanged" in followed


def _bad_urn(data: bytes) -> bytes:
    lines = data.decode("utf-8-sig").splitlines()
    lines[3] = "12x" + lines[3][lines[3].index(",") :]
    return "\n".join(lines).encode()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"Name,Postcode\nA school,LS1 4AP\n", "line 1: the header has no column 'URN'"),
        (_bad_urn(DEMO), "line 4: URN '12x' is not a school's unique reference number"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "the file is not a CSV text file"),
        (b"", "The file is empty"),
    ],
)
def test_a_bad_file_is_named_by_its_line_and_nothing_is_written(
    client, partnership_admin, data, named
):
    client.force_login(partnership_admin)
    response = _upload(client, data)
    assert response.status_code == 200 and named in html.unescape(response.text)
    assert not School.objects.exists()
    assert not AuditEvent.objects.filter(action="careers.schools_imported").exists()


def test_a_file_too_big_is_refused_on_its_field(client, partnership_admin):
    client.force_login(partnership_admin)
    response = _upload(client, DEMO + b"\n" * MAX_SCHOOLS_BYTES)
    assert "smaller than 10 MB" in " ".join(response.context["form"].errors["file"])
    assert not School.objects.exists()


def test_only_partnership_admins_may_upload(client, talent_coordinator):
    client.force_login(talent_coordinator)
    assert _upload(client, DEMO).status_code == 403
    assert client.get(reverse("careers:schools")).status_code == 200
    assert URL not in client.get(reverse("careers:schools")).text
    assert not School.objects.exists()
