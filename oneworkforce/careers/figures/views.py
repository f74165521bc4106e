"""The careers figures page and its CSV, for partnership admins, talent coordinators and
analysts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oneworkforce.core.http import csv_response

from .. import access
from ..schools import presenters as school_presenters
from ..schools import selectors as school_selectors
from . import presenters, selectors


@access.partnership_view
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    found = selectors.figures()
    return render(
        request,
        "careers/figures/figures.jinja",
        {
            "since": found.since,
            "heads": presenters.heads,
            "source_rows": presenters.source_rows(found),
            "source_chart": presenters.source_chart(found),
            "start_rows": presenters.start_rows(found),
            "status_rows": presenters.status_rows(found),
            "veteran_rows": presenters.veteran_rows(found),
            "coverage": school_presenters.coverage_figures(school_selectors.coverage()),
        },
    )


@access.partnership_view
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    rows = presenters.csv_rows(selectors.figures())
    return csv_response("careers-figures.csv", rows[0], rows[1:])
