"""The careers figures page and its CSV, for partnership admins, talent coordinators and
analysts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oneworkforce.core.http import csv_response

from .. import access
from ..schools import selectors as school_selectors
from . import presenters, selectors


@access.partnership_view
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    shown = presenters.page(selectors.figures(), school_selectors.coverage())
    return render(request, "careers/figures/figures.jinja", {"careers_figures": shown})


@access.partnership_view
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    rows = presenters.csv_rows(selectors.figures())
    return csv_response("careers-figures.csv", rows[0], rows[1:])
