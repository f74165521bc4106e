"""Postcode geography without Django: straight-line distances and postcode location files.

Distances are great-circle ("as the crow flies") distances on a spherical Earth, not travel
distances or times.

Two file layouts are read, both CSV in UTF-8 (a byte-order mark is allowed):

* the **ONS Postcode Directory** (ONSPD) and the **National Statistics Postcode Lookup** (NSPL):
  the postcode in ``pcds`` (or ``pcd``, ``pcd7``, ``pcd8``), the position in ``lat`` and
  ``long``; column names are matched without regard to case and every other column is ignored.
  A row whose ``lat`` is ``99.999999`` has no grid reference and is skipped. Terminated
  postcodes (a ``doterm`` value) are **kept**: they still mark where the addresses were, and
  people and older records go on using them for years.
* a simple layout with the header ``postcode,latitude,longitude`` (and optionally
  ``imd_decile``) and no other columns, whose postcodes may also be outward codes (postcode
  districts such as ``LS1``), so a partnership can load district centroids alone.

Deprivation: the ONSPD's ``imd`` column holds the Index of Multiple Deprivation **rank** of the
postcode's neighbourhood (LSOA) within its own nation. For English postcodes (``ctry``
``E92000001``) it is stored as a decile, 1 being the most deprived tenth:
``ceil(rank * 10 / ENGLAND_LSOAS)``. Wales, Scotland and Northern Ireland rank different sets of
neighbourhoods with their own indices, so their deciles are not comparable with England's and
are left empty. Files without the column load with no deciles.

Lines whose first visible character is ``#`` are comments, before or after the header.

Files are read as a stream and handed over in batches: the full ONSPD (about 2.7 million rows,
over 1 GB) is never held in memory. Every row is checked; problems name the line and the column
and are raised together (up to ``MAX_ERRORS``) as a :class:`PostcodeFileError` once the whole
file has been read. A reader yields no batch after the first problem, so callers check the file
with :func:`check_file` and then write :func:`read_batches` inside one transaction.
"""

from __future__ import annotations

import csv
import math
import re
from array import array
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from oneworkforce.core.postcodes import InvalidPostcode, normalise

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
LATITUDE_RANGE = (49.0, 61.0)  # degrees north: the Isles of Scilly to Shetland
LONGITUDE_RANGE = (-9.0, 2.5)  # degrees east: Northern Ireland to East Anglia
NO_GRID_REFERENCE = 99.999999  # the ONSPD's latitude for a postcode without a grid reference
MAX_ERRORS = 20
BATCH_SIZE = 5000

ONSPD = "ONS Postcode Directory"
SIMPLE = "postcode,latitude,longitude"
ONSPD_POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8")
SIMPLE_COLUMNS = ("postcode", "latitude", "longitude")
SIMPLE_OPTIONAL = ("imd_decile",)
# Neighbourhoods (LSOAs) ranked by the English Indices of Deprivation 2019, the edition the
# ONSPD's ``imd`` column carries; a later edition changes this count.
ENGLAND_LSOAS = 32_844
ENGLAND = "E92000001"

Point = tuple[float, float]
"""(latitude, longitude) in decimal degrees."""
Progress = Callable[[int], None]
"""Called with the number of bytes read since the last call."""
K = TypeVar("K", bound=Hashable)

_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_PROGRESS_EVERY = 4096  # lines


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in kilometres between two points given in decimal degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = math.radians(lat2 - lat1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def within_km(origin: Point, places: Mapping[K, Point], km: float) -> dict[K, float]:
    """The places no further than ``km`` from ``origin``, each with its distance in kilometres,
    nearest first (places at the same distance keep their order in ``places``)."""
    if not km >= 0:  # also refuses NaN
        raise ValueError(f"the radius must be a number of kilometres of 0 or more, not {km!r}")
    lat, lon = origin
    inside: list[tuple[float, K]] = []
    for key, (place_lat, place_lon) in places.items():
        distance = haversine_km(lat, lon, place_lat, place_lon)
        if distance <= km:
            inside.append((distance, key))
    inside.sort(key=lambda pair: pair[0])
    return {key: distance for distance, key in inside}


def normalise_postcode_or_district(value: str) -> str:
    """``ls1 4ap`` → ``LS1 4AP``; ``ls1`` → ``LS1`` (an outward code, the postcode district).

    Raises :class:`~oneworkforce.core.postcodes.InvalidPostcode` for anything else.
    """
    try:
        return normalise(value)
    except InvalidPostcode:
        compact = re.sub(r"\s+", "", value or "").upper()
        if _OUTWARD.match(compact):
            return compact
        raise InvalidPostcode(
            f"{value!r} is neither a UK postcode nor a postcode district"
        ) from None


def outward_code(code: str) -> str:
    """The outward code of a canonical postcode or district (``LS1`` of ``LS1 4AP`` or ``LS1``)."""
    return code.split(" ", 1)[0]


@dataclass(frozen=True, slots=True)
class Location:
    """One checked row: a canonical postcode (``LS1 4AP``) or district (``LS1``) and its place."""

    postcode: str
    latitude: float
    longitude: float
    line: int
    imd_decile: int | None = None

    @property
    def outward_code(self) -> str:
        return outward_code(self.postcode)

    @property
    def is_district(self) -> bool:
        return " " not in self.postcode


@dataclass
class FileSummary:
    """What a read found. ``rows`` counts data rows (not the header, comments or blank lines)."""

    name: str
    layout: str = ""
    rows: int = 0
    locations: int = 0
    districts: int = 0
    terminated: int = 0
    no_grid_reference: int = 0


class PostcodeFileError(Exception):
    """The file cannot be imported. ``messages`` name the line (and column) of each fault."""

    def __init__(self, name: str, messages: list[str]) -> None:
        self.name = name
        self.messages = messages
        super().__init__(f"{name}: " + "; ".join(messages))


class _Errors:
    """Problems as (line, message), at most ``MAX_ERRORS`` of them reported, in line order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[int, str]] = []
        self.total = 0

    def add(self, line: int, message: str) -> None:
        self.total += 1
        if len(self.found) < MAX_ERRORS:
            self.found.append((line, message))

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self) -> None:
        if not self.total:
            return
        messages = [message for _, message in sorted(self.found, key=lambda pair: pair[0])]
        messages = messages[:MAX_ERRORS]
        if self.total > MAX_ERRORS:
            messages.append(
                f"{self.total - MAX_ERRORS} more problems not listed; correct these first"
            )
        raise PostcodeFileError(self.name, messages)


@dataclass(frozen=True)
class _Layout:
    name: str
    postcode: int
    latitude: int
    longitude: int
    terminated: int | None
    names: list[str]
    deprivation: int | None = None  # imd (ONSPD rank) or imd_decile (simple layout)
    country: int | None = None  # ctry (ONSPD)

    def column(self, index: int) -> str:
        return self.names[index]


def _text_lines(
    path: Path, errors: _Errors, progress: Progress | None
) -> Iterator[tuple[int, str]]:
    """Each physical line, decoded, with its number. A comment line or one that is not UTF-8
    (reported) is given as an empty line, so the csv module's line count stays true."""
    unreported = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            unreported += len(raw)
            if progress is not None and number % _PROGRESS_EVERY == 0:
                progress(unreported)
                unreported = 0
            if number == 1 and raw.startswith(_BYTE_ORDER_MARK):
                raw = raw[len(_BYTE_ORDER_MARK) :]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors.add(number, f"line {number}: is not UTF-8 text (is it a CSV file?)")
                text = "\n"
            if text.lstrip().startswith("#"):
                text = "\n"
            yield number, text
    if progress is not None and unreported:
        progress(unreported)


def _records(lines: Iterator[tuple[int, str]], errors: _Errors) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank CSV record with the line it starts on. A record the csv module cannot read
    is reported and ends the file."""
    reader = csv.reader((text for _, text in lines), strict=True)
    start = 1
    try:
        for values in reader:
            if values and (values[0].strip() or any(v.strip() for v in values)):
                yield start, values
            start = reader.line_num + 1
    except csv.Error as error:
        errors.add(start, f"line {start}: cannot be read as CSV ({error})")


def _layout(line: int, header: list[str], errors: _Errors) -> _Layout | None:
    names = [name.strip() for name in header]
    lower = [name.lower() for name in names]
    where = f"line {line}"
    repeated = sorted({name for name in lower if name and lower.count(name) > 1})
    if repeated:
        errors.add(line, f"{where}: the column {', '.join(repeated)} appears more than once")
        return None
    if "postcode" in lower:
        missing = [c for c in SIMPLE_COLUMNS if c not in lower]
        known = SIMPLE_COLUMNS + SIMPLE_OPTIONAL
        unknown = [n for n, low in zip(names, lower, strict=True) if low not in known]
        if missing:
            errors.add(line, f"{where}: missing the column {', '.join(missing)}")
        if unknown:
            errors.add(
                line,
                f"{where}: unknown column {', '.join(unknown)} (the simple layout has only "
                "postcode, latitude, longitude and optionally imd_decile)",
            )
        if missing or unknown:
            return None
        return _Layout(
            SIMPLE,
            lower.index("postcode"),
            lower.index("latitude"),
            lower.index("longitude"),
            None,
            names,
            lower.index("imd_decile") if "imd_decile" in lower else None,
        )
    postcode = next((c for c in ONSPD_POSTCODE_COLUMNS if c in lower), None)
    if postcode is None or "lat" not in lower or "long" not in lower:
        errors.add(
            line,
            f"{where}: expected the columns postcode, latitude and longitude, or an ONS Postcode "
            "Directory header with pcds, lat and long",
        )
        return None
    return _Layout(
        ONSPD,
        lower.index(postcode),
        lower.index("lat"),
        lower.index("long"),
        lower.index("doterm") if "doterm" in lower else None,
        names,
        lower.index("imd") if "imd" in lower else None,
        lower.index("ctry") if "ctry" in lower else None,
    )


def _coordinate(
    text: str, bounds: tuple[float, float], unit: str, where: str, errors: _Errors, line: int
) -> float | None:
    if not text:
        errors.add(line, f"{where}: is empty")
        return None
    try:
        value = float(text)
    except ValueError:
        errors.add(line, f"{where}: {text!r} is not a number")
        return None
    low, high = bounds
    if not low <= value <= high:  # also refuses NaN and infinities
        errors.add(
            line,
            f"{where}: {text} is outside the United Kingdom ({low:g} to {high:g} {unit})",
        )
        return None
    return value


def _decile(
    values: list[str], layout: _Layout, where: str, errors: _Errors, line: int
) -> int | None:
    """The row's deprivation decile, or ``None`` when the file or the row has none."""
    if layout.deprivation is None:
        return None
    text = values[layout.deprivation].strip()
    if not text:
        return None
    column = f"{where}, column {layout.column(layout.deprivation)}"
    if layout.name == SIMPLE:
        if not text.isdigit() or not 1 <= int(text) <= 10:
            errors.add(line, f"{column}: {text!r} is not a decile from 1 to 10")
            return None
        return int(text)
    if layout.country is not None and values[layout.country].strip() != ENGLAND:
        return None  # another nation's index: not comparable with England's deciles
    if not text.isdigit() or not 1 <= int(text) <= ENGLAND_LSOAS:
        errors.add(line, f"{column}: {text!r} is not a rank from 1 to {ENGLAND_LSOAS}")
        return None
    return imd_decile(int(text))


def imd_decile(rank: int, neighbourhoods: int = ENGLAND_LSOAS) -> int:
    """The decile (1 = most deprived tenth) of an Index of Multiple Deprivation rank."""
    return math.ceil(rank * 10 / neighbourhoods)


def _postcode_key(postcode: str) -> int:
    """A canonical postcode (at most 8 ASCII characters) as one 64-bit integer."""
    return int.from_bytes(postcode.encode("ascii"), "big")


def _postcode_of_key(key: int) -> str:
    return key.to_bytes(8, "big").lstrip(b"\0").decode("ascii")


def _report_repeats(keys: array[int], lines: array[int], column: str, errors: _Errors) -> None:
    """Report postcodes given more than once, each against the line that first gave it. The
    keys are sorted by numpy: 16 bytes a row instead of a set of millions of strings."""
    codes = np.frombuffer(keys, dtype=np.int64)
    if codes.size < 2:
        return
    at = np.frombuffer(lines, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    repeats = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
    if repeats.size == 0:
        return
    first = np.searchsorted(ordered, ordered[repeats], side="left")
    repeat_lines = at[order[repeats]]
    first_lines = at[order[first]]
    shown = np.argsort(repeat_lines, kind="stable")[:MAX_ERRORS]
    for i in shown:
        line = int(repeat_lines[i])
        errors.add(
            line,
            f"line {line}, column {column}: {_postcode_of_key(int(ordered[repeats[i]]))} repeats "
            f"line {int(first_lines[i])}",
        )
    errors.total += int(repeats.size) - int(shown.size)  # counted, not listed


def read_batches(
    path: str | Path,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    summary: FileSummary | None = None,
) -> Iterator[list[Location]]:
    """The file's locations, ``batch_size`` at a time, while no problem has been found.

    Raises :class:`PostcodeFileError` with every problem (up to ``MAX_ERRORS``) once the whole
    file has been read; batches already yielded must then be discarded (write them inside a
    transaction). ``summary``, if given, is filled in as the file is read.
    """
    path = Path(path)
    summary = summary if summary is not None else FileSummary(path.name)
    errors = _Errors(path.name)
    records = _records(_text_lines(path, errors, progress), errors)
    first = next(records, None)
    if first is None:
        if not errors:
            errors.add(1, "line 1: the file is empty")
        errors.raise_if_any()
        return
    header_line, header = first
    layout = _layout(header_line, header, errors)
    if layout is None:
        errors.raise_if_any()
        return
    summary.layout = layout.name
    onspd = layout.name == ONSPD
    width = len(header)
    where_postcode = f", column {layout.column(layout.postcode)}"
    where_latitude = f", column {layout.column(layout.latitude)}"
    where_longitude = f", column {layout.column(layout.longitude)}"
    keys: array[int] = array("q")
    key_lines: array[int] = array("q")
    batch: list[Location] = []
    in_batch: set[str] = set()
    spoiled = False  # a repeat within the batch: reported once the whole file is read

    for line, values in records:
        summary.rows += 1
        if len(values) != width:
            errors.add(line, f"line {line}: has {len(values)} values, expected {width}")
            continue
        lat_text = values[layout.latitude].strip()
        if onspd:
            try:
                if float(lat_text) == NO_GRID_REFERENCE:
                    summary.no_grid_reference += 1
                    continue
            except ValueError:
                pass  # reported below
        try:
            if onspd:
                postcode = normalise(values[layout.postcode])
            else:
                postcode = normalise_postcode_or_district(values[layout.postcode])
        except InvalidPostcode:
            shown = values[layout.postcode].strip()
            kind = "a UK postcode" if onspd else "a UK postcode or postcode district"
            message = "is empty" if not shown else f"{shown!r} is not {kind}"
            errors.add(line, f"line {line}{where_postcode}: {message}")
            postcode = ""
        latitude = _coordinate(
            lat_text, LATITUDE_RANGE, "degrees north", f"line {line}{where_latitude}", errors, line
        )
        longitude = _coordinate(
            values[layout.longitude].strip(),
            LONGITUDE_RANGE,
            "degrees east",
            f"line {line}{where_longitude}",
            errors,
            line,
        )
        decile = _decile(values, layout, f"line {line}", errors, line)
        if not postcode or latitude is None or longitude is None:
            continue
        keys.append(_postcode_key(postcode))
        key_lines.append(line)
        summary.locations += 1
        if " " not in postcode:
            summary.districts += 1
        if layout.terminated is not None and values[layout.terminated].strip():
            summary.terminated += 1
        spoiled = spoiled or postcode in in_batch
        if errors or spoiled:
            continue
        batch.append(Location(postcode, latitude, longitude, line, decile))
        in_batch.add(postcode)
        if len(batch) >= batch_size:
            yield batch
            batch, in_batch = [], set()

    _report_repeats(keys, key_lines, layout.column(layout.postcode), errors)
    if not errors and summary.locations == 0:
        skipped = (
            f" ({summary.no_grid_reference} rows had no grid reference)"
            if summary.no_grid_reference
            else ""
        )
        errors.add(header_line + 1, f"line {header_line + 1}: the file has no locations{skipped}")
    errors.raise_if_any()
    if batch:
        yield batch


def check_file(path: str | Path, *, progress: Progress | None = None) -> FileSummary:
    """Read the whole file and raise :class:`PostcodeFileError` for any problem."""
    summary = FileSummary(Path(path).name)
    for _ in read_batches(path, progress=progress, summary=summary):
        pass
    return summary
