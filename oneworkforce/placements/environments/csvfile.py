"""Reading a CSV file of learning environments (``docs/placements.md``) and checking every line
before anything is written. Pure: the partners, their sites and the environments they already
have are given as lookups, so the rules are tested without a database.

Every problem in the file is reported, naming its line and column; the import writes nothing
unless there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from oneworkforce.core import uploads
from oneworkforce.core.postcodes import InvalidPostcode, normalise

from ..models.choices import Profession, Setting

COLUMNS = (
    "partner",
    "name",
    "site",
    "setting",
    "postcode",
    "professions",
    "years",
    "places_per_block",
    "hours_and_shifts",
    "learning",
)
REQUIRED = ("name", "setting", "professions", "years", "places_per_block")
MAX_LINES = 2000
MAX_PLACES = 200
YEARS = (1, 2, 3, 4)
# The downloadable template's example line (an invented partner).
EXAMPLE = (
    "oak-house-care",
    "Oak House nursing floor",
    "Oak House",
    "care_home",
    "LS1 4AP",
    "nursing;nursing_associate",
    "1;2;3",
    "4",
    "Weekdays 8:30 to 17:00",
    "Person-centred care, care planning, working with families",
)


class EnvironmentsFileError(ValueError):
    """The file cannot be imported: ``problems`` names every bad line and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class EnvironmentLine:
    line: int
    organisation_id: int
    name: str
    setting: str
    postcode: str
    professions: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    places_per_block: int = 0
    hours_and_shifts: str = ""
    learning: str = ""


def _codes(choices: list[tuple[str, str]]) -> dict[str, str]:
    """A choice's code from its code or its label, any case."""
    found = {code.lower(): code for code, _ in choices}
    found.update({label.lower(): code for code, label in choices})
    return found


SETTINGS = _codes(Setting.choices)
PROFESSIONS = _codes(Profession.choices)


def _header(first: list[str]) -> list[str]:
    header = [h.strip().lower() for h in first]
    while header and not header[-1]:
        header.pop()
    problems = []
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(
            f"Line 1: unknown column {', '.join(repr(u) for u in unknown)}"
            f" (the columns are {', '.join(COLUMNS)})"
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(f"Line 1: the header has no column {', '.join(missing)}")
    twice = uploads.repeated(header)
    if twice:
        problems.append(f"Line 1: the header names column {', '.join(twice)} twice")
    if problems:
        raise EnvironmentsFileError(problems)
    return header


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _list(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]


def read(
    data: bytes,
    *,
    partner: Callable[[str], int | None],
    site_postcode: Callable[[int, str], str | None],
    existing: Callable[[int, str], bool],
    fixed_partner: tuple[int, str] | None = None,
) -> list[EnvironmentLine]:
    """The file's environments, or :class:`EnvironmentsFileError` listing every problem.

    ``partner(text)`` is the id of the partner a ``partner`` cell names (None when unknown or
    not the uploader's); ``site_postcode(partner id, site name)`` the postcode of one of its
    sites (None when it has no such site); ``existing(partner id, name)`` whether it already has
    an environment of that name. ``fixed_partner`` is ``(id, name)`` when the file is uploaded
    on one partner's page: the ``partner`` column may then be left out, and must name it if
    given."""
    try:
        records = list(uploads.csv_rows(uploads.decode(data)))
    except uploads.UploadError as error:
        raise EnvironmentsFileError([f"{error.where.capitalize()}: {error.message}"]) from None
    if not records:
        raise EnvironmentsFileError(["The file is empty"])
    header = _header(records[0][1])
    if "partner" not in header and fixed_partner is None:
        raise EnvironmentsFileError(["Line 1: the header has no column partner"])
    if len(records) - 1 > MAX_LINES:
        raise EnvironmentsFileError(
            [f"The file has more than {MAX_LINES:,} environments: split it"]
        )
    if len(records) == 1:
        raise EnvironmentsFileError(["Line 2: the file has no environments under its header"])
    problems: list[str] = []
    found: list[EnvironmentLine] = []
    first_seen: dict[tuple[int, str], int] = {}
    for number, values in records[1:]:
        while len(values) > len(header) and not values[-1].strip():
            values.pop()
        if len(values) > len(header):
            problems.append(
                f"Line {number}: has {len(values)} values, but the header has {len(header)} columns"
            )
            continue
        row = {k: v.strip() for k, v in zip(header, values, strict=False)}
        line = _line(number, row, partner, site_postcode, fixed_partner, problems)
        if line is None:
            continue
        key = (line.organisation_id, line.name.lower())
        if key in first_seen:
            problems.append(
                f"Line {number}: name: {line.name} is also on line {first_seen[key]}"
                " for the same partner"
            )
            continue
        first_seen[key] = number
        if existing(*key):
            problems.append(
                f"Line {number}: name: the partner already has an environment called {line.name}"
            )
            continue
        found.append(line)
    if problems:
        raise EnvironmentsFileError(problems)
    return found


def _line(
    number: int,
    row: Mapping[str, str],
    partner: Callable[[str], int | None],
    site_postcode: Callable[[int, str], str | None],
    fixed_partner: tuple[int, str] | None,
    problems: list[str],
) -> EnvironmentLine | None:
    """One line's environment, adding each of its problems (``Line N: column: what``)."""
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(f"Line {number}: {column}: {message}")

    organisation_id = _partner(row.get("partner", ""), partner, fixed_partner, bad)
    name = " ".join(row.get("name", "").split())
    if not name:
        bad("name", "is empty")
    elif len(name) > 200:
        bad("name", "is over 200 characters")
    setting = SETTINGS.get(row.get("setting", "").lower())
    if setting is None:
        bad("setting", f"{row.get('setting', '')!r} is not one of {', '.join(Setting.values)}")
    professions = [PROFESSIONS.get(p.lower()) for p in _list(row.get("professions", ""))]
    if not professions or None in professions:
        bad(
            "professions",
            f"{row.get('professions', '')!r}: give one or more of {', '.join(Profession.values)},"
            " separated by ;",
        )
    years = [_number(y) for y in _list(row.get("years", ""))]
    if not years or any(y not in YEARS for y in years):
        bad("years", f"{row.get('years', '')!r}: give years of study from 1 to 4, separated by ;")
    places = _number(row.get("places_per_block", ""))
    if places is None or not 1 <= places <= MAX_PLACES:
        bad(
            "places_per_block",
            f"{row.get('places_per_block', '')!r} is not a whole number from 1 to {MAX_PLACES}",
        )
    postcode = _postcode(row, organisation_id, site_postcode, bad)
    for column, limit in (("hours_and_shifts", 300), ("learning", 4000)):
        if len(row.get(column, "")) > limit:
            bad(column, f"is over {limit:,} characters")
    if len(problems) > before or organisation_id is None or postcode is None:
        return None
    return EnvironmentLine(
        line=number,
        organisation_id=organisation_id,
        name=name,
        setting=str(setting),
        postcode=postcode,
        professions=sorted({str(p) for p in professions}),
        years=sorted({int(y) for y in years if y is not None}),
        places_per_block=int(places or 0),
        hours_and_shifts=row.get("hours_and_shifts", ""),
        learning=row.get("learning", ""),
    )


def _partner(
    text: str,
    partner: Callable[[str], int | None],
    fixed_partner: tuple[int, str] | None,
    bad: Callable[[str, str], None],
) -> int | None:
    if fixed_partner is not None:
        if text and partner(text) != fixed_partner[0]:
            bad("partner", f"{text!r}: this file is for {fixed_partner[1]} only")
            return None
        return fixed_partner[0]
    if not text:
        bad("partner", "is empty")
        return None
    found = partner(text)
    if found is None:
        bad("partner", f"{text!r} is not a partner whose environments you add")
    return found


def _postcode(
    row: Mapping[str, str],
    organisation_id: int | None,
    site_postcode: Callable[[int, str], str | None],
    bad: Callable[[str, str], None],
) -> str | None:
    """The line's postcode: its own, else its site's."""
    site, given = row.get("site", ""), row.get("postcode", "")
    from_site = None
    if site and organisation_id is not None:
        from_site = site_postcode(organisation_id, site)
        if from_site is None:
            bad("site", f"the partner has no site called {site!r}")
            return None
    text = given or from_site or ""
    if not text:
        bad("postcode", "is empty (give a postcode or one of the partner's sites)")
        return None
    try:
        return normalise(text)
    except InvalidPostcode:
        bad("postcode", f"{text!r} is not a real postcode, like LS1 4AP")
        return None
