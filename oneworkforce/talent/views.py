"""The talent hub's front page: what the hub does, for the public and for the people who run it.
The other pages live in part modules (see ``urls.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oneworkforce.core.permissions import public

from . import access


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "talent/home.jinja",
        {
            "is_coordinator": access.is_coordinator(user),
            "is_recruiter": user.is_authenticated and access.is_recruiter(user),
            "reads_outcomes": user.is_authenticated and access.reads_outcomes(user),
        },
    )
