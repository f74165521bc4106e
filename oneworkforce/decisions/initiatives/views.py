"""Initiative pages: funded initiatives, their measures and their reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.permissions import partnership_admin, signed_in
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..models import Initiative
from . import presenters, selectors, services
from .forms import InitiativeReviewForm, MeasureForm, MeasureValueForm

GET_POST = require_http_methods(["GET", "POST"])


@signed_in
@require_GET
def initiatives(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/initiatives/initiatives.jinja",
        {
            "rows": presenters.initiative_rows(selectors.initiatives(), timezone.localdate()),
            "returned": selectors.pool_returned(),
            "pounds": presenters.pounds,
        },
    )


@signed_in
@require_GET
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.initiative_detail(pk=pk)
    can_manage = access.can_manage_initiative(request.user, item)
    return render(
        request,
        "decisions/initiatives/initiative.jinja",
        {
            "initiative": item,
            "measures": presenters.measure_rows(item.measures.all()),
            "schedule": presenters.review_schedule(
                item, list(item.reviews.all()), timezone.localdate()
            ),
            "pounds": presenters.pounds,
            **presenters.initiative_actions(
                item, manages=can_manage, administers=access.is_partnership_admin(request.user)
            ),
        },
    )


def _managed_initiative(request: HttpRequest, pk: int) -> Initiative:
    item = selectors.initiative_for(pk=pk)
    if not access.can_manage_initiative(request.user, item):
        raise PermissionDenied
    return item


@signed_in
@GET_POST
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_initiative(request, pk)
    form = MeasureForm(posted(request))
    if form.is_valid():
        services.measure_add(actor=request.user, initiative=item, **form.cleaned_data)
        messages.success(request, "The measure has been added.")
        return redirect(item)
    return render(
        request, "decisions/initiatives/measure_add.jinja", {"form": form, "initiative": item}
    )


@signed_in
@GET_POST
def measure_record(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    item = _managed_initiative(request, pk)
    measure = selectors.measure_for(initiative=item, pk=measure_pk)
    form = MeasureValueForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.measure_record(
            actor=request.user,
            measure=measure,
            checkpoint=int(data["checkpoint"]),
            value=data["value"],
        ),
        success="The value has been recorded.",
        redirect_to=item.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(
        request,
        "decisions/initiatives/measure_record.jinja",
        {"form": form, "initiative": item, "measure": measure},
    )


@partnership_admin
@GET_POST
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.initiative_for(pk=pk)
    form = InitiativeReviewForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.initiative_review(
            actor=request.user,
            initiative=item,
            checkpoint=int(data["checkpoint"]),
            decision=data["decision"],
            reason=data["reason"],
            spent=data["spent"],
        ),
        success="The review has been recorded.",
        redirect_to=item.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(
        request, "decisions/initiatives/initiative_review.jinja", {"form": form, "initiative": item}
    )
