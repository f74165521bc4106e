"""Helpers for tests that move apps back to an older migration and forward again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.fixture
def back_to_the_latest():
    """A test that moves schemas back puts every app at its latest migration again afterwards,
    or later tests on this database would miss whatever came after."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
