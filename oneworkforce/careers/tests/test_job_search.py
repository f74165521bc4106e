"""Words on the job board are found in the title, the employer's name and the description
through the stored search document (talent migration 0010), which follows every change: a new
description, a partner's new name, a vacancy deleted. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from oneworkforce.careers.jobs import selectors
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.talent.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def _found(text: str) -> set:
    return set(selectors.search(selectors.Criteria(q=text)))


def test_words_are_found_in_the_title_the_employer_and_the_description():
    heatherlea = OrganisationFactory(name="Heatherlea Care Homes")
    nights = VacancyFactory(
        organisation=heatherlea,
        title="Care assistant",
        description="Waking nights in a small home; we pay for your driving lessons.",
    )
    reception = VacancyFactory(title="Receptionist", description="Front desk at the surgery.")
    assert _found("driving") == {nights}
    assert _found("heatherlea assistant") == {nights}
    assert _found("nurs") == set()
    assert _found("surgery reception") == {reception}  # a word's start finds the word
    assert _found("driving receptionist") == set()  # every word must be found
    assert _found("!!! ...") == set()


def test_the_search_follows_a_changed_description_a_renamed_partner_and_a_deletion():
    partner = OrganisationFactory(name="Brightpath")
    vacancy = VacancyFactory(organisation=partner, title="Support worker", description="Days")
    vacancy.description = "Mostly evenings with a team of six"
    vacancy.save()
    assert _found("evenings") == {vacancy} and _found("days") == set()
    partner.name = "Moorside Support"
    partner.save()
    assert _found("moorside") == {vacancy} and _found("brightpath") == set()
    vacancy.delete()
    assert _found("evenings") == set()


def test_words_and_filters_together_are_counted_with_their_page():
    partner = OrganisationFactory(name="Westdale")
    porter = {"organisation": partner, "title": "Porter", "description": "Nights"}
    kept = VacancyFactory(**porter, hours="part_time")
    VacancyFactory(**porter, hours="full_time")
    results = selectors.search(selectors.Criteria(q="porter nights", hours=["part_time"]))
    page = selectors.results_page(results, "1")
    assert page.paginator.count == 1 and list(page) == [kept]


@pytest.mark.parametrize(
    ("asked", "shown", "rows"), [("2", 2, 2), ("9", 3, 1), ("lots", 1, 2), ("-1", 1, 2)]
)
def test_a_page_is_counted_with_its_rows_and_a_bad_number_gives_a_real_page(asked, shown, rows):
    for n in range(5):
        VacancyFactory(title=f"Care worker {n}")
    page = selectors.results_page(selectors.search(selectors.Criteria()), asked, per_page=2)
    assert (page.number, len(page), page.paginator.count) == (shown, rows, 5)
    assert page.paginator.num_pages == 3


def test_a_search_with_no_results_is_an_empty_first_page():
    page = selectors.results_page(selectors.search(selectors.Criteria(q="astronaut")), "3")
    assert (page.number, len(page), page.paginator.count) == (1, 0, 0)


def test_the_filter_panel_keeps_what_was_chosen_and_names_a_bad_choice(client):
    chosen = client.get(
        reverse("careers:jobs"), {"sector": ["nhs", "council"], "apprenticeship": "on"}
    ).text
    assert re.search(r'id="id_sector-2" name="sector" type="checkbox" value="nhs" checked', chosen)
    assert re.search(r'value="council" checked', chosen)
    assert not re.search(r'value="social_care" checked', chosen)
    assert re.search(
        r'id="id_apprenticeship" name="apprenticeship" type="checkbox" value="on" checked', chosen
    )
    bad = client.get(reverse("careers:jobs"), {"sector": "moon"})
    assert bad.status_code == 400
    assert "nhsuk-form-group--error" in bad.text and "moon" in bad.text
