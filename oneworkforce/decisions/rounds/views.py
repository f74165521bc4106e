"""Round pages: setting up and importing rounds, voting, opening, closing, results, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import partnership_admin, signed_in
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access, budgeting
from ..models import BallotType, RoundStatus
from . import presenters, selectors, services
from .forms import RoundForm, RoundImportForm, vote_form

GET_POST = require_http_methods(["GET", "POST"])


@signed_in
@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "decisions/rounds/rounds.jinja",
        {"rounds": selectors.rounds(), "can_set_up": access.is_partnership_admin(request.user)},
    )


@partnership_admin
@GET_POST
def round_add(request: HttpRequest) -> HttpResponse:
    form = RoundForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.round_create(actor=request.user, **data),
        success="The round has been set up. Open it when you are ready.",
        redirect_to=lambda created: created.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(request, "decisions/rounds/round_add.jinja", {"form": form})


@signed_in
@require_GET
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.round_for(slug=slug)
    context: dict[str, Any] = {
        "round": item,
        "proposals": item.proposals.all(),
        "may_vote": access.may_vote(request.user, item),
        "weights": selectors.round_weights(item),
        "rule_explained": presenters.RULE_EXPLAINED[item.rule],
        "problems": presenters.round_problems(item.budget, list(item.proposals.all()))
        if item.status == RoundStatus.DRAFT
        else [],
        "my_ballot": selectors.ballot_of(voter=request.user, decision_round=item),
        "interests": selectors.declared_interests(item),
        **presenters.round_actions(item, administers=access.is_partnership_admin(request.user)),
    }
    if item.status == RoundStatus.CLOSED:
        results = selectors.round_results(item)
        context.update(
            results=results,
            result_rows=presenters.result_table(
                results["rows"],
                unit="point" if item.ballot_type == BallotType.CUMULATIVE else "vote",
            ),
            faculty_bars=presenters.share_bars(results["by_faculty"], item.budget),
            sector_bars=presenters.share_bars(results["by_sector"], item.budget),
            rule_names=presenters.RULE_NAMES,
            pounds=presenters.pounds,
        )
    return render(request, "decisions/rounds/round.jinja", context)


@signed_in
@GET_POST
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.round_for(slug=slug, status=RoundStatus.OPEN)
    if not access.may_vote(request.user, item):
        raise PermissionDenied
    form = vote_form(item, posted(request))
    if form.is_valid():
        if item.ballot_type == BallotType.APPROVAL:
            chosen = {int(p): 1 for p in form.cleaned_data["choices"]}
        else:  # points or ranks: one field per proposal
            chosen = {
                int(name.split("_")[1]): value or 0
                for name, value in form.cleaned_data.items()
                if name != "interests"
            }
        try:
            services.ballot_cast(
                voter=request.user,
                decision_round=item,
                choices=chosen,
                interests=form.cleaned_data["interests"],
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, "Your vote has been recorded. You can change it until the round closes."
            )
            return redirect(item)
    return render(
        request,
        "decisions/rounds/vote.jinja",
        {
            "form": form,
            "round": item,
            "instructions": presenters.vote_instructions(item),
            "rule_explained": presenters.RULE_EXPLAINED[item.rule],
        },
    )


@partnership_admin
@require_POST
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.round_for(slug=slug)
    try:
        services.round_open(actor=request.user, decision_round=item)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The round is open for votes.")
    return redirect(item)


@partnership_admin
@require_POST
def round_close(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.round_for(slug=slug)
    try:
        services.round_close(actor=request.user, decision_round=item)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The round is closed and the votes have been counted.")
    return redirect(item)


@partnership_admin
@require_GET
def round_export(request: HttpRequest, slug: str) -> HttpResponse:
    item = selectors.round_for(slug=slug, status=RoundStatus.CLOSED)
    response = HttpResponse(
        budgeting.dumps(selectors.round_election(item)), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.pb"'
    return response


@partnership_admin
@GET_POST
def round_import(request: HttpRequest) -> HttpResponse:
    form = RoundImportForm(posted(request), request.FILES if request.method == "POST" else None)

    def make(data: dict[str, Any]) -> Any:
        source, text = data["file"]
        return services.round_import(
            actor=request.user, name=data["name"], text=text, source=source, rule=data["rule"]
        )

    done = submitted(
        request,
        form,
        make,
        success="The election has been imported. Close the round to count it.",
        redirect_to=lambda created: created.get_absolute_url(),
    )
    if done is not None:
        return done
    return render(request, "decisions/rounds/round_import.jinja", {"form": form})
