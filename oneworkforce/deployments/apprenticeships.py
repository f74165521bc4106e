"""Collaborative apprenticeships: who may do what, the rotation problem built from a cohort,
the services (``<thing>_<verb>``, keyword-only, one transaction each, audited), and the
selectors and presenters the pages use.

The allocation itself is the pure engine in :mod:`.rotations`. Engine ids are the plain names
people read in its messages: an apprentice's name and a site's name (made unique within the
cohort), so "Millbrook Surgery has 3 apprentice(s) in block 2 but 2 place(s)" needs no
translation. A cohort has at most one placement per site, so a placement is named by its site.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core import audit, formatting, geography
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.partners.choices import Role
from oneworkforce.partners.models import Organisation, Site, User

from . import rotations
from .models import Apprentice, Assignment, Cohort, Placement, Preference, Setting

MAX_BLOCKS = 6
MAX_BLOCK_MONTHS = 12
MAX_TRAVEL_KM = 200
STATUS_TEXT = {
    "OPTIMAL": "Best possible plan found",
    "FEASIBLE": "A plan that keeps every rule; the search stopped before proving it the best",
}
STOPPED_TEXT = {
    "time_limit": "the time limit",
    "work_limit": "the work limit",
}


class AllocationRefused(ServiceError):
    """No plan was made. ``problems`` are the engine's reasons, each a plain sentence."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = [p.rstrip(".") for p in problems]
        super().__init__("No plan was made: " + "; ".join(self.problems) + ".")


# Who may do what ----------------------------------------------------------------------------


def coordinates(user: Any, cohort: Cohort | None = None) -> bool:
    """Partnership admins and talent coordinators coordinate cohorts: create them, add
    placements and apprentices, allocate and override. A coordinator whose role is scoped to a
    partner coordinates the cohorts that partner belongs to."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_partnership_admin:
        return True
    if cohort is None:
        return user.has_role(Role.TALENT_COORDINATOR)
    return any(
        user.has_role(Role.TALENT_COORDINATOR, organisation=o) for o in cohort.partners.all()
    )


def views_cohort(user: Any, cohort: Cohort) -> bool:
    """Coordinators, and partner admins of a cohort partner or of its training provider, see
    the whole cohort and its plan."""
    if coordinates(user, cohort):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    ids = user.administered_organisation_ids
    if cohort.training_provider_id in ids:
        return True
    return cohort.partners.filter(pk__in=ids).exists()


def views_apprentice(user: Any, apprentice: Apprentice) -> bool:
    """The apprentice themself (when linked to an account) and everyone who sees the cohort."""
    if getattr(user, "is_authenticated", False) and apprentice.person_id == user.pk:
        return True
    return views_cohort(user, apprentice.cohort)


def ranks_for(user: Any, apprentice: Apprentice) -> bool:
    """Who may record an apprentice's ranked choices: the apprentice and coordinators."""
    if getattr(user, "is_authenticated", False) and apprentice.person_id == user.pk:
        return True
    return coordinates(user, apprentice.cohort)


def cohorts_for(user: User) -> QuerySet[Cohort]:
    """Cohorts the user coordinates, sees as a partner admin, or is an apprentice in."""
    cohorts = Cohort.objects.all()
    coordinator_of = set(
        user.role_grants.filter(revoked_at__isnull=True, role=Role.TALENT_COORDINATOR).values_list(
            "organisation_id", flat=True
        )
    )
    if user.is_partnership_admin or None in coordinator_of:
        return cohorts
    organisations = set(user.administered_organisation_ids) | coordinator_of
    return cohorts.filter(
        Q(partners__in=organisations)
        | Q(training_provider__in=organisations)
        | Q(apprentices__person=user)
    ).distinct()


# Blocks -------------------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def block_dates(cohort: Cohort) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of each block, block 1 first."""
    found = []
    for n in range(cohort.blocks):
        start = _add_months(cohort.starts_on, n * cohort.block_months)
        end = _add_months(cohort.starts_on, (n + 1) * cohort.block_months) - dt.timedelta(days=1)
        found.append((start, end))
    return found


def block_labels(cohort: Cohort) -> list[str]:
    return [
        f"Block {n}: {formatting.date(start)} to {formatting.date(end)}"
        for n, (start, end) in enumerate(block_dates(cohort), start=1)
    ]


# The rotation problem -----------------------------------------------------------------------


@dataclass
class Built:
    """A cohort as the engine sees it, with the way back from engine ids to rows."""

    problem: rotations.Problem
    apprentice_id: dict[int, str]
    placement_id: dict[int, str]
    apprentices: dict[str, Apprentice]
    placements: dict[str, Placement]
    unlocated: list[str] = field(default_factory=list)


def _unique_names(items: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """``{pk: name}`` with a qualifier (then the pk) added where names repeat."""
    items = list(items)
    names = Counter(name for _, name, _ in items)
    qualified = Counter(f"{name} ({extra})" for _, name, extra in items)
    found = {}
    for pk, name, extra in items:
        if names[name] == 1:
            found[pk] = name
        elif qualified[f"{name} ({extra})"] == 1:
            found[pk] = f"{name} ({extra})"
        else:
            found[pk] = f"{name} ({extra}, {pk})"
    return found


def _ints(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def stored_overrides(cohort: Cohort) -> dict[tuple[int, int], tuple[int, str]]:
    """``{(apprentice pk, block): (placement pk, reason)}`` for coordinators' overrides."""
    rows = Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks).exclude(
        override_reason=""
    )
    return {(a.apprentice_id, a.block): (a.placement_id, a.override_reason) for a in rows}


def cohort_problem(
    cohort: Cohort, *, overrides: Mapping[tuple[int, int], tuple[int, str]] | None = None
) -> Built:
    """The cohort as a :class:`rotations.Problem`. ``overrides`` default to the stored ones.
    Raises :class:`rotations.RotationInputError` when the cohort's figures do not fit."""
    placements = list(
        cohort.placements.select_related("site__organisation").order_by("site__name", "pk")
    )
    apprentices = list(
        cohort.apprentices.select_related("employer")
        .prefetch_related(
            Prefetch("preferences", queryset=Preference.objects.order_by("rank", "pk"))
        )
        .order_by("name", "pk")
    )
    site_names = _unique_names(
        (p.site_id, p.site.name, p.site.organisation.name) for p in placements
    )
    placement_id = {p.pk: site_names[p.site_id] for p in placements}
    apprentice_id = _unique_names((a.pk, a.name, a.employer.name) for a in apprentices)
    postcodes = [p.site.postcode for p in placements] + [
        a.home_postcode for a in apprentices if a.home_postcode
    ]
    located = geography.locate_many(postcodes)
    organisations: dict[int, str] = {o.pk: o.name for o in cohort.partners.all()}
    organisations.update((p.site.organisation_id, p.site.organisation.name) for p in placements)
    organisations.update((a.employer_id, a.employer.name) for a in apprentices)

    sites = []
    for p in placements:
        lat, lon = located.get(p.site.postcode, (None, None))
        supervisors = None if p.supervisors is None else _ints(p.supervisors)
        sites.append(
            rotations.Site(
                id=placement_id[p.pk],
                partner=f"O{p.site.organisation_id}",
                latitude=lat,
                longitude=lon,
                supervisors=supervisors,
            )
        )
    engine_apprentices = []
    for a in apprentices:
        lat, lon = located.get(a.home_postcode, (None, None)) if a.home_postcode else (None, None)
        engine_apprentices.append(
            rotations.Apprentice(
                id=apprentice_id[a.pk],
                preferences=tuple(
                    placement_id[pref.placement_id]
                    for pref in a.preferences.all()
                    if pref.placement_id in placement_id
                ),
                employer=f"O{a.employer_id}",
                latitude=lat,
                longitude=lon,
                max_travel_km=a.max_travel_km,
            )
        )
    if overrides is None:
        overrides = stored_overrides(cohort)
    engine_overrides = tuple(
        rotations.Override(
            apprentice=apprentice_id.get(apprentice_pk, str(apprentice_pk)),
            block=block,
            placement=placement_id.get(placement_pk, str(placement_pk)),
            reason=reason,
        )
        for (apprentice_pk, block), (placement_pk, reason) in sorted(overrides.items())
    )
    problem = rotations.Problem(
        blocks=tuple(block_labels(cohort)),
        partners=tuple(
            rotations.Partner(id=f"O{pk}", name=name) for pk, name in organisations.items()
        ),
        sites=tuple(sites),
        placements=tuple(
            rotations.Placement(
                id=placement_id[p.pk],
                site=placement_id[p.pk],
                setting=p.setting,
                places=_ints(p.places),
            )
            for p in placements
        ),
        apprentices=tuple(engine_apprentices),
        overrides=engine_overrides,
        seed=cohort.seed,
    )
    unlocated = [p.site.name for p in placements if p.site.postcode not in located]
    unlocated += [a.name for a in apprentices if a.home_postcode and a.home_postcode not in located]
    return Built(
        problem=problem,
        apprentice_id=apprentice_id,
        placement_id=placement_id,
        apprentices={apprentice_id[a.pk]: a for a in apprentices},
        placements={placement_id[p.pk]: p for p in placements},
        unlocated=unlocated,
    )


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


# Selectors and presenters -------------------------------------------------------------------


def ordinal_choice(choice: int | None) -> str:
    return f"{rotations.ordinal(choice)} choice" if choice else "Not one of their choices"


def _choices(cohort: Cohort) -> dict[tuple[int, int], int]:
    """``{(apprentice pk, placement pk): choice number}``, 1 for a first choice."""
    found: dict[tuple[int, int], int] = {}
    position: Counter[int] = Counter()
    for apprentice_id, placement_id in (
        Preference.objects.filter(apprentice__cohort=cohort)
        .order_by("apprentice", "rank", "pk")
        .values_list("apprentice_id", "placement_id")
    ):
        position[apprentice_id] += 1
        found[apprentice_id, placement_id] = position[apprentice_id]
    return found


def cohort_summary(cohort: Cohort) -> dict[str, Any]:
    """The cohort page's figures: blocks, placements, apprentices and the allocation."""
    placements = list(cohort.placements.select_related("site__organisation"))
    apprentices = list(
        cohort.apprentices.select_related("employer").prefetch_related("preferences")
    )
    assigned = Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks)
    labels = block_labels(cohort)
    totals = [
        sum(_ints(p.places)[n] if n < len(_ints(p.places)) else 0 for p in placements)
        for n in range(cohort.blocks)
    ]
    objective = cohort.objective or {}
    return {
        "blocks": [
            {"label": label, "places": totals[n], "apprentices": len(apprentices)}
            for n, label in enumerate(labels)
        ],
        "placements": [
            {
                "site": p.site.name,
                "partner": p.site.organisation.name,
                "setting": p.get_setting_display(),
                "places": list(_ints(p.places)),
                "supervisors": (
                    "No limit beyond the places"
                    if p.supervisors is None
                    else ", ".join(str(s) for s in _ints(p.supervisors))
                ),
            }
            for p in sorted(placements, key=lambda p: (p.site.name, p.pk))
        ],
        "apprentices": [
            {
                "pk": a.pk,
                "name": a.name,
                "employer": a.employer.name,
                "travel": f"{a.max_travel_km} km" if a.max_travel_km else "No limit given",
                "ranked": len(a.preferences.all()),
            }
            for a in apprentices
        ],
        "allocated": cohort.allocated_at is not None,
        "status": STATUS_TEXT.get(cohort.solver_status, cohort.solver_status),
        "stopped_by": STOPPED_TEXT.get(objective.get("stopped_by", "")),
        "worst": objective.get("worst"),
        "total": objective.get("total"),
        "bound_total": objective.get("bound_total"),
        "gap_total": objective.get("gap_total"),
        "gap_worst": objective.get("gap_worst"),
        "seconds": objective.get("seconds"),
        "choices": choices_met(cohort, assigned),
        "missing": max(0, len(apprentices) * cohort.blocks - assigned.count())
        if cohort.allocated_at
        else 0,
    }


def choices_met(cohort: Cohort, assigned: QuerySet[Assignment]) -> list[dict[str, Any]]:
    """How many placements in the current plan were which choice (coordinators' changes
    counted apart), best first."""
    ranks = _choices(cohort)
    found: Counter[int] = Counter()
    for apprentice_id, placement_id, reason in assigned.values_list(
        "apprentice_id", "placement_id", "override_reason"
    ):
        # 0: set by a coordinator; a large number: not one of their choices.
        found[0 if reason else ranks.get((apprentice_id, placement_id), 10**6)] += 1
    labels = {0: "Set by a coordinator", 10**6: "Not one of their choices"}
    return [
        {"label": labels.get(n) or ordinal_choice(n), "count": count}
        for n, count in sorted(found.items(), key=lambda item: (item[0] == 0, item[0]))
    ]


def _assignment_cell(
    assignment: Assignment | None, choices: Mapping[tuple[int, int], int]
) -> dict[str, Any]:
    if assignment is None:
        return {"placement": "Not placed yet", "setting": "", "choice": "", "overridden": False}
    choice = choices.get((assignment.apprentice_id, assignment.placement_id))
    return {
        "placement": assignment.placement.site.name,
        "setting": assignment.placement.get_setting_display(),
        "choice": ordinal_choice(choice),
        "choice_number": choice,
        "overridden": bool(assignment.override_reason),
    }


def _assignments(cohort: Cohort) -> dict[int, dict[int, Assignment]]:
    found: dict[int, dict[int, Assignment]] = defaultdict(dict)
    for a in Assignment.objects.filter(
        apprentice__cohort=cohort, block__lte=cohort.blocks
    ).select_related("placement__site"):
        found[a.apprentice_id][a.block] = a
    return found


def plan_by_apprentice(cohort: Cohort) -> list[dict[str, Any]]:
    """One row per apprentice: employer, each block's placement and setting, the choices met."""
    choices = _choices(cohort)
    assignments = _assignments(cohort)
    rows = []
    for apprentice in cohort.apprentices.select_related("employer").order_by("name", "pk"):
        mine = assignments.get(apprentice.pk, {})
        cells = [_assignment_cell(mine.get(b), choices) for b in range(1, cohort.blocks + 1)]
        numbers = [c.get("choice_number") for c in cells if c.get("placement") != "Not placed yet"]
        rows.append(
            {
                "pk": apprentice.pk,
                "name": apprentice.name,
                "employer": apprentice.employer.name,
                "blocks": cells,
                "choices": ", ".join(rotations.ordinal(n) if n else "not ranked" for n in numbers),
            }
        )
    return rows


def plan_by_site(cohort: Cohort) -> list[dict[str, Any]]:
    """One entry per placement: in each block, who is placed there against the places."""
    placed: dict[tuple[int, int], list[Apprentice]] = defaultdict(list)
    for a in (
        Assignment.objects.filter(apprentice__cohort=cohort, block__lte=cohort.blocks)
        .select_related("apprentice")
        .order_by("apprentice__name")
    ):
        placed[a.placement_id, a.block].append(a.apprentice)
    labels = block_labels(cohort)
    sites = []
    for p in cohort.placements.select_related("site__organisation").order_by("site__name", "pk"):
        places = _ints(p.places)
        supervisors = None if p.supervisors is None else _ints(p.supervisors)
        blocks = []
        for n, label in enumerate(labels, start=1):
            people = placed.get((p.pk, n), [])
            offered = places[n - 1] if n - 1 < len(places) else 0
            blocks.append(
                {
                    "label": label,
                    "places": offered,
                    "supervisors": supervisors[n - 1]
                    if supervisors and n - 1 < len(supervisors)
                    else None,
                    "count": len(people),
                    "people": [{"pk": a.pk, "name": a.name} for a in people],
                }
            )
        sites.append(
            {
                "site": p.site.name,
                "partner": p.site.organisation.name,
                "setting": p.get_setting_display(),
                "postcode": p.site.postcode,
                "blocks": blocks,
            }
        )
    return sites


def apprentice_plan(apprentice: Apprentice) -> dict[str, Any]:
    """One apprentice's choices and each block's placement with its explanation."""
    cohort = apprentice.cohort
    choices = _choices(cohort)
    mine = _assignments(cohort).get(apprentice.pk, {})
    blocks = []
    for n, label in enumerate(block_labels(cohort), start=1):
        row = mine.get(n)
        blocks.append(
            {
                "number": n,
                "label": label,
                "assignment": row,
                **_assignment_cell(row, choices),
                "explanation": row.explanation if row else "",
                "reason": row.override_reason if row else "",
            }
        )
    ranked = [
        {
            "rank": n,
            "placement": pref.placement.site.name,
            "setting": pref.placement.get_setting_display(),
            "partner": pref.placement.site.organisation.name,
        }
        for n, pref in enumerate(
            apprentice.preferences.select_related("placement__site__organisation").order_by(
                "rank", "pk"
            ),
            start=1,
        )
    ]
    return {"blocks": blocks, "ranked": ranked}


def cohort_rows(user: User) -> list[dict[str, Any]]:
    """The cohorts list: where each cohort's link goes depends on what the user may see."""
    rows = []
    for cohort in (
        cohorts_for(user).select_related("training_provider").prefetch_related("partners")
    ):
        if views_cohort(user, cohort):
            href = reverse("deployments:cohort", kwargs={"slug": cohort.slug})
        else:
            mine = cohort.apprentices.filter(person=user).first()
            if mine is None:
                continue
            href = reverse(
                "deployments:cohort_apprentice", kwargs={"slug": cohort.slug, "pk": mine.pk}
            )
        rows.append(
            {
                "name": cohort.name,
                "href": href,
                "standard": cohort.standard,
                "starts_on": cohort.starts_on,
                "partners": len(cohort.partners.all()),
                "allocated": cohort.allocated_at,
            }
        )
    return rows
