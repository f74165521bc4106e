"""The decisions front page: links into each part, recurring themes and the latest rounds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oneworkforce.core.permissions import signed_in

from . import access
from .needs import selectors as need_selectors
from .rounds import selectors as round_selectors


@signed_in
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/home.jinja",
        {
            "themes": need_selectors.recurring_themes(),
            "rounds": round_selectors.rounds()[:5],
            "can_lead": access.can_lead_faculty(request.user),
            "can_set_values": access.is_partnership_admin(request.user),
        },
    )
