"""The form a provider fills to attach a recording or other material to a past session."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms

from oneworkforce.core.forms import required

from ..models import Audience
from ..records.forms import certificate_type, checked_file

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
# What an uploaded file may be, told by its first bytes (not by its name or the browser's word):
# the certificate types, and MP4 video (its "ftyp" box begins at the fifth byte).
MP4 = "video/mp4"
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", MP4: "mp4"}


def file_type(body: bytes) -> str | None:
    """The content type of an allowed file, from its first bytes, or None."""
    if body[4:8] == b"ftyp":
        return MP4
    return certificate_type(body)


def web_link(value: str) -> bool:
    """Whether ``value`` is an http or https address with a host (nothing else is linked)."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class MaterialForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example 'Recording of the session' or 'Slides'",
        error_messages=required("Enter a title for the material"),
    )
    link = forms.CharField(
        label="Link (optional)",
        required=False,
        max_length=500,
        help_text="A web address starting https:// or http://, for example where the recording "
        "is kept",
    )
    upload = forms.FileField(
        label="File (optional)",
        required=False,
        help_text="A PDF, a JPEG or PNG image, or an MP4 video, up to 20 MB",
    )
    audience = forms.ChoiceField(
        label="Who can open it",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.BOOKED,
        error_messages=required("Choose who can open it"),
    )
    who_can_use = forms.CharField(
        label="Who can use this",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown beside the material. We have started it with the listing's own words",
        error_messages=required("Say who can use this material"),
    )

    def clean_link(self) -> str:
        link = self.cleaned_data.get("link", "").strip()
        if link and not web_link(link):
            raise forms.ValidationError(
                "Enter a web address starting https:// or http://, for example "
                "https://video.example.org/session"
            )
        return link

    def clean_upload(self) -> tuple[str, str, bytes] | None:
        """``(name, content type, bytes)`` of an allowed file up to 20 MB, or ``None``."""
        return checked_file(
            self.cleaned_data.get("upload"),
            max_bytes=MATERIAL_MAX_BYTES,
            kind_of=file_type,
            what="The file",
            kinds="PDF, JPEG, PNG or MP4",
            fallback="material",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("link") and not data.get("upload"):
            self.add_error("link", "Give a link, or choose a file to upload, or both")
        return data
