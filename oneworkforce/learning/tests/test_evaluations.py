"""Evaluations: only after attending or completing, once each; providers see figures and
comments only from five answers, never names; invitations once; the person's data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.learning.evaluations import presenters, services
from oneworkforce.learning.evaluations.selectors import Figures
from oneworkforce.learning.jobs import evaluation_invitations
from oneworkforce.learning.models import (
    Attendance,
    Booking,
    BookingState,
    CompletionState,
    Evaluation,
    Kind,
)
from oneworkforce.partners.accounts import services as partner_services
from oneworkforce.partners.tests.factories import UserFactory

from .factories import CompletionFactory, OpportunityFactory, SessionFactory

ANSWERS = {"usefulness": 4, "would_recommend": True, "what_changed": "", "comment": ""}


def _past_booking(learner, attendance=Attendance.ATTENDED, session=None):
    session = session or SessionFactory(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=3),
    )
    return Booking.objects.create(
        session=session, learner=learner, state=BookingState.BOOKED, attendance=attendance
    )


def _evaluate(booking, **answers):
    return services.evaluation_submit(
        actor=booking.learner,
        opportunity=booking.session.opportunity,
        booking=booking,
        **{**ANSWERS, **answers},
    )


# Who may evaluate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "message"),
    [
        (Attendance.UNKNOWN, "once the provider has recorded that you attended"),
        (Attendance.ABSENT, "only evaluate a session you attended"),
    ],
)
def test_a_session_not_attended_is_refused_with_a_clear_message_and_nothing_written(
    learner, attendance, message
):
    booking = _past_booking(learner, attendance)
    with pytest.raises(ServiceError, match=message):
        _evaluate(booking)
    assert not Evaluation.objects.exists()


def test_a_learner_evaluates_a_session_they_attended_once(learner):
    booking = _past_booking(learner)
    evaluation = _evaluate(booking, usefulness=5, comment="Clear")
    assert (evaluation.opportunity, evaluation.booking) == (booking.session.opportunity, booking)
    with pytest.raises(ServiceError, match="already evaluated"):
        _evaluate(booking)
    assert Evaluation.objects.count() == 1
    event = AuditEvent.objects.get(action="learning.evaluation_given")
    assert event.changes == {} and event.organisation is None


def test_learning_taken_any_time_is_evaluated_once_its_completion_is_verified(learner):
    listing = OpportunityFactory(kind=Kind.E_LEARNING)
    submit = lambda: services.evaluation_submit(  # noqa: E731
        actor=learner, opportunity=listing, booking=None, **ANSWERS
    )
    with pytest.raises(ServiceError, match="once it is in your record as completed"):
        submit()
    CompletionFactory(learner=learner, opportunity=listing, state=CompletionState.PENDING)
    with pytest.raises(ServiceError, match="once it is in your record"):
        submit()
    CompletionFactory(learner=learner, opportunity=listing)
    submit()
    with pytest.raises(ServiceError, match="already evaluated"):
        submit()
    assert Evaluation.objects.count() == 1


def test_the_page_shows_the_refusal_and_no_form_for_a_session_not_attended(client, learner):
    booking = _past_booking(learner, Attendance.ABSENT)
    client.force_login(learner)
    url = reverse("learning:evaluate_booking", args=[booking.pk])
    page = client.get(url).content.decode()
    assert "did not attend this one" in page and "Send my evaluation" not in page
    response = client.post(url, {"usefulness": "5", "would_recommend": "yes"})
    assert "did not attend this one" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_someone_elses_booking_is_not_found_on_the_page_or_the_api(client, learner):
    booking = _past_booking(UserFactory())
    client.force_login(learner)
    assert client.get(reverse("learning:evaluate_booking", args=[booking.pk])).status_code == 404
    response = client.post(
        f"/api/v1/learning/bookings/{booking.pk}/evaluation",
        data=json.dumps({"usefulness": 5, "would_recommend": True}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_the_api_refuses_a_session_not_attended_and_takes_one_attended(client, learner):
    absent = _past_booking(learner, Attendance.ABSENT)
    attended = _past_booking(learner)
    client.force_login(learner)
    body = json.dumps({"usefulness": 3, "would_recommend": False, "comment": "Too long"})
    refused = client.post(
        f"/api/v1/learning/bookings/{absent.pk}/evaluation",
        data=body,
        content_type="application/json",
    )
    assert refused.status_code == 409 and "did not attend" in refused.json()["detail"]
    taken = client.post(
        f"/api/v1/learning/bookings/{attended.pk}/evaluation",
        data=body,
        content_type="application/json",
    )
    assert taken.status_code == 201 and taken.json()["usefulness"] == 3
    bad = client.post(
        f"/api/v1/learning/bookings/{attended.pk}/evaluation",
        data=json.dumps({"usefulness": 9, "would_recommend": True}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert Evaluation.objects.count() == 1


# What providers see: nothing individual below five answers -------------------------------


def _figures(answers: int) -> Figures:
    return Figures("Moving and handling", answers, answers, answers // 2, 4.2, "m-and-h")


@given(st.integers(min_value=0, max_value=4))
def test_below_five_answers_no_figure_spread_or_word_is_shown(answers):
    figures = _figures(answers)
    shown = presenters.cells(figures)
    assert not shown["shown"]
    assert {shown["useful"], shown["recommend"], shown["mean"]} == {presenters.HIDDEN}
    assert presenters.spread(figures, {5: answers, 4: 0, 3: 0, 2: 0, 1: 0}) is None
    assert presenters.words(figures, ["It was great"]) is None
    api = presenters.public(figures)
    assert api["useful_share"] is None and api["mean_usefulness"] is None
    assert presenters.listings([figures])["chart"] is None
    assert presenters.trend([(dt.date(2026, 1, 1), figures)])["rows"][0][4]["text"] == (
        presenters.HIDDEN
    )


@given(st.integers(min_value=5, max_value=10_000))
def test_from_five_answers_figures_and_words_are_shown(answers):
    figures = _figures(answers)
    shown = presenters.cells(figures)
    assert shown["shown"] and shown["useful"] == "100%" and shown["mean"] == "4.2 out of 5"
    assert presenters.words(figures, ["Clear", "It was great", "It was great"]) == [
        "Clear",
        "It was great (2 people)",
    ]
    assert presenters.public(figures)["useful_share"] == 1.0
    assert presenters.listings([figures])["chart"] is not None


def test_the_trend_chart_leaves_out_months_with_fewer_than_five_answers():
    months = [(dt.date(2026, m, 1), _figures(n)) for m, n in ((1, 6), (2, 3), (3, 8))]
    view = presenters.trend(months)
    series = view["chart"].series[0]
    assert len(series.dots) == 2  # January and March; February is hidden
    assert [row[1]["text"] for row in view["rows"]] == ["6", "3", "8"]


def test_the_provider_sees_comments_only_from_five_answers_and_never_names(client, admin_a):
    listing = OpportunityFactory(organisation=admin_a.role_grants.first().organisation)
    session = SessionFactory(
        opportunity=listing,
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=2),
    )
    people = [UserFactory(full_name=f"Named Person {n}") for n in range(5)]
    client.force_login(admin_a)
    url = reverse(
        "learning:listing_evaluations",
        kwargs={"slug": listing.organisation.slug, "listing": listing.slug},
    )
    for n, person in enumerate(people):
        _evaluate(_past_booking(person, session=session), comment=f"Comment number {n}")
        page = client.get(url).content.decode()
        if n < 4:
            assert "Comment number" not in page and "Shown from 5 answers" in page
    assert all(f"Comment number {n}" in page for n in range(5))
    assert "Named Person" not in page
    assert "80%" not in page and "100%" in page  # all five rated it 4: useful
    dashboard = client.get(
        reverse("learning:evaluations", kwargs={"slug": listing.organisation.slug})
    ).content.decode()
    assert listing.title in dashboard and "4.0 out of 5" in dashboard
    api = client.get(f"/api/v1/learning/partners/{listing.organisation.slug}/evaluations").json()
    assert api["listings"] == [
        {
            "listing": listing.slug,
            "answers": 5,
            "useful_share": 1.0,
            "recommend_share": 1.0,
            "mean_usefulness": 4.0,
        }
    ]


# Asking, and the person's data ------------------------------------------------------------


def test_the_learner_is_asked_on_their_pages_and_once_by_email(client, learner):
    booking = _past_booking(learner)
    CompletionFactory(learner=learner, opportunity=booking.session.opportunity, booking=booking)
    client.force_login(learner)
    evaluate = reverse("learning:evaluate_booking", args=[booking.pk])
    assert evaluate in client.get(reverse("learning:my")).content.decode()
    assert "Learning to evaluate" in client.get(reverse("core:home")).content.decode()
    assert evaluation_invitations(timezone.now()) == 1
    assert evaluation_invitations(timezone.now()) == 0
    assert evaluate in mail.outbox[-1].body
    _evaluate(booking)
    assert evaluate not in client.get(reverse("learning:my")).content.decode()


def test_the_persons_evaluations_are_in_their_download_and_deletion_keeps_only_the_rating(
    client, learner
):
    booking = _past_booking(learner)
    _evaluate(booking, usefulness=2, comment="The room was cold")
    client.force_login(learner)
    data = json.loads(client.get(reverse("partners:data_download_json")).content)
    assert data["learning_evaluations"][0]["comment"] == "The room was cold"
    partner_services.account_delete(actor=learner, user=learner)
    kept = Evaluation.objects.get()
    assert (kept.learner, kept.usefulness, kept.comment) == (None, 2, "")
