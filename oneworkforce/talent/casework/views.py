"""The candidate record. Coordinators see and change everything; partner admins and the
partnership admin see a candidate only once put forward to their vacancies, and then only contact
details, interests, qualifications and their own applications. Every view of a candidate's
page is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.http import csv_response
from oneworkforce.core.presenters import paginate, pagination, query_without_page
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted, submitted

from .. import access, common
from ..access import coordinator, recruiter
from ..csv_files import ImportProblems
from ..models import Candidate, Intervention, Qualification
from ..pipeline.forms import CsvFileForm
from . import candidate_import, presenters, selectors, services
from .forms import (
    CandidateForm,
    CandidateSearchForm,
    CircumstancesForm,
    EqualityForm,
    InterventionForm,
    QualificationForm,
    communities_of,
)

GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 50


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"talent/casework/{template}", context)


def _candidate(request: HttpRequest, pk: int) -> Candidate:
    return selectors.candidate_for(request.user, pk=pk)


def _current(request: HttpRequest, pk: int) -> Candidate:
    return selectors.current_candidate_for(request.user, pk=pk)


@recruiter
@require_GET
def candidates(request: HttpRequest) -> HttpResponse:
    sensitive = access.sees_sensitive(request.user)
    visible = access.candidates_for(request.user)
    form = CandidateSearchForm(
        request.GET or None, sensitive=sensitive, communities=communities_of(visible)
    )
    criteria = form.criteria()
    page = paginate(request, selectors.search(request.user, **criteria), PAGE_SIZE)
    shown = list(page.object_list)
    by = [
        f"{name} {dict(form.fields[name].choices)[criteria[name]]}"
        for name in ("cohort", "barrier")
        if sensitive and criteria[name]
    ]
    for each in shown if by else []:
        # A list narrowed by a special-category answer shows it about everyone listed.
        common.audit_viewed(actor=request.user, candidate=each, what="listed by " + ", ".join(by))
    return _page(
        request,
        "candidates.jinja",
        form=form,
        candidates=shown,
        total=page.paginator.count,
        pagination=pagination(page, query_without_page(request)),
        filtered=any(criteria.values()),
        is_coordinator=access.is_coordinator(request.user),
    )


@recruiter
@require_GET
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    found = _candidate(request, pk)
    sensitive = access.sees_sensitive(request.user)
    common.audit_viewed(
        actor=request.user, candidate=found, what="record and sensitive" if sensitive else "record"
    )
    context: dict[str, Any] = {
        "candidate": found,
        "sensitive": sensitive,
        "applications": access.applications_for(request.user)
        .filter(candidate=found)
        .order_by("-created_at"),
        "qualifications": found.qualifications.select_related(
            "provider", "completion__opportunity"
        ),
    }
    if sensitive:
        context.update(
            cohorts=found.cohorts.all(),
            barriers=found.barriers.all(),
            equality=presenters.equality_rows(getattr(found, "equality", None)),
            interventions=found.interventions.select_related("organisation"),
            registrations=found.event_registrations.select_related("event"),
        )
    return _page(request, "candidate.jinja", **context)


@coordinator
@GET_POST
def candidate_add(request: HttpRequest) -> HttpResponse:
    form = CandidateForm(posted(request), adding=True)
    if form.is_valid():
        try:
            added = services.candidate_add(
                actor=request.user,
                data=form.details(),
                lawful_basis=form.cleaned_data["lawful_basis"],
                consent_on=form.cleaned_data["consent_on"],
                merge=form.cleaned_data["merge"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            if not added.merged:
                messages.success(request, "Candidate added.")
            elif added.also_matches is None:
                messages.success(request, "The details were added to the existing record.")
            else:
                messages.warning(
                    request,
                    "The details were added to the existing record, but not the other contact "
                    f"detail: {added.also_matches.reference} has it. Check whether they are the "
                    "same person.",
                )
            return redirect("talent:candidate", pk=added.candidate.pk)
    return _page(request, "candidate_form.jinja", form=form, candidate=None)


@coordinator
@GET_POST
def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _current(request, pk)
    initial = {name: getattr(found, name) for name in services.DETAIL_FIELDS}
    form = CandidateForm(posted(request), adding=False, initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.candidate_update(
            actor=request.user, candidate=found, data=form.details()
        ),
        success="The details have been saved.",
        redirect_to=reverse("talent:candidate", kwargs={"pk": found.pk}),
    )
    if done is not None:
        return done
    return _page(request, "candidate_form.jinja", form=form, candidate=found)


def _record_form(
    request: HttpRequest,
    found: Candidate,
    form: Any,
    save: Callable[[], object],
    *,
    done: str,
    heading: str,
) -> HttpResponse:
    """A form on a candidate's record: ``save`` (one service call) once the form is valid,
    then back to the record; a refusal is shown on the field it names."""
    response = submitted(
        request,
        form,
        lambda data: save(),
        success=done,
        redirect_to=reverse("talent:candidate", kwargs={"pk": found.pk}),
    )
    if response is not None:
        return response
    return _page(request, "form.jinja", form=form, candidate=found, heading=heading)


@coordinator
@GET_POST
def candidate_circumstances(request: HttpRequest, pk: int) -> HttpResponse:
    found = _current(request, pk)
    initial: dict[str, Any] = {
        "cohorts": list(found.cohorts.values_list("cohort", flat=True)),
        "barriers": [b.kind for b in found.barriers.all()],
    }
    for barrier in found.barriers.all():
        initial[f"note_{barrier.kind}"] = barrier.note
        initial[f"resolved_{barrier.kind}"] = barrier.resolved_on
    form = CircumstancesForm(posted(request), initial=initial)
    return _record_form(
        request,
        found,
        form,
        lambda: services.circumstances_save(
            actor=request.user,
            candidate=found,
            cohorts=form.cleaned_data["cohorts"],
            barriers=form.barrier_notes(),
            resolved=form.resolved(),
        ),
        done="Cohorts and barriers have been saved.",
        heading="Cohorts and barriers",
    )


@coordinator
@GET_POST
def candidate_equality(request: HttpRequest, pk: int) -> HttpResponse:
    found = _current(request, pk)
    record = getattr(found, "equality", None)
    initial = {n: getattr(record, n) for n in services.EQUALITY_FIELDS} if record else {}
    form = EqualityForm(posted(request), initial=initial)
    return _record_form(
        request,
        found,
        form,
        lambda: services.equality_save(
            actor=request.user, candidate=found, answers=form.cleaned_data
        ),
        done="Equality monitoring has been saved.",
        heading="Equality monitoring",
    )


def _intervention_page(
    request: HttpRequest, found: Candidate, existing: Intervention | None
) -> HttpResponse:
    initial = {n: getattr(existing, n) for n in InterventionForm.base_fields} if existing else {}
    form = InterventionForm(posted(request), initial=initial)
    return _record_form(
        request,
        found,
        form,
        lambda: services.intervention_save(
            actor=request.user, candidate=found, intervention=existing, **form.cleaned_data
        ),
        done="The support has been saved.",
        heading="Change the support" if existing else "Add support",
    )


@coordinator
@GET_POST
def intervention_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_page(request, _current(request, pk), None)


@coordinator
@GET_POST
def intervention_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    found = _current(request, pk)
    return _intervention_page(request, found, selectors.intervention_of(found, pk=item))


def _qualification_page(
    request: HttpRequest, found: Candidate, existing: Qualification | None
) -> HttpResponse:
    initial = {n: getattr(existing, n) for n in QualificationForm.base_fields} if existing else {}
    form = QualificationForm(
        posted(request), completions=selectors.completions_for(found), initial=initial
    )
    return _record_form(
        request,
        found,
        form,
        lambda: services.qualification_save(
            actor=request.user, candidate=found, qualification=existing, **form.cleaned_data
        ),
        done="The qualification has been saved.",
        heading="Change the qualification" if existing else "Add a qualification",
    )


@coordinator
@GET_POST
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _qualification_page(request, _current(request, pk), None)


@coordinator
@GET_POST
def qualification_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    found = _current(request, pk)
    return _qualification_page(request, found, selectors.qualification_of(found, pk=item))


@coordinator
@GET_POST
def candidates_import(request: HttpRequest) -> HttpResponse:
    form = CsvFileForm(posted(request), request.FILES or None)
    problems: list[str] = []
    if form.is_valid():
        try:
            added = candidate_import.candidates_import(
                actor=request.user, data=form.cleaned_data["file"]
            )
        except ImportProblems as error:
            problems = error.problems
        else:
            messages.success(request, f"{added} candidates added from the file.")
            return redirect("talent:candidates")
    return render(
        request,
        "talent/import.jinja",
        {
            "form": form,
            "problems": problems,
            "columns": candidate_import.COLUMNS,
            "heading": "Import candidates from a file",
            "noun": "person",
            "note": "Someone already held, or given twice, is named so you can add their details "
            "on their page instead.",
            "template_href": reverse("talent:candidates_import_template"),
            "back_href": reverse("talent:candidates"),
            "back_text": "Candidates",
        },
    )


@coordinator
@require_GET
def candidates_import_template(request: HttpRequest) -> HttpResponse:
    header, rows = candidate_import.template()
    return csv_response("candidates-template.csv", header, rows)
