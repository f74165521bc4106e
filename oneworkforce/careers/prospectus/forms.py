"""The prospectus text and photos a partnership admin edits."""

from __future__ import annotations

from django import forms

from oneworkforce.core.forms import required
from oneworkforce.core.services import ServiceError

from . import photos


class ProspectusForm(forms.Form):
    title = forms.CharField(label="Title", max_length=150, required=False)
    place = forms.CharField(
        label="The place or partnership, as people know it", max_length=150, required=False
    )
    why_here = forms.CharField(
        label="Why work here",
        help_text="Leave a blank line between paragraphs",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )
    support = forms.CharField(
        label="Support to get into work", widget=forms.Textarea, max_length=4000, required=False
    )
    contacts = forms.CharField(
        label="Contacts",
        help_text="Who to ask, with a work email address or phone number",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
    )


class PhotoTextForm(forms.Form):
    alt_text = forms.CharField(
        label="Alternative text",
        max_length=photos.MAX_ALT,
        help_text="What the photo shows, for people who cannot see it, for example 'A care "
        "worker and a resident laughing in a garden'. Not 'photo' or a file name",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required("Describe what the photo shows"),
    )
    caption = forms.CharField(label="Caption (optional)", max_length=300, required=False)
    credit = forms.CharField(
        label="Credit (optional)",
        max_length=200,
        required=False,
        help_text="Who took it and the licence, for example 'Sam Patel, used with permission'",
    )

    def clean_alt_text(self) -> str:
        try:
            return photos.checked_alt(self.cleaned_data.get("alt_text", ""))
        except ServiceError as error:
            raise forms.ValidationError(error.message) from error


class PhotoAddForm(PhotoTextForm):
    upload = forms.FileField(
        label="Photo",
        help_text="A JPEG, PNG or WebP image up to 10 MB. We store a copy at most 1,600 pixels "
        "wide, without the camera's details or the place it was taken",
        error_messages=required("Choose a photo to upload"),
    )
    field_order = ("upload", "alt_text", "caption", "credit")

    def clean_upload(self) -> bytes:
        upload = self.cleaned_data["upload"]
        if upload.size > photos.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The photo must be 10 MB or smaller")
        body = bytes(upload.read())
        if not photos.looks_like_a_photo(body):
            raise forms.ValidationError("The photo must be a JPEG, PNG or WebP image")
        return body
