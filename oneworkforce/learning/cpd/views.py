"""A person's own CPD pages under ``/learning/my/cpd/``: the log, its entries, reflective
accounts, the revalidation summary and its downloads (audited). Only ever the signed-in
person's own: nobody else sees a CPD log, so there is no page for anyone else's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import csv_response, file_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..models import CpdEntry, Reflection
from . import pdf, presenters, selectors, services
from .forms import EntryForm, PlanForm, ReflectionForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/cpd/{template}", context)


@access.signed_in
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    person = request.user
    plan, summary = selectors.summary(person, timezone.localdate())
    return _page(
        request,
        "log.jinja",
        plan=plan,
        entries=presenters.entry_rows(selectors.my_entries(person)),
        reflections=presenters.reflection_rows(selectors.my_reflections(person)),
        summary=presenters.summary_view(summary),
    )


def _form(
    request: HttpRequest, form: Any, save: Any, success: str, template: str, **context: Any
) -> HttpResponse:
    """The form flow every CPD form shares: saved, back to the log; else the form again."""
    done = submitted(request, form, save, success=success, redirect_to="learning:cpd")
    return done or _page(request, template, form=form, **context)


def _save_entry(request: HttpRequest, entry: CpdEntry | None) -> HttpResponse:
    form = EntryForm(posted(request), initial=EntryForm.initial_from(entry) if entry else None)
    return _form(
        request,
        form,
        lambda data: services.cpd_entry_save(actor=request.user, entry=entry, **data),
        "Saved in your CPD log.",
        "entry_form.jinja",
        entry=entry,
    )


@access.signed_in
@GET_POST
def entry_add(request: HttpRequest) -> HttpResponse:
    return _save_entry(request, None)


@access.signed_in
@GET_POST
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_entry(request, selectors.own_entry(person=request.user, pk=pk))


@access.signed_in
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.own_entry(person=request.user, pk=pk)
    try:
        services.cpd_entry_delete(actor=request.user, entry=entry)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Deleted from your CPD log: {entry.title}.")
    return redirect("learning:cpd")


def _save_reflection(request: HttpRequest, reflection: Reflection | None) -> HttpResponse:
    initial = (
        {
            "written_on": reflection.written_on,
            "entry": reflection.entry,
            "nature": reflection.nature,
            "learnt": reflection.learnt,
            "practice_change": reflection.practice_change,
            "themes": reflection.themes,
            "code_relation": reflection.code_relation,
        }
        if reflection
        else {"written_on": timezone.localdate(), "entry": request.GET.get("entry")}
    )
    form = ReflectionForm(posted(request), person=request.user, initial=initial)
    return _form(
        request,
        form,
        lambda data: services.reflection_save(actor=request.user, reflection=reflection, **data),
        "Your reflective account is saved.",
        "reflection_form.jinja",
        reflection=reflection,
    )


@access.signed_in
@GET_POST
def reflection_add(request: HttpRequest) -> HttpResponse:
    return _save_reflection(request, None)


@access.signed_in
@GET_POST
def reflection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_reflection(request, selectors.own_reflection(person=request.user, pk=pk))


@access.signed_in
@GET_POST
def revalidation(request: HttpRequest) -> HttpResponse:
    person = request.user
    plan, summary = selectors.summary(person, timezone.localdate())
    initial = {"preset": plan.preset, "renewal_on": plan.renewal_on} if plan else {}
    # No preset is chosen for someone who has not said: the choices are equals.
    form = PlanForm(posted(request), initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.revalidation_plan_set(actor=person, **data),
        success="Your renewal date is saved.",
        redirect_to="learning:cpd_revalidation",
    )
    return done or _page(
        request,
        "revalidation.jinja",
        form=form,
        plan=plan,
        summary=presenters.summary_view(summary),
    )


@access.signed_in
@require_GET
def revalidation_pdf(request: HttpRequest) -> HttpResponse:
    person = request.user
    plan, summary = selectors.summary(person, timezone.localdate())
    personal_data.download_record(actor=person, subject=person, what="CPD summary (PDF)")
    view = presenters.summary_view(summary)
    lines = [
        f"Measured against: {summary.preset.name}.",
        f"Renewal date: {summary.end:%-d %B %Y}"
        + ("" if plan else " (no renewal date saved: measured to today)")
        + f". CPD counted from {view['window']}: {summary.entries} entries.",
    ]
    entries = [e for e in selectors.my_entries(person) if summary.start <= e.done_on <= summary.end]
    reflections = [
        r for r in selectors.my_reflections(person) if summary.start <= r.written_on <= summary.end
    ]
    body = pdf.revalidation(
        person=person.display_name,
        generated=timezone.localtime(),
        lines=lines,
        sections=[
            ("Summary", presenters.summary_table(summary)),
            ("CPD log", presenters.entry_table(entries)),
            ("Reflective accounts", presenters.reflection_table(reflections)),
        ],
    )
    return file_response(body, "application/pdf", "cpd-revalidation-summary.pdf")


@access.signed_in
@require_GET
def log_csv(request: HttpRequest) -> HttpResponse:
    person = request.user
    personal_data.download_record(actor=person, subject=person, what="CPD log (CSV)")
    lines = presenters.csv_lines(selectors.my_entries(person), selectors.my_reflections(person))
    return csv_response("cpd-log.csv", lines[0], lines[1:])
