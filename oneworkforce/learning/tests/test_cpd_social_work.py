"""Social Work England's preset on the pages and in the API: a social worker chooses it among
equals, records pieces of CPD with a peer reflection, and the summary counts the pieces written
in the registration year; what they learnt with a peer is theirs (download, CSV, erasure)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from oneworkforce.learning.cpd import services
from oneworkforce.learning.cpd.forms import PlanForm
from oneworkforce.learning.models import CompletionState, CpdEntry

from .factories import CompletionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _piece(person, title, peer=""):
    return services.cpd_entry_save(
        actor=person,
        entry=None,
        done_on=TODAY() - dt.timedelta(days=10),
        days=1,
        title=title,
        hours=Decimal("1.5"),
        participatory=bool(peer),
        learnt="What the research says about kinship care.",
        practice_change="I now ask about wider family at the first visit.",
        peer_reflection=peer,
    )


def test_the_presets_are_offered_as_equals_in_alphabetical_order_each_saying_who():
    labels = [label for _, label in PlanForm().fields["preset"].choices]
    assert labels == sorted(labels)
    assert all(": " in label for label in labels)
    assert any(label.startswith("Social Work England") for label in labels)
    assert PlanForm().initial == {}


def test_a_social_worker_meets_the_requirement_with_two_pieces_one_with_a_peer(client, learner):
    services.revalidation_plan_set(
        actor=learner, preset="swe", renewal_on=TODAY() + dt.timedelta(days=100)
    )
    client.force_login(learner)
    _piece(learner, "Kinship care briefing")
    page = client.get(reverse("learning:cpd_revalidation")).content.decode()
    assert "1 of 2 pieces" in page and "0 of 1 pieces" in page
    assert "against Social Work England registration renewal" in page
    _piece(learner, "Group supervision on a case", peer="A colleague pointed out my assumptions.")
    page = client.get(reverse("learning:cpd_revalidation")).content.decode()
    assert "2 of 2 pieces" in page and "1 of 1 pieces" in page
    summary = client.get("/api/v1/learning/cpd/summary").json()
    assert summary["preset"] == "swe"
    assert [m["key"] for m in summary["measures"]][-2:] == ["pieces", "peer"]
    csv = client.get(reverse("learning:cpd_csv")).content.decode()
    assert "What I learnt with a peer" in csv and "pointed out my assumptions" in csv
    pdf = client.get(reverse("learning:cpd_revalidation_pdf"))
    assert pdf.content.startswith(b"%PDF")


def test_the_peer_reflection_is_added_through_the_api_and_in_the_download(client, learner):
    client.force_login(learner)
    body = {
        "done_on": (TODAY() - dt.timedelta(days=2)).isoformat(),
        "title": "Reflective team meeting",
        "hours": "1",
        "participatory": True,
        "peer_reflection": "x" * 5001,
    }
    post = lambda: client.post(  # noqa: E731
        "/api/v1/learning/cpd/entries", data=json.dumps(body), content_type="application/json"
    )
    too_long = post()
    assert too_long.status_code == 422
    assert "peer_reflection" in json.dumps(too_long.json())
    assert not CpdEntry.objects.exists()
    body["peer_reflection"] = "My manager asked what I would do differently."
    made = post()
    assert made.status_code == 201
    assert made.json()["peer_reflection"] == body["peer_reflection"]
    data = json.loads(client.get(reverse("partners:data_download_json")).content)
    assert data["cpd_log"][0]["what_you_learnt_with_a_peer"] == body["peer_reflection"]


def test_a_revoked_portal_completion_with_a_peer_reflection_stays_in_the_log(learner):
    completion = CompletionFactory(learner=learner)
    entry = CpdEntry.objects.get(completion=completion)
    entry.peer_reflection = "Talked it through with my practice educator."
    entry.save()
    completion.state = CompletionState.REVOKED
    completion.save()
    entry.refresh_from_db()
    assert entry.completion is None and entry.peer_reflection
