"""The JSON input of one block's allocation (``docs/placements.md``), read field by field,
and the result as JSON. Pure Python, no Django: the command line, the API and the benchmark
share it. Every problem found is reported at once, naming the item (``students[3] (S4):
profession ...``)."""

from __future__ import annotations

import json
import math
from typing import Any

from .engine import ENGINE_SETTING, BlockInput, BlockResult, Environment, Offer, Student

PROFESSIONS = (
    "nursing",
    "nursing_associate",
    "midwifery",
    "physiotherapy",
    "occupational_therapy",
    "paramedic",
    "speech_therapy",
    "social_work",
)
SETTINGS = tuple(ENGINE_SETTING)


class PlacementInputError(ValueError):
    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("; ".join(messages))


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problems.append(f"{key} must be a list")
            return []
        found = []
        for n, item in enumerate(value):
            what = f"{key}[{n}]"
            if not isinstance(item, dict):
                self.problems.append(f"{what} must be an object")
                continue
            if isinstance(item.get("id"), str) and item["id"]:
                what += f" ({item['id']})"
            found.append((what, item))
        return found

    def text(
        self, what: str, item: dict[str, Any], key: str, *, choices: tuple[str, ...] = ()
    ) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"{what}: {key} must be non-empty text")
            return ""
        if choices and value not in choices:
            self.problems.append(f"{what}: {key} {value!r} is not one of {', '.join(choices)}")
        return value

    def whole(
        self,
        what: str,
        item: dict[str, Any],
        key: str,
        *,
        low: int,
        high: int,
        default: int | None = None,
    ) -> int:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(f"{what}: {key} must be a whole number from {low} to {high}")
            return low
        return value

    def place(self, what: str, item: dict[str, Any]) -> tuple[float | None, float | None]:
        lat, lon = item.get("latitude"), item.get("longitude")
        if lat is None and lon is None:
            return None, None
        ok = all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            for v in (lat, lon)
        )
        if not ok or not (-90 <= lat <= 90 and -180 <= lon <= 180):  # type: ignore[operator]
            self.problems.append(
                f"{what}: give latitude (-90 to 90) and longitude (-180 to 180) together"
            )
            return None, None
        return float(lat), float(lon)  # type: ignore[arg-type]


def block_from_json(data: Any) -> BlockInput:
    """A :class:`BlockInput` from parsed JSON, or :class:`PlacementInputError` listing every
    problem."""
    if not isinstance(data, dict):
        raise PlacementInputError(["the file must hold one JSON object"])
    read = _Reader()
    label = data.get("block", "Block")
    if not isinstance(label, str):
        read.problems.append("block must be text")
    seed = read.whole("the file", data, "seed", low=0, high=2**31 - 1, default=0)
    environments = []
    for what, item in read.items(data, "environments"):
        lat, lon = read.place(what, item)
        supervision = item.get("supervision")
        if supervision is not None:
            supervision = read.whole(what, item, "supervision", low=0, high=10_000)
        environments.append(
            Environment(
                read.text(what, item, "id"),
                str(item.get("name", "")),
                str(item.get("partner", "")),
                read.text(what, item, "setting", choices=SETTINGS),
                lat,
                lon,
                supervision,
            )
        )
    known = {e.id for e in environments}
    offers = []
    for what, item in read.items(data, "offers"):
        environment = read.text(what, item, "environment")
        if environment and environment not in known:
            read.problems.append(
                f"{what}: environment {environment!r} is not in the environments list"
            )
        years = item.get("years", [1, 2, 3, 4])
        if not isinstance(years, list) or not all(
            isinstance(y, int) and 1 <= y <= 4 for y in years
        ):
            read.problems.append(f"{what}: years must be a list of whole numbers from 1 to 4")
            years = []
        offers.append(
            Offer(
                read.text(what, item, "id"),
                environment,
                read.text(what, item, "profession", choices=PROFESSIONS),
                read.whole(what, item, "places", low=0, high=10_000),
                tuple(years),
            )
        )
    students = []
    for what, item in read.items(data, "students"):
        lat, lon = read.place(what, item)
        needs = item.get("needs_settings", [])
        if not isinstance(needs, list) or any(n not in SETTINGS for n in needs):
            read.problems.append(
                f"{what}: needs_settings must be a list of settings ({', '.join(SETTINGS)})"
            )
            needs = []
        students.append(
            Student(
                read.text(what, item, "id"),
                read.text(what, item, "provider"),
                read.text(what, item, "profession", choices=PROFESSIONS),
                read.whole(what, item, "year", low=1, high=4),
                name=str(item.get("name", "")),
                latitude=lat,
                longitude=lon,
                max_travel_minutes=read.whole(
                    what, item, "max_travel_minutes", low=1, high=600, default=60
                ),
                needs_settings=tuple(needs),
            )
        )
    for kind, ids in (
        ("environment", [e.id for e in environments]),
        ("offer", [o.id for o in offers]),
        ("student", [s.id for s in students]),
    ):
        repeated = sorted({i for i in ids if i and ids.count(i) > 1})
        read.problems += [f"{kind} id {i!r} is used more than once" for i in repeated]
    if read.problems:
        raise PlacementInputError(read.problems)
    return BlockInput(
        label if isinstance(label, str) else "Block",
        tuple(environments),
        tuple(offers),
        tuple(students),
        seed=seed,
    )


def loads(text: str) -> BlockInput:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlacementInputError([f"line {error.lineno}: not valid JSON ({error.msg})"]) from None
    return block_from_json(data)


def result_as_json(result: BlockResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "method": result.method,
        "placements": [
            {
                "student": p.student,
                "offer": p.offer,
                "environment": p.environment,
                "distance_km": p.distance_km,
                "choice": p.choice,
                "why_here": p.why,
            }
            for p in result.placed
        ],
        "unmet": result.unmet,
        "shares": [
            {"provider": s.provider, "profession": s.profession, "asked": s.asked, "share": s.share}
            for s in result.shares
        ],
        "costs": {
            "worst": result.worst,
            "total": result.total,
            "worst_bound": result.worst_bound,
            "total_bound": result.total_bound,
        },
        "problems": list(result.problems),
    }
