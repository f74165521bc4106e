"""Helpers for the benchmarks that need PostgreSQL: re-running a benchmark under a throwaway
cluster (scripts/with-postgres), and loading generated rows fast with COPY."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rerun_under_postgres(name: str, child_flag: str) -> Iterator[str]:
    """Run benchmark ``name`` again in a child process on a throwaway PostgreSQL cluster
    (scripts/with-postgres) and pass its figures on. ``child_flag`` marks the child."""
    if os.environ.get(child_flag):
        raise RuntimeError(f"The {name} benchmark must run on PostgreSQL.")
    yield f"  {connection.vendor} is not PostgreSQL: running under scripts/with-postgres"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({child_flag: "1", "PGTEST_PORT": str(free_port()), "PYTHONUNBUFFERED": "1"})
    command = [str(ROOT / "scripts" / "with-postgres"), sys.executable, "-m", "bench", name]
    # Figures arrive on stdout as the run makes them; progress bars and errors go to stderr.
    with subprocess.Popen(  # noqa: S603 (our own script running this interpreter)
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            line = line.rstrip("\n")
            if line.startswith("PostgreSQL "):
                yield f"  {line.replace('running on', 'throwaway cluster on')}"
            elif line.startswith("  ") and not re.fullmatch(r"  \(\d+\.\d s\)", line):
                yield line
    if child.returncode != 0:
        raise RuntimeError(
            f"The {name} benchmark failed under scripts/with-postgres (exit status "
            f"{child.returncode}); see the messages above. Without PostgreSQL, install it "
            "first: scripts/require-system-packages postgresql."
        )


def copy_rows(table: str, columns: list[str], rows: list[str], bar: Any) -> None:
    """COPY tab-separated ``rows`` (no tabs, newlines or backslashes inside values)."""
    bar.set_description(table)
    with connection.cursor() as cursor:
        raw = cursor.connection.cursor()  # psycopg 3's cursor, for COPY
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for start in range(0, len(rows), 20_000):
                chunk = rows[start : start + 20_000]
                copy.write("\n".join(chunk) + "\n")
                bar.update(len(chunk))
        raw.close()


def next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def reset_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT max(id) FROM {table}))"
        )


def settle(tables: list[str]) -> None:
    """Leave freshly loaded ``tables`` as a settled database would have them: hint bits and
    the visibility map set and statistics fresh, as autovacuum leaves a live database (and no
    autovacuum of the new rows competing with the measurements)."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")


def default_new_columns(*prefixes: str) -> None:
    """Columns added to tables after a benchmark's loader was written are not in the loader's
    COPY: give each required text or yes/no column of the tables named ``<prefix>_...`` the
    empty value its model defaults to, as a database default, so the loader's rows still load.
    The throwaway cluster is dropped after the run, so nothing outlives the benchmark."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND is_nullable = 'NO' AND column_default IS NULL "
            "AND table_name LIKE ANY(%s) "
            "AND data_type IN ('character varying', 'text', 'boolean')",
            [[f"{prefix}\\_%" for prefix in prefixes]],
        )
        for table, column, kind in cursor.fetchall():
            value = "false" if kind == "boolean" else "''"
            cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT {value}')
