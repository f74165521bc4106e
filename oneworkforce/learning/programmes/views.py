"""Programme pages: the public list and each programme's page (enrol, progress, certificate),
and the provider's pages under ``/learning/manage/<partner>/programmes/`` to make a programme,
order its steps and publish it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import file_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..records import pdf
from . import presenters, selectors, services
from .forms import LeaveForm, ProgrammeForm, StepForm, WithdrawForm

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"learning/programmes/{template}", context, status=status)


@access.public
@require_GET
def programmes(request: HttpRequest) -> HttpResponse:
    mine = []
    if request.user.is_authenticated:
        mine = [
            (e, selectors.standing(learner=request.user, programme=e.programme, enrolled=e))
            for e in selectors.my_enrolments(request.user)
        ]
    return _page(
        request,
        "list.jinja",
        programmes=selectors.published_programmes(),
        mine=[
            (
                e.programme,
                presenters.my_programme_text(
                    e, presenters.progress_text(s.progress), e.programme.organisation.name
                ),
                s.progress,
            )
            for e, s in mine
        ],
    )


def _visible(request: HttpRequest, slug: str) -> Any:
    """A published programme, or a draft to its partner's admins (a preview)."""
    programme = selectors.programme_for(slug=slug)
    if not selectors.published(programme) and not access.can_administer(
        request.user, programme.organisation
    ):
        raise Http404("No such programme.")
    return programme


@access.public
@require_GET
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible(request, slug)
    enrolled = selectors.enrolment(learner=request.user, programme=found)
    standing = selectors.standing(learner=request.user, programme=found, enrolled=enrolled)
    result = standing.progress
    return _page(
        request,
        "programme.jinja",
        programme=found,
        steps=presenters.step_rows(standing.steps, show_state=enrolled is not None),
        progress=result,
        progress_text=presenters.progress_text(result),
        needs=presenters.requirement_text(
            result.required_total, result.optional_total, result.optional_needed
        ),
        completed_on=standing.completed_on,
        enrolment=enrolled,
        withdrawal=presenters.withdrawal_text(enrolled, found.organisation.name)
        if enrolled is not None and enrolled.withdrawn
        else None,
        is_preview=not selectors.published(found),
        **presenters.page_actions(
            signed_in=request.user.is_authenticated,
            enrolled=enrolled is not None,
            complete=result.complete,
            withdrawn=enrolled is not None and enrolled.withdrawn,
        ),
    )


@access.signed_in
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.programme_for(slug=slug)
    try:
        services.enrolment_create(actor=request.user, programme=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"You are enrolled on {found.title}.")
    return redirect("learning:programme", slug=found.slug)


def _enrolled(request: HttpRequest, slug: str) -> tuple[Any, Any]:
    """The programme and the signed-in learner's enrolment on it; not found without one."""
    found = selectors.programme_for(slug=slug)
    enrolled = selectors.enrolment(learner=request.user, programme=found)
    if enrolled is None:
        raise Http404("You are not enrolled on this programme.")
    return found, enrolled


@access.signed_in
@GET_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    """Confirm, then leave: the learner's completed steps stay in their record and CPD log."""
    found, enrolled = _enrolled(request, slug)
    form = LeaveForm(posted(request))
    done = submitted(
        request,
        form,
        lambda _: services.enrolment_leave(actor=request.user, enrolment=enrolled),
        success=f"You have left {found.title}. The steps you completed stay in your record.",
        redirect_to=reverse("learning:programme", args=[found.slug]),
    )
    return done or _page(request, "leave.jinja", programme=found, form=form)


@access.signed_in
@require_GET
def certificate_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    found, enrolled = _enrolled(request, slug)
    standing = selectors.standing(learner=request.user, programme=found, enrolled=enrolled)
    if not standing.progress.complete:
        raise Http404("The programme is not complete yet.")
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="programme certificate (PDF)")
    code = enrolled.certificate_code
    body = pdf.certificate(
        learner=user.display_name,
        title=found.title,
        issuer=found.organisation.name,
        completed_on=standing.completed_on,
        requirements=[s.step.opportunity.title for s in standing.steps if s.completed_on],
        code=code,
        verify_url=settings.SITE_URL + reverse("learning:certificate", args=[code]),
        valid_until=None,
        covers="Learning completed in the programme:",
    )
    return file_response(body, "application/pdf", f"certificate-{code}.pdf")


def certificate_check(request: HttpRequest, code: str) -> HttpResponse | None:
    """The public certificate page for a programme certificate's code, or None when the code
    is no programme's (the records' certificate view calls this before saying not found)."""
    enrolled = selectors.enrolment_by_code(code)
    if enrolled is None:
        return None
    standing = selectors.standing(learner=enrolled.learner, programme=enrolled.programme)
    return _page(
        request,
        "certificate.jinja",
        status=200 if standing.progress.complete else 404,
        code=enrolled.certificate_code,
        enrolment=enrolled,
        complete=standing.progress.complete,
        completed_on=standing.completed_on,
    )


# A provider's programmes ---------------------------------------------------------------------


@access.organisation_admin
@require_GET
def manage(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    found = list(selectors.provider_programmes(organisation))
    return _page(
        request,
        "manage/index.jinja",
        organisation=organisation,
        programmes=[(p, presenters.cohort_counts(selectors.cohort(p))) for p in found],
    )


@access.organisation_admin
@require_GET
def learners(request: HttpRequest, organisation: Organisation, programme: str) -> HttpResponse:
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    members = selectors.cohort(found)
    return _page(
        request,
        "manage/learners.jinja",
        organisation=organisation,
        programme=found,
        counts=presenters.cohort_counts(members),
        rows=presenters.cohort_rows(members),
    )


@access.organisation_admin
@GET_POST
def withdraw(
    request: HttpRequest, organisation: Organisation, programme: str, enrolment: int
) -> HttpResponse:
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    enrolled = selectors.provider_enrolment(programme=found, pk=enrolment)
    form = WithdrawForm(posted(request))
    back = reverse(
        "learning:programme_learners", kwargs={"slug": organisation.slug, "programme": found.slug}
    )
    done = submitted(
        request,
        form,
        lambda data: services.enrolment_withdraw(
            actor=request.user, enrolment=enrolled, reason=data["reason"]
        ),
        success=f"{enrolled.learner.display_name}'s enrolment is withdrawn.",
        redirect_to=back,
    )
    return done or _page(
        request,
        "manage/withdraw.jinja",
        organisation=organisation,
        programme=found,
        enrolment=enrolled,
        form=form,
        back=back,
    )


@access.organisation_admin
@GET_POST
def programme_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = ProgrammeForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.programme_create(
            actor=request.user, organisation=organisation, **data
        ),
        success="Programme saved as a draft. Now add its steps.",
        redirect_to=lambda made: reverse(
            "learning:programme_manage", kwargs={"slug": organisation.slug, "programme": made.slug}
        ),
    )
    if done is not None:
        return done
    return _page(request, "manage/form.jinja", organisation=organisation, form=form)


def _manage_page(
    request: HttpRequest,
    organisation: Organisation,
    found: Any,
    *,
    details: ProgrammeForm | None = None,
    step_form: StepForm | None = None,
    publish_error: ServiceError | None = None,
    status: int = 200,
) -> HttpResponse:
    addable = selectors.addable_listings(found)
    standing = selectors.standing(learner=request.user, programme=found)
    result = standing.progress
    return _page(
        request,
        "manage/programme.jinja",
        status=status,
        organisation=organisation,
        programme=found,
        steps=presenters.step_rows(standing.steps, show_state=False),
        step_ids=[s.step.pk for s in standing.steps],
        needs=presenters.requirement_text(
            result.required_total, result.optional_total, result.optional_needed
        ),
        is_published=selectors.published(found),
        publish_error=publish_error,
        details=details
        or ProgrammeForm(
            initial={
                "title": found.title,
                "summary": found.summary,
                "optional_needed": found.optional_needed,
            }
        ),
        step_form=step_form or StepForm(listings=selectors.published_listings(), offered=addable),
    )


@access.organisation_admin
@GET_POST
def programme_manage(
    request: HttpRequest, organisation: Organisation, programme: str
) -> HttpResponse:
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    form = ProgrammeForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.programme_update(actor=request.user, programme=found, **data),
        success="Programme details saved.",
        redirect_to=request.path,
    )
    if done is not None:
        return done
    return _manage_page(
        request, organisation, found, details=form if request.method == "POST" else None
    )


@access.organisation_admin
@require_POST
def step_add(request: HttpRequest, organisation: Organisation, programme: str) -> HttpResponse:
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    form = StepForm(
        request.POST,
        listings=selectors.published_listings(),
        offered=selectors.addable_listings(found),
    )
    if form.is_valid():
        try:
            step = services.step_add(
                actor=request.user,
                programme=found,
                opportunity=form.cleaned_data["listing"],
                required=form.cleaned_data["required"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{step.opportunity.title} added as step {step.position}.")
            return redirect(
                "learning:programme_manage", slug=organisation.slug, programme=found.slug
            )
    return _manage_page(request, organisation, found, step_form=form)


@access.organisation_admin
@require_POST
def step_change(request: HttpRequest, organisation: Organisation, programme: str) -> HttpResponse:
    """Move a step earlier or later, or remove it (``step`` and ``change`` in the form)."""
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    step = selectors.provider_step(programme=found, pk=request.POST.get("step"))
    change = request.POST.get("change")
    back = redirect("learning:programme_manage", slug=organisation.slug, programme=found.slug)
    if step is None or change not in ("earlier", "later", "remove"):
        messages.error(request, "Choose a step of this programme to move or remove.")
        return back
    try:
        if change == "remove":
            services.step_remove(actor=request.user, step=step)
        else:
            services.step_move(actor=request.user, step=step, earlier=change == "earlier")
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        done = "removed" if change == "remove" else f"moved {change}"
        messages.success(request, f"{step.opportunity.title} {done}.")
    return back


@access.organisation_admin
@require_POST
def publish(request: HttpRequest, organisation: Organisation, programme: str) -> HttpResponse:
    found = selectors.provider_programme(organisation=organisation, slug=programme)
    try:
        services.programme_publish(actor=request.user, programme=found)
    except ServiceError as error:
        # Shown at the top and on the part of the page it names (its steps or its details).
        return _manage_page(request, organisation, found, publish_error=error)
    messages.success(request, "The programme is published: learners can enrol.")
    return redirect("learning:programme_manage", slug=organisation.slug, programme=found.slug)
