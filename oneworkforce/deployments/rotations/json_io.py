"""The JSON input format (``docs/rotations/input.schema.json``), read field by field.

Every problem found is reported at once, naming the item (``apprentices[3] (A7): ...``). Type
problems are reported first; once the types are right, :class:`~.model.Problem` checks the
references and numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from .model import Apprentice, Override, Partner, Placement, Problem, RotationInputError, Site
from .result import Allocation, Costs

_TOP = ("seed", "blocks", "partners", "sites", "placements", "apprentices", "overrides")
_FIELDS = {
    "partners": ("id", "name"),
    "sites": ("id", "name", "partner", "latitude", "longitude", "supervisors", "ranking"),
    "placements": ("id", "name", "site", "setting", "places"),
    "apprentices": (
        "id",
        "name",
        "employer",
        "latitude",
        "longitude",
        "max_travel_km",
        "preferences",
    ),
    "overrides": ("apprentice", "block", "placement", "reason"),
}


def _show(value: object) -> str:
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Item:
    """Takes typed values out of one JSON object, recording problems against its name."""

    def __init__(self, data: dict[str, Any], what: str, problems: list[str]) -> None:
        self.data = data
        self.what = what
        self.problems = problems

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.what}: {key} {message}")

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(key, f"must be non-empty text, not {_show(value)}")
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"must be a number, not {_show(value)}")
            return None
        return float(value)

    def per_block(self, key: str, blocks: int, *, required: bool) -> tuple[int, ...] | None:
        """A whole number for every block, or one number meaning the same in each block."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return (value,) * blocks
        if isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            return tuple(value)
        self.problem(
            key,
            f"must be a whole number or a list of whole numbers (one a block), not {_show(value)}",
        )
        return None

    def ids(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"must be a list of ids (text), not {_show(value)}")
            return ()
        return tuple(value)

    def unknown_fields(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problems.append(f"{self.what}: unknown field {key!r}")


def _items(data: dict[str, Any], key: str, problems: list[str], *, required: bool) -> list[_Item]:
    value = data.get(key)
    if value is None:
        if required:
            problems.append(f"{key} is missing")
        return []
    if not isinstance(value, list):
        problems.append(f"{key} must be a list, not {_show(value)}")
        return []
    items = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            problems.append(f"{key}[{i}] must be an object, not {_show(entry)}")
            continue
        ident = entry.get("id")
        name = f"{key}[{i}] ({ident})" if isinstance(ident, str) else f"{key}[{i}]"
        item = _Item(entry, name, problems)
        item.unknown_fields(_FIELDS[key])
        items.append(item)
    return items


def _blocks(data: dict[str, Any], problems: list[str]) -> tuple[str, ...]:
    value = data.get("blocks")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return tuple(f"Block {n}" for n in range(1, value + 1))
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(value)
    if value is None:
        problems.append("blocks is missing")
    else:
        problems.append(
            "blocks must be the number of blocks (1 or more) or a list of their labels,"
            f" not {_show(value)}"
        )
    return ()


def load_problem(data: object) -> Problem:
    """A :class:`Problem` from decoded JSON; raises :class:`RotationInputError`."""
    if not isinstance(data, dict):
        raise RotationInputError([f"the input must be a JSON object, not {_show(data)}"])
    problems: list[str] = [f"unknown field {key!r}" for key in data if key not in _TOP]
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems.append(f"seed must be a whole number, 0 or more, not {_show(seed)}")
        seed = 0
    blocks = _blocks(data, problems)
    n = len(blocks)
    partners = [
        Partner(id=i.text("id", required=True) or "", name=i.text("name") or "")
        for i in _items(data, "partners", problems, required=False)
    ]
    sites = [
        Site(
            id=i.text("id", required=True) or "",
            name=i.text("name") or "",
            partner=i.text("partner", required=True) or "",
            latitude=i.number("latitude"),
            longitude=i.number("longitude"),
            supervisors=i.per_block("supervisors", n, required=False),
            ranking=i.ids("ranking"),
        )
        for i in _items(data, "sites", problems, required=True)
    ]
    placements = [
        Placement(
            id=i.text("id", required=True) or "",
            name=i.text("name") or "",
            site=i.text("site", required=True) or "",
            setting=i.text("setting", required=True) or "",
            places=i.per_block("places", n, required=True) or (),
        )
        for i in _items(data, "placements", problems, required=True)
    ]
    apprentices = [
        Apprentice(
            id=i.text("id", required=True) or "",
            name=i.text("name") or "",
            employer=i.text("employer"),
            latitude=i.number("latitude"),
            longitude=i.number("longitude"),
            max_travel_km=i.number("max_travel_km"),
            preferences=i.ids("preferences"),
        )
        for i in _items(data, "apprentices", problems, required=True)
    ]
    overrides = []
    for i in _items(data, "overrides", problems, required=False):
        block = i.data.get("block")
        if isinstance(block, bool) or not isinstance(block, int):
            i.problem("block", f"must be a block number, not {_show(block)}")
            block = 0
        overrides.append(
            Override(
                apprentice=i.text("apprentice", required=True) or "",
                block=block,
                placement=i.text("placement", required=True) or "",
                reason=i.text("reason", required=True) or "",
            )
        )
    if problems:
        raise RotationInputError(problems)
    return Problem(
        blocks=blocks,
        partners=tuple(partners),
        sites=tuple(sites),
        placements=tuple(placements),
        apprentices=tuple(apprentices),
        overrides=tuple(overrides),
        seed=seed,
    )


def loads_problem(text: str) -> Problem:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RotationInputError(
            [f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"]
        ) from None
    return load_problem(data)


def read_problem(path: str | Path) -> Problem:
    """Read an input file; raises ``OSError`` if it cannot be read."""
    return loads_problem(Path(path).read_text(encoding="utf-8"))


def _drop_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, "", ())}


def problem_as_json(problem: Problem) -> dict[str, Any]:
    """The input format for ``problem`` (``load_problem(problem_as_json(p)) == p``)."""
    return {
        "seed": problem.seed,
        "blocks": list(problem.blocks),
        "partners": [_drop_empty({"id": p.id, "name": p.name}) for p in problem.partners],
        "sites": [
            _drop_empty(
                {
                    "id": s.id,
                    "name": s.name,
                    "partner": s.partner,
                    "latitude": s.latitude,
                    "longitude": s.longitude,
                    "supervisors": list(s.supervisors) if s.supervisors is not None else None,
                    "ranking": list(s.ranking) or None,
                }
            )
            for s in problem.sites
        ],
        "placements": [
            _drop_empty(
                {
                    "id": p.id,
                    "name": p.name,
                    "site": p.site,
                    "setting": p.setting,
                    "places": list(p.places),
                }
            )
            for p in problem.placements
        ],
        "apprentices": [
            _drop_empty(
                {
                    "id": a.id,
                    "name": a.name,
                    "employer": a.employer,
                    "latitude": a.latitude,
                    "longitude": a.longitude,
                    "max_travel_km": a.max_travel_km,
                    "preferences": list(a.preferences),
                }
            )
            for a in problem.apprentices
        ],
        "overrides": [
            {
                "apprentice": o.apprentice,
                "block": o.block,
                "placement": o.placement,
                "reason": o.reason,
            }
            for o in problem.overrides
        ],
    }


# --- the result -----------------------------------------------------------------------------


def _costs_json(costs: Costs | None) -> dict[str, int] | None:
    return None if costs is None else {"worst_cost": costs.worst, "total_cost": costs.total}


def choice_summary(problem: Problem, allocation: Allocation) -> dict[str, int]:
    """How many placements (apprentice and block) were each choice: ``{"1": 20, "2": 9, ...,
    "unranked": 2, "none": 1}``."""
    counts: Counter[str] = Counter()
    for apprentice in problem.apprentices:
        for block in allocation.blocks:
            placement = allocation.assignment.get((apprentice.id, block))
            choice = problem.choice(apprentice.id, placement) if placement else None
            counts["none" if placement is None else str(choice or "unranked")] += 1
    ranked = sorted((k for k in counts if k.isdigit()), key=int)
    return {k: counts[k] for k in [*ranked, "unranked", "none"]}


def allocation_as_json(problem: Problem, allocation: Allocation) -> dict[str, Any]:
    """The output format (``docs/rotations/output.schema.json``). Holds nothing that varies
    from run to run, such as times, so equal runs write equal files."""
    gap = allocation.gap
    explained = {(e.apprentice, e.block): e for e in allocation.explanations}
    apprentices = []
    if allocation.succeeded:
        for apprentice in problem.apprentices:
            rows = []
            cost = 0
            for block in allocation.blocks:
                placement = allocation.assignment.get((apprentice.id, block))
                choice = problem.choice(apprentice.id, placement) if placement else None
                cost += choice or allocation.unranked_cost
                explanation = explained.get((apprentice.id, block))
                override = problem.override_for(apprentice.id, block)
                rows.append(
                    {
                        "block": block,
                        "placement": placement,
                        "site": problem.placement[placement].site if placement else None,
                        "setting": problem.placement[placement].setting if placement else None,
                        "choice": choice,
                        "override": override.reason if override else None,
                        "explanation": explanation.text if explanation else None,
                        "passed_over": [
                            {
                                "placement": p.placement,
                                "choice": p.choice,
                                "reason": p.reason,
                                "text": p.text,
                            }
                            for p in (explanation.passed_over if explanation else ())
                        ],
                    }
                )
            apprentices.append(
                {"id": apprentice.id, "name": apprentice.name, "cost": cost, "placements": rows}
            )
    return {
        "method": allocation.method,
        "blocks": list(allocation.blocks),
        "seed": allocation.seed,
        "status": allocation.status,
        "stopped_by": allocation.stopped_by,
        "objective": _costs_json(allocation.objective),
        "best_bound": _costs_json(allocation.best_bound),
        "gap": None if gap is None else {"worst_cost": gap[0], "total_cost": gap[1]},
        "unranked_cost": allocation.unranked_cost,
        "choices": choice_summary(problem, allocation) if allocation.succeeded else {},
        "problems": list(allocation.problems),
        "apprentices": apprentices,
    }


def dumps_allocation(problem: Problem, allocation: Allocation) -> str:
    return json.dumps(allocation_as_json(problem, allocation), indent=2, ensure_ascii=False) + "\n"


def write_allocation(path: str | Path, problem: Problem, allocation: Allocation) -> None:
    Path(path).write_text(dumps_allocation(problem, allocation), encoding="utf-8")


def load_assignment(data: object, problem: Problem) -> dict[tuple[str, int], str]:
    """The assignment in an output file (the ``apprentices`` list); raises
    :class:`RotationInputError` if it is not in the output format."""
    entries = data.get("apprentices") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RotationInputError(["the plan must be an object with an 'apprentices' list"])
    assignment: dict[tuple[str, int], str] = {}
    problems = []
    for i, entry in enumerate(entries):
        rows = entry.get("placements") if isinstance(entry, dict) else None
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str) or not isinstance(rows, list):
            problems.append(f"apprentices[{i}] must have an id and a placements list")
            continue
        for row in rows:
            block = row.get("block") if isinstance(row, dict) else None
            placement = row.get("placement") if isinstance(row, dict) else None
            if isinstance(block, bool) or not isinstance(block, int):
                problems.append(f"apprentices[{i}] ({ident}): every placement needs a block number")
            elif placement is not None and not isinstance(placement, str):
                problems.append(f"apprentices[{i}] ({ident}): placement must be an id or null")
            elif placement is not None:
                assignment[ident, block] = placement
    if problems:
        raise RotationInputError(problems)
    return assignment
