"""A vacancy added or changed on its page carries what the public job board shows: pay from and
to with its unit, an NHS band beside it, the contract, the support on offer and what a person
must have. Bad pay is refused on its field and nothing is written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from oneworkforce.core.services import ServiceError
from oneworkforce.talent.models import Vacancy
from oneworkforce.talent.pipeline.services import vacancy_save

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Home care worker",
    "job_family": "care_support",
    "work_area": "social_care",
    "hours": "any",
    "places": "2",
    "contract": "permanent",
}


def test_a_partner_admin_adds_a_vacancy_with_what_the_job_board_shows(client, admin_a, org_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("talent:vacancy_add"),
        {
            **FORM,
            "organisation": str(org_a.pk),
            "pay_low": "12.60",
            "pay_high": "13.40",
            "pay_unit": "hour",
            "contract": "bank",
            "training_given": "on",
            "travel_help": "on",
            "essential_criteria": "Able to drive",
        },
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get(organisation=org_a)
    assert (vacancy.pay_low, vacancy.pay_high, vacancy.pay_unit) == (
        Decimal("12.60"),
        Decimal("13.40"),
        "hour",
    )
    assert vacancy.contract == "bank" and vacancy.training_given and vacancy.travel_help
    assert vacancy.essential_criteria == "Able to drive"
    edit = client.get(reverse("talent:vacancy_edit", kwargs={"pk": vacancy.pk})).text
    assert 'value="12.60"' in edit and "Able to drive" in edit


@pytest.mark.parametrize(
    ("pay", "field", "message"),
    [
        ({"pay_low": "14", "pay_high": "12", "pay_unit": "hour"}, "pay_low", "not be above"),
        ({"pay_low": "12.60"}, "pay_unit", "an hour or a year"),
        ({"pay_low": "twelve", "pay_unit": "hour"}, "pay_low", "number of pounds"),
        ({"pay_low": "0", "pay_unit": "hour"}, "pay_low", ""),
    ],
)
def test_bad_pay_is_refused_on_its_field_and_nothing_is_written(
    client, admin_a, org_a, pay, field, message
):
    client.force_login(admin_a)
    response = client.post(
        reverse("talent:vacancy_add"), {**FORM, "organisation": str(org_a.pk), **pay}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not Vacancy.objects.exists()


def test_the_form_asks_apprenticeship_once_and_sets_the_career_role(client, admin_a, org_a):
    client.force_login(admin_a)
    form = client.get(reverse("talent:vacancy_add")).text
    assert "It is an apprenticeship" not in form and form.count('value="apprenticeship"') == 1
    assert 'value="nursing-associate"' in form and "Nursing associate" in form
    response = client.post(
        reverse("talent:vacancy_add"),
        {
            **FORM,
            "organisation": str(org_a.pk),
            "contract": "apprenticeship",
            "career_role": "care-worker",
        },
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get(organisation=org_a)
    assert (vacancy.contract, vacancy.career_role) == ("apprenticeship", "care-worker")


def test_a_career_role_not_in_the_catalogue_is_refused_on_its_field(client, admin_a, org_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("talent:vacancy_add"),
        {**FORM, "organisation": str(org_a.pk), "career_role": "astronaut"},
    )
    assert response.status_code == 200
    assert "Choose a career role from the list" in " ".join(
        response.context["form"].errors["career_role"]
    )
    assert not Vacancy.objects.exists()
    with pytest.raises(ServiceError) as raised:
        vacancy_save(
            actor=admin_a,
            organisation=org_a,
            title="Carer",
            job_family="care_support",
            work_area="social_care",
            board={"career_role": "astronaut"},
        )
    assert raised.value.field == "career_role" and not Vacancy.objects.exists()
