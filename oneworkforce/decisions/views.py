"""Decision pages: needs, values, proposals through the values gate, rounds, votes, results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import partnership_admin, requires, signed_in
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted
from oneworkforce.partners.models import Faculty

from . import presenters, selectors, services
from .forms import (
    InitiativeReviewForm,
    MeasureForm,
    MeasureValueForm,
    NeedForm,
    NeedLinkForm,
    ProposalForm,
    ReviewForm,
    RoundForm,
    RoundImportForm,
    ValueForm,
)
from .models import BallotType, DecisionRound, Initiative, PartnershipValue, Proposal, RoundStatus

GET_POST = require_http_methods(["GET", "POST"])


# Faculty leads (of any faculty) and partnership admins.
faculty_lead = requires(services.can_lead_faculty, "faculty_lead")


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"decisions/{template}", context)


@signed_in
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "home.jinja",
        themes=selectors.recurring_themes(),
        rounds=DecisionRound.objects.all()[:5],
        can_lead=services.can_lead_faculty(request.user),
    )


@signed_in
@require_GET
def needs(request: HttpRequest) -> HttpResponse:
    faculty = request.GET.get("faculty", "")
    found = list(selectors.needs(faculty))
    return _page(
        request,
        "needs.jinja",
        needs=found,
        evidence=presenters.need_evidence(found),
        faculties=Faculty.objects.filter(is_active=True),
        chosen=faculty,
        can_lead=services.can_lead_faculty(request.user),
        sector_names=presenters.sector_names,
    )


@faculty_lead
@GET_POST
def need_add(request: HttpRequest) -> HttpResponse:
    form = NeedForm(posted(request))
    if form.is_valid():
        try:
            services.need_record(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The need has been recorded.")
            return redirect("decisions:needs")
    return _page(request, "need_add.jinja", form=form)


@partnership_admin
@GET_POST
def values(request: HttpRequest) -> HttpResponse:
    form = ValueForm(posted(request))
    if form.is_valid():
        services.value_save(actor=request.user, **form.cleaned_data)
        messages.success(request, "The value has been added.")
        return redirect("decisions:values")
    return _page(request, "values.jinja", form=form, values=PartnershipValue.objects.all())


@signed_in
@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "proposals.jinja",
        proposals=Proposal.objects.prefetch_related("needs__faculty"),
        can_lead=services.can_lead_faculty(request.user),
    )


@faculty_lead
@GET_POST
def proposal_add(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(posted(request))
    if form.is_valid():
        try:
            proposal = services.proposal_create(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The proposal has been created. It now needs reviewing.")
            return redirect(proposal)
    return _page(request, "proposal_add.jinja", form=form)


@signed_in
@require_GET
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = selectors.proposal_detail(pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    return _page(
        request,
        "proposal.jinja",
        proposal=item,
        values=PartnershipValue.objects.filter(is_active=True),
        can_review=services.can_lead_faculty(request.user),
    )


@faculty_lead
@GET_POST
def proposal_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Proposal, pk=pk)
    form = ReviewForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_review(
                actor=request.user,
                proposal=item,
                value=data["value"],
                passes=data["passes"] == "yes",
                reason=data["reason"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "Your review has been recorded.")
            return redirect(item)
    return _page(request, "proposal_review.jinja", form=form, proposal=item)


@signed_in
@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
    return _page(request, "rounds.jinja", rounds=DecisionRound.objects.all())


@partnership_admin
@GET_POST
def round_add(request: HttpRequest) -> HttpResponse:
    form = RoundForm(posted(request))
    if form.is_valid():
        try:
            created = services.round_create(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The round has been set up. Open it when you are ready.")
            return redirect(created)
    return _page(request, "round_add.jinja", form=form)


@signed_in
@require_GET
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(DecisionRound, slug=slug)
    context: dict[str, Any] = {
        "round": item,
        "proposals": item.proposals.all(),
        "may_vote": services.voter_eligibility(request.user, item)[0],
        "weights": selectors.round_weights(item),
        "my_ballot": item.ballots.filter(voter=request.user).first(),
    }
    if item.status == RoundStatus.CLOSED:
        results = selectors.round_results(item)
        context.update(
            results=results,
            result_rows=presenters.result_table(results["rows"]),
            faculty_bars=presenters.share_bars(results["by_faculty"], item.budget),
            sector_bars=presenters.share_bars(results["by_sector"], item.budget),
            rule_names=presenters.RULE_NAMES,
            pounds=presenters.pounds,
        )
    return _page(request, "round.jinja", **context)


def _vote_form(item: DecisionRound, data: Any) -> forms.Form:
    form = forms.Form(data)
    choices = [
        (str(p.pk), f"{p.title} ({presenters.pounds(p.cost)})") for p in item.proposals.all()
    ]
    if item.ballot_type == BallotType.APPROVAL:
        form.fields["choices"] = forms.MultipleChoiceField(
            label="Which proposals do you support?",
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one proposal"},
        )
    elif item.ballot_type == BallotType.RANKING:
        places = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, len(choices) + 1)]
        for value, label in choices:
            form.fields[f"rank_{value}"] = forms.TypedChoiceField(
                label=label, choices=places, coerce=int, required=False, empty_value=0
            )
    else:
        for value, label in choices:
            form.fields[f"points_{value}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=item.max_points,
                required=False,
                error_messages={"invalid": "Enter points as a whole number"},
            )
    return form


@signed_in
@GET_POST
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(DecisionRound, slug=slug, status=RoundStatus.OPEN)
    if not services.voter_eligibility(request.user, item)[0]:
        raise PermissionDenied
    form = _vote_form(item, posted(request))
    if form.is_valid():
        if item.ballot_type == BallotType.APPROVAL:
            chosen = {int(p): 1 for p in form.cleaned_data["choices"]}
        else:  # points or ranks: one field per proposal
            chosen = {
                int(name.split("_")[1]): value or 0 for name, value in form.cleaned_data.items()
            }
        try:
            services.ballot_cast(voter=request.user, decision_round=item, choices=chosen)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, "Your vote has been recorded. You can change it until the round closes."
            )
            return redirect(item)
    return _page(request, "vote.jinja", form=form, round=item)


@partnership_admin
@require_POST
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(DecisionRound, slug=slug)
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
    item = get_object_or_404(DecisionRound, slug=slug)
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
    item = get_object_or_404(DecisionRound, slug=slug, status=RoundStatus.CLOSED)
    from . import budgeting

    response = HttpResponse(
        budgeting.dumps(services.round_election(item)), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.pb"'
    return response


@signed_in
@require_GET
def initiatives(request: HttpRequest) -> HttpResponse:
    items = Initiative.objects.select_related("proposal", "decision_round").prefetch_related(
        "reviews"
    )
    return _page(
        request,
        "initiatives.jinja",
        rows=presenters.initiative_rows(items),
        returned=services.pool_returned(),
        pounds=presenters.pounds,
    )


@signed_in
@require_GET
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Initiative.objects.select_related("proposal", "owner").prefetch_related(
            "measures", "reviews"
        ),
        pk=pk,
    )
    return _page(
        request,
        "initiative.jinja",
        initiative=item,
        measures=presenters.measure_rows(item.measures.all()),
        can_manage=services.can_manage_initiative(request.user, item),
        pounds=presenters.pounds,
    )


def _managed_initiative(request: HttpRequest, pk: int) -> Initiative:
    item = get_object_or_404(Initiative, pk=pk)
    if not services.can_manage_initiative(request.user, item):
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
    return _page(request, "measure_add.jinja", form=form, initiative=item)


@signed_in
@GET_POST
def measure_record(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    item = _managed_initiative(request, pk)
    measure = get_object_or_404(item.measures, pk=measure_pk)
    form = MeasureValueForm(posted(request))
    if form.is_valid():
        services.measure_record(
            actor=request.user,
            measure=measure,
            checkpoint=int(form.cleaned_data["checkpoint"]),
            value=form.cleaned_data["value"],
        )
        messages.success(request, "The value has been recorded.")
        return redirect(item)
    return _page(request, "measure_record.jinja", form=form, initiative=item, measure=measure)


@partnership_admin
@GET_POST
def initiative_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Initiative, pk=pk)
    form = InitiativeReviewForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.initiative_review(
                actor=request.user,
                initiative=item,
                checkpoint=int(data["checkpoint"]),
                decision=data["decision"],
                reason=data["reason"],
                spent=data["spent"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The review has been recorded.")
            return redirect(item)
    return _page(request, "initiative_review.jinja", form=form, initiative=item)


@faculty_lead
@GET_POST
def themes(request: HttpRequest) -> HttpResponse:
    form = NeedLinkForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.need_pair_decide(
                actor=request.user,
                first=data["first"],
                second=data["second"],
                related=data["decision"] == "related",
                theme_name=data["theme"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "Thank you: your decision has been recorded.")
            return redirect("decisions:themes")
    return _page(
        request,
        "themes.jinja",
        form=form,
        suggestions=selectors.suggested_groupings(),
        recurring=selectors.recurring_themes(),
    )


@partnership_admin
@GET_POST
def round_import(request: HttpRequest) -> HttpResponse:
    form = RoundImportForm(posted(request), request.FILES if request.method == "POST" else None)
    if form.is_valid():
        source, text = form.cleaned_data["file"]
        try:
            created = services.round_import(
                actor=request.user,
                name=form.cleaned_data["name"],
                text=text,
                source=source,
                rule=form.cleaned_data["rule"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, "The election has been imported. Close the round to count it."
            )
            return redirect(created)
    return _page(request, "round_import.jinja", form=form)
