"""NHS.UK rendering of Django forms: the macro parameters and the date field."""

from __future__ import annotations

import datetime as dt

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core.forms import DateField, error_summary, nhsuk_field


class Example(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    when = DateField(label="Date of birth")


def test_errors_link_to_the_first_input_of_each_field():
    form = Example(data={})
    assert not form.is_valid()
    hrefs = [item["href"] for item in error_summary(form)]
    assert hrefs == ["#id_name", "#id_colour", "#id_when-day"]


def test_an_input_keeps_what_was_typed_and_shows_its_error():
    form = Example(data={"name": "Ada", "colour": "green"})
    form.is_valid()
    name = nhsuk_field(form["name"])
    colour = nhsuk_field(form["colour"])
    assert name["component"] == "input"
    assert name["params"]["value"] == "Ada"
    assert name["params"]["hint"] == {"text": "Your full name"}
    assert colour["component"] == "radios"
    assert colour["params"]["errorMessage"]["text"].startswith("Select a valid choice")
    assert [i["value"] for i in colour["params"]["items"]] == ["red", "blue"]


def test_the_date_field_rebuilds_the_date_from_three_boxes():
    form = Example(
        data={
            "name": "A",
            "colour": "red",
            "when_day": "7",
            "when_month": "11",
            "when_year": "1990",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == dt.date(1990, 11, 7)


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2200))
def test_the_date_field_accepts_real_dates_and_refuses_impossible_ones(day, month, year):
    form = Example(
        data={
            "name": "A",
            "colour": "red",
            "when_day": str(day),
            "when_month": str(month),
            "when_year": str(year),
        }
    )
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        assert not form.is_valid()
        assert form.errors["when"] == ["The date of birth must be a real date"]
    else:
        assert form.is_valid()
        assert form.cleaned_data["when"] == expected


def test_a_half_entered_date_asks_for_all_three_parts():
    form = Example(data={"name": "A", "colour": "red", "when_day": "7", "when_year": "1990"})
    assert not form.is_valid()
    assert form.errors["when"] == ["Enter the date of birth as day, month and year"]
    params = nhsuk_field(form["when"])["params"]
    assert [i["value"] for i in params["items"]] == ["7", "", "1990"]


def test_letters_in_a_date_are_not_a_crash():
    form = Example(
        data={"name": "A", "colour": "red", "when_day": "x", "when_month": "y", "when_year": "z"}
    )
    assert not form.is_valid()
    assert form.errors["when"] == ["The date of birth must be a real date"]


def test_several_choices_render_as_checkboxes_not_radios():
    class Filters(forms.Form):
        kinds = forms.MultipleChoiceField(
            label="Kinds", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )

    spec = nhsuk_field(Filters(data={"kinds": ["b"]})["kinds"])
    assert spec["component"] == "checkboxes"
    assert [i["checked"] for i in spec["params"]["items"]] == [False, True]


def test_an_id_beyond_64_bits_is_a_form_error_not_a_database_error(db):
    from oneworkforce.core.forms import ModelChoiceField, ModelMultipleChoiceField
    from oneworkforce.partners.models import Organisation

    class Choose(forms.Form):
        one = ModelChoiceField(queryset=Organisation.objects.all(), required=False)
        many = ModelMultipleChoiceField(queryset=Organisation.objects.all(), required=False)

    form = Choose(data={"one": "99999999999999999999", "many": ["99999999999999999999"]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}
