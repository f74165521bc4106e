"""A vacancy's board by stage, and interviews booked from it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.viewhelpers import posted, submitted

from ..access import recruiter
from ..pipeline import selectors as pipeline_selectors
from . import presenters, selectors, services
from .forms import CaseNoteForm, InterviewForm, OutcomeForm

GET_POST = require_http_methods(["GET", "POST"])


@recruiter
@require_GET
def board(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = pipeline_selectors.vacancy_for(request.user, pk=pk)
    applications = selectors.board(request.user, vacancy)
    return render(
        request,
        "talent/board/board.jinja",
        {
            "vacancy": vacancy,
            "columns": presenters.columns(
                applications, timezone.localdate(), order=selectors.ORDER
            ),
        },
    )


@recruiter
@GET_POST
def interview_book(request: HttpRequest, pk: int) -> HttpResponse:
    application = pipeline_selectors.application_for(request.user, pk=pk)
    form = InterviewForm(posted(request), panel=selectors.panel_choices(application.vacancy))
    board_url = reverse("talent:board", kwargs={"pk": application.vacancy_id})
    done = submitted(
        request,
        form,
        lambda data: services.interview_book(
            actor=request.user,
            application=application,
            starts_at=data["starts_at"],
            minutes=data["minutes"],
            place=data["place"],
            link=data["link"],
            panel=data["panel"],
        ),
        success=lambda interview: (
            "The interview is booked"
            + (
                " and the candidate has been sent the details by e-mail."
                if interview.candidate_told_at
                else ". The candidate has no e-mail address: tell them by phone."
            )
        ),
        redirect_to=board_url,
    )
    if done is not None:
        return done
    return render(
        request,
        "talent/board/interview_book.jinja",
        {"form": form, "application": application, "back": board_url},
    )


@recruiter
@GET_POST
def interview_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_for(request.user, pk=pk)
    form = OutcomeForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.interview_outcome(
            actor=request.user, interview=interview, outcome=data["outcome"], note=data["note"]
        ),
        success="The outcome has been recorded.",
        redirect_to=reverse("talent:application", kwargs={"pk": interview.application_id}),
    )
    if done is not None:
        return done
    return render(
        request, "talent/board/interview_outcome.jinja", {"form": form, "interview": interview}
    )


@recruiter
@GET_POST
def case_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = pipeline_selectors.application_for(request.user, pk=pk)
    form = CaseNoteForm(posted(request))
    back = reverse("talent:application", kwargs={"pk": application.pk})
    done = submitted(
        request,
        form,
        lambda data: services.case_note_add(
            actor=request.user, application=application, way=data["way"], text=data["text"]
        ),
        success="The note has been added.",
        redirect_to=back,
    )
    if done is not None:
        return done
    return render(
        request,
        "talent/board/case_note.jinja",
        {"form": form, "application": application, "back": back},
    )
