"""The crosswalk: care and primary-care job roles counted as the NHS staff groups they match.

Care providers, primary care and voluntary partners count their staff by job role ("Care
worker", "Clinical pharmacist"); NHS trusts by NHS England's staff groups ("Support to doctors,
nurses & midwives"). A ``[[crosswalk]]`` item says that cells holding ``job_role`` count as
``staff_group``:

- every selection (``where``, ``from``, ``to``) listing ``staff_group`` in ``staff_groups``
  also chooses the cells holding ``job_role``, so a new role, transfer, leaver-rate change,
  recruitment source or interval named by the NHS staff group reaches across sectors (a new
  role drawing "Support to doctors, nurses & midwives" also draws care workers);
- ``annual_rate`` (optional, default 0) moves that share of the role's staff a year into the
  cells whose own staff group is ``staff_group`` (in proportion to their starting headcount):
  a care worker becoming a healthcare support worker, a transfer between sectors.

Roll-ups by staff group keep each cell's own job role, so a sector's figures still show what
it loses. A crosswalk naming a role no cell holds is refused, naming it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .scenario import Cell, monthly_probability

if TYPE_CHECKING:
    from .recruitment import Checks, Reader

KEYS = ("job_role", "staff_group", "annual_rate", "name", "source")


@dataclass(frozen=True)
class JobRoleMapping:
    """Cells holding the job role ``job_role`` count as ``staff_group``; ``annual_rate`` of them
    move a year to the cells whose own staff group is ``staff_group``."""

    job_role: str
    staff_group: str
    annual_rate: float = 0.0
    name: str = ""
    source: str = ""


def moves(
    crosswalk: Sequence[JobRoleMapping], cells: Sequence[Cell]
) -> list[tuple[list[int], list[int], float]]:
    """The moves between sectors as (origin positions, destination positions, annual rate):
    from the cells holding each role to those whose own staff group is its staff group."""
    found = []
    for item in crosswalk:
        if item.annual_rate <= 0:
            continue
        origin = [i for i, c in enumerate(cells) if c.staff_group == item.job_role]
        destination = [i for i, c in enumerate(cells) if c.staff_group == item.staff_group]
        if origin and destination:
            found.append((origin, destination, item.annual_rate))
    return found


def check(
    checks: Checks, crosswalk: Sequence[JobRoleMapping], cells: Sequence[Cell], exits: list[float]
) -> None:
    """Problems with the crosswalk; adds each move's monthly probability to ``exits`` (per
    cell) for the check that exits never take everyone."""
    roles = sorted({c.staff_group for c in cells})
    seen: set[str] = set()
    for i, item in enumerate(crosswalk):
        path: tuple[str | int, ...] = ("crosswalk", i)
        checks.text((*path, "job_role"), item.job_role)
        checks.text((*path, "staff_group"), item.staff_group)
        if item.job_role and item.job_role not in roles:
            close = difflib.get_close_matches(item.job_role, roles, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            checks.add((*path, "job_role"), f"no cell holds the job role {item.job_role!r}{hint}")
        if item.job_role in seen:
            checks.add(
                (*path, "job_role"), f"repeats the job role {item.job_role!r} of an earlier item"
            )
        seen.add(item.job_role)
        if item.job_role and item.job_role == item.staff_group:
            checks.add((*path, "staff_group"), "is the job role itself")
        checks.fraction((*path, "annual_rate"), item.annual_rate)
        if item.annual_rate > 0 and item.staff_group not in roles:
            checks.add(
                (*path, "staff_group"),
                f"no cell has the staff group {item.staff_group!r} for annual_rate to move"
                " staff into",
            )
    for origin, _, rate in moves(crosswalk, cells):
        if 0 <= rate < 1:
            for index in origin:
                exits[index] += monthly_probability(rate)


def read(reader: Reader) -> JobRoleMapping:
    item = JobRoleMapping(
        job_role=reader.text("job_role", required=True),
        staff_group=reader.text("staff_group", required=True),
        annual_rate=reader.number("annual_rate"),
        name=reader.text("name"),
        source=reader.text("source"),
    )
    reader.done()
    return item


def items(item: JobRoleMapping) -> list[tuple[str, Any]]:
    keys: list[tuple[str, Any]] = []
    if item.name:
        keys.append(("name", item.name))
    keys += [("job_role", item.job_role), ("staff_group", item.staff_group)]
    if item.annual_rate:
        keys.append(("annual_rate", item.annual_rate))
    if item.source:
        keys.append(("source", item.source))
    return keys
