"""The front door at ``/``: it leads a visitor to jobs, careers and learning first; the
partnership's partners, frameworks and faculties stay one step away."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access
from . import selectors


@access.public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "careers/front/home.jinja", selectors.front_door())
