"""The deployment page's next steps, decided without a database."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from oneworkforce.deployments.portability.presenters import NextSteps, next_steps

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _deployment(state: str, **fields: object) -> SimpleNamespace:
    values: dict[str, object] = {
        "state": state,
        "person_id": 7,
        "employer_id": 3,
        "person_consented_at": None,
        "host_accepted_at": None,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def _steps(
    state: str,
    *,
    host: bool = False,
    employer: bool = False,
    person: bool = False,
    **fields: object,
) -> NextSteps:
    return next_steps(
        _deployment(state, **fields), is_host=host, is_employer=employer, is_person=person
    )


def test_it_offers_an_open_need_to_nobody_but_says_it_waits_for_an_offer() -> None:
    steps = _steps("requested", host=True, person_id=None, employer_id=None)
    assert steps.awaiting_offer
    assert not steps.can_accept  # nobody is named yet
    assert not steps.can_attest  # no employer of record to vouch
    assert steps.can_close and not steps.can_start


def test_it_lets_the_host_accept_a_named_person_only_once_and_only_while_requested() -> None:
    assert _steps("requested", host=True).can_accept
    assert not _steps("requested", host=True, host_accepted_at=NOW).can_accept
    assert not _steps("agreed", host=True).can_accept
    assert not _steps("requested", employer=True).can_accept


def test_it_asks_only_the_person_for_consent_before_the_deployment_is_ready() -> None:
    assert _steps("requested", person=True).can_consent
    assert _steps("agreed", person=True).can_consent
    assert not _steps("ready", person=True).can_consent
    assert not _steps("requested", person=True, person_consented_at=NOW).can_consent
    assert not _steps("requested", host=True).can_consent


@pytest.mark.parametrize("state", ["agreed", "ready"])
def test_it_lets_only_the_host_start_an_agreed_or_ready_deployment(state: str) -> None:
    assert _steps(state, host=True).can_start
    assert not _steps(state, employer=True).can_start


@pytest.mark.parametrize("state", ["ended", "declined", "cancelled"])
def test_it_offers_nothing_on_a_closed_deployment(state: str) -> None:
    steps = _steps(state, host=True, employer=True, person=True)
    assert not any(
        [
            steps.can_consent,
            steps.can_accept,
            steps.can_attest,
            steps.can_start,
            steps.can_close,
            steps.awaiting_offer,
        ]
    )
    assert not _steps(state, host=True, person_id=None).awaiting_offer


def test_it_sends_the_partners_back_to_the_list_and_the_person_to_the_sections_home() -> None:
    assert _steps("active", employer=True).back_to_list
    assert _steps("active", host=True).back_to_list
    person = _steps("active", person=True)
    assert not person.back_to_list
    assert not person.can_close and not person.can_attest
    assert _steps("active", employer=True).can_attest
