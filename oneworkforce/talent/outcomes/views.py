"""The outcomes dashboard, the printable board report and the same figures as CSV. Figures
only: no personal data appears on these pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oneworkforce.careers.figures import presenters as careers_presenters
from oneworkforce.careers.figures import selectors as careers_selectors
from oneworkforce.careers.schools import selectors as school_selectors
from oneworkforce.core.http import csv_response

from .. import access
from ..access import outcomes_reader
from . import presenters, selectors
from .forms import FilterForm


def _figures(request: HttpRequest) -> tuple[FilterForm, selectors.Outcomes, bool]:
    form = FilterForm(request.GET or None)
    figures = selectors.outcomes(form.filters(), today=timezone.localdate())
    return form, figures, not access.sees_sensitive(request.user)


def _careers(form: FilterForm) -> tuple[careers_selectors.Figures, school_selectors.Coverage]:
    """The careers figures (applications by source, time to start, starts by sector and by
    previous employment status, veterans, school coverage) since the report's start date, or
    for the last 12 months."""
    start = form.cleaned_data.get("start") if form.is_bound and form.is_valid() else None
    return careers_selectors.figures(since=start), school_selectors.coverage()


def _context(request: HttpRequest) -> dict[str, Any]:
    form, figures, suppress = _figures(request)
    retention_rows = {
        months: presenters.retention_text(row, suppress=False)
        for months, row in figures.retention.items()
    }
    breakdowns = {
        name: {
            months: [(r.group, *presenters.retention_text(r, suppress=suppress)) for r in rows]
            for months, rows in by_months.items()
        }
        for name, by_months in figures.retention_by.items()
    }
    charts = {
        name: presenters.retention_chart(by_months[12] or by_months[6], suppress=suppress)
        for name, by_months in figures.retention_by.items()
    }
    return {
        "form": form,
        "figures": figures,
        "suppress": suppress,
        "retention_rows": retention_rows,
        "breakdowns": breakdowns,
        "breakdown_charts": charts,
        "family_chart": presenters.count_chart(figures.by_family),
        "partner_chart": presenters.count_chart(figures.by_partner),
        "funnel_chart": presenters.count_chart(figures.funnel),
        "unemployed_share": presenters.percent(figures.unemployed_share),
        "query": request.GET.urlencode(),
        "today": timezone.localdate(),
    }


@outcomes_reader
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "talent/outcomes/dashboard.jinja", _context(request))


@outcomes_reader
@require_GET
def board_report(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    context["careers_figures"] = careers_presenters.page(*_careers(context["form"]))
    return render(request, "talent/outcomes/board_report.jinja", context)


@outcomes_reader
@require_GET
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    form, figures, suppress = _figures(request)
    return csv_response(
        f"talent-outcomes-{timezone.localdate().isoformat()}.csv",
        ["section", "group", "measure", "value"],
        presenters.csv_rows(figures, suppress=suppress)
        + careers_presenters.outcomes_csv_rows(*_careers(form)),
    )
