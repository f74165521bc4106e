"""The rotation problem built from a cohort, for the pure engine in :mod:`..rotations`.

Engine ids are the plain names people read in its messages: an apprentice's name and a site's
name (made unique within the cohort), so "Millbrook Surgery has 3 apprentice(s) in block 2 but
2 place(s)" needs no translation. A cohort has at most one placement per site, so a placement is
named by its site.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Prefetch

from oneworkforce.core import geography

from .. import rotations
from ..models import Apprentice, Assignment, Cohort, Placement, Preference
from .presenters import block_labels, ints

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
        supervisors = None if p.supervisors is None else ints(p.supervisors)
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
                places=ints(p.places),
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
