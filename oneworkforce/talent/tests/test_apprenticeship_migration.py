"""Asking "apprenticeship" once (talent migration 0009): a vacancy ticked "It is an
apprenticeship" under another contract becomes an apprenticeship contract, so the job board's
apprenticeship filter still finds it; every other vacancy keeps its contract."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from oneworkforce.careers.jobs import selectors
from oneworkforce.core.tests.migrating import back_to_the_latest  # noqa: F401 (a fixture)
from oneworkforce.core.tests.migrating import migrate as _migrate
from oneworkforce.talent.models import Vacancy
from oneworkforce.talent.tests.factories import VacancyFactory

BEFORE = [("talent", "0008_case_notes")]
AFTER = [("talent", "0009_apprenticeship_is_a_contract")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest")
def test_the_box_becomes_the_contract_and_the_filter_still_finds_it():
    ticked, bank, plain = VacancyFactory(), VacancyFactory(), VacancyFactory()
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("talent", "Vacancy")
    old.objects.filter(pk=ticked.pk).update(apprenticeship=True, contract="fixed_term")
    old.objects.filter(pk=bank.pk).update(contract="bank")

    _migrate(AFTER)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    contracts = dict(Vacancy.objects.values_list("pk", "contract"))
    assert contracts == {ticked.pk: "apprenticeship", bank.pk: "bank", plain.pk: "permanent"}
    assert list(selectors.search(selectors.Criteria(apprenticeship=True))) == [
        Vacancy.objects.get(pk=ticked.pk)
    ]
