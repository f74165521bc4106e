"""The outcomes dashboard, the printable board report and the same figures as CSV. Figures
only: no personal data appears on these pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from oneworkforce.core.forms import DateField, ModelChoiceField
from oneworkforce.core.http import csv_response
from oneworkforce.partners.models import Organisation

from . import access, outcomes
from .access import outcomes_reader
from .casework_forms import campaign_filter


class FilterForm(forms.Form):
    start = DateField(label="From (optional)", required=False)
    end = DateField(label="To (optional)", required=False)
    campaign = campaign_filter("Campaign")
    organisation = ModelChoiceField(
        label="Partner (for starts and retention)",
        queryset=Organisation.objects.filter(talent_vacancies__isnull=False)
        .distinct()
        .order_by("name"),
        required=False,
        empty_label="Every partner",
        error_messages={"invalid_choice": "Choose a partner from the list"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end of the period must be after its start")
        return data

    def filters(self) -> outcomes.Filters:
        if not self.is_valid():
            return outcomes.Filters()
        data = self.cleaned_data
        return outcomes.Filters(
            start=data.get("start"),
            end=data.get("end"),
            campaign_id=data["campaign"].pk if data.get("campaign") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
        )


def _figures(request: HttpRequest) -> tuple[FilterForm, outcomes.Outcomes, bool]:
    form = FilterForm(request.GET or None)
    figures = outcomes.outcomes(form.filters(), today=timezone.localdate())
    return form, figures, not access.sees_sensitive(request.user)


def _context(request: HttpRequest) -> dict[str, Any]:
    form, figures, suppress = _figures(request)
    retention_rows = {
        months: outcomes.retention_text(row, suppress=False)
        for months, row in figures.retention.items()
    }
    breakdowns = {
        name: {
            months: [(r.group, *outcomes.retention_text(r, suppress=suppress)) for r in rows]
            for months, rows in by_months.items()
        }
        for name, by_months in figures.retention_by.items()
    }
    charts = {
        name: outcomes.retention_chart(by_months[12] or by_months[6], suppress=suppress)
        for name, by_months in figures.retention_by.items()
    }
    return {
        "form": form,
        "figures": figures,
        "suppress": suppress,
        "retention_rows": retention_rows,
        "breakdowns": breakdowns,
        "breakdown_charts": charts,
        "role_chart": outcomes.count_chart(figures.by_role),
        "partner_chart": outcomes.count_chart(figures.by_partner),
        "funnel_chart": outcomes.count_chart(figures.funnel),
        "unemployed_share": outcomes.percent(figures.unemployed_share),
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
    return render(request, "talent/outcomes/board_report.jinja", _context(request))


@outcomes_reader
@require_GET
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    _, figures, suppress = _figures(request)
    return csv_response(
        f"talent-outcomes-{timezone.localdate().isoformat()}.csv",
        ["section", "group", "measure", "value"],
        outcomes.csv_rows(figures, suppress=suppress),
    )


urlpatterns = [
    path("outcomes/", dashboard, name="dashboard"),
    path("outcomes/board-report", board_report, name="board_report"),
    path("outcomes/outcomes.csv", outcomes_csv, name="outcomes_csv"),
]
