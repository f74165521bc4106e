"""Capacity against demand for the partnership and each partner (page and CSV), and a
partner's placements page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oneworkforce.core.http import csv_response
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation

from .. import access
from ..allocation import presenters as allocation_presenters
from ..allocation import selectors as allocation_selectors
from ..demand import selectors as demand_selectors
from ..environments import presenters as environment_presenters
from ..environments import selectors as environment_selectors
from . import presenters, selectors


def _chosen_block(request: HttpRequest) -> Any:
    value = request.GET.get("block", "")
    return allocation_selectors.block(int(value)) if value.isdigit() else None


def _figures(organisation: Organisation | None, block: Any) -> dict[str, Any]:
    figures = selectors.capacity(organisation, block)
    tables = presenters.by_dimension(figures)
    today = timezone.localdate()
    return {
        "totals": presenters.totals(figures),
        "tables": [dict(t, table_rows=presenters.table_rows(t["rows"])) for t in tables],
        "growth": presenters.growth_rows(figures),
        "setting_chart": presenters.setting_chart(tables),
        "unmet_chart": presenters.unmet_chart(tables),
        "supervision": environment_presenters.supervision_growth(
            selectors.supervision_rows(organisation), environment_presenters.quarters_to(today)
        ),
        "blocks": selectors.blocks(),
        "chosen": block,
    }


@access.signed_in
@require_GET
def capacity(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placements/capacity/capacity.jinja",
        {"organisation": None, **_figures(None, _chosen_block(request))},
    )


@access.signed_in
@require_GET
def capacity_csv(request: HttpRequest) -> HttpResponse:
    tables = presenters.by_dimension(selectors.capacity(None, _chosen_block(request)))
    return csv_response(
        "placement-capacity.csv", presenters.CSV_HEADER, presenters.csv_rows(tables)
    )


@access.organisation_admin
@require_GET
def partner_capacity(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return render(
        request,
        "placements/capacity/capacity.jinja",
        {"organisation": organisation, **_figures(organisation, _chosen_block(request))},
    )


@access.organisation_admin
@require_GET
def partner_capacity_csv(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    tables = presenters.by_dimension(selectors.capacity(organisation, _chosen_block(request)))
    return csv_response(
        f"placement-capacity-{organisation.slug}.csv",
        presenters.CSV_HEADER,
        presenters.csv_rows(tables),
    )


@access.organisation_admin
@require_GET
def partner(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "placements/capacity/partner.jinja",
        {
            "organisation": organisation,
            "environment_rows": [
                environment_presenters.environment_row(e, today)
                for e in environment_selectors.environments(organisation)
            ],
            "programmes": demand_selectors.programmes(organisation),
            "is_education": organisation.sector == Sector.EDUCATION,
            "to_confirm": allocation_presenters.placement_rows(
                p
                for p in allocation_selectors.to_confirm(request.user)
                if organisation.pk
                in (p.environment.organisation_id, p.student.programme.provider_id)
            ),
        },
    )
