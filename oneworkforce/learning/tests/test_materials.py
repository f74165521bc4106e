"""Recordings and materials on past sessions: only web links and checked files are taken, and
a booked-only file is served to those who had a place and the provider, never to anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.materials import services
from oneworkforce.learning.models import Audience, Booking, BookingState, Material
from oneworkforce.partners.tests.factories import UserFactory

from .factories import OpportunityFactory, SessionFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 the slides of the session"


def _past(org):
    start = timezone.now() - dt.timedelta(days=3)
    return SessionFactory(
        opportunity=OpportunityFactory(organisation=org, who_can_take="Care staff in Leeds."),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


def _url(org, session):
    return reverse("learning:session_materials", kwargs={"slug": org.slug, "pk": session.pk})


def test_a_provider_attaches_a_file_that_only_those_booked_can_fetch(client, org_a, admin_a):
    session = _past(org_a)
    booked, stranger = UserFactory(), UserFactory()
    Booking.objects.create(session=session, learner=booked, state=BookingState.BOOKED)
    Booking.objects.create(session=session, learner=stranger, state=BookingState.CANCELLED)
    client.force_login(admin_a)
    form = client.get(_url(org_a, session))
    assert "Care staff in Leeds." in form.content.decode()  # the listing's own statement
    response = client.post(
        _url(org_a, session),
        {
            "title": "Slides",
            "upload": SimpleUploadedFile("slides.pdf", PDF, "application/pdf"),
            "audience": Audience.BOOKED,
            "who_can_use": "Care staff in Leeds.",
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert AuditEvent.objects.filter(action="learning.material_added").exists()
    file_url = reverse("learning:material_file", args=[material.pk])
    client.force_login(stranger)
    refused = client.get(file_url)
    assert refused.status_code == 404
    assert PDF not in refused.content
    listing = reverse("learning:opportunity", args=[session.opportunity.slug])
    assert "Slides" not in client.get(listing).content.decode()
    client.logout()
    anonymous = client.get(file_url)
    assert anonymous.status_code == 302
    assert PDF not in anonymous.content
    client.force_login(booked)
    assert "Download slides.pdf" in client.get(listing).content.decode()
    served = client.get(file_url)
    assert served.status_code == 200
    assert served.content == PDF
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")


def test_a_material_for_everyone_is_open_to_visitors(client, org_a, admin_a):
    session = _past(org_a)
    material = services.material_add(
        actor=admin_a,
        session=session,
        title="Recording",
        link="https://video.example.org/session-12",
        upload=None,
        audience=Audience.EVERYONE,
        who_can_use="Anyone.",
    )
    page = client.get(reverse("learning:opportunity", args=[session.opportunity.slug]))
    html = page.content.decode()
    assert 'href="https://video.example.org/session-12" rel="noopener noreferrer"' in html
    # A link has no file to serve.
    assert client.get(reverse("learning:material_file", args=[material.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"link": "javascript:alert(1)"}, "link", "starting https:// or http://"),
        ({"link": "ftp://files.example.org/x"}, "link", "starting https:// or http://"),
        ({"link": "/etc/passwd"}, "link", "starting https:// or http://"),
        ({}, "link", "Give a link, or choose a file"),
        ({"file": ("notes.html", b"<script>x</script>")}, "upload", "PDF, JPEG, PNG or MP4"),
        ({"file": ("../../x.pdf", b"MZ\x90\x00")}, "upload", "PDF, JPEG, PNG or MP4"),
        ({"link": "https://ok.example.org", "title": ""}, "title", "Enter a title"),
    ],
)
def test_bad_input_is_named_on_its_field_and_nothing_is_written(
    client, org_a, admin_a, data, field, message
):
    session = _past(org_a)
    client.force_login(admin_a)
    post = {"title": data.get("title", "Recording"), "audience": "booked", "who_can_use": "All."}
    if "link" in data:
        post["link"] = data["link"]
    if "file" in data:
        name, body = data["file"]
        post["upload"] = SimpleUploadedFile(name, body)
    response = client.post(_url(org_a, session), post)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Material.objects.exists()


def test_materials_wait_until_the_session_has_started(org_a, admin_a):
    future = SessionFactory(opportunity=OpportunityFactory(organisation=org_a))
    with pytest.raises(ServiceError, match="once the session has started"):
        services.material_add(
            actor=admin_a,
            session=future,
            title="Slides",
            link="https://example.org/slides",
            upload=None,
            audience=Audience.BOOKED,
            who_can_use="All.",
        )
    assert not Material.objects.exists()


def test_another_partners_admin_cannot_fetch_or_remove_it(client, org_a, admin_a, admin_b):
    session = _past(org_a)
    material = services.material_add(
        actor=admin_a,
        session=session,
        title="Slides",
        link="",
        upload=("slides.pdf", "application/pdf", PDF),
        audience=Audience.BOOKED,
        who_can_use="All.",
    )
    client.force_login(admin_b)
    assert client.get(reverse("learning:material_file", args=[material.pk])).status_code == 404
    remove = reverse("learning:material_remove", kwargs={"slug": org_a.slug, "pk": session.pk})
    assert client.post(remove, {"material": material.pk}).status_code == 403
    client.force_login(admin_a)
    client.post(remove, {"material": material.pk})
    assert not Material.objects.exists()
    assert AuditEvent.objects.filter(action="learning.material_removed").exists()
