from __future__ import annotations

from typing import Any

from django import forms

from oneworkforce.core.forms import ModelChoiceField, required


class AllocateForm(forms.Form):
    seed = forms.IntegerField(
        label="Lottery number",
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text="The same number gives the same allocation again; another draws again",
        error_messages=required("Enter a lottery number (0 will do)"),
    )


class ChangeForm(forms.Form):
    offer = ModelChoiceField(
        label="Move the student to",
        queryset=None,
        empty_label="Choose a placement",
        error_messages=required("Choose where the student goes"),
    )
    reason = forms.CharField(
        label="Why", max_length=300, error_messages=required("Say why the placement changes")
    )

    def __init__(self, *args: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["offer"]
        field.queryset = offers  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"{o.environment.name} ({o.places} place(s))"  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """A button with nothing to fill in: a refusal shows at the top of the page."""


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=300,
        error_messages=required("Say why the placement is cancelled"),
    )
