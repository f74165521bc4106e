"""The partnership's prospectus: a page, a printable PDF from the live data, and the page where
partnership admins edit its own words and its photos; the public view serving a photo."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oneworkforce.core.http import file_response
from oneworkforce.core.viewhelpers import posted, submitted

from .. import access
from ..models import ProspectusPhoto
from . import presenters, selectors, services
from .forms import PhotoAddForm, PhotoTextForm, ProspectusForm
from .pdf import prospectus_pdf
from .photos import MAX_PHOTOS

# A photo's bytes never change under its id (a new upload is a new id), so browsers may keep it
# for a day; a removed photo stops being linked at once.
PHOTO_CACHE_SECONDS = 24 * 60 * 60


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
    body = prospectus_pdf(presenters.sections(selectors.prospectus(images=True)))
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


@access.partnership_edit
@require_http_methods(["GET", "POST"])
def prospectus_photos(request: HttpRequest) -> HttpResponse:
    """The prospectus photos, in order, with a form to add one."""
    form = PhotoAddForm(posted(request), request.FILES if request.method == "POST" else None)
    done = submitted(
        request,
        form,
        lambda data: services.photo_add(actor=request.user, **data),
        success="The photo is added to the prospectus",
        redirect_to=reverse("careers:prospectus_photos"),
    )
    shown = [presenters.photo_shown(p) for p in selectors.photos()]
    return done or render(
        request,
        "careers/prospectus/photos.jinja",
        {"form": form, "photos": shown, "full": len(shown) >= MAX_PHOTOS, "most": MAX_PHOTOS},
    )


@access.partnership_edit
@require_http_methods(["GET", "POST"])
def prospectus_photo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    photo = _photo(pk)
    initial = {"alt_text": photo.alt_text, "caption": photo.caption, "credit": photo.credit}
    form = PhotoTextForm(posted(request), initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.photo_change(actor=request.user, photo=photo, **data),
        success="The photo's words are saved",
        redirect_to=reverse("careers:prospectus_photos"),
    )
    return done or render(
        request,
        "careers/prospectus/photo_edit.jinja",
        {"form": form, "photo": presenters.photo_shown(photo)},
    )


@access.partnership_edit
@require_POST
def prospectus_photo_move(request: HttpRequest, pk: int) -> HttpResponse:
    photo = _photo(pk)
    up = request.POST.get("direction") == "up"
    if services.photo_move(actor=request.user, photo=photo, up=up):
        messages.success(request, f"Moved {'up' if up else 'down'}: {photo.alt_text}")
    return redirect("careers:prospectus_photos")


@access.partnership_edit
@require_POST
def prospectus_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = _photo(pk)
    services.photo_remove(actor=request.user, photo=photo)
    messages.success(request, f"Removed from the prospectus: {photo.alt_text}")
    return redirect("careers:prospectus_photos")


def _photo(pk: int) -> ProspectusPhoto:
    photo = selectors.photo(pk)
    if photo is None:
        raise Http404("No such photo.")
    return photo


@access.public
@require_GET
@cache_control(public=True, max_age=PHOTO_CACHE_SECONDS)
def prospectus_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A prospectus photo's stored JPEG, for anyone (the prospectus is public)."""
    body = selectors.photo_image(pk)
    if body is None:
        raise Http404("No such photo.")
    response = file_response(body, "image/jpeg", f"prospectus-photo-{pk}.jpg", attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    return response
