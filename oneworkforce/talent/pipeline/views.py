"""Vacancies, applications, the work list, checkpoints and keys for partners' recruitment systems.

Every page needs a recruiter (a talent coordinator, a partnership admin or a partner admin);
rows are then fetched through ``access`` (404 for anything outside the person's partners), and
coordinator-only actions answer 403 to others.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.http import csv_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted, submitted

from .. import access, common
from ..access import coordinator, recruiter
from ..board.selectors import in_pipeline_order
from ..casework import selectors as casework_selectors
from ..csv_files import ImportProblems
from ..models import Application, OfferCondition
from . import presenters, selectors, services, vacancy_import
from .forms import (
    ApiKeyForm,
    CheckpointForm,
    ConditionMetForm,
    CsvFileForm,
    MoveForm,
    PutForwardForm,
    ScreeningForm,
    VacancyForm,
    vacancy_arguments,
)

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"talent/pipeline/{template}", context)


def _application(request: HttpRequest, pk: int) -> Application:
    return selectors.application_for(request.user, pk=pk)


# Vacancies ---------------------------------------------------------------------------------------


@recruiter
@require_GET
def vacancies(request: HttpRequest) -> HttpResponse:
    found = access.vacancies_for(request.user).order_by("-is_open", "organisation__name", "title")
    return _page(request, "vacancies.jinja", vacancies=found[:500])


@recruiter
@GET_POST
def vacancy_add(request: HttpRequest) -> HttpResponse:
    form = VacancyForm(posted(request), organisations=access.organisations_for(request.user))
    done = submitted(
        request,
        form,
        lambda data: services.vacancy_save(actor=request.user, **vacancy_arguments(data)),
        success="The vacancy has been added.",
        redirect_to=lambda saved: reverse("talent:vacancy", kwargs={"pk": saved.pk}),
    )
    if done is not None:
        return done
    return _page(request, "vacancy_form.jinja", form=form, vacancy=None)


@recruiter
@require_GET
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.vacancy_for(request.user, pk=pk)
    visible = in_pipeline_order(access.applications_for(request.user).filter(vacancy=found))
    return _page(
        request,
        "vacancy.jinja",
        vacancy=found,
        applications=visible,
        matches=selectors.pool_for(found) if access.is_coordinator(request.user) else None,
    )


@recruiter
@GET_POST
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.vacancy_for(request.user, pk=pk)
    initial = {name: getattr(found, name) for name in services.VACANCY_FIELDS}
    form = VacancyForm(
        posted(request),
        organisations=access.organisations_for(request.user),
        editing=True,
        initial=initial,
    )
    done = submitted(
        request,
        form,
        lambda data: services.vacancy_save(
            actor=request.user,
            vacancy=found,
            organisation=found.organisation,
            **vacancy_arguments(data),
        ),
        success="The vacancy has been saved.",
        redirect_to=reverse("talent:vacancy", kwargs={"pk": found.pk}),
    )
    if done is not None:
        return done
    return _page(request, "vacancy_form.jinja", form=form, vacancy=found)


@recruiter
@GET_POST
def vacancies_import(request: HttpRequest) -> HttpResponse:
    form = CsvFileForm(posted(request), request.FILES or None)
    problems: list[str] = []
    if form.is_valid():
        try:
            result = vacancy_import.vacancies_import(
                actor=request.user,
                data=form.cleaned_data["file"],
                organisations=access.organisations_for(request.user),
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            messages.success(
                request,
                f"{result.added} vacancies added and {result.updated} updated from the file.",
            )
            return redirect("talent:vacancies")
    return render(
        request,
        "talent/import.jinja",
        {
            "form": form,
            "problems": problems,
            "columns": vacancy_import.COLUMNS,
            "heading": "Import vacancies from a file",
            "noun": "vacancy",
            "note": "A line with the same partner and reference as a vacancy already here updates "
            "that vacancy.",
            "template_href": reverse("talent:vacancies_import_template"),
            "back_href": reverse("talent:vacancies"),
            "back_text": "Vacancies",
        },
    )


@recruiter
@require_GET
def vacancies_import_template(request: HttpRequest) -> HttpResponse:
    header, rows = vacancy_import.template()
    return csv_response("vacancies-template.csv", header, rows)


# Applications --------------------------------------------------------------------------------


@coordinator
@GET_POST
def put_forward(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = casework_selectors.current_candidate_for(request.user, pk=pk)
    taken = candidate.applications.values_list("vacancy_id", flat=True)
    choices = selectors.open_vacancies(timezone.localdate()).exclude(pk__in=taken)
    form = PutForwardForm(posted(request), vacancies=choices)
    if form.is_valid():
        try:
            for chosen in form.cleaned_data["vacancies"]:
                services.application_create(
                    actor=request.user,
                    candidate=candidate,
                    vacancy=chosen,
                    note=form.cleaned_data["note"],
                )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{candidate.full_name} has been put forward.")
            return redirect("talent:candidate", pk=candidate.pk)
    return _page(request, "put_forward.jinja", form=form, candidate=candidate)


def _application_page(
    request: HttpRequest, found: Application, form: MoveForm | None = None
) -> HttpResponse:
    moves = selectors.moves_for(request.user, found)
    common.audit_viewed(actor=request.user, candidate=found.candidate, what="application")
    return _page(
        request,
        "application.jinja",
        application=found,
        steps=presenters.steps_row(found.state, selectors.reached_states(found)),
        history=found.steps.select_related("actor"),
        conditions=found.conditions.all(),
        screening=found.screening.select_related("question"),
        checkpoints=found.checkpoints.select_related("moved_to"),
        notes=found.case_notes.select_related("author"),
        interviews=found.interviews.all(),
        form=form or (MoveForm(moves=moves) if moves else None),
        condition_forms=_condition_forms(found),
        can_screen=presenters.can_screen(
            found.state, coordinator=access.is_coordinator(request.user)
        ),
        today=timezone.localdate(),
    )


def _condition_forms(found: Application) -> list[tuple[OfferCondition, ConditionMetForm]]:
    """One small form per check still to do, each with its own ids on the page."""
    if found.state != "offer":
        return []
    forms = []
    for condition in found.conditions.filter(met_on__isnull=True):
        form = ConditionMetForm(auto_id=f"condition-{condition.pk}-%s")
        form.fields["met_on"].label = f"{condition.get_kind_display()}: date completed"
        forms.append((condition, form))
    return forms


@recruiter
@require_GET
def application(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, _application(request, pk))


@recruiter
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    form = MoveForm(request.POST, moves=selectors.moves_for(request.user, found))
    done = submitted(
        request,
        form,
        lambda data: services.application_move(
            actor=request.user,
            application=found,
            to=data["to"],
            reason=data["reason"],
            on=data["on"],
            conditions=[services.ConditionInput(kind=k) for k in data["conditions"]],
            left_reason=data["left_reason"],
        ),
        success="The application has moved on.",
        redirect_to=reverse("talent:application", kwargs={"pk": found.pk}),
    )
    if done is not None:
        return done
    return _application_page(request, found, form)


@recruiter
@require_POST
def condition_met(request: HttpRequest, pk: int) -> HttpResponse:
    condition = selectors.condition_for(request.user, pk=pk)
    form = ConditionMetForm(request.POST)
    if form.is_valid():
        try:
            services.condition_met(
                actor=request.user, condition=condition, met_on=form.cleaned_data["met_on"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{condition.get_kind_display()} recorded as done.")
    else:
        messages.error(request, "Enter the date the check was completed, like 27 3 2026")
    return redirect("talent:application", pk=condition.application_id)


@coordinator
@GET_POST
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    questions = selectors.screening_questions()
    form = ScreeningForm(posted(request), questions=questions)
    done = submitted(
        request,
        form,
        lambda data: services.screening_save(
            actor=request.user, application=found, answers=form.answers()
        ),
        success="The screening has been recorded.",
        redirect_to=reverse("talent:application", kwargs={"pk": found.pk}),
    )
    if done is not None:
        return done
    return _page(request, "screen.jinja", form=form, application=found)


# Work list and checkpoints -------------------------------------------------------------------


@recruiter
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return _page(
        request,
        "worklist.jinja",
        work=selectors.worklist(request.user, today=today),
        today=today,
    )


@recruiter
@require_GET
def checkpoints(request: HttpRequest) -> HttpResponse:
    found = selectors.checkpoints_for(request.user).order_by("outcome", "due_on", "pk")
    return _page(request, "checkpoints.jinja", checkpoints=found[:500], today=timezone.localdate())


@recruiter
@GET_POST
def checkpoint_record(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.checkpoint_for(request.user, pk=pk)
    if not access.can_record_checkpoint(request.user, found):
        raise PermissionDenied
    form = CheckpointForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.checkpoint_record(actor=request.user, checkpoint=found, **data),
        success=f"The {found.months}-month checkpoint has been recorded.",
        redirect_to=reverse("talent:application", kwargs={"pk": found.application_id}),
    )
    if done is not None:
        return done
    return _page(request, "checkpoint_form.jinja", form=form, checkpoint=found)


# Keys for partners' systems ------------------------------------------------------------------


@recruiter
@GET_POST
def api_keys(request: HttpRequest) -> HttpResponse:
    organisations = access.organisations_for(request.user)
    form = ApiKeyForm(posted(request), organisations=organisations)
    raw = None
    if form.is_valid():
        _, raw = services.ats_key_create(actor=request.user, **form.cleaned_data)
        form = ApiKeyForm(organisations=organisations)
    keys = selectors.ats_keys_for(organisations)
    return _page(request, "api_keys.jinja", form=form, keys=keys, raw=raw)


@recruiter
@require_POST
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    key = selectors.ats_key_for(request.user, pk=pk)
    try:
        services.ats_key_revoke(actor=request.user, key=key)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The key “{key.name}” has been revoked.")
    return redirect("talent:api_keys")


# Matching --------------------------------------------------------------------------------------


@coordinator
@require_GET
def candidate_matches(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.matchable_candidate(pk=pk)
    return _page(
        request,
        "candidate_matches.jinja",
        candidate=candidate,
        matches=selectors.vacancies_for(candidate),
    )
