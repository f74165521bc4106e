"""Needs pages: the list with its evidence, recording a need, grouping needs into themes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.permissions import signed_in
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from . import presenters, selectors, services
from .forms import NeedForm, NeedLinkForm

GET_POST = require_http_methods(["GET", "POST"])


@signed_in
@require_GET
def needs(request: HttpRequest) -> HttpResponse:
    faculty = request.GET.get("faculty", "")
    found = list(selectors.needs(faculty))
    return render(
        request,
        "decisions/needs/needs.jinja",
        {
            "needs": found,
            "evidence": presenters.need_evidence(
                [n.pk for n in found], selectors.need_figures(found)
            ),
            "faculties": selectors.active_faculties(),
            "chosen": faculty,
            "can_lead": access.can_lead_faculty(request.user),
            "sector_names": presenters.sector_names,
        },
    )


@access.faculty_lead
@GET_POST
def need_add(request: HttpRequest) -> HttpResponse:
    form = NeedForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.need_record(actor=request.user, **data),
        success="The need has been recorded.",
        redirect_to="decisions:needs",
    )
    if done is not None:
        return done
    return render(request, "decisions/needs/need_add.jinja", {"form": form})


@access.faculty_lead
@GET_POST
def themes(request: HttpRequest) -> HttpResponse:
    form = NeedLinkForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.need_pair_decide(
            actor=request.user,
            first=data["first"],
            second=data["second"],
            related=data["decision"] == "related",
            theme_name=data["theme"],
        ),
        success="Thank you: your decision has been recorded.",
        redirect_to="decisions:themes",
    )
    if done is not None:
        return done
    return render(
        request,
        "decisions/needs/themes.jinja",
        {
            "form": form,
            "suggestions": selectors.suggested_groupings(),
            "recurring": selectors.recurring_themes(),
        },
    )
