"""Read and write the pabulib ``.pb`` format.

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``, each a ``;``-separated table
with a header line; ``META`` rows are ``key;value``. Extra columns are kept. Every problem is
reported with its line number and nothing is returned.
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

from oneworkforce.core import uploads

from .model import VOTE_TYPES, Ballot, Election, Project

SECTIONS = ("META", "PROJECTS", "VOTES")


class PabulibError(ValueError):
    def __init__(self, line: int, message: str, *, source: str = "") -> None:
        self.line = line
        self.message = message
        prefix = f"{source} line {line}" if source else f"line {line}"
        super().__init__(f"{prefix}: {message}")


def _number(text: str, line: int, what: str, source: str) -> Fraction:
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise PabulibError(line, f"{what} {text!r} is not a number", source=source) from None
    return value


def loads(text: str, *, source: str = "") -> Election:
    """Parse pabulib text. ``source`` (a file name) prefixes error messages.

    The file is checked against its own META where META says: ``num_projects`` and
    ``num_votes`` (a file cut short or with lines added is refused), and the ballot limits of its
    ``vote_type`` (``min_length``, ``max_length``, ``min_sum_cost``, ``max_sum_cost``,
    ``min_points``, ``max_points``, ``min_sum_points``, ``max_sum_points``)."""
    rows: dict[str, list[tuple[int, list[str]]]] = {name: [] for name in SECTIONS}
    section: str | None = None
    text = text.lstrip("\ufeff")
    last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        uploads.check_text(text)
        records = list(uploads.csv_rows(text, delimiter=";"))
    except uploads.UploadError as error:
        raise PabulibError(error.line, error.message, source=source) from None
    for line, row in records:
        name = row[0].strip().upper()
        if len(row) == 1 and name in SECTIONS:
            if rows[name]:
                raise PabulibError(line, f"section {name} appears twice", source=source)
            section = name
            rows[name].append((line, []))  # marks the section as present
            continue
        if section is None:
            raise PabulibError(line, "expected the META section first", source=source)
        rows[section].append((line, [cell.strip() for cell in row]))

    for name in SECTIONS:
        if not rows[name]:
            raise PabulibError(max(last_line, 1), f"the {name} section is missing", source=source)
    meta, meta_lines = _meta(rows["META"], source)
    projects = _projects(rows["PROJECTS"], source)
    counted = _Counted(meta, meta_lines, source)
    counted.check("num_projects", "projects", len(projects), rows["PROJECTS"], "PROJECTS")
    ballots = _ballots(rows["VOTES"], projects, meta, meta_lines, source)
    counted.check("num_votes", "ballots", len(ballots), rows["VOTES"], "VOTES")
    return Election(meta=meta, projects=projects, ballots=ballots)


class _Counted:
    """Checks a section's count against the META row that states it (where there is one)."""

    def __init__(self, meta: dict[str, str], lines: dict[str, int], source: str) -> None:
        self.meta, self.lines, self.source = meta, lines, source

    def check(
        self,
        key: str,
        noun: str,
        count: int,
        section: list[tuple[int, list[str]]],
        name: str,
    ) -> None:
        if key not in self.meta:
            return
        stated = _whole(self.meta[key], self.lines[key], key, self.source)
        if count == stated:
            return
        said = f"META {key} (line {self.lines[key]}) says {stated}"
        records = section[2:]  # after the section's name and header lines
        if count > stated:
            line = records[stated][0]
            message = f"{noun} beyond the {stated} that {said}: the file has {count}"
        else:
            line = section[-1][0]
            message = (
                f"the {name} section ends after {count} {noun}, but {said} (is the file cut short?)"
            )
        raise PabulibError(line, message, source=self.source)


def _whole(text: str, line: int, what: str, source: str) -> int:
    value = _number(text, line, what, source)
    if value.denominator != 1 or value < 0:
        raise PabulibError(line, f"{what} {text!r} is not a whole number", source=source)
    return int(value)


def _table(
    section: list[tuple[int, list[str]]], required: tuple[str, ...], name: str, source: str
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    marker_line = section[0][0]
    if len(section) < 2:
        raise PabulibError(marker_line, f"the {name} section has no header line", source=source)
    header_line, header = section[1]
    header = [h.strip().lower() for h in header]
    twice = uploads.repeated(header)
    if twice:
        raise PabulibError(
            header_line,
            f"the {name} header names column(s) {', '.join(twice)} twice",
            source=source,
        )
    missing = [column for column in required if column not in header]
    if missing:
        raise PabulibError(
            header_line, f"the {name} header lacks column(s) {', '.join(missing)}", source=source
        )
    records = []
    for line, cells in section[2:]:
        if len(cells) > len(header):
            raise PabulibError(
                line, f"{len(cells)} values for {len(header)} columns", source=source
            )
        cells = cells + [""] * (len(header) - len(cells))
        records.append((line, dict(zip(header, cells, strict=True))))
    return header, records


def _meta(
    section: list[tuple[int, list[str]]], source: str
) -> tuple[dict[str, str], dict[str, int]]:
    meta: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, cells in section[1:]:
        if [c.lower() for c in cells[:2]] == ["key", "value"]:
            continue
        if len(cells) < 2 or not cells[0]:
            raise PabulibError(line, "a META row needs a key and a value", source=source)
        if cells[0] in meta:
            raise PabulibError(
                line,
                f"META gives {cells[0]} twice (first on line {lines[cells[0]]})",
                source=source,
            )
        meta[cells[0]] = ";".join(cells[1:])
        lines[cells[0]] = line
    if "budget" not in meta:
        raise PabulibError(section[0][0], "META has no budget", source=source)
    budget = _number(meta["budget"], lines["budget"], "the budget", source)
    if budget <= 0:
        raise PabulibError(lines["budget"], "the budget must be more than zero", source=source)
    vote_type = meta.get("vote_type", "approval")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            lines.get("vote_type", section[0][0]), f"unknown vote_type {vote_type!r}", source=source
        )
    for key in LIMITS:
        if key in meta:
            _number(meta[key], lines[key], key, source)
    return meta, lines


def _projects(section: list[tuple[int, list[str]]], source: str) -> dict[str, Project]:
    _, records = _table(section, ("project_id", "cost"), "PROJECTS", source)
    projects: dict[str, Project] = {}
    for line, record in records:
        project_id = record.pop("project_id")
        if not project_id:
            raise PabulibError(line, "a project has no project_id", source=source)
        if project_id in projects:
            raise PabulibError(line, f"project {project_id} is listed twice", source=source)
        cost = _number(record.pop("cost"), line, f"the cost of project {project_id}", source)
        if cost < 0:
            raise PabulibError(line, f"project {project_id} has a negative cost", source=source)
        projects[project_id] = Project(id=project_id, cost=cost, extra=record)
    return projects


# META keys that limit each ballot, with what they limit and how.
LIMITS = {
    "min_length": ("the number of projects chosen", min),
    "max_length": ("the number of projects chosen", max),
    "min_sum_cost": ("the cost of the projects chosen", min),
    "max_sum_cost": ("the cost of the projects chosen", max),
    "min_points": ("the points given to a project", min),
    "max_points": ("the points given to a project", max),
    "min_sum_points": ("the points given in all", min),
    "max_sum_points": ("the points given in all", max),
}


def _limits(meta: dict[str, str]) -> list[tuple[str, Fraction]]:
    return [(key, Fraction(meta[key].strip())) for key in LIMITS if key in meta]


def _check_limits(
    ballot: Ballot,
    limits: list[tuple[str, Fraction]],
    projects: dict[str, Project],
    line: int,
    source: str,
) -> None:
    points = ballot.points or ()
    measured = {
        "length": [Fraction(len(ballot.projects))],
        "sum_cost": [sum((projects[p].cost for p in ballot.projects), Fraction(0))],
        "points": list(points),
        "sum_points": [sum(points, Fraction(0))] if ballot.points is not None else [],
    }
    for key, limit in limits:
        what, side = LIMITS[key]
        for value in measured[key.split("_", 1)[1]]:
            if (value < limit) if side is min else (value > limit):
                raise PabulibError(
                    line,
                    f"voter {ballot.voter_id}: {what} is {_fmt(value)}, but META {key} is "
                    f"{_fmt(limit)}",
                    source=source,
                )


def _ballots(
    section: list[tuple[int, list[str]]],
    projects: dict[str, Project],
    meta: dict[str, str],
    meta_lines: dict[str, int],
    source: str,
) -> list[Ballot]:
    _, records = _table(section, ("voter_id", "vote"), "VOTES", source)
    vote_type = meta.get("vote_type", "approval")
    cardinal = vote_type in ("cumulative", "scoring")
    limits = _limits(meta)
    if vote_type == "choose-1":
        limits.append(("max_length", Fraction(1)))
    ballots: list[Ballot] = []
    seen: set[str] = set()
    for line, record in records:
        voter_id = record.pop("voter_id")
        if not voter_id:
            raise PabulibError(line, "a ballot has no voter_id", source=source)
        if voter_id in seen:
            raise PabulibError(line, f"voter {voter_id} votes twice", source=source)
        seen.add(voter_id)
        chosen = tuple(p.strip() for p in record.pop("vote").split(",") if p.strip())
        if not chosen:
            raise PabulibError(line, f"voter {voter_id} chooses no project", source=source)
        for project_id in chosen:
            if project_id not in projects:
                raise PabulibError(
                    line, f"voter {voter_id} votes for unknown project {project_id}", source=source
                )
        if len(set(chosen)) != len(chosen):
            raise PabulibError(line, f"voter {voter_id} names a project twice", source=source)
        points = None
        raw_points = record.pop("points", "")
        if cardinal:
            values = [p for p in raw_points.split(",") if p.strip()]
            if len(values) != len(chosen):
                raise PabulibError(
                    line,
                    f"voter {voter_id} has {len(values)} points for {len(chosen)} projects",
                    source=source,
                )
            points = tuple(_number(v, line, "points", source) for v in values)
            if any(p < 0 for p in points):
                raise PabulibError(line, f"voter {voter_id} gives negative points", source=source)
        elif raw_points:
            record["points"] = raw_points
        weight = Fraction(1)
        if record.get("weight"):
            weight = _number(record.pop("weight"), line, "the weight", source)
        if weight <= 0:
            raise PabulibError(
                line, f"voter {voter_id} has a weight of zero or less", source=source
            )
        ballot = Ballot(
            voter_id=voter_id, projects=chosen, points=points, weight=weight, extra=record
        )
        _check_limits(ballot, limits, projects, line, source)
        ballots.append(ballot)
    return ballots


def read(path: str | Path) -> Election:
    path = Path(path)
    try:
        text = uploads.decode(path.read_bytes(), advice="save it as UTF-8")
    except uploads.UploadError as error:
        raise PabulibError(error.line, error.message, source=path.name) from None
    return loads(text, source=path.name)


def _fmt(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return str(float(value)) if float(value) == value else f"{value.numerator}/{value.denominator}"


def dumps(election: Election) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    for key, value in election.meta.items():
        writer.writerow([key, value])
    writer.writerow(["PROJECTS"])
    extra_project = sorted({k for p in election.projects.values() for k in p.extra})
    writer.writerow(["project_id", "cost", *extra_project])
    for project in election.projects.values():
        writer.writerow(
            [project.id, _fmt(project.cost), *(project.extra.get(k, "") for k in extra_project)]
        )
    writer.writerow(["VOTES"])
    has_points = any(b.points is not None for b in election.ballots)
    has_weight = any(b.weight != 1 for b in election.ballots)
    extra_vote = sorted({k for b in election.ballots for k in b.extra})
    header = (
        ["voter_id", "vote"]
        + (["points"] if has_points else [])
        + (["weight"] if has_weight else [])
    )
    writer.writerow(header + extra_vote)
    for ballot in election.ballots:
        row = [ballot.voter_id, ",".join(ballot.projects)]
        if has_points:
            row.append(",".join(_fmt(p) for p in ballot.points or ()))
        if has_weight:
            row.append(_fmt(ballot.weight))
        writer.writerow(row + [ballot.extra.get(k, "") for k in extra_vote])
    return out.getvalue()


def write(election: Election, path: str | Path) -> None:
    Path(path).write_text(dumps(election), encoding="utf-8")
