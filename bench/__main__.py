"""Run the benchmarks against a fresh SQLite file (or DATABASE_URL if set) and print figures."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    workdir = tempfile.mkdtemp(prefix="oneworkforce-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "oneworkforce.config.settings.test"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    import bench

    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    wanted = set(argv)
    print(f"One Workforce benchmarks (database: {django.db.connection.vendor})")
    for module_name in names:
        module = importlib.import_module(f"bench.{module_name}")
        if wanted and module.NAME not in wanted:
            continue
        started = time.perf_counter()
        module.setup()
        print(f"\n{module.NAME}: {module.__doc__.strip().splitlines()[0]}")
        for line in module.run():
            print(line)
        print(f"  ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
