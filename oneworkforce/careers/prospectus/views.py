"""The partnership's prospectus: a page, a printable PDF from the live data, and the page where
partnership admins edit its own words."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oneworkforce.core.http import file_response
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from . import presenters, selectors, services
from .forms import ProspectusForm
from .pdf import prospectus_pdf


@access.public
@require_GET
def prospectus(request: HttpRequest) -> HttpResponse:
    shown = presenters.sections(selectors.prospectus())
    can_edit = request.user.is_authenticated and access.can_edit(request.user)
    return render(
        request, "careers/prospectus/prospectus.jinja", {"p": shown, "can_edit": can_edit}
    )


@access.public
@require_GET
def prospectus_download(request: HttpRequest) -> HttpResponse:
    body = prospectus_pdf(presenters.sections(selectors.prospectus()))
    return file_response(body, "application/pdf", "prospectus.pdf", attachment=False)


@access.partnership_edit
@require_http_methods(["GET", "POST"])
def prospectus_edit(request: HttpRequest) -> HttpResponse:
    current = selectors.prospectus_text()
    initial = {name: getattr(current, name) for name in services.FIELDS}
    form = ProspectusForm(posted(request), initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.prospectus_save(actor=request.user, **data),
        success="The prospectus is saved",
        redirect_to=reverse("careers:prospectus"),
    )
    return done or render(request, "careers/prospectus/edit.jinja", {"form": form})
