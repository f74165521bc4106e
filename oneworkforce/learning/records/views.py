"""Learning-record pages: declaring a completion, my learning and its downloads, certificates and
their public check, the requirement catalogue; and the provider's pages for completions, job
roles, accepted issuers, validity periods and partner systems' keys."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce import personal_data
from oneworkforce.core.http import csv_response, file_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import posted, submitted
from oneworkforce.partners.models import Organisation

from .. import access
from ..bookings import presenters as booking_presenters
from ..bookings import selectors as booking_selectors
from ..catalogue import selectors as catalogue_selectors
from ..evaluations import presenters as evaluation_presenters
from ..evaluations import selectors as evaluation_selectors
from ..models import BookingState, CompletionState, JobRole, normalise_certificate_code
from ..programmes import views as programme_views
from . import pdf, presenters, selectors, services
from .compliance import certificate_valid_until, job_role_compliance
from .forms import (
    AcceptedIssuersForm,
    DecideForm,
    DeclareForm,
    JobRoleForm,
    MemberForm,
    PolicyForm,
    RevokeForm,
    TokenForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, f"learning/records/{template}", context, status=status)


@access.signed_in
@GET_POST
def declare(request: HttpRequest, slug: str) -> HttpResponse:
    item = catalogue_selectors.published_opportunity(slug=slug)
    form = DeclareForm(posted(request), request.FILES if request.method == "POST" else None)
    done = submitted(
        request,
        form,
        lambda data: services.completion_declare(actor=request.user, opportunity=item, **data),
        success="Thank you. The provider will check it and add it to your record.",
        redirect_to="learning:my",
    )
    if done is not None:
        return done
    return _page(request, "declare.jinja", form=form, item=item)


@access.signed_in
@require_GET
def my(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    bookings = list(booking_selectors.my_bookings(user))
    now = timezone.now()
    current = [
        b
        for b in bookings
        if b.state in ("booked", "pending_approval", "waitlisted", "offered")
        and b.session.starts_at > now
    ]
    past = [b for b in bookings if b not in current]
    current.sort(key=lambda b: b.session.starts_at)  # what comes next first; the past, latest first
    completions = list(selectors.my_completions(user))
    return _page(
        request,
        "my.jinja",
        offers=[booking_presenters.booking_row(b) for b in current if b.state == "offered"],
        current=[
            booking_presenters.booking_row(
                b,
                booking_selectors.waiting_position(b)
                if b.state == BookingState.WAITLISTED
                else None,
            )
            for b in current
            if b.state != "offered"
        ],
        past=[booking_presenters.booking_row(b) for b in past[:50]],
        completions=presenters.completion_rows(completions),
        roles=[(r, presenters.standing_rows(r)) for r in selectors.my_job_roles(user, today)],
        other_job_roles=selectors.other_job_roles(user),
        to_evaluate=evaluation_presenters.awaiting_rows(evaluation_selectors.awaiting(user, today)),
    )


def _record(request: HttpRequest) -> tuple[list[list[str]], list[list[str]]]:
    return presenters.record_rows(
        booking_selectors.my_bookings(request.user), selectors.my_completions(request.user)
    )


@access.signed_in
@require_GET
def my_csv(request: HttpRequest) -> HttpResponse:
    bookings, completions = _record(request)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="learning record (CSV)")
    rows = [["Bookings", *[""] * 5], *bookings, [], ["Completions", *[""] * 5], *completions]
    return csv_response("learning-record.csv", rows[0], rows[1:])


@access.signed_in
@require_GET
def my_pdf(request: HttpRequest) -> HttpResponse:
    bookings, completions = _record(request)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="learning record (PDF)")
    body = pdf.record(
        learner=request.user.display_name,
        generated=timezone.localtime(),
        sections=[("Completed learning", completions), ("Bookings", bookings)],
    )
    return file_response(body, "application/pdf", "learning-record.pdf")


@access.signed_in
@require_GET
def my_job_role(request: HttpRequest, pk: int) -> HttpResponse:
    job_role = selectors.job_role(pk=pk)
    result = job_role_compliance(request.user, job_role, today=timezone.localdate())
    return _page(
        request,
        "my_job_role.jinja",
        job_role=job_role,
        result=result,
        rows=presenters.standing_rows(result),
    )


@access.signed_in
@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    completion = selectors.own_certificate(learner=request.user, code=code)
    user = request.user
    personal_data.download_record(actor=user, subject=user, what="certificate (PDF)")
    body = pdf.certificate(
        learner=request.user.display_name,
        title=completion.opportunity.title,
        issuer=completion.issuer.name,
        completed_on=completion.completed_on,
        requirements=[str(r) for r in completion.requirements.all()],
        code=completion.certificate_code,
        verify_url=settings.SITE_URL + reverse("learning:certificate", args=[code]),
        valid_until=certificate_valid_until(completion),
    )
    return file_response(body, "application/pdf", f"certificate-{code}.pdf")


@access.public
@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    code = normalise_certificate_code(request.GET.get("code", "")[:40])
    if code:
        return redirect("learning:certificate", code=code)
    return _page(request, "verify.jinja")


@access.public
@require_GET
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    completion = selectors.certificate(code=code)
    if completion is None:
        # A programme certificate's code is checked on the same page (ADR 024).
        found = programme_views.certificate_check(request, code)
        if found is not None:
            return found
    if completion is None or completion.state in (
        CompletionState.PENDING,
        CompletionState.REJECTED,
    ):
        return _page(request, "certificate.jinja", status=404, code=code, completion=None)
    valid_until = certificate_valid_until(completion)
    return _page(
        request,
        "certificate.jinja",
        code=code,
        completion=completion,
        valid_until=valid_until,
        **presenters.certificate_page(
            presenters.completion_status(completion, valid_until, timezone.localdate())
        ),
    )


@access.public
@require_GET
def requirements(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "requirements.jinja",
        requirements=selectors.requirements(),
        roles=selectors.all_job_roles(),
    )


# A provider's completions, roles and keys ----------------------------------------------------


def _manage(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return _page(request, f"manage/{template}", **context)


@access.organisation_admin
@require_GET
def completions(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _manage(
        request,
        "completions.jinja",
        organisation=organisation,
        pending=selectors.pending_declarations(organisation),
        recent=presenters.completion_rows(selectors.recent_decisions(organisation)),
    )


@access.organisation_admin
@GET_POST
def completion_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    completion = selectors.provider_completion(organisation=organisation, pk=pk)
    form = DecideForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.completion_decide(
            actor=request.user,
            completion=completion,
            verify=data["decision"] == "verify",
            note=data["note"],
        ),
        success="The decision has been recorded.",
        redirect_to=reverse("learning:completions", kwargs={"slug": organisation.slug}),
    )
    if done is not None:
        return done
    return _manage(
        request,
        "completion_decide.jinja",
        organisation=organisation,
        completion=completion,
        form=form,
    )


@access.organisation_admin
@require_GET
def completion_file(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    """The certificate a learner uploaded with a declared completion (a download, audited)."""
    completion = selectors.provider_completion(organisation=organisation, pk=pk)
    if not completion.evidence_file:
        raise Http404("No certificate was uploaded with this completion.")
    personal_data.download_record(
        actor=request.user, subject=completion.learner, what="uploaded certificate"
    )
    extension = completion.evidence_file_type.split("/")[-1].replace("jpeg", "jpg")
    return file_response(
        bytes(completion.evidence_file),
        completion.evidence_file_type,
        f"certificate-{completion.pk}.{extension}",
    )


@access.organisation_admin
@GET_POST
def completion_revoke(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    completion = selectors.provider_completion(organisation=organisation, pk=pk)
    form = RevokeForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.completion_revoke(
            actor=request.user, completion=completion, reason=data["reason"]
        ),
        success="The certificate is revoked: its check page now says so.",
        redirect_to=reverse("learning:completions", kwargs={"slug": organisation.slug}),
    )
    if done is not None:
        return done
    return _manage(
        request,
        "completion_revoke.jinja",
        organisation=organisation,
        completion=completion,
        form=form,
    )


@access.organisation_admin
@require_GET
def compliance(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    today = timezone.localdate()
    job_roles = selectors.organisation_job_roles(organisation)
    return _manage(
        request,
        "compliance.jinja",
        organisation=organisation,
        job_roles=[(p, selectors.job_role_members(p, today)) for p in job_roles],
        accepted=selectors.accepted_issuers(organisation),
        policies=selectors.validity_policies(organisation),
    )


def _save_job_role(
    request: HttpRequest, organisation: Organisation, job_role: JobRole | None
) -> HttpResponse:
    initial = (
        {"name": job_role.name, "requirements": list(job_role.requirements.all())}
        if job_role
        else None
    )
    form = JobRoleForm(posted(request), initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.job_role_save(
            actor=request.user, organisation=organisation, job_role=job_role, **data
        ),
        success="The job role has been saved.",
        redirect_to=reverse("learning:compliance", kwargs={"slug": organisation.slug}),
    )
    if done is not None:
        return done
    return _manage(
        request, "job_role_form.jinja", organisation=organisation, form=form, job_role=job_role
    )


@access.organisation_admin
@GET_POST
def job_role_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _save_job_role(request, organisation, None)


@access.organisation_admin
@GET_POST
def job_role_edit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    job_role = selectors.organisation_job_role(organisation=organisation, pk=pk)
    return _save_job_role(request, organisation, job_role)


@access.organisation_admin
@GET_POST
def job_role_people(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    job_role = selectors.organisation_job_role(organisation=organisation, pk=pk)
    form = MemberForm(posted(request))

    def add(data: dict[str, Any]) -> Any:
        person = selectors.person_by_email(data["email"])
        if person is None:
            raise ServiceError("No one with this e-mail address has an account.", field="email")
        services.job_role_member_set(
            actor=request.user, job_role=job_role, learner=person, member=True
        )
        return person

    done = submitted(
        request,
        form,
        add,
        success=lambda person: f"{person.display_name} now has this job role.",
        redirect_to=reverse(
            "learning:job_role_people", kwargs={"slug": organisation.slug, "pk": job_role.pk}
        ),
    )
    if done is not None:
        return done
    return _manage(
        request,
        "job_role_people.jinja",
        organisation=organisation,
        job_role=job_role,
        form=form,
        members=[
            (m, presenters.standing_rows(r))
            for m, r in selectors.job_role_members(job_role, timezone.localdate())
        ],
    )


@access.organisation_admin
@require_POST
def job_role_person_remove(
    request: HttpRequest, organisation: Organisation, pk: int, person: int
) -> HttpResponse:
    job_role = selectors.organisation_job_role(organisation=organisation, pk=pk)
    learner = selectors.job_role_member(job_role=job_role, pk=person)
    services.job_role_member_set(
        actor=request.user, job_role=job_role, learner=learner, member=False
    )
    messages.success(request, f"{learner.display_name} no longer has this job role.")
    return redirect("learning:job_role_people", slug=organisation.slug, pk=job_role.pk)


@access.organisation_admin
@GET_POST
def accepted(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    current = [a.issuer for a in selectors.accepted_issuers(organisation)]
    form = AcceptedIssuersForm(
        posted(request), organisation=organisation, initial={"issuers": current}
    )
    if form.is_valid():
        services.accepted_issuers_set(
            actor=request.user, organisation=organisation, issuers=form.cleaned_data["issuers"]
        )
        messages.success(request, "Saved: training from these partners now counts as your own.")
        return redirect("learning:compliance", slug=organisation.slug)
    return _manage(request, "accepted.jinja", organisation=organisation, form=form)


@access.organisation_admin
@GET_POST
def validity(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = PolicyForm(posted(request))
    done = submitted(
        request,
        form,
        lambda data: services.requirement_policy_set(
            actor=request.user, organisation=organisation, **data
        ),
        success="The validity period has been saved.",
        redirect_to=reverse("learning:compliance", kwargs={"slug": organisation.slug}),
    )
    if done is not None:
        return done
    return _manage(request, "validity.jinja", organisation=organisation, form=form)


@access.organisation_admin
@GET_POST
def tokens(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = TokenForm(posted(request))
    raw = None
    if form.is_valid():
        _, raw = services.token_create(
            actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return _manage(
        request,
        "tokens.jinja",
        organisation=organisation,
        form=form,
        raw=raw,
        keys=selectors.keys(organisation),
    )


@access.organisation_admin
@require_POST
def token_revoke(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    token = selectors.key_for(organisation=organisation, pk=pk)
    try:
        services.token_revoke(actor=request.user, token=token)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The key is revoked: systems using it can no longer send.")
    return redirect("learning:tokens", slug=organisation.slug)
