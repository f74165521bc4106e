"""Proposal pages: the partnership's values, proposals, and reviews against the values."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.permissions import partnership_admin, signed_in
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..models import ProposalStatus
from . import presenters, selectors, services
from .forms import ProposalForm, ReviewForm, ValueForm

GET_POST = require_http_methods(["GET", "POST"])


@partnership_admin
@GET_POST
def values(request: HttpRequest) -> HttpResponse:
    form = ValueForm(posted(request))
    if form.is_valid():
        services.value_save(actor=request.user, **form.cleaned_data)
        messages.success(request, "The value has been added.")
        return redirect("decisions:values")
    return render(
        request, "decisions/proposals/values.jinja", {"form": form, "values": selectors.values()}
    )


@signed_in
@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/proposals/proposals.jinja",
        {
            "proposals": selectors.proposals(),
            "can_lead": access.can_lead_faculty(request.user),
        },
    )


@access.faculty_lead
@GET_POST
def proposal_add(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.proposal_create(actor=request.user, **data),
        success="The proposal has been created. It now needs reviewing.",
        redirect_to=lambda proposal: proposal.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(request, "decisions/proposals/proposal_add.jinja", {"form": form})


@signed_in
@require_GET
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.proposal_detail(pk)
    reviews = list(item.panel.all())
    works_for = {o.pk for o in selectors.works_for(request.user)}
    refusal = access.review_refusal(request.user, item, works_for)
    return render(
        request,
        "decisions/proposals/proposal.jinja",
        {
            "proposal": item,
            "panel": presenters.panel(reviews),
            "gate": presenters.gate_progress(
                reviews,
                status=item.status,
                needed=settings.DECISIONS_REVIEWERS,
                sectors_needed=settings.DECISIONS_REVIEWER_SECTORS,
            ),
            "can_review": refusal is None
            and item.status == ProposalStatus.IN_REVIEW
            and all(r.reviewer_id != request.user.pk for r in reviews),
            "why_not": refusal if access.can_lead_faculty(request.user) else None,
        },
    )


@access.faculty_lead
@GET_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.proposal_for(pk=pk)
    form = ReviewForm(posted(request), values=selectors.active_values())
    done = submitted(
        request,
        form,
        lambda data: services.proposal_review(
            actor=request.user,
            proposal=item,
            verdicts=form.verdicts(),
            interests=data["interests"],
        ),
        success="Your review has been recorded.",
        redirect_to=item.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(
        request, "decisions/proposals/proposal_review.jinja", {"form": form, "proposal": item}
    )
