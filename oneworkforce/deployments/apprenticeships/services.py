"""Collaborative apprenticeships' workflows (``<thing>_<verb>``, keyword-only, one transaction
each, audited): set a cohort up, record choices, allocate, override. The allocation itself is the
pure engine in :mod:`..rotations`, given the problem :mod:`.problem` builds from the cohort."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oneworkforce.core import audit
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.models import Organisation, Site, User

from .. import rotations
from ..models import Apprentice, Assignment, Cohort, Placement, Preference, Setting
from .problem import Built, cohort_problem, stored_overrides

MAX_BLOCKS = 6
MAX_BLOCK_MONTHS = 12
MAX_TRAVEL_KM = 200


class AllocationRefused(ServiceError):
    """No plan was made. ``problems`` are the engine's reasons, each a plain sentence."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = [p.rstrip(".") for p in problems]
        super().__init__("No plan was made: " + "; ".join(self.problems) + ".")


def _built_or_refused(cohort: Cohort, **kwargs: Any) -> Built:
    try:
        return cohort_problem(cohort, **kwargs)
    except rotations.RotationInputError as error:
        raise AllocationRefused(error.messages) from None


# Services: setting a cohort up --------------------------------------------------------------


@transaction.atomic
def cohort_create(
    *,
    actor: User,
    name: str,
    standard: str,
    training_provider: Organisation | None,
    partners: Iterable[Organisation],
    starts_on: dt.date,
    blocks: int,
    block_months: int,
) -> Cohort:
    partners = list(partners)
    if not name.strip():
        raise ServiceError("Enter the cohort's name", field="name")
    if not partners:
        raise ServiceError("Select the partners the cohort spans", field="partners")
    if not 1 <= blocks <= MAX_BLOCKS:
        raise ServiceError(f"Enter a number of blocks from 1 to {MAX_BLOCKS}", field="blocks")
    if not 1 <= block_months <= MAX_BLOCK_MONTHS:
        raise ServiceError(
            f"Enter the months in each block, from 1 to {MAX_BLOCK_MONTHS}", field="block_months"
        )
    cohort = Cohort.objects.create(
        name=name.strip(),
        slug=_slug(name),
        standard=standard.strip(),
        training_provider=training_provider,
        starts_on=starts_on,
        blocks=blocks,
        block_months=block_months,
    )
    cohort.partners.set(partners)
    audit.record(
        actor=actor,
        action="apprenticeships.cohort_created",
        obj=cohort,
        changes={
            **audit.diff({}, audit.snapshot(cohort, COHORT_FIELDS)),
            "partners": {"from": [], "to": sorted(p.pk for p in partners)},
        },
    )
    return cohort


def _slug(name: str) -> str:
    slug = unique_slug(Cohort, name, fallback="cohort")
    # "new" is the address of the set-up page.
    return unique_slug(Cohort, f"{name} cohort") if slug == "new" else slug


COHORT_FIELDS = ("name", "standard", "training_provider", "starts_on", "blocks", "block_months")


def _per_block(cohort: Cohort, values: Sequence[int] | None, what: str, field: str) -> None:
    if values is None:
        return
    if len(values) != cohort.blocks:
        raise ServiceError(
            f"Give {what} for each of the {cohort.blocks} blocks, block 1 first "
            f"(you gave {len(values)})",
            field=field,
        )
    if any(not isinstance(v, int) or v < 0 or v > 999 for v in values):
        raise ServiceError(f"Give {what} as whole numbers from 0 to 999", field=field)


@transaction.atomic
def placement_add(
    *,
    actor: User,
    cohort: Cohort,
    site: Site,
    setting: str,
    places: Sequence[int],
    supervisors: Sequence[int] | None = None,
) -> Placement:
    if not cohort.partners.filter(pk=site.organisation_id).exists():
        raise ServiceError(
            f"{site.organisation.name} is not a partner in this cohort: choose a partner's site",
            field="site",
        )
    if cohort.placements.filter(site=site).exists():
        raise ServiceError(f"{site.name} already offers a placement in this cohort", field="site")
    if setting not in Setting.values:
        raise ServiceError("Select the setting", field="setting")
    _per_block(cohort, places, "the places", "places")
    _per_block(cohort, supervisors, "the supervisors", "supervisors")
    placement = Placement.objects.create(
        cohort=cohort,
        site=site,
        setting=setting,
        places=list(places),
        supervisors=None if supervisors is None else list(supervisors),
    )
    audit.record(
        actor=actor,
        action="apprenticeships.placement_added",
        obj=placement,
        organisation=site.organisation,
        changes=audit.diff(
            {}, audit.snapshot(placement, ("site", "setting", "places", "supervisors"))
        ),
    )
    return placement


@transaction.atomic
def apprentice_add(
    *,
    actor: User,
    cohort: Cohort,
    name: str,
    employer: Organisation,
    home_postcode: str = "",
    max_travel_km: int | None = None,
    person: User | None = None,
) -> Apprentice:
    if not name.strip():
        raise ServiceError("Enter the apprentice's name", field="name")
    if not cohort.partners.filter(pk=employer.pk).exists():
        raise ServiceError(
            f"{employer.name} is not a partner in this cohort: choose a partner", field="employer"
        )
    if max_travel_km is not None and not 1 <= max_travel_km <= MAX_TRAVEL_KM:
        raise ServiceError(
            f"Enter the furthest they will travel, from 1 to {MAX_TRAVEL_KM} km",
            field="max_travel_km",
        )
    if person is not None and cohort.apprentices.filter(person=person).exists():
        raise ServiceError("This person is already an apprentice in this cohort", field="email")
    apprentice = Apprentice.objects.create(
        cohort=cohort,
        name=name.strip(),
        employer=employer,
        home_postcode=home_postcode,
        max_travel_km=max_travel_km,
        person=person,
    )
    audit.record(
        actor=actor,
        action="apprenticeships.apprentice_added",
        obj=apprentice,
        organisation=employer,
        changes=audit.diff(
            {},
            audit.snapshot(apprentice, ("name", "employer", "max_travel_km", "person")),
        )
        | {"home_postcode": audit.REDACTED},
    )
    return apprentice


@transaction.atomic
def preferences_set(
    *, actor: User, apprentice: Apprentice, ranked: Sequence[Placement]
) -> list[Preference]:
    """The apprentice's choices, first choice first (earlier choices are replaced)."""
    seen: set[int] = set()
    for placement in ranked:
        if placement.cohort_id != apprentice.cohort_id:
            raise ServiceError(f"{placement} is not a placement in this cohort")
        if placement.pk in seen:
            raise ServiceError(f"{placement} is ranked more than once: rank each placement once")
        seen.add(placement.pk)
    before = list(apprentice.preferences.order_by("rank").values_list("placement_id", flat=True))
    apprentice.preferences.all().delete()
    saved = Preference.objects.bulk_create(
        Preference(apprentice=apprentice, placement=p, rank=n)
        for n, p in enumerate(ranked, start=1)
    )
    audit.record(
        actor=actor,
        action="apprenticeships.preferences_set",
        obj=apprentice,
        organisation=apprentice.employer,
        changes={"preferences": {"from": before, "to": [p.pk for p in ranked]}},
    )
    return saved


# Services: allocation and overrides ---------------------------------------------------------


def _objective(result: rotations.Allocation, apprentices: int) -> dict[str, Any]:
    choices = Counter(
        "coordinator" if e.override else str(e.choice) if e.choice else "unranked"
        for e in result.explanations
    )
    gap = result.gap
    return {
        "worst": result.objective.worst if result.objective else None,
        "total": result.objective.total if result.objective else None,
        "bound_worst": result.best_bound.worst if result.best_bound else None,
        "bound_total": result.best_bound.total if result.best_bound else None,
        "gap_worst": gap[0] if gap else None,
        "gap_total": gap[1] if gap else None,
        "stopped_by": result.stopped_by,
        "seconds": round(result.seconds, 2),
        "unranked_cost": result.unranked_cost,
        "apprentices": apprentices,
        "choices": dict(sorted(choices.items())),
    }


@transaction.atomic
def cohort_allocate(
    *,
    actor: User | None,
    cohort: Cohort,
    time_limit: float = 20.0,
    work_limit: float | None = None,
    workers: int = 1,
) -> rotations.Allocation:
    """Every apprentice in every block, by the engine's whole-plan search, keeping
    coordinators' overrides. Stores one assignment per apprentice per block with its plain
    explanation. Raises :class:`AllocationRefused` (nothing written) with the engine's reasons
    when no plan can be made.

    One CP-SAT worker by default: on cohorts of this size it proves the best plan several
    times faster than two interleaved workers (40 apprentices, 12 sites, 3 blocks: under a
    second against about eight)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not cohort.apprentices.exists():
        raise AllocationRefused(["The cohort has no apprentices yet: add them first"])
    if not cohort.placements.exists():
        raise AllocationRefused(["The cohort has no placements yet: add them first"])
    built = _built_or_refused(cohort)
    result = rotations.allocate_plan(
        built.problem, time_limit=time_limit, work_limit=work_limit, workers=workers
    )
    if not result.succeeded:
        raise AllocationRefused(
            result.problems
            or [
                f"The search found no plan within {time_limit:g} seconds; allocate again"
                " to give it more time"
            ]
        )
    explained = {(e.apprentice, e.block): e.text for e in result.explanations}
    stored = Assignment.objects.filter(apprentice__cohort=cohort)
    stored.filter(Q(override_reason="") | Q(block__gt=cohort.blocks)).delete()
    kept = {(a.apprentice_id, a.block): a for a in stored.all()}
    new, changed = [], []
    for (apprentice_id, block), placement_id in sorted(result.assignment.items()):
        apprentice = built.apprentices[apprentice_id]
        placement = built.placements[placement_id]
        text = explained.get((apprentice_id, block), "")
        row = kept.get((apprentice.pk, block))
        if row is None:
            new.append(
                Assignment(
                    apprentice=apprentice, block=block, placement=placement, explanation=text
                )
            )
        else:
            row.placement, row.explanation = placement, text
            changed.append(row)
    Assignment.objects.bulk_create(new)
    Assignment.objects.bulk_update(changed, ["placement", "explanation"])
    before = {"solver_status": cohort.solver_status, "allocated_at": cohort.allocated_at}
    cohort.allocated_at = timezone.now()
    cohort.solver_status = result.status
    cohort.objective = _objective(result, len(built.apprentices))
    cohort.save(update_fields=["allocated_at", "solver_status", "objective"])
    audit.record(
        actor=actor,
        action="apprenticeships.cohort_allocated",
        obj=cohort,
        changes={
            **audit.diff(
                before, {"solver_status": cohort.solver_status, "allocated_at": cohort.allocated_at}
            ),
            "objective": {"from": None, "to": cohort.objective},
            "assignments": {"from": None, "to": len(result.assignment)},
            "overrides_kept": {"from": None, "to": len(changed)},
        },
    )
    return result


def _plan(cohort: Cohort, built: Built) -> dict[tuple[str, int], str]:
    return {
        (built.apprentice_id[a.apprentice_id], a.block): built.placement_id[a.placement_id]
        for a in Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks)
        if a.apprentice_id in built.apprentice_id and a.placement_id in built.placement_id
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


@transaction.atomic
def assignment_override(
    *, actor: User, assignment: Assignment, placement: Placement, reason: str
) -> Assignment:
    """A coordinator puts the apprentice in ``placement`` for the assignment's block. The whole
    plan is checked again with the change (and every other override) applied; a change that
    breaks a hard rule the plan kept before is refused, naming the rule, and nothing is saved.
    Everyone's explanations are brought up to date."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Enter the reason for the change", field="reason")
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("apprentice__cohort", "placement__site")
        .get(pk=assignment.pk)
    )
    apprentice = assignment.apprentice
    cohort = apprentice.cohort
    if placement.cohort_id != cohort.pk:
        raise ServiceError("Select one of this cohort's placements", field="placement")
    overrides = stored_overrides(cohort)
    before_built = _built_or_refused(cohort, overrides={})
    before = {
        (v.rule, v.message)
        for v in rotations.check_plan(before_built.problem, _plan(cohort, before_built))
    }
    overrides[apprentice.pk, assignment.block] = (placement.pk, reason)
    built = _built_or_refused(cohort, overrides=overrides)
    changed = rotations.apply_overrides(_plan(cohort, built), built.problem.overrides)
    broken = [
        v
        for v in rotations.check_plan(built.problem, changed)
        if (v.rule, v.message) not in before and v.rule != "override"
    ]
    if broken:
        raise ServiceError(
            "This change breaks a rule of the plan: "
            + " ".join(_sentence(v.message) for v in broken),
            field="placement",
        )
    old = assignment.placement
    old_reason = assignment.override_reason
    assignment.placement = placement
    assignment.override_reason = reason
    assignment.overridden_by = actor
    assignment.save(update_fields=["placement", "override_reason", "overridden_by"])
    _explain_again(cohort, built, changed)
    audit.record(
        actor=actor,
        action="apprenticeships.assignment_overridden",
        obj=assignment,
        organisation=apprentice.employer,
        label=f"{apprentice.name}, block {assignment.block}",
        changes={
            "placement": {"from": old.pk, "to": placement.pk},
            "placement_name": {"from": str(old), "to": str(placement)},
            "override_reason": {"from": old_reason, "to": reason},
        },
    )
    return assignment


def _explain_again(cohort: Cohort, built: Built, plan: Mapping[tuple[str, int], str]) -> None:
    texts = {
        (e.apprentice, e.block): e.text
        for e in rotations.explain(built.problem, plan, method="plan")
    }
    rows = list(Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks))
    for row in rows:
        key = (built.apprentice_id.get(row.apprentice_id, ""), row.block)
        if key in texts:
            row.explanation = texts[key]
    Assignment.objects.bulk_update(rows, ["explanation"])
