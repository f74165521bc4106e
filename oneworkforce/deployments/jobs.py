"""Time-driven deployment work for ``manage.py run_due_jobs``."""

from __future__ import annotations
