"""Time-driven work, run by ``manage.py run_due_jobs`` from cron or a systemd timer.

A job is a function ``(now) -> int`` that returns how many things it did. Each job must be safe
to run twice and to run in two processes at once (PostgreSQL: ``select_for_update(skip_locked=
True)``). Apps add their jobs to ``JOBS`` by importing ``register``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

Job = Callable[[dt.datetime], int]


@dataclass(frozen=True)
class RegisteredJob:
    name: str
    description: str
    run: Job


JOBS: dict[str, RegisteredJob] = {}


def register(name: str, description: str) -> Callable[[Job], Job]:
    def decorator(function: Job) -> Job:
        JOBS[name] = RegisteredJob(name=name, description=description, run=function)
        return function

    return decorator
