"""The talent hub's front page: what the hub does, for the public and for the people who run it.
The other pages live in part modules (see ``urls.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from oneworkforce.core.permissions import public

from . import access

PUBLIC = (
    ("Tell us you are interested in working in health and care", "talent:join_general"),
    ("Recruitment fairs and open days", "talent:events"),
    ("Check where your application is", "talent:status_request"),
)
COORDINATOR = (
    ("Candidates", "talent:candidates"),
    ("Outreach campaigns", "talent:campaigns"),
)
RECRUITER = (
    ("Work list: what is due and overdue", "talent:worklist"),
    ("Vacancies", "talent:vacancies"),
    ("Retention checkpoints", "talent:checkpoints"),
    ("Keys for your recruitment system", "talent:api_keys"),
)
OUTCOMES = (("Outcomes dashboard", "talent:dashboard"),)


def _links(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(text, reverse(name)) for text, name in pairs]


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    staff: list[tuple[str, str]] = []
    if user.is_authenticated:
        if access.is_coordinator(user):
            staff += _links(COORDINATOR)
        elif access.is_recruiter(user):
            staff += _links(
                (
                    ("Candidates put forward to your vacancies", "talent:candidates"),
                    ("Outreach campaigns your partner takes part in", "talent:campaigns"),
                )
            )
        if access.is_recruiter(user):
            staff += _links(RECRUITER)
        if access.reads_outcomes(user):
            staff += _links(OUTCOMES)
    return render(
        request,
        "talent/home.jinja",
        {"public_links": _links(PUBLIC), "staff_links": staff},
    )
