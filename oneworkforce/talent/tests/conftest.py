"""The authorization matrix's shared world, for the talent hub's own access tests."""

from oneworkforce.core.tests.conftest import world  # noqa: F401
