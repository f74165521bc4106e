"""Where the published data the project carries lives: ``data/`` at the repository's root.

The demo, the tests and the benchmarks read these files; nothing reads a folder outside the
repository. ``data/README.md`` names each file's publisher, period and licence. This module
imports no Django, so the pure engines' tests and the benchmarks can use it too.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# Folders relative to a data folder (the demo's ``--data-dir`` takes another with this layout).
TURNOVER_FOLDER = Path("nhs_workforce") / "turnover"
SICKNESS_FOLDER = Path("nhs_workforce") / "sickness_absence"
NATIONALITY_FOLDER = Path("nhs_workforce") / "staff_in_post_nationality"
ELECTIONS_FOLDER = Path("participatory_budgeting")


class MissingData(LookupError):
    """A published file the caller needs is not where it should be."""


def files(folder: Path, pattern: str, *, data_dir: Path = DATA_DIR) -> list[Path]:
    """The files matching ``pattern`` in ``data_dir / folder``, sorted; at least one."""
    where = Path(data_dir) / folder
    if not where.is_dir():
        raise MissingData(
            f"The folder {where} does not exist: it should hold the published {pattern} files "
            f"({folder}/ inside the data folder)."
        )
    found = sorted(where.glob(pattern))
    if not found:
        raise MissingData(f"No {pattern} file in {where}.")
    return found


def turnover(data_dir: Path = DATA_DIR) -> Path:
    """The newest turnover benchmarking CSV (NHS England, one monthly period per file)."""
    return files(TURNOVER_FOLDER, "*.csv", data_dir=data_dir)[-1]


def sickness(data_dir: Path = DATA_DIR) -> list[Path]:
    """The monthly sickness absence CSVs, oldest first."""
    return files(SICKNESS_FOLDER, "*.csv", data_dir=data_dir)


def nationality(data_dir: Path = DATA_DIR) -> Path:
    """The staff-by-staff-group-and-nationality workbook."""
    return files(NATIONALITY_FOLDER, "*.xlsx", data_dir=data_dir)[-1]


def elections(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every pabulib election the project carries (``*/*.pb``)."""
    return files(ELECTIONS_FOLDER, "*/*.pb", data_dir=data_dir)


def election(name: str) -> Path:
    """One carried election by its file name."""
    for path in elections():
        if path.name == name:
            return path
    raise MissingData(f"No election {name} under {DATA_DIR / ELECTIONS_FOLDER}.")
