"""The prospectus text a partnership admin edits."""

from __future__ import annotations

from django import forms


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
