"""Pages for providers (a partner's admins, under ``/learning/manage/<partner>/``) and the
partnership's learning dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.permissions import any_admin, requires
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted
from oneworkforce.partners.access import organisation_admin
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Organisation, User

from . import presenters, selectors, services, wording
from .forms import (
    AcceptedIssuersForm,
    DecideForm,
    MemberForm,
    OpportunityForm,
    PolicyForm,
    RevokeForm,
    RoleProfileForm,
    SessionForm,
    TokenForm,
    WithdrawForm,
)
from .models import (
    Booking,
    BookingState,
    Completion,
    CompletionState,
    Opportunity,
    ProviderToken,
    RequirementPolicy,
    RoleProfile,
    Session,
)

GET_POST = require_http_methods(["GET", "POST"])
WORDED_FIELDS = ("title", "summary", "who_can_take")

partnership_view = requires(
    lambda user: user.is_partnership_admin or user.has_role(Role.ANALYST), "partnership_analyst"
)


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, f"learning/manage/{template}", context)


def _listing(organisation: Organisation, slug: str) -> Opportunity:
    return get_object_or_404(Opportunity, organisation=organisation, slug=slug)


def _session(organisation: Organisation, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("opportunity"), pk=pk, opportunity__organisation=organisation
    )


@any_admin
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.administered_by(request.user).active()
    return _page(request, "index.jinja", organisations=organisations)


@organisation_admin
@require_GET
def provider(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    listings = (
        Opportunity.objects.for_organisation(organisation)
        .annotate(
            upcoming=Count("sessions", filter=Q(sessions__starts_at__gt=timezone.now())),
            interested=Count("interests", distinct=True),
        )
        .order_by("status", "title")
    )
    figures = selectors.figures(organisation.name, organisation)
    return _page(
        request,
        "provider.jinja",
        organisation=organisation,
        listings=listings,
        figures=figures,
        dashboard=presenters.dashboard([figures]),
        pending=selectors.pending_declarations(organisation).count(),
        review_due=listings.filter(review_by__lte=timezone.localdate()).count(),
    )


def _wording(texts: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Wording warnings per field, as plain dicts (they may wait in the session)."""
    return {
        field: [
            {"matched": w.matched, "message": w.message, "suggestion": w.suggestion} for w in found
        ]
        for field, found in wording.check_fields(texts).items()
        if found
    }


def _save_listing(
    request: HttpRequest, organisation: Organisation, item: Opportunity | None
) -> HttpResponse:
    initial = OpportunityForm.initial_from(item) if item else {"hold_hours": 48, "cost": 0}
    form = OpportunityForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            saved = services.opportunity_save(
                actor=request.user,
                organisation=organisation,
                opportunity=item,
                **form.service_fields(),
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            warnings = _wording({k: str(form.cleaned_data.get(k, "")) for k in WORDED_FIELDS})
            if warnings:
                request.session["learning_wording"] = warnings
            messages.success(request, "The listing has been saved.")
            return redirect("learning:listing", slug=organisation.slug, listing=saved.slug)
    return _page(request, "listing_form.jinja", organisation=organisation, form=form, item=item)


@organisation_admin
@GET_POST
def listing_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _save_listing(request, organisation, None)


@organisation_admin
@GET_POST
def listing_edit(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    return _save_listing(request, organisation, _listing(organisation, listing))


@organisation_admin
@require_GET
def listing(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = _listing(organisation, listing)
    warnings = request.session.pop("learning_wording", None)
    if warnings is None:
        warnings = _wording({k: str(getattr(item, k)) for k in WORDED_FIELDS})
    sessions = item.sessions.select_related("site").order_by("-starts_at")
    return _page(
        request,
        "listing.jinja",
        organisation=organisation,
        item=item,
        sessions=[presenters.session_row(s) for s in sessions],
        interests=item.interests.select_related("learner_organisation").count(),
        warnings=warnings,
        field_labels={k: OpportunityForm.base_fields[k].label for k in WORDED_FIELDS},
    )


@organisation_admin
@require_POST
def listing_publish(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = _listing(organisation, listing)
    try:
        services.opportunity_publish(actor=request.user, opportunity=item)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The listing is published: anyone can find it.")
    return redirect("learning:listing", slug=organisation.slug, listing=item.slug)


@organisation_admin
@GET_POST
def listing_withdraw(
    request: HttpRequest, organisation: Organisation, listing: str
) -> HttpResponse:
    item = _listing(organisation, listing)
    form = WithdrawForm(posted(request))
    if form.is_valid():
        try:
            told = services.opportunity_withdraw(
                actor=request.user, opportunity=item, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"The listing is withdrawn. We have told {told} people.")
            return redirect("learning:listing", slug=organisation.slug, listing=item.slug)
    return _page(request, "withdraw.jinja", organisation=organisation, item=item, form=form)


@organisation_admin
@GET_POST
def session_add(request: HttpRequest, organisation: Organisation, listing: str) -> HttpResponse:
    item = _listing(organisation, listing)
    form = SessionForm(posted(request), organisation=organisation)
    if form.is_valid():
        try:
            services.session_save(actor=request.user, opportunity=item, **form.service_fields())
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The session has been added.")
            return redirect("learning:listing", slug=organisation.slug, listing=item.slug)
    return _page(request, "session_form.jinja", organisation=organisation, item=item, form=form)


@organisation_admin
@require_GET
def session(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _session(organisation, pk)
    bookings = found.bookings.select_related("learner", "learner_organisation").order_by(
        "state", "waitlisted_at", "created_at"
    )
    return _page(
        request,
        "session.jinja",
        organisation=organisation,
        session=found,
        row=presenters.session_row(found),
        booked=[b for b in bookings if b.state == BookingState.BOOKED],
        pending=[b for b in bookings if b.state == BookingState.PENDING_APPROVAL],
        waiting=[b for b in bookings if b.state in (BookingState.WAITLISTED, BookingState.OFFERED)],
        started=found.starts_at <= timezone.now(),
    )


@organisation_admin
@require_POST
def attendance(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _session(organisation, pk)
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("booking-") and value in ("attended", "absent"):
            try:
                marks[int(key.removeprefix("booking-"))] = value
            except ValueError:
                continue
    try:
        changed = services.attendance_mark(
            actor=request.user,
            session=found,
            attended=[k for k, v in marks.items() if v == "attended"],
            absent=[k for k, v in marks.items() if v == "absent"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Attendance saved for {changed} people.")
    return redirect("learning:session", slug=organisation.slug, pk=found.pk)


@organisation_admin
@require_POST
def session_cancel(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    found = _session(organisation, pk)
    try:
        told = services.session_cancel(actor=request.user, session=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The session is cancelled. We have told {told} people.")
    return redirect("learning:listing", slug=organisation.slug, listing=found.opportunity.slug)


@organisation_admin
@require_POST
def booking_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.for_organisation(organisation).select_related("session"), pk=pk
    )
    try:
        services.booking_decide(
            actor=request.user, booking=booking, approve=request.POST.get("decision") == "approve"
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The decision has been recorded and the learner told.")
    return redirect("learning:session", slug=organisation.slug, pk=booking.session_id)


@organisation_admin
@require_GET
def completions(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _page(
        request,
        "completions.jinja",
        organisation=organisation,
        pending=selectors.pending_declarations(organisation),
        recent=Completion.objects.for_organisation(organisation)
        .exclude(state=CompletionState.PENDING)
        .select_related("learner", "opportunity")[:50],
    )


def _completion(organisation: Organisation, pk: int) -> Completion:
    return get_object_or_404(
        Completion.objects.for_organisation(organisation).select_related("learner", "opportunity"),
        pk=pk,
    )


@organisation_admin
@GET_POST
def completion_decide(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    completion = _completion(organisation, pk)
    form = DecideForm(posted(request))
    if form.is_valid():
        try:
            services.completion_decide(
                actor=request.user,
                completion=completion,
                verify=form.cleaned_data["decision"] == "verify",
                note=form.cleaned_data["note"],
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The decision has been recorded.")
            return redirect("learning:completions", slug=organisation.slug)
    return _page(
        request,
        "completion_decide.jinja",
        organisation=organisation,
        completion=completion,
        form=form,
    )


@organisation_admin
@GET_POST
def completion_revoke(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    completion = _completion(organisation, pk)
    form = RevokeForm(posted(request))
    if form.is_valid():
        try:
            services.completion_revoke(
                actor=request.user, completion=completion, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The certificate is revoked: its check page now says so.")
            return redirect("learning:completions", slug=organisation.slug)
    return _page(
        request,
        "completion_revoke.jinja",
        organisation=organisation,
        completion=completion,
        form=form,
    )


@organisation_admin
@require_GET
def compliance(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    today = timezone.localdate()
    profiles = RoleProfile.objects.for_organisation(organisation).prefetch_related("requirements")
    return _page(
        request,
        "compliance.jinja",
        organisation=organisation,
        profiles=[(p, selectors.role_members(p, today)) for p in profiles],
        accepted=organisation.accepted_issuers.select_related("issuer"),
        policies=RequirementPolicy.objects.filter(organisation=organisation).select_related(
            "requirement"
        ),
    )


def _save_role(
    request: HttpRequest, organisation: Organisation, profile: RoleProfile | None
) -> HttpResponse:
    initial = (
        {"name": profile.name, "requirements": list(profile.requirements.all())}
        if profile
        else None
    )
    form = RoleProfileForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.role_profile_save(
                actor=request.user, organisation=organisation, profile=profile, **form.cleaned_data
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The role has been saved.")
            return redirect("learning:compliance", slug=organisation.slug)
    return _page(request, "role_form.jinja", organisation=organisation, form=form, profile=profile)


@organisation_admin
@GET_POST
def role_add(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    return _save_role(request, organisation, None)


@organisation_admin
@GET_POST
def role_edit(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    return _save_role(
        request, organisation, get_object_or_404(RoleProfile, organisation=organisation, pk=pk)
    )


@organisation_admin
@GET_POST
def role_people(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    profile = get_object_or_404(RoleProfile, organisation=organisation, pk=pk)
    form = MemberForm(posted(request))
    if form.is_valid():
        person = User.objects.filter(email=form.cleaned_data["email"].lower()).first()
        try:
            if person is None:
                raise ServiceError("No one with this e-mail address has an account.", field="email")
            services.role_member_set(
                actor=request.user, profile=profile, learner=person, member=True
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, f"{person.display_name} now has this role.")
            return redirect("learning:role_people", slug=organisation.slug, pk=profile.pk)
    return _page(
        request,
        "role_people.jinja",
        organisation=organisation,
        profile=profile,
        form=form,
        members=[
            (m, presenters.standing_rows(r))
            for m, r in selectors.role_members(profile, timezone.localdate())
        ],
    )


@organisation_admin
@require_POST
def role_person_remove(
    request: HttpRequest, organisation: Organisation, pk: int, person: int
) -> HttpResponse:
    profile = get_object_or_404(RoleProfile, organisation=organisation, pk=pk)
    learner = get_object_or_404(profile.members, pk=person)
    services.role_member_set(actor=request.user, profile=profile, learner=learner, member=False)
    messages.success(request, f"{learner.display_name} no longer has this role.")
    return redirect("learning:role_people", slug=organisation.slug, pk=profile.pk)


@organisation_admin
@GET_POST
def accepted(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    current = [a.issuer for a in organisation.accepted_issuers.select_related("issuer")]
    form = AcceptedIssuersForm(
        posted(request), organisation=organisation, initial={"issuers": current}
    )
    if form.is_valid():
        services.accepted_issuers_set(
            actor=request.user, organisation=organisation, issuers=form.cleaned_data["issuers"]
        )
        messages.success(request, "Saved: training from these partners now counts as your own.")
        return redirect("learning:compliance", slug=organisation.slug)
    return _page(request, "accepted.jinja", organisation=organisation, form=form)


@organisation_admin
@GET_POST
def validity(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = PolicyForm(posted(request))
    if form.is_valid():
        try:
            services.requirement_policy_set(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(request, "The validity period has been saved.")
            return redirect("learning:compliance", slug=organisation.slug)
    return _page(request, "validity.jinja", organisation=organisation, form=form)


@organisation_admin
@GET_POST
def tokens(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    form = TokenForm(posted(request))
    raw = None
    if form.is_valid():
        _, raw = services.token_create(
            actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return _page(
        request,
        "tokens.jinja",
        organisation=organisation,
        form=form,
        raw=raw,
        keys=ProviderToken.objects.filter(organisation=organisation),
    )


@organisation_admin
@require_POST
def token_revoke(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    token = get_object_or_404(ProviderToken, organisation=organisation, pk=pk)
    try:
        services.token_revoke(actor=request.user, token=token)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The key is revoked: systems using it can no longer send.")
    return redirect("learning:tokens", slug=organisation.slug)


@partnership_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    providers = selectors.by_provider()
    whole = selectors.figures("Whole partnership", None)
    return render(
        request,
        "learning/dashboard.jinja",
        {"whole": whole, "dashboard": presenters.dashboard([whole, *providers])},
    )
