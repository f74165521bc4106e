"""The signed-in home for a partner admin and a talent coordinator, on the talent benchmark's
100,000 candidates and the learning benchmark's 1,000,000 bookings.

Figures: the home page (/home/) rendered for each, p50 and p95 over repeated runs in the
process, the number of queries it runs, against the target of p95 under 300 ms. The partner
admin administers a learning provider with the most sessions and a partner with the most
vacancies, so every contributor has data to count. On any database other than PostgreSQL the
benchmark runs itself again under scripts/with-postgres and prints that run's figures.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterator
from typing import Any

from django.db import connection

from bench import bench_learning, bench_talent, postgres

NAME = "home"
CHILD_FLAG = "ONEWORKFORCE_BENCH_HOME_CHILD"
TARGET_P95_MS = 300.0
RUNS = 40
_LOADED: dict[str, Any] = {}


def setup() -> None:
    if connection.vendor != "postgresql":
        return
    started = time.perf_counter()
    postgres.default_new_columns("talent", "learning")
    talent = bench_talent._load()
    learning = bench_learning._load()
    from django.db.models import Count  # late: Django is set up by bench/__main__ first

    # Late, like the imports above: they import models.
    from oneworkforce.partners.choices import Role
    from oneworkforce.partners.models import Organisation, RoleGrant
    from oneworkforce.partners.tests.factories import UserFactory

    provider = (
        Organisation.objects.annotate(n=Count("opportunities__sessions"))
        .order_by("-n", "pk")
        .first()
    )
    employer = (
        Organisation.objects.annotate(n=Count("talent_vacancies__applications"))
        .order_by("-n", "pk")
        .first()
    )
    admin = UserFactory(email="bench-home-admin@example.org", full_name="Bench admin")
    for organisation in {provider, employer}:
        RoleGrant.objects.create(user=admin, role=Role.PARTNER_ADMIN, organisation=organisation)
    _LOADED.update(
        admin=admin,
        coordinator=talent["coordinator"],
        candidates=talent["rows"]["talent_candidate"],
        applications=talent["rows"]["talent_application"],
        bookings=learning["counts"]["bookings"],
        load_s=time.perf_counter() - started,
    )


def run() -> Iterator[str]:
    if connection.vendor != "postgresql":
        yield from postgres.rerun_under_postgres(NAME, CHILD_FLAG)
        return
    from django.test import Client  # late: Django is set up by bench/__main__ first

    yield (
        f"  loaded {_LOADED['candidates']:,} candidates, {_LOADED['applications']:,} "
        f"applications and {_LOADED['bookings']:,} bookings in {_LOADED['load_s']:.0f} s"
    )
    for label, user in (
        ("partner admin", _LOADED["admin"]),
        ("talent coordinator", _LOADED["coordinator"]),
    ):
        client = Client()
        client.force_login(user)

        def page(client: Client = client) -> int:
            response = client.get("/home/")
            assert response.status_code == 200, response.status_code
            return len(response.content)

        page()  # warm up
        timings: list[tuple[float, str]] = []

        def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(  # noqa: B023 (used within this iteration only)
                    (time.perf_counter() - started, " ".join(sql.split()))
                )

        with connection.execute_wrapper(timed):
            page()
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            page()
            samples.append((time.perf_counter() - started) * 1000)
        p95 = sorted(samples)[max(0, math.ceil(0.95 * len(samples)) - 1)]
        met = "yes" if p95 < TARGET_P95_MS else "NO"
        yield (
            f"  home for a {label:<20} p50 {statistics.median(samples):7.1f} ms   "
            f"p95 {p95:7.1f} ms   ({len(timings)} queries, n={RUNS})   "
            f"p95 < {TARGET_P95_MS:.0f} ms: {met}"
        )
        for seconds, sql in sorted(timings, reverse=True)[:3]:
            yield f"    slowest query {seconds * 1000:7.1f} ms  {sql[:140]}"


__all__ = ["run", "setup"]
