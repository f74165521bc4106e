"""Pages for the figures partners hold that no national file has: vacancies by partner and
staff group, exit interview reasons, adult social care headcount and turnover, population
projections, and the success indicators followed at 30, 60 and 90 days.

Everyone signed in sees the figures; a partner's admins and analysts (and partnership admins and
partnership-wide analysts) record them for that partner, by CSV upload or one row at a time.
Population projections belong to a place and are recorded by partnership-wide analysts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core import charts
from oneworkforce.core.formatting import count, percent
from oneworkforce.core.forms import error_summary
from oneworkforce.core.http import csv_response
from oneworkforce.core.permissions import public, signed_in
from oneworkforce.core.viewhelpers import posted
from oneworkforce.partners.models import Organisation, Place

from ..access import (
    is_partnership_analyst,
    partner_recorder,
    partnership_analyst,
    recordable_organisation_ids,
)
from ..statistics.nhs_files import FileError
from ..statistics.selectors import add_months
from . import selectors, services
from .datasets import (
    DATASETS,
    MAX_ROWS,
    MAX_UPLOAD_TEXT,
    PARTNER_KINDS,
    POPULATION,
    Dataset,
    organisation_of,
    template_rows,
)
from .forms import FIGURE_FORMS, PartnerFilter, SuccessForm, UploadForm, month_input

GET_POST = require_http_methods(["GET", "POST"])
MAX_BARS = 40


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"intelligence/local/{template}", context)


def _dataset(kind: str, *, of_partner: bool) -> Dataset:
    dataset = DATASETS.get(kind)
    if dataset is None or (dataset.kind in PARTNER_KINDS) != of_partner:
        raise Http404
    return dataset


def _local_url(organisation: Organisation | None = None, anchor: str = "") -> str:
    query = f"?organisation={organisation.slug}" if organisation is not None else ""
    return f"{reverse('intelligence:local')}{query}{anchor}"


# Shaping figures for charts, tables and downloads ---------------------------------------------


def _bars(items: list[tuple[str, float, str]]) -> charts.BarChart | None:
    return charts.bar_chart(items) if 0 < len(items) <= MAX_BARS else None


def _rate_chart(rows: list[Any], group: str, rate: str) -> charts.BarChart | None:
    """A rate by partner and staff group (or role), from model properties."""
    return _bars(
        [
            (f"{r.organisation.name}: {getattr(r, group)}", value or 0.0, percent(value))
            for r in rows
            for value in [getattr(r, rate)]
        ]
    )


def _reason_chart(reasons: list[selectors.ReasonCount]) -> charts.BarChart | None:
    return _bars([(r.label, r.leavers, f"{r.leavers:,} ({percent(r.share)})") for r in reasons])


def _month(day: dt.date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _download(kind: str, figures: dict[str, Any]) -> HttpResponse | None:
    if kind == "returns":
        return csv_response(
            f"vacancies-{_month(figures['month']) or 'none'}.csv",
            [
                "organisation",
                "month",
                "staff_group",
                "establishment_fte",
                "vacancies_fte",
                "vacancy_rate",
                "applications",
                "leavers",
            ],
            (
                [
                    r.organisation.name,
                    _month(r.period_start),
                    r.staff_group,
                    r.establishment_fte,
                    r.vacancies_fte,
                    _ratio(r.vacancy_rate),
                    r.applications,
                    r.leavers,
                ]
                for r in figures["returns"]
            ),
        )
    if kind == "exit_reasons":
        first, last = _month(figures["reasons_from"]), _month(figures["reasons_to"])
        return csv_response(
            f"exit-reasons-{first or 'none'}-to-{last or 'none'}.csv",
            ["from_month", "to_month", "reason_code", "reason", "leavers", "share"],
            (
                [first, last, r.code, r.label, r.leavers, _ratio(r.share)]
                for r in figures["reasons"]
            ),
        )
    if kind == "social_care":
        return csv_response(
            "adult-social-care-workforce.csv",
            [
                "organisation",
                "month",
                "job_role",
                "headcount",
                "fte",
                "starters_last_12_months",
                "leavers_last_12_months",
                "turnover_rate",
                "vacancies",
            ],
            (
                [
                    c.organisation.name,
                    _month(c.period_start),
                    c.job_role,
                    c.headcount,
                    c.fte,
                    c.starters_last_12_months,
                    c.leavers_last_12_months,
                    _ratio(c.turnover_rate),
                    c.vacancies,
                ]
                for c in figures["care"]
            ),
        )
    if kind == "population":
        return csv_response(
            "population-projections.csv",
            ["place", "year", "age_band", "people"],
            (
                [grid["place"].name, year, band, people]
                for grid in figures["population"]
                for band, values in grid["rows"]
                for year, people in zip(grid["years"], values, strict=True)
                if people is not None
            ),
        )
    return None


def _figures(organisation: Organisation | None) -> dict[str, Any]:
    ids = None if organisation is None else [organisation.pk]
    month, returns = selectors.latest_vacancies(ids)
    first, last, reasons = selectors.exit_reason_counts(ids)
    care = selectors.latest_social_care(ids)
    return {
        "month": month,
        "returns": returns,
        "reasons_from": first,
        "reasons_to": last,
        "reasons": reasons,
        "reasons_total": sum(r.leavers for r in reasons),
        "care": care,
        "population": selectors.population_by_place(),
    }


# Pages -----------------------------------------------------------------------------------------


@signed_in
@require_GET
def local(request: HttpRequest) -> HttpResponse:
    form = PartnerFilter(request.GET or None, partners=selectors.partner_choices())
    slug = form.cleaned_data.get("organisation") if form.is_valid() else None
    organisation = selectors.partner_or_none(slug)
    figures = _figures(organisation)
    download = _download(request.GET.get("download", ""), figures)
    if download is not None:
        return download
    query = f"organisation={organisation.slug}&" if organisation else ""
    return _page(
        request,
        "home.jinja",
        form=form,
        organisation=organisation,
        query=query,
        vacancy_chart=_rate_chart(figures["returns"], "staff_group", "vacancy_rate"),
        reason_chart=_reason_chart(figures["reasons"]),
        care_chart=_rate_chart(figures["care"], "job_role", "turnover_rate"),
        kinds=[DATASETS[kind] for kind in PARTNER_KINDS],
        **figures,
        **selectors.may_record(
            organisation,
            ids=recordable_organisation_ids(request.user),
            places=is_partnership_analyst(request.user),
        ),
    )


def _success_chart(rows: list[dict[str, Any]]) -> charts.LineChart | None:
    if not any(p["value"] is not None for row in rows for p in row["points"]):
        return None
    labels = [
        f"{'Start' if p['days'] == 0 else str(p['days']) + ' days'}, {p['month']:%b %Y}"
        for p in rows[0]["points"]
    ]
    short = {"vacancies": "Vacancies (FTE)", "applications": "Applications", "leavers": "Leavers"}
    series = [(short[row["name"]], [p["value"] for p in row["points"]]) for row in rows]
    return charts.line_chart(labels, series, percent=False, digits=0)


@signed_in
@require_GET
def success(request: HttpRequest) -> HttpResponse:
    asked = any(name in request.GET for name in ("organisation", "start", "staff_group"))
    form = SuccessForm(
        request.GET if asked else None,
        partners=selectors.partner_choices(),
        staff_groups=selectors.staff_groups_recorded(),
    )
    latest = selectors.latest_return_month()
    form.fields["start"].initial = _month(add_months(latest, -3)) if latest else ""
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        organisation = selectors.partner(data["organisation"])
        rows = selectors.success_indicators(organisation.pk, data["start"], data["staff_group"])
        context.update(
            organisation=organisation,
            start=data["start"],
            staff_group=data["staff_group"] or "All staff groups",
            rows=rows,
            chart=_success_chart(rows),
        )
    return _page(request, "success.jinja", **context)


@public
@require_GET
def local_guide(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "guide.jinja",
        datasets=list(DATASETS.values()),
        max_size=MAX_UPLOAD_TEXT,
        max_rows=MAX_ROWS,
    )


@public
@require_GET
def local_template(request: HttpRequest, kind: str) -> HttpResponse:
    dataset = DATASETS.get(kind)
    if dataset is None:
        raise Http404
    header, rows = template_rows(dataset)
    return csv_response(dataset.template_name, header, rows)


def _record_urls(dataset: Dataset, owner: Organisation | Place) -> dict[str, str]:
    if isinstance(owner, Place):
        names, kwargs = ("population_upload", "population_add"), {"slug": owner.slug}
    else:
        names = ("local_upload", "local_add")
        kwargs = {"slug": owner.slug, "kind": dataset.kind}
    return {
        "upload_url": reverse(f"intelligence:{names[0]}", kwargs=kwargs),
        "add_url": reverse(f"intelligence:{names[1]}", kwargs=kwargs),
    }


def _upload(
    request: HttpRequest, dataset: Dataset, owner: Organisation | Place, back: str
) -> HttpResponse:
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    problems: list[str] = []
    if form.is_valid():
        name, data = form.cleaned_data["file"]
        try:
            batch = services.local_file_import(
                kind=dataset.kind, owner=owner, data=data, name=name, user=request.user
            )
        except FileError as error:
            problems = error.messages
            form.add_error(
                "file", "Nothing was imported. Correct the problems listed and try again"
            )
        else:
            messages.success(
                request,
                f"{name} imported: {count(batch.rows, 'row')} read, "
                f"{count(batch.records_created, 'new record')}, "
                f"{count(batch.records_replaced, 'record')} replaced.",
            )
            return redirect(back)
    href = f"#{form['file'].auto_id}"
    return _page(
        request,
        "upload.jinja",
        form=form,
        summary=[{"text": p, "href": href} for p in problems] or error_summary(form),
        dataset=dataset,
        owner=owner,
        back=back,
        imports=selectors.recent_imports(dataset.kind, organisation_of(owner)),
        max_size=MAX_UPLOAD_TEXT,
        **_record_urls(dataset, owner),
    )


def _add(
    request: HttpRequest, dataset: Dataset, owner: Organisation | Place, back: str
) -> HttpResponse:
    form_class = FIGURE_FORMS[dataset.kind]
    held = selectors.held_record(dataset.kind, owner, request.GET.get("edit"))
    form = form_class(posted(request), initial=form_class.initial_from(held) if held else None)
    if form.is_valid():
        _, created = services.local_figure_save(
            kind=dataset.kind, owner=owner, values=form.record(), user=request.user
        )
        messages.success(
            request,
            f"The figures have been {'added' if created else 'updated'} for {owner}.",
        )
        return redirect(back)
    return _page(
        request,
        "add.jinja",
        form=form,
        dataset=dataset,
        owner=owner,
        back=back,
        month_input=month_input,
        editing=held is not None,
        **_record_urls(dataset, owner),
    )


@partner_recorder
@GET_POST
def local_upload(request: HttpRequest, organisation: Organisation, kind: str) -> HttpResponse:
    dataset = _dataset(kind, of_partner=True)
    return _upload(request, dataset, organisation, _local_url(organisation))


@partner_recorder
@GET_POST
def local_add(request: HttpRequest, organisation: Organisation, kind: str) -> HttpResponse:
    dataset = _dataset(kind, of_partner=True)
    return _add(request, dataset, organisation, _local_url(organisation))


@partnership_analyst
@GET_POST
def population_upload(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.place(slug)
    return _upload(request, POPULATION, place, _local_url(anchor="#population"))


@partnership_analyst
@GET_POST
def population_add(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.place(slug)
    return _add(request, POPULATION, place, _local_url(anchor="#population"))
