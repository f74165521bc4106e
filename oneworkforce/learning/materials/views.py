"""Session materials: the provider's page to attach recordings and files to a past session and
take them off, and the one view that serves an uploaded file, to those who may open it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.http import file_response
from oneworkforce.core.services import ServiceError
from oneworkforce.core.viewhelpers import apply_error, posted
from oneworkforce.partners.models import Organisation

from .. import access
from ..bookings import presenters as booking_presenters
from ..bookings import selectors as booking_selectors
from . import presenters, selectors, services
from .forms import EXTENSIONS, MaterialForm


@access.organisation_admin
@require_http_methods(["GET", "POST"])
def session_materials(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    session = booking_selectors.provider_session(organisation=organisation, pk=pk)
    form = MaterialForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        initial={"who_can_use": session.opportunity.who_can_take},
    )
    if form.is_valid():
        try:
            made = services.material_add(actor=request.user, session=session, **form.cleaned_data)
        except ServiceError as error:
            apply_error(form, error)
        else:
            messages.success(
                request, f"{made.title} added. {made.get_audience_display()} can open it."
            )
            return redirect("learning:session_materials", slug=organisation.slug, pk=session.pk)
    return render(
        request,
        "learning/materials/manage.jinja",
        {
            "organisation": organisation,
            "session": session,
            "row": booking_presenters.session_row(session),
            "started": session.starts_at <= timezone.now(),
            "materials": presenters.rows(selectors.session_materials(session)),
            "form": form,
        },
    )


@access.organisation_admin
@require_POST
def material_remove(request: HttpRequest, organisation: Organisation, pk: int) -> HttpResponse:
    session = booking_selectors.provider_session(organisation=organisation, pk=pk)
    material = selectors.provider_material(
        organisation=organisation, pk=request.POST.get("material")
    )
    if material is None or material.session_id != session.pk:
        messages.error(request, "Choose a material of this session to remove.")
    else:
        services.material_remove(actor=request.user, material=material)
        messages.success(request, f"{material.title} removed.")
    return redirect("learning:session_materials", slug=organisation.slug, pk=session.pk)


@access.public
@require_GET
def material_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded material, to those who may open it; others are asked to sign in, or told
    there is no such file (never whether it exists)."""
    material = selectors.material_for(user=request.user, pk=pk)
    if material is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("No such material.")
    if not material.file:
        raise Http404("This material is a link, not a file.")
    name = f"material-{material.pk}.{EXTENSIONS.get(material.file_type, 'bin')}"
    return file_response(bytes(material.file), material.file_type, name)
