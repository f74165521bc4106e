"""What the staff portability pages show: which next steps a deployment offers the person
looking at it. Pure: reads only the deployment and the flags it is given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import DeploymentState

OPEN = (
    DeploymentState.REQUESTED,
    DeploymentState.AGREED,
    DeploymentState.READY,
    DeploymentState.ACTIVE,
)


@dataclass(frozen=True)
class NextSteps:
    back_to_list: bool  # the back link goes to the deployments list (else the section's home)
    can_consent: bool
    can_accept: bool
    can_attest: bool
    can_start: bool
    can_close: bool
    awaiting_offer: bool


def next_steps(deployment: Any, *, is_host: bool, is_employer: bool, is_person: bool) -> NextSteps:
    """The buttons on a deployment's page. ``is_host`` and ``is_employer``: the viewer
    administers the host or the employer of record; ``is_person``: the viewer is the person
    deployed. The services check every rule again."""
    state = deployment.state
    named = deployment.person_id is not None
    return NextSteps(
        back_to_list=is_host or is_employer,
        can_consent=is_person
        and not deployment.person_consented_at
        and state in (DeploymentState.REQUESTED, DeploymentState.AGREED),
        can_accept=is_host
        and named
        and not deployment.host_accepted_at
        and state == DeploymentState.REQUESTED,
        can_attest=(is_employer or is_host)
        and state in OPEN
        and deployment.employer_id is not None,
        can_start=is_host and state in (DeploymentState.AGREED, DeploymentState.READY),
        can_close=(is_host or is_employer) and state in OPEN,
        awaiting_offer=state == DeploymentState.REQUESTED and not named,
    )
