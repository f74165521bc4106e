"""Blocks of the year, and education providers' programmes, students and requests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..models import Programme
from . import presenters, selectors, services
from .forms import BlockForm, ProgrammeForm, RequestForm, StudentsForm

GET_POST = require_http_methods(["GET", "POST"])


def programme_url(programme: Programme) -> str:
    return reverse("placements:programme", kwargs={"pk": programme.pk})


@access.coordinator
@GET_POST
def blocks(request: HttpRequest) -> HttpResponse:
    form = BlockForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.block_add(actor=request.user, **data),
        success=lambda made: f"{made.name} has been added.",
        redirect_to="placements:blocks",
    )
    return done or render(
        request, "placements/demand/blocks.jinja", {"form": form, "blocks": selectors.blocks()}
    )


@access.organisation_admin
@GET_POST
def programme_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ProgrammeForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.programme_add(actor=request.user, provider=organisation, **data),
        success=lambda made: f"{made} has been added.",
        redirect_to=programme_url,
    )
    return done or render(
        request,
        "placements/demand/programme_form.jinja",
        {"form": form, "organisation": organisation},
    )


@access.programme_admin
@require_GET
def programme(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = selectors.programme_page(programme)
    return render(
        request,
        "placements/demand/programme.jinja",
        {
            "programme": page,
            "requirement": presenters.requirement_text(page.requirement),
            "request_rows": presenters.request_rows(selectors.requests_for(page)),
            "students": page.students.all(),
        },
    )


@access.programme_admin
@GET_POST
def request_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = RequestForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.request_submit(actor=request.user, programme=programme, **data),
        success="Your request for places has been submitted.",
        redirect_to=programme_url(programme),
    )
    return done or render(
        request, "placements/demand/request_form.jinja", {"form": form, "programme": programme}
    )


@access.programme_admin
@GET_POST
def students_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = StudentsForm(posted(request), request.FILES or None)
    done = submitted(
        request,
        form,
        lambda data: services.students_import(
            actor=request.user, programme=programme, data=data["file"].read()
        ),
        success=lambda count: f"{count} student(s) added or updated.",
        redirect_to=programme_url(programme),
    )
    return done or render(
        request, "placements/demand/students_form.jinja", {"form": form, "programme": programme}
    )
