"""Attaching recordings and materials to a past session, and taking them off. One transaction
each, audited; a refusal is a :class:`ServiceError` naming the field, and nothing is written."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.models import User

from ..models import Audience, Material, Session
from .forms import MATERIAL_MAX_BYTES, file_type, web_link


@transaction.atomic
def material_add(
    *,
    actor: User,
    session: Session,
    title: str,
    link: str,
    upload: tuple[str, str, bytes] | None,
    audience: str,
    who_can_use: str,
) -> Material:
    if session.starts_at > timezone.now():
        raise ServiceError("Materials are added once the session has started.")
    if session.cancelled_at is not None:
        raise ServiceError("This session was cancelled: it has no materials.")
    if not title.strip():
        raise ServiceError("Enter a title for the material.", field="title")
    if link and not web_link(link):
        raise ServiceError("Enter a web address starting https:// or http://.", field="link")
    if not link and upload is None:
        raise ServiceError("Give a link, or choose a file to upload, or both.", field="link")
    if audience not in Audience.values:
        raise ServiceError("Choose who can open it.", field="audience")
    if not who_can_use.strip():
        raise ServiceError("Say who can use this material.", field="who_can_use")
    material = Material(
        session=session,
        title=title.strip(),
        link=link,
        audience=audience,
        who_can_use=who_can_use.strip(),
        added_by=actor,
    )
    if upload is not None:
        name, kind, body = upload
        if len(body) > MATERIAL_MAX_BYTES or file_type(body) != kind:
            raise ServiceError(
                "The file must be a PDF, JPEG, PNG or MP4 file up to 20 MB.", field="upload"
            )
        material.file, material.file_name, material.file_type = body, name, kind
        material.file_size = len(body)
    material.save()
    audit.record(
        actor=actor,
        action="learning.material_added",
        obj=material,
        changes={
            "session": session.pk,
            "link": link,
            "file": material.file_name,
            "audience": audience,
        },
        organisation=session.opportunity.organisation,
    )
    return material


@transaction.atomic
def material_remove(*, actor: User, material: Material) -> None:
    audit.record(
        actor=actor,
        action="learning.material_removed",
        obj=material,
        changes={"session": material.session_id, "title": material.title},
        organisation=material.session.opportunity.organisation,
    )
    material.delete()
