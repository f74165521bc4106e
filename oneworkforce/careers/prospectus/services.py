"""Saving the prospectus text, and adding, changing, ordering and removing its photos (each one
transaction, audited)."""

from __future__ import annotations

from django.db import transaction

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from ..models import Prospectus, ProspectusPhoto
from . import photos
from .selectors import prospectus_text

FIELDS = ("title", "place", "why_here", "support", "contacts")


@transaction.atomic
def prospectus_save(
    *, actor: User, title: str, place: str, why_here: str, support: str, contacts: str
) -> Prospectus:
    target = prospectus_text()
    before = audit.snapshot_stored(target, FIELDS) if target.pk else {}
    target.title = " ".join((title or "").split()) or "Work in health and care"
    target.place = " ".join((place or "").split())
    target.why_here, target.support = (why_here or "").strip(), (support or "").strip()
    target.contacts, target.updated_by = (contacts or "").strip(), actor
    target.save()
    audit.record(
        actor=actor,
        action="careers.prospectus_saved",
        obj=target,
        changes=audit.diff(before, audit.snapshot(target, FIELDS)),
    )
    return target


PHOTO_FIELDS = ("alt_text", "caption", "credit", "position", "width", "height")


@transaction.atomic
def photo_add(
    *, actor: User | None, upload: bytes | None, alt_text: str, caption: str = "", credit: str = ""
) -> ProspectusPhoto:
    """A photo re-encoded (no metadata) and placed last. Nothing is written on bad input."""
    alt = photos.checked_alt(alt_text)
    if not upload:
        raise ServiceError("Choose a photo to upload", field="upload")
    if ProspectusPhoto.objects.count() >= photos.MAX_PHOTOS:
        raise ServiceError(
            f"The prospectus has {photos.MAX_PHOTOS} photos, the most it shows: remove one first",
            field="upload",
        )
    image = photos.encoded(upload)
    last = ProspectusPhoto.objects.order_by("-position").values_list("position", flat=True).first()
    photo = ProspectusPhoto.objects.create(
        image=image.jpeg,
        width=image.width,
        height=image.height,
        alt_text=alt,
        caption=_line(caption),
        credit=_line(credit),
        position=(last or 0) + 1,
        added_by=actor,
    )
    audit.record(
        actor=actor,
        action="careers.prospectus_photo_added",
        obj=photo,
        changes=audit.diff({}, audit.snapshot(photo, PHOTO_FIELDS)),
    )
    return photo


@transaction.atomic
def photo_change(
    *, actor: User, photo: ProspectusPhoto, alt_text: str, caption: str, credit: str
) -> ProspectusPhoto:
    before = audit.snapshot_stored(photo, PHOTO_FIELDS)
    photo.alt_text = photos.checked_alt(alt_text)
    photo.caption, photo.credit = _line(caption), _line(credit)
    photo.save(update_fields=["alt_text", "caption", "credit"])
    audit.record(
        actor=actor,
        action="careers.prospectus_photo_changed",
        obj=photo,
        changes=audit.diff(before, audit.snapshot(photo, PHOTO_FIELDS)),
    )
    return photo


@transaction.atomic
def photo_move(*, actor: User, photo: ProspectusPhoto, up: bool) -> bool:
    """Swap the photo with its neighbour above (``up``) or below; False at either end."""
    ordered = list(ProspectusPhoto.objects.select_for_update().order_by("position", "pk"))
    at = next(i for i, p in enumerate(ordered) if p.pk == photo.pk)
    other = at - 1 if up else at + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[at], ordered[other] = ordered[other], ordered[at]
    for n, item in enumerate(ordered, start=1):
        if item.position != n:
            item.position = n
            item.save(update_fields=["position"])
    audit.record(
        actor=actor,
        action="careers.prospectus_photo_moved",
        obj=photo,
        changes={"position": {"from": at + 1, "to": other + 1}},
    )
    return True


@transaction.atomic
def photo_remove(*, actor: User, photo: ProspectusPhoto) -> None:
    audit.record(
        actor=actor,
        action="careers.prospectus_photo_removed",
        obj=photo,
        changes=audit.diff(audit.snapshot(photo, PHOTO_FIELDS), {}),
    )
    photo.delete()


def _line(value: str) -> str:
    return " ".join((value or "").split())
