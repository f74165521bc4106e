"""Each holding's part of deleting an account (the right to erasure), and the values that
identify the person, gathered before anything is erased."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.apps import apps

from oneworkforce.core import audit
from oneworkforce.core.http import keyed_hash
from oneworkforce.decisions.models import Ballot
from oneworkforce.deployments.models import Apprentice
from oneworkforce.deployments.portability.services import person_erase
from oneworkforce.learning.bookings.services import learner_erase
from oneworkforce.learning.cpd.services import cpd_erase
from oneworkforce.learning.evaluations.services import evaluations_forget
from oneworkforce.partners.models import SignInAttempt
from oneworkforce.placements import privacy as placements_privacy
from oneworkforce.talent.casework.privacy import candidate_erase

from . import exports
from .holdings import DELETED_NAME, REMOVED, Erasure

if TYPE_CHECKING:
    from oneworkforce.partners.models import User


def delete(model: str, **lookup: Any) -> Callable[[Any, Erasure], None]:
    def erase(user: User, erasure: Erasure) -> None:
        apps.get_model(model).objects.filter(
            **{k: (user if v is None else v(user)) for k, v in lookup.items()}
        ).delete()

    return erase


def erase_sign_in_attempts(user: User, erasure: Erasure) -> None:
    SignInAttempt.objects.filter(address_hash=keyed_hash("address", user.email)).delete()


def erase_learning(user: User, erasure: Erasure) -> None:
    learner_erase(user=user)


def erase_learning_evaluations(user: User, erasure: Erasure) -> None:
    evaluations_forget(user=user)


def erase_cpd(user: User, erasure: Erasure) -> None:
    cpd_erase(user=user)


def erase_deployments(user: User, erasure: Erasure) -> None:
    person_erase(user=user, redact=audit.redactor(erasure.values, REMOVED))


def erase_talent(user: User, erasure: Erasure) -> None:
    for candidate in exports.candidates(user):
        candidate_erase(candidate=candidate)


def erase_placements(user: User, erasure: Erasure) -> None:
    placements_privacy.student_erase(user, audit.redactor(erasure.values, REMOVED))


def erase_ballots(user: User, erasure: Erasure) -> None:
    # The conflicts of interest a voter declared could name them: they go with the link.
    Ballot.objects.filter(voter=user).update(voter=None, interests="")


def erase_audit(user: User, erasure: Erasure) -> None:
    audit.forget_person(actor_ref=user.pk, values=erasure.values, replacement=DELETED_NAME)


def erase_account(user: User, erasure: Erasure) -> None:
    user.email = f"deleted-account-{user.pk}@deleted.invalid"
    user.full_name = DELETED_NAME
    user.job_title = ""
    user.other_organisation = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()


def postcode_spellings(postcode: str) -> set[str]:
    compact = "".join(postcode.split()).upper()
    if not compact:
        return set()
    return {postcode.strip(), compact, f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else ""}


def identifying_values(user: User) -> set[str]:
    """The person's name, e-mail address, phone and postcode as held anywhere in the map."""
    values = {user.email, user.full_name}
    for name, postcode in Apprentice.objects.filter(person=user).values_list(
        "name", "home_postcode"
    ):
        values |= {name} | postcode_spellings(postcode)
    values |= placements_privacy.identifying_values(user)
    for candidate in exports.candidates(user):
        values |= {candidate.full_name, candidate.email or "", candidate.phone or ""}
        values |= postcode_spellings(candidate.postcode)
    return {v.strip() for v in values if v and v.strip()}
