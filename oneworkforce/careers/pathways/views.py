"""Careers pages: every role of health and care with the pathways between them, and a role's
own page (what the work is like, ways in, pay, where it can lead, jobs and learning)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access
from . import presenters, selectors


@access.public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    catalogue = selectors.catalogue()
    return render(
        request,
        "careers/pathways/index.jinja",
        {
            "stages": presenters.roles_by_stage(catalogue),
            "role_count": len(catalogue.roles),
            "can_view_figures": request.user.is_authenticated and access.can_view(request.user),
            "pathways": [
                presenters.pathway_picture(p, catalogue, n)
                for n, p in enumerate(catalogue.pathways, start=1)
            ],
        },
    )


@access.public
@require_GET
def role(request: HttpRequest, code: str) -> HttpResponse:
    catalogue = selectors.catalogue()
    found = selectors.role_for(code=code)
    return render(
        request, "careers/pathways/role.jinja", {"role": presenters.role_page(found, catalogue)}
    )
