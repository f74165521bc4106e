"""Moving the "sent once" record from the learning portal to core keeps every row, so no
reminder already sent is sent again after the upgrade."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from oneworkforce.core.models import Notice
from oneworkforce.core.tests.migrating import back_to_the_latest  # noqa: F401 (a fixture)
from oneworkforce.core.tests.migrating import migrate as _migrate
from oneworkforce.partners.tests.factories import UserFactory

BEFORE = [("core", "0003_postcode_imd_decile"), ("learning", "0003_stored_search_document")]
AFTER = [("core", "0004_notice"), ("learning", "0004_notice_moves_to_core")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest")
def test_notices_sent_before_the_move_are_still_known_after_it():
    person = UserFactory(email="reminded@example.org")
    executor = _migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    old_apps.get_model("learning", "Notice").objects.create(
        key="reminder:1", learner_id=person.pk, subject="Your course is tomorrow"
    )

    _migrate(AFTER)

    moved = Notice.objects.get(key="reminder:1")
    assert (moved.recipient, moved.subject) == (person, "Your course is tomorrow")
    assert not Notice.first_time(key="reminder:1", recipient=person, subject="again")
    assert Notice.first_time(key="reminder:2", recipient=person, subject="Another")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest")
def test_the_schema_is_at_its_latest_after_the_move_test():
    # Runs after the test above in the same worker (pytest keeps a module's order): every
    # migration is applied again, so the newest learning columns exist.
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
